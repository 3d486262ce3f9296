// The shipped TypeScript declarations, from the packed tarball, checking a realistic program as a
// bundler project (`moduleResolution: "bundler"`, the DOM's types) and as a Node project
// (`module`/`moduleResolution: "node16"`, Node's types and no DOM). The program also carries
// mistakes marked @ts-expect-error, so that declarations too loose to catch them fail the check.
//
//   node --test tests/bundlers/types.test.mjs      (after scripts/build wasm)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const packageRoot = path.resolve(process.env.LEDE_PACKAGE ?? path.join(here, "..", "..", "wasm"));
const tsc = path.join(here, "node_modules", "typescript", "bin", "tsc");

const PROGRAM = `import { createAnalyzer, createWorkerAnalyzer, version } from "lede";
import type { Analyzer, Entity, Quote, Result, WorkerAnalyzer } from "lede";

function whoSaidWhat(text: string, result: Result): string[] {
  const byId = new Map<number, Entity>(result.entities.map((e) => [e.id, e]));
  return result.quotes.map((q: Quote) => {
    const speaker = q.speaker?.entity != null ? byId.get(q.speaker.entity)?.name : q.speaker?.name;
    return \`\${speaker ?? "unattributed"}: \${text.slice(q.start, q.end)} (\${q.kind}, cue \${q.cue?.text ?? "none"})\`;
  });
}

export async function main(text: string, signal: AbortSignal): Promise<string[]> {
  const analyzer: Analyzer = await createAnalyzer({ wasmUrl: new URL("https://cdn.example/lede-core.wasm") });
  const tokens = analyzer.analyze(text, { tokens: true, offsets: "codepoint" }).tokens ?? [];
  const kinds = new Set(tokens.map((t) => t.kind));
  const json: string = analyzer.analyzeJSON(text);
  analyzer.dispose();

  const worker: WorkerAnalyzer = await createWorkerAnalyzer({
    worker: new URL("./lede-worker.js", "https://app.example/"),
    modelUrl: "/models/lede-ner.bin",
  });
  const result = await worker.analyze(text, { signal });
  worker.dispose();
  const lines = whoSaidWhat(text, result);
  lines.push(\`\${kinds.size} token kinds, \${json.length} characters of JSON, lede \${await version()}\`);
  return lines;
}

export async function mistakes(text: string): Promise<void> {
  const analyzer = await createAnalyzer();
  // @ts-expect-error: offsets are "utf16", "codepoint" or "utf8"
  analyzer.analyze(text, { offsets: "bytes" });
  // @ts-expect-error: wasmUrl is a string or a URL
  await createAnalyzer({ wasmUrl: 42 });
  // @ts-expect-error: a worker is a Worker or its URL
  await createWorkerAnalyzer({ worker: true });
  // @ts-expect-error: the direct analyzer returns a Result, not a promise
  analyzer.analyze(text).then(() => {});
  // @ts-expect-error: the entity types are PERSON, ORG, LOC and MISC
  analyzer.analyze(text).entities.filter((e) => e.type === "PER");
}
`;

const CONFIGS = {
  bundler: { module: "esnext", moduleResolution: "bundler", target: "es2022", lib: ["es2022", "dom"], types: [] },
  node16: { module: "node16", moduleResolution: "node16", target: "es2022", lib: ["es2022"], types: ["node"] },
};

let tmp;
let app;

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    throw new Error(`${path.basename(command)} ${args.join(" ")} failed:\n${err.stdout}\n${err.stderr}`);
  }
}

before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "lede-types-"));
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], packageRoot));
  app = path.join(tmp, "app");
  mkdirSync(path.join(app, "src"), { recursive: true });
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", path.join(tmp, packed.filename)], app);
  // Node's types from this folder's devDependencies, as a Node project would have them.
  mkdirSync(path.join(app, "node_modules", "@types"), { recursive: true });
  run("ln", ["-s", path.join(here, "node_modules", "@types", "node"), path.join(app, "node_modules", "@types", "node")], app);
  writeFileSync(path.join(app, "src", "main.ts"), PROGRAM);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

for (const [name, options] of Object.entries(CONFIGS)) {
  test(`the declarations check a realistic program under moduleResolution ${name}`, { timeout: 120_000 }, () => {
    const config = `tsconfig.${name}.json`;
    writeFileSync(path.join(app, config), JSON.stringify({
      compilerOptions: { ...options, strict: true, noEmit: true, skipLibCheck: false },
      include: ["src"],
    }, null, 2));
    run(process.execPath, [tsc, "-p", config], app);
  });
}

test("a program that misuses the API fails the check (the declarations are not `any`)", { timeout: 120_000 }, () => {
  writeFileSync(path.join(app, "tsconfig.wrong.json"), JSON.stringify({
    compilerOptions: { ...CONFIGS.bundler, strict: true, noEmit: true },
    files: ["wrong.ts"],
  }));
  writeFileSync(path.join(app, "wrong.ts"), 'import { createAnalyzer } from "lede";\nawait createAnalyzer({ modelUrl: 7 });\nexport {};\n');
  assert.throws(() => run(process.execPath, [tsc, "-p", "tsconfig.wrong.json"], app),
    /wrong\.ts\(2,\d+\): error TS2322: Type 'number' is not assignable to type 'string \| URL/);
});
