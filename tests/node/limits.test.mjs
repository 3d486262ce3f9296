// Texts too large for the 4 GB WebAssembly memory: refused with a lede: error that names the
// limit, before the text is copied into the heap, on every path (analyze, analyzeJSON, the
// worker); the analyzer goes on working afterwards. The texts are just over the limit in UTF-8
// bytes (the strings themselves are some tens of MB), never GBs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer, createWorkerAnalyzer } from '../../wasm/dist/index.node.js';

// The wasm memory of the package's core, caught as the package instantiates it (Emscripten may
// minify the export's name, so it is the one Memory among the exports): its size shows whether a
// refusal allocated anything.
let memory = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const result = await instantiate.apply(WebAssembly, args);
  memory ??= Object.values((result.instance ?? result).exports).find((e) => e instanceof WebAssembly.Memory);
  return result;
};

const LIMIT = /^lede: text of (\d+\.\d+) MB is over the (\d+\.\d+) MB this build can analyse \(4 GB of WebAssembly memory, about (\d+) bytes per byte of text\)$/;
const normal = '“We are not closing a plant,” Mayor Helena Ruiz-Okafor told reporters in Port Ellis.';

// Checks a refusal's message: the text's size and the limit in MB, with one decimal or as many
// more as tell them apart.
function assertRefused(err, bytes, limit) {
  const m = LIMIT.exec(err.message);
  assert.ok(m, `unexpected message: ${err.message}`);
  let decimals = 1;
  while (decimals < 6 && (bytes / 1e6).toFixed(decimals) === (limit / 1e6).toFixed(decimals)) ++decimals;
  assert.equal(m[1], (bytes / 1e6).toFixed(decimals));
  assert.equal(m[2], (limit / 1e6).toFixed(decimals));
  assert.notEqual(m[1], m[2]);
  assert.ok(Number(m[3]) * limit <= 4 * 2 ** 30, 'the limit times the cost per byte fits in 4 GB');
  return true;
}

test('the limit is a few tens of MB at least, and under what 4 GB can hold', async () => {
  const a = await createAnalyzer();
  assert.ok(Number.isInteger(a.maxTextBytes));
  assert.ok(a.maxTextBytes >= 50e6 && a.maxTextBytes < 4 * 2 ** 30, String(a.maxTextBytes));
  a.dispose();
});

test('a text one byte over the limit is refused at once; a normal text is analysed after it', async () => {
  const a = await createAnalyzer();
  const limit = a.maxTextBytes;
  const big = 'x'.repeat(limit + 1);
  const heap = memory.buffer.byteLength;
  assert.ok(heap < limit, 'the heap has not yet grown to the size of the text');
  assert.throws(() => a.analyze(big), (err) => assertRefused(err, limit + 1, limit));
  assert.throws(() => a.analyzeJSON(big, { offsets: 'utf8' }), (err) => assertRefused(err, limit + 1, limit));
  // Refused before the text was copied into the heap (or anything analysed): the memory has not
  // grown by a byte.
  assert.equal(memory.buffer.byteLength, heap);
  const r = a.analyze(normal);
  assert.deepEqual(r.entities.map((e) => e.name), ['Helena Ruiz-Okafor', 'Port Ellis']);
  assert.equal(r.quotes.length, 1);
  a.dispose();
});

test('the limit counts UTF-8 bytes, not UTF-16 units', async () => {
  const a = await createAnalyzer();
  const limit = a.maxTextBytes;
  // é is one UTF-16 unit and two UTF-8 bytes: under the limit in units, over it in bytes.
  const n = Math.floor(limit / 2) + 1;
  assert.ok(n < limit);
  assert.throws(() => a.analyze('é'.repeat(n)), (err) => assertRefused(err, 2 * n, limit));
  // A lone surrogate is written as U+FFFD, three bytes: counted so.
  const m = Math.floor(limit / 3) + 1;
  assert.throws(() => a.analyze('\uD800'.repeat(m)), (err) => assertRefused(err, 3 * m, limit));
  // Short texts of every width are counted and copied right: the result's length is the text's.
  const mixed = 'Zoë 😀 北京 \uD800 and “Ann Lee” said so.';
  const r = a.analyze(mixed, { offsets: 'utf8' });
  assert.equal(r.length, new TextEncoder().encode(mixed).length);
  a.dispose();
});

test('the worker passes the refusal on and keeps working', async () => {
  const w = await createWorkerAnalyzer();
  const a = await createAnalyzer();
  const limit = a.maxTextBytes;
  a.dispose();
  await assert.rejects(w.analyze('x'.repeat(limit + 1)), (err) => assertRefused(err, limit + 1, limit));
  const r = await w.analyze(normal);
  assert.deepEqual(r.entities.map((e) => e.name), ['Helena Ruiz-Okafor', 'Port Ellis']);
  w.dispose();
});
