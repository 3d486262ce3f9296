// The package as people install it: `npm pack` wasm/ into a tarball, `npm install` it into a fresh
// project, and use it from there — in Node (the API, the worker API, `npx lede`) and from a plain
// browser page with no bundler (an import map into node_modules) in Debian's headless Chromium.
//
//   node --test tests/package/        (after the package is built: wasm/dist/)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, openPage } from "../browser/browser.mjs";
import { createStaticServer } from "../../web-demo/serve.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
// LEDE_PACKAGE: pack another build of the package (its root, holding package.json and dist/).
const packageRoot = path.resolve(process.env.LEDE_PACKAGE ?? path.join(repoRoot, "wasm"));
const TIMEOUT = { timeout: 180_000 };

// Emoji (ZWJ family, flag, skin tone), a combining mark, CJK, a supplementary-plane CJK character,
// curly quotes: UTF-16 offsets differ from code points and bytes all through it.
const TEXT = [
  "Zoë Müller, the mayor of São Paulo 🇧🇷, met officials from 東京 and 𠮷野家 on Tuesday 👩‍👩‍👧.",
  "“We agree on almost everything 👍🏽,” said Zoë Müller. Jose\u0301 Álvarez of the Unión Obrera said the deal was “a good start”.",
  "",
  "“It is not enough,” Álvarez told reporters in Madrid.",
].join("\n");

let tmp;
let tarball;
let packed; // npm pack --json's description of the tarball
let app; // the fresh project that installed it

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
}

before(() => {
  assert.ok(existsSync(path.join(packageRoot, "dist", "index.js")), "the package is not built: wasm/dist/index.js is missing (run scripts/build first)");
  tmp = mkdtempSync(path.join(os.tmpdir(), "lede-pack-"));
  [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], packageRoot));
  tarball = path.join(tmp, packed.filename);
  app = path.join(tmp, "app");
  run("mkdir", ["-p", app], tmp);
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "lede-pack-check", private: true, type: "module" }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", tarball], app);
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every span of a result slices the text back to its own text (UTF-16 offsets). */
function assertSpansSlice(text, result) {
  const spans = [];
  for (const t of result.tokens ?? []) spans.push(["token", t]);
  for (const e of result.entities) for (const m of e.mentions) spans.push([`mention of ${e.name}`, m]);
  for (const q of result.quotes) {
    spans.push([`quote ${q.id}`, q]);
    if (q.cue) spans.push([`cue of quote ${q.id}`, q.cue]);
    if (q.speaker?.mention) spans.push([`speaker of quote ${q.id}`, q.speaker.mention]);
  }
  for (const [what, s] of spans) assert.equal(text.slice(s.start, s.end), s.text, `${what} at ${s.start}-${s.end}`);
  for (const s of [...result.sentences, ...result.paragraphs]) {
    assert.ok(0 <= s.start && s.start <= s.end && s.end <= text.length, `range ${s.start}-${s.end} outside the text`);
  }
  assert.equal(result.length, text.length);
  return spans.length;
}

test("the tarball holds the built package, its licence, notice and README, and nothing else", TIMEOUT, () => {
  const files = packed.files.map((f) => f.path).sort();
  for (const needed of ["package.json", "README.md", "LICENSE", "NOTICE", "dist/index.js", "dist/index.node.js",
    "dist/index.cjs", "dist/index.d.ts", "dist/worker.js", "dist/worker.node.js", "dist/lede-core.wasm", "dist/lede-ner.bin"]) {
    assert.ok(files.includes(needed), `${needed} is missing from the tarball (${files.join(", ")})`);
  }
  const stray = files.filter((f) => !/^(package\.json|README\.md|LICENSE|NOTICE|dist\/.*|bin\/.*)$/.test(f));
  assert.deepEqual(stray, [], "files outside dist/ and bin/ were packed");
  const installed = (file) => readFileSync(path.join(app, "node_modules", "lede", file), "utf8");
  // The npm page shows the README; the licence and notice are the repository's own.
  assert.equal(installed("README.md"), readFileSync(path.join(repoRoot, "README.md"), "utf8"));
  assert.equal(installed("LICENSE"), readFileSync(path.join(repoRoot, "LICENSE"), "utf8"));
  assert.equal(installed("NOTICE"), readFileSync(path.join(repoRoot, "NOTICE"), "utf8"));
  assert.match(installed("LICENSE"), /^MIT License/);
  for (const source of ["CoNLL-2003", "PolNeAR", "GUM", "CC BY 4.0", "utf8proc"]) {
    assert.ok(installed("NOTICE").includes(source), `NOTICE does not name ${source}`);
  }
  // The packing copies them in and takes them away again.
  for (const file of ["README.md", "LICENSE", "NOTICE"]) assert.ok(!existsSync(path.join(packageRoot, file)), `${file} left in ${packageRoot}`);

  const manifest = JSON.parse(installed("package.json"));
  assert.equal(manifest.name, "lede");
  assert.equal(manifest.type, "module");
  assert.equal(manifest.license, "MIT");
  for (const field of ["repository", "homepage", "bugs", "engines", "main", "module", "types"]) {
    assert.ok(manifest[field], `package.json has no ${field}`);
  }
  assert.equal(manifest.sideEffects, false);
  const root = manifest.exports["."];
  assert.deepEqual(Object.keys(root), ["types", "node", "browser", "default"], "exports['.'] conditions (types first)");
  assert.equal(root.browser, "./dist/index.js");
  assert.equal(root.node.import, "./dist/index.node.js");
  console.log(`# ${packed.filename}: ${packed.files.length} files, ${Math.round(packed.size / 1024)} KB packed, ${Math.round(packed.unpackedSize / 1024)} KB unpacked`);
});

test("in Node, from the installed tarball: analyze, the worker API and the version", TIMEOUT, () => {
  // A script inside the fresh project, so that "lede" resolves through its node_modules.
  writeFileSync(path.join(app, "check.mjs"), `
import { createAnalyzer, createWorkerAnalyzer } from "lede";
import manifest from "lede/package.json" with { type: "json" };
const text = ${JSON.stringify(TEXT)};
const analyzer = await createAnalyzer();
const result = analyzer.analyze(text, { tokens: true });
const plain = analyzer.analyze(text);
analyzer.dispose();
const worker = await createWorkerAnalyzer();
const fromWorker = await worker.analyze(text, { tokens: true });
worker.dispose();
let badArgument = null;
try { (await createAnalyzer()).analyze(42); } catch (err) { badArgument = err.message; }
console.log(JSON.stringify({ result, plain, fromWorker, version: analyzer.version, manifestVersion: manifest.version, badArgument }));
`);
  const out = JSON.parse(run("node", ["check.mjs"], app));
  assert.equal(out.result.schema, 1);
  assert.equal(out.result.offsets, "utf16");
  const n = assertSpansSlice(TEXT, out.result);
  assert.ok(out.result.tokens.length > 30 && n > 30, "expected the tokens of the text");
  assert.ok(out.result.tokens.some((t) => t.text === "👩‍👩‍👧" && t.kind === "emoji"), "the ZWJ family emoji is one token");
  assert.ok(out.result.tokens.some((t) => t.text === "𠮷野家" || t.text.startsWith("𠮷")), "the supplementary-plane CJK word is a token");
  assert.equal(out.plain.tokens, undefined, "tokens appear only when asked for");
  assert.deepEqual(out.fromWorker, out.result, "the worker API gives another result than the direct one");
  assert.equal(out.version, out.manifestVersion, "the library's version differs from package.json's");
  assert.match(out.badArgument ?? "", /^lede: /, "a non-string text must throw an Error starting with 'lede:'");
  if (out.result.quotes.length > 0) {
    assert.ok(out.result.quotes.some((q) => q.text === "We agree on almost everything 👍🏽,"
      || q.text === "We agree on almost everything 👍🏽"), "the first quotation is found with its emoji");
  }
});

test("npx lede analyze, from the installed tarball", TIMEOUT, (t) => {
  const manifest = JSON.parse(readFileSync(path.join(app, "node_modules", "lede", "package.json"), "utf8"));
  if (!manifest.bin) {
    t.skip("the package has no bin entry");
    return;
  }
  writeFileSync(path.join(app, "article.txt"), TEXT);
  const out = JSON.parse(run("npx", ["--no-install", "lede", "analyze", "article.txt", "--offsets", "utf16"], app));
  assert.equal(out.schema, 1);
  assertSpansSlice(TEXT, out);
});

test("in a plain browser page with no bundler (import map into node_modules)", TIMEOUT, async () => {
  writeFileSync(path.join(app, "index.html"), `<!doctype html>
<meta charset="utf-8">
<title>lede without a bundler</title>
<link rel="icon" href="data:,">
<script type="importmap">{ "imports": { "lede": "./node_modules/lede/dist/index.js" } }</script>
<script type="module">
  import { createAnalyzer, createWorkerAnalyzer } from "lede";
  const text = ${JSON.stringify(TEXT).replace(/</g, "\\u003c")};
  try {
    const analyzer = await createAnalyzer();
    const direct = analyzer.analyze(text, { tokens: true });
    // analyze() builds its objects from the core's compact form: the same as parsing the JSON.
    const sameAsJSON = JSON.stringify(direct) === analyzer.analyzeJSON(text, { tokens: true });
    analyzer.dispose();
    const worker = await createWorkerAnalyzer();
    const fromWorker = await worker.analyze(text, { tokens: true });
    worker.dispose();
    // The model at an address relative to the page, which the worker (elsewhere) must find too.
    const relative = "./node_modules/lede/dist/lede-ner.bin";
    const viaUrl = (await createAnalyzer({ modelUrl: new URL(relative, location.href) })).analyze(text, { tokens: true });
    const viaUrlWorker = await createWorkerAnalyzer({ modelUrl: relative });
    const fromUrlWorker = await viaUrlWorker.analyze(text, { tokens: true });
    viaUrlWorker.dispose();
    const missing = await createAnalyzer({ modelUrl: "./no-such-model.bin" }).then(() => "created", (err) => err.message);
    // A missing core, directly and in a worker (whose error comes back as it was thrown there).
    const missingWasm = await createAnalyzer({ wasmUrl: new URL("./no-such-core.wasm", location.href) })
      .then(() => "created", (err) => err.message);
    const missingWasmWorker = await createWorkerAnalyzer({ wasmUrl: "./no-such-core.wasm" })
      .then(() => "created", (err) => err.message);
    // A worker brought by the page, running the package's worker script.
    const ownWorker = await createWorkerAnalyzer({ worker: new Worker("./node_modules/lede/dist/worker.js", { type: "module" }) });
    const fromOwnWorker = await ownWorker.analyze(text, { tokens: true });
    ownWorker.dispose();
    // A worker whose script does not load.
    const brokenWorker = await createWorkerAnalyzer({ worker: "./no-such-worker.js" }).then(() => "created", (err) => err.message);
    window.outcome = { direct, fromWorker, sameAsJSON, viaUrl, fromUrlWorker, missing, missingWasm, missingWasmWorker,
      fromOwnWorker, brokenWorker };
  } catch (err) {
    window.outcome = { error: String(err && err.stack || err) };
  }
</script>
`);
  const reference = JSON.parse(run("node", ["--input-type=module", "-e", `
import { createAnalyzer } from "lede";
const a = await createAnalyzer();
console.log(JSON.stringify(a.analyze(${JSON.stringify(TEXT)}, { tokens: true })));
`], app));

  const server = createStaticServer({ "/": app });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await launchChromium();
  try {
    const page = await openPage(browser.context, `http://localhost:${server.address().port}/`);
    await page.waitForFunction(() => window.outcome !== undefined, null, { timeout: 60_000 });
    const outcome = await page.evaluate(() => window.outcome);
    assert.equal(outcome.error, undefined, `the page failed: ${outcome.error}`);
    assertSpansSlice(TEXT, outcome.direct);
    assert.deepEqual(outcome.direct, reference, "Chromium and Node give different results");
    assert.equal(outcome.sameAsJSON, true, "in Chromium analyze() and JSON.parse(analyzeJSON()) differ");
    assert.deepEqual(outcome.fromWorker, reference, "the worker in Chromium gives another result");
    assert.deepEqual(outcome.viaUrl, reference, "the model by modelUrl gives another result");
    assert.deepEqual(outcome.fromUrlWorker, reference, "the model by modelUrl in a worker gives another result");
    assert.match(outcome.missing, /^lede: cannot load the model from http:\/\/localhost:\d+\/no-such-model\.bin: HTTP 404$/);
    assert.match(outcome.missingWasm, /^lede: cannot load lede-core\.wasm from http:\/\/localhost:\d+\/no-such-core\.wasm: HTTP 404$/);
    assert.equal(outcome.missingWasmWorker, outcome.missingWasm, "the worker's error is not passed on as it was thrown");
    assert.deepEqual(outcome.fromOwnWorker, reference, "a worker brought by the page gives another result");
    assert.match(outcome.brokenWorker, /^lede: worker failed: its script did not load/);
    // The failed requests are the missing files', asked for (Chromium logs them without their URLs).
    const missingFiles = /no-such-(model\.bin|core\.wasm|worker\.js)/;
    assert.deepEqual(new Set(page.problems.filter((p) => !missingFiles.test(p))),
      new Set(["console.error: Failed to load resource: the server responded with a status of 404 (Not Found)"]),
      "console errors or failed requests");
  } finally {
    await browser.close();
    server.close();
  }
});
