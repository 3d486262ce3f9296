// The packed package in the bundlers web developers use, as a new user meets it (issue 20): the
// tarball installed into fresh apps, an index.html and a main.js that import "lede" as the README
// shows, built with no configuration file (Vite, webpack 5) or with the README's recipe (esbuild,
// Rollup), served by a plain static server (no fallback page for missing files) and opened in
// Debian's headless Chromium: createAnalyzer and createWorkerAnalyzer must both name the speaker
// of a known paragraph. Vite's dev server too. The tools are this folder's devDependencies.
//
//   node --test tests/bundlers/        (after scripts/build wasm; scripts/test-browser runs it)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { launchChromium, openPage } from "../browser/browser.mjs";
import { createStaticServer } from "../../web-demo/serve.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const packageRoot = path.resolve(process.env.LEDE_PACKAGE ?? path.join(repoRoot, "wasm"));
const tools = path.join(here, "node_modules");
const TIMEOUT = { timeout: 240_000 };

// The README's example sentence and what lede finds in it.
const TEXT = "“We are not closing a plant,” Mayor Helena Ruiz-Okafor told reporters in Port Ellis on Tuesday.";
const SPEAKER = "Helena Ruiz-Okafor";
const ENTITIES = [["PERSON", "Helena Ruiz-Okafor"], ["LOC", "Port Ellis"]];

// main.js of every app: the README's usage, both APIs, the outcome left on window for the test.
const MAIN_JS = `import { createAnalyzer, createWorkerAnalyzer } from "lede";

const text = ${JSON.stringify(TEXT)};
const summary = (result) => ({
  speakers: result.quotes.map((q) => q.speaker?.name ?? null),
  entities: result.entities.map((e) => [e.type, e.name]),
});
try {
  const analyzer = await createAnalyzer();
  const direct = summary(analyzer.analyze(text));
  analyzer.dispose();
  const worker = await createWorkerAnalyzer();
  const inWorker = summary(await worker.analyze(text));
  worker.dispose();
  window.outcome = { direct, inWorker };
} catch (err) {
  window.outcome = { error: String(err && err.stack || err) };
}
`;

const page = (title, script) => `<!doctype html>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${title}</title>
<script type="module" src="${script}"></script>
`;

let tmp;
let tarball;
let browser;
// Servers this file started: killed in after() whatever a test left, so that a failed or timed-out
// test never keeps the process (and the suite) alive.
const servers = new Set();

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20 });
  } catch (err) {
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${err.stdout}\n${err.stderr}`);
  }
}

const tool = (...parts) => path.join(tools, ...parts);

/**
 * A fresh app folder with the tarball installed and `files` ({relative path: text}) written;
 * `manifest`, its package.json before the install (webpack's app has none, as `npm install` in an
 * empty folder leaves it: no "type", so webpack reads src/index.js as either kind of module).
 */
function freshApp(name, files, manifest = { type: "module" }) {
  const app = path.join(tmp, name);
  mkdirSync(app, { recursive: true });
  if (manifest) writeFileSync(path.join(app, "package.json"), JSON.stringify({ private: true, ...manifest }, null, 2));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball], app);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
    writeFileSync(path.join(app, file), text);
  }
  return app;
}

/** No configuration file of any bundler in `app`: zero configuration means none. */
function assertNoConfig(app) {
  const configs = readdirSync(app).filter((f) => /^(vite|webpack|rollup|esbuild|parcel)\.config\.|^\.parcelrc$/.test(f));
  assert.deepEqual(configs, [], "the app has a bundler configuration file");
}

/** Opens `url`, waits for main.js's outcome and checks it. */
async function assertBothApisWork(url, what) {
  const opened = await openPage(browser.context, url);
  try {
    await opened.waitForFunction(() => window.outcome !== undefined, null, { timeout: 60_000 });
    const outcome = await opened.evaluate(() => window.outcome);
    assert.equal(outcome.error, undefined, `${what}: the page failed: ${outcome.error}`);
    for (const api of ["direct", "inWorker"]) {
      assert.deepEqual(outcome[api].speakers, [SPEAKER], `${what}: ${api} named another speaker`);
      assert.deepEqual(outcome[api].entities, ENTITIES, `${what}: ${api} found other entities`);
    }
    assert.deepEqual(opened.problems, [], `${what}: console errors or failed requests`);
  } finally {
    await opened.close();
  }
}

/**
 * Serves `dir` with a plain static server while `body(url)` runs; returns the files asked for
 * (by the page and its worker), relative to `dir`.
 */
async function served(dir, body) {
  const server = createStaticServer({ "/": dir });
  const asked = new Set();
  server.on("request", (req) => asked.add(decodeURIComponent(new URL(req.url, "http://x").pathname.slice(1)) || "index.html"));
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await body(`http://localhost:${server.address().port}/`);
    return asked;
  } finally {
    server.close();
  }
}

/** Every file under `dir`, with its size and gzipped size. */
function filesOf(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    if (!statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    out.push({ file: entry, size: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return out;
}

const mb = (bytes) => (bytes / 1e6).toFixed(1);

before(() => {
  assert.ok(existsSync(path.join(packageRoot, "dist", "index.js")), "the package is not built: wasm/dist/index.js is missing (run scripts/build wasm)");
  assert.ok(existsSync(tool("vite")), "the bundlers are not installed: run npm ci in tests/bundlers (scripts/setup does)");
  tmp = mkdtempSync(path.join(os.tmpdir(), "lede-bundlers-"));
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], packageRoot));
  tarball = path.join(tmp, packed.filename);
});

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  for (const child of servers) child.kill("SIGKILL");
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("Vite, no configuration: the production build on a static server, and the dev server", TIMEOUT, async () => {
  const app = freshApp("vite", { "index.html": page("lede with Vite", "/main.js"), "main.js": MAIN_JS });
  assertNoConfig(app);
  run(process.execPath, [tool("vite", "bin", "vite.js"), "build"], app);
  const dist = path.join(app, "dist");
  const asked = await served(dist, (url) => assertBothApisWork(url, "vite build"));

  // The download the README states: every file the build wrote, which is every file the page
  // asked for (checked), raw and gzipped.
  const files = filesOf(dist);
  assert.deepEqual(files.map((f) => f.file).filter((f) => !asked.has(f)), [], "files the page never loaded");
  const size = files.reduce((n, f) => n + f.size, 0);
  const gzip = files.reduce((n, f) => n + f.gzip, 0);
  console.log(`# vite build: ${files.length} files, ${size} bytes (${mb(size)} MB), ${gzip} gzipped (${mb(gzip)} MB)`);
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");
  const stated = readme.match(/downloads\s+([\d.]+)\s+MB\s+\(([\d.]+)\s+MB\s+gzipped\)/);
  assert.ok(stated, "README.md states no download size (\"downloads N MB (N MB gzipped)\")");
  assert.deepEqual([stated[1], stated[2]], [mb(size), mb(gzip)], "README.md's download size is not what this build measures");

  // The dev server, on a port of its own. Ready when it answers over HTTP: its banner is no
  // signal to parse (Vite colours it whenever CI is set, splitting "localhost:PORT" with escapes).
  const port = await freePort();
  const dev = spawn(process.execPath, [tool("vite", "bin", "vite.js"), "--port", String(port), "--strictPort"],
    { cwd: app, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
  servers.add(dev);
  try {
    await untilAnswering(dev, `http://localhost:${port}/`, 60_000);
    await assertBothApisWork(`http://localhost:${port}/`, "vite dev server");
  } finally {
    dev.kill();
    servers.delete(dev);
  }
});

test("webpack 5, no configuration: --mode production and --mode development on src/index.js", TIMEOUT, async () => {
  // The page is webpack's output folder's own: webpack writes main.js (a classic script) beside it.
  const app = freshApp("webpack", { "src/index.js": MAIN_JS, "dist/index.html": page("lede with webpack", "main.js").replace(' type="module"', "") },
    null);
  assertNoConfig(app);
  for (const mode of ["production", "development"]) {
    run(process.execPath, [tool("webpack-cli", "bin", "cli.js"), "--mode", mode], app);
    await served(path.join(app, "dist"), (url) => assertBothApisWork(url, `webpack --mode ${mode}`));
  }
});

test("esbuild, the README's recipe: two entry points as ES modules, the two data files copied", TIMEOUT, async () => {
  const app = freshApp("esbuild", { "src/main.js": MAIN_JS, "dist/index.html": page("lede with esbuild", "main.js") });
  assertNoConfig(app);
  run(tool("esbuild", "bin", "esbuild"), ["src/main.js", "lede/worker.js", "--bundle", "--format=esm",
    "--entry-names=[name]", "--outdir=dist"], app);
  for (const file of ["lede-core.wasm", "lede-ner.bin"]) {
    writeFileSync(path.join(app, "dist", file), readFileSync(path.join(app, "node_modules", "lede", "dist", file)));
  }
  await served(path.join(app, "dist"), (url) => assertBothApisWork(url, "esbuild"));
});

test("Rollup, the README's recipe: node-resolve, the worker as a second input, the two data files copied", TIMEOUT, async () => {
  const app = freshApp("rollup", { "src/main.js": MAIN_JS });
  assertNoConfig(app);
  // `npx rollup -p node-resolve` finds the plugin in the app's node_modules: here, in the tools'.
  run(process.execPath, [tool("rollup", "dist", "bin", "rollup"), "src/main.js", "node_modules/lede/dist/worker.js",
    "-p", tool("@rollup", "plugin-node-resolve", "dist", "es", "index.js"), "-f", "es", "-d", "dist"], app);
  for (const file of ["lede-core.wasm", "lede-ner.bin"]) {
    writeFileSync(path.join(app, "dist", file), readFileSync(path.join(app, "node_modules", "lede", "dist", file)));
  }
  writeFileSync(path.join(app, "dist", "index.html"), page("lede with Rollup", "main.js"));
  await served(path.join(app, "dist"), (url) => assertBothApisWork(url, "rollup"));
});

/**
 * Resolves once `url` answers over HTTP; rejects, with what the server printed, when `child` exits
 * first or `ms` pass.
 */
async function untilAnswering(child, url, ms) {
  let printed = "";
  child.stdout.on("data", (d) => { printed += d; });
  child.stderr.on("data", (d) => { printed += d; });
  let exited = null;
  child.on("exit", (code, signal) => { exited = signal ?? code; });
  const deadline = Date.now() + ms;
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (${exited}) before answering ${url}:\n${printed}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${ms} ms:\n${printed}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}
