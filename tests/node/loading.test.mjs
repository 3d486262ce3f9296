// How the package loads its files and what it says when it cannot (issue 20): the core and the
// model served over HTTP with the wrong status or type, wasmUrl as a URL, the `worker` option, a
// failing worker's own error, require() from CommonJS; and the shape of its module graph (the
// browser entry imports no node: module and reads no `process`, no import cycle, the entries
// only re-export, the asset URLs are the literals bundlers look for).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createAnalyzer, createWorkerAnalyzer } from '../../wasm/dist/index.node.js';
import { root } from './helpers.mjs';

const dist = join(root, 'wasm/dist');
const TEXT = '“We are not closing a plant,” Mayor Helena Ruiz-Okafor told reporters in Port Ellis on Tuesday.';

// A server that answers /<name>/<file> with dist/<file> under the content type <name> says
// ("wasm", "octet", "html": a page in place of every file, as Vite's preview does; "missing": 404).
let server;
let base;
before(async () => {
  const types = { wasm: 'application/wasm', octet: 'application/octet-stream' };
  server = createServer((req, res) => {
    const [, how, file] = req.url.split('/');
    if (how === 'html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>app</title>');
    } else if (types[how] && /^[\w.-]+$/.test(file)) {
      try {
        res.writeHead(200, { 'Content-Type': types[how] }).end(readFileSync(join(dist, file)));
      } catch {
        res.writeHead(404).end();
      }
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server?.close());

const speakers = (result) => result.quotes.map((q) => q.speaker?.name ?? null);

async function rejectsWith(promise, pattern) {
  await assert.rejects(promise, (err) => {
    assert.match(err.message, pattern);
    return true;
  });
}

test('the core and the model over HTTP: streamed as application/wasm, or checked bytes of another type', async () => {
  for (const how of ['wasm', 'octet']) {
    const a = await createAnalyzer({ wasmUrl: new URL(`${base}/${how}/lede-core.wasm`), modelUrl: `${base}/${how}/lede-ner.bin` });
    assert.deepEqual(speakers(a.analyze(TEXT)), ['Helena Ruiz-Okafor'], how);
    a.dispose();
  }
});

test('wasmUrl takes a URL, a file: URL or a path, as modelUrl does', async () => {
  for (const wasmUrl of [pathToFileURL(join(dist, 'lede-core.wasm')), join(dist, 'lede-core.wasm')]) {
    const a = await createAnalyzer({ wasmUrl });
    assert.deepEqual(speakers(a.analyze(TEXT)), ['Helena Ruiz-Okafor']);
    a.dispose();
  }
  await rejectsWith(createAnalyzer({ wasmUrl: 7 }), /^lede: option wasmUrl must be a string or URL, got number 7$/);
});

test('a wasm or model that cannot be loaded says which file, from where, and what came instead', async () => {
  await rejectsWith(createAnalyzer({ wasmUrl: `${base}/missing/lede-core.wasm` }),
    new RegExp(`^lede: cannot load lede-core\\.wasm from ${base}/missing/lede-core\\.wasm: HTTP 404$`));
  await rejectsWith(createAnalyzer({ wasmUrl: `${base}/html/lede-core.wasm` }),
    /^lede: cannot load lede-core\.wasm from .*\/html\/lede-core\.wasm: got text\/html instead of wasm$/);
  await rejectsWith(createAnalyzer({ wasmUrl: `${base}/octet/lede-ner.bin` }),
    /^lede: cannot load lede-core\.wasm from .*\/octet\/lede-ner\.bin: got bytes starting [0-9a-f ]{11} instead of wasm$/);
  await rejectsWith(createAnalyzer({ wasmUrl: join(tmpdir(), 'no-such-lede-core.wasm') }),
    /^lede: cannot load lede-core\.wasm from .*no-such-lede-core\.wasm: ENOENT/);
  await rejectsWith(createAnalyzer({ wasmBinary: new TextEncoder().encode('<!doctype html>') }),
    /^lede: cannot load lede-core\.wasm from option wasmBinary: got bytes starting 3c 21 64 6f instead of wasm$/);
  await rejectsWith(createAnalyzer({ modelUrl: `${base}/missing/lede-ner.bin` }),
    /^lede: cannot load the model from .*\/missing\/lede-ner\.bin: HTTP 404$/);
  await rejectsWith(createAnalyzer({ modelUrl: `${base}/html/lede-ner.bin` }),
    /^lede: cannot load the model from .*\/html\/lede-ner\.bin: got text\/html instead of the model$/);
});

test('the worker API: option worker takes a Worker or its URL; a failing worker passes its own error on', async () => {
  const script = new URL('../../wasm/dist/worker.node.js', import.meta.url);
  for (const worker of [script, new Worker(script)]) {
    const w = await createWorkerAnalyzer({ worker });
    assert.deepEqual(speakers(await w.analyze(TEXT)), ['Helena Ruiz-Okafor']);
    w.dispose();
  }
  await rejectsWith(createWorkerAnalyzer({ worker: 42 }),
    /^lede: option worker must be a Worker or its script's URL \(a string or URL\), got number 42$/);
  // An error the analyzer in the worker meets comes back as it was thrown there.
  await rejectsWith(createWorkerAnalyzer({ wasmUrl: `${base}/missing/lede-core.wasm` }),
    /^lede: cannot load lede-core\.wasm from .*\/missing\/lede-core\.wasm: HTTP 404$/);
  // And a worker that dies throwing says what it threw.
  const dir = mkdtempSync(join(tmpdir(), 'lede-worker-'));
  try {
    writeFileSync(join(dir, 'broken.mjs'), 'throw new Error("the worker script is broken");\n');
    await rejectsWith(createWorkerAnalyzer({ worker: join(dir, 'broken.mjs') }),
      /^lede: worker failed: the worker script is broken$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('require("lede") from CommonJS works where Node can require ES modules, and otherwise says to use import()', () => {
  // A project with the package as node_modules/lede, so that "lede" resolves through its exports.
  const app = mkdtempSync(join(tmpdir(), 'lede-require-'));
  try {
    mkdirSync(join(app, 'node_modules'));
    symlinkSync(join(root, 'wasm'), join(app, 'node_modules', 'lede'), 'dir');
    const script = `try {
        const lede = require('lede');
        console.log(JSON.stringify(Object.keys(lede).sort()));
      } catch (err) { console.log(JSON.stringify(err.message)); }`;
    const run = (flags) => JSON.parse(spawnSync(process.execPath, [...flags, '-e', script], { cwd: app, encoding: 'utf8' }).stdout);
    const [major, minor] = process.versions.node.split('.').map(Number);
    const canRequire = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);
    if (canRequire) assert.deepEqual(run([]), ['createAnalyzer', 'createWorkerAnalyzer', 'version']);
    assert.match(run(['--no-experimental-require-module']), /^lede: lede is an ES module .*await import\("lede"\)/);
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
});

// ---- the module graph, read as text: what bundlers see.

/** Every module reachable from `entry` with its static imports: Map(file -> [specifiers]). */
function moduleGraph(entry) {
  const graph = new Map();
  const visit = (file) => {
    if (graph.has(file)) return;
    const source = readFileSync(join(dist, file), 'utf8');
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm),
      ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm), ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)]
      .map((m) => m[1]);
    graph.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('./')) visit(s.slice(2));
  };
  visit(entry);
  return graph;
}

test('the browser entry and worker import no node: module and read no process', () => {
  for (const entry of ['index.js', 'worker.js']) {
    for (const [file, specifiers] of moduleGraph(entry)) {
      assert.deepEqual(specifiers.filter((s) => !s.startsWith('./')), [], `${file} (from ${entry}) imports a module outside the package`);
      const code = readFileSync(join(dist, file), 'utf8').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(code, /\brequire\(/, `${file} (from ${entry}) calls require`);
      // Emscripten's glue only asks `typeof process` (its environment, web and worker, is fixed
      // at build time); lede's own modules do not mention it.
      if (file !== 'lede-core.js') assert.doesNotMatch(code, /\bprocess\b/, `${file} (from ${entry}) reads process`);
    }
  }
  // The Node entry is what the "node" condition gives, and it does use node: modules.
  assert.ok([...moduleGraph('index.node.js').values()].flat().some((s) => s.startsWith('node:')));
});

test('no import cycle; the entries only re-export the three functions', async () => {
  const files = readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'lede-core.js');
  for (const file of files) {
    const graph = moduleGraph(file);
    const reaches = (from, seen = new Set()) => {
      for (const s of graph.get(from) ?? []) {
        if (!s.startsWith('./') || seen.has(s.slice(2))) continue;
        seen.add(s.slice(2));
        reaches(s.slice(2), seen);
      }
      return seen;
    };
    assert.ok(!reaches(file).has(file), `${file} imports itself through its imports`);
  }
  for (const entry of ['index.js', 'index.node.js']) {
    const statements = readFileSync(join(dist, entry), 'utf8').replace(/\/\/.*$/gm, '').trim().split(/;\s*/).filter(Boolean);
    for (const s of statements) assert.match(s, /^export \{[\w, ]+\} from '\.\/[\w.-]+\.js'$/, `${entry}: ${s}`);
    const api = await import(pathToFileURL(join(dist, entry)).href);
    assert.deepEqual(Object.keys(api).sort(), ['createAnalyzer', 'createWorkerAnalyzer', 'version'], entry);
  }
});

test('the package files are named by the literal URLs bundlers recognise', () => {
  const browser = readFileSync(join(dist, 'browser.js'), 'utf8');
  assert.match(browser, /new URL\('\.\/lede-core\.wasm', import\.meta\.url\)/);
  assert.match(browser, /new URL\('\.\/lede-ner\.bin', import\.meta\.url\)/);
  assert.match(readFileSync(join(dist, 'browser-worker.js'), 'utf8'),
    /new Worker\(new URL\('\.\/worker\.js', import\.meta\.url\), \{ type: 'module' \}\)/);
  for (const file of ['worker.js', 'worker.node.js']) {
    assert.doesNotMatch(readFileSync(join(dist, file), 'utf8'), /^\s*(const|let|var)?[^(/]*\bawait\b/m, `${file} has a top-level await`);
  }
});
