// The JS package as users import it: entry, analyze, offsets, errors, worker, dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, createWorkerAnalyzer, version } from '../../wasm/dist/index.js';
import { assertSchema, assertSpans, root, runCli } from './helpers.mjs';

const tricky = 'Zoë Müller 👩‍👩‍👧 met 🇺🇦 officials in 北京 — “café” and cafe\u0301, don’t she? ' +
  'See https://example.org/x. Mr. J. Smith paid $1,000.50.\n\nНовый абзац. 😀😀';

test('the entry imports and analyses text with emoji, combining marks and CJK', async () => {
  const a = await createAnalyzer();
  const r = a.analyze(tricky, { tokens: true });
  assertSchema(r, 'result');
  assertSpans(tricky, r, 'result');
  assert.equal(r.offsets, 'utf16');
  assert.equal(r.length, tricky.length);
  assert.ok(r.tokens.some((t) => t.text === '👩‍👩‍👧' && t.kind === 'emoji'));
  assert.ok(r.tokens.some((t) => t.text === 'cafe\u0301'));
  assert.ok(r.tokens.some((t) => t.text === '北'));
  assert.equal(r.paragraphs.length, 2);
  a.dispose();
});

test('the version matches the native CLI and the package.json', async () => {
  const v = await version();
  const pkg = JSON.parse(readFileSync(join(root, 'wasm/package.json'), 'utf8'));
  assert.equal(v, pkg.version);
  assert.equal(runCli(['--version']).stdout.toString().trim(), `lede ${v}`);
});

test('offset options: codepoint and utf8 units', async () => {
  const a = await createAnalyzer();
  const text = '😀 Zoë';
  const cp = a.analyze(text, { tokens: true, offsets: 'codepoint' });
  const u8 = a.analyze(text, { tokens: true, offsets: 'utf8' });
  assert.deepEqual(cp.tokens.map((t) => [t.start, t.end]), [[0, 1], [2, 5]]);
  assert.deepEqual(u8.tokens.map((t) => [t.start, t.end]), [[0, 4], [5, 9]]);
  a.dispose();
});

test('lone surrogates keep the offsets of the JS string', async () => {
  const a = await createAnalyzer();
  const text = 'Putin \ud800 said \udc00 😀 yes.';
  const r = a.analyze(text, { tokens: true });
  assertSchema(r);
  assert.equal(r.length, text.length);
  // Each lone surrogate reads as U+FFFD; every other token slices exactly.
  const fixed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  assertSpans(fixed, r);
  assert.equal(r.tokens.find((t) => t.text === 'yes').start, text.indexOf('yes'));
});

test('bad arguments throw errors that start with "lede:" and name the value', async () => {
  const a = await createAnalyzer();
  assert.throws(() => a.analyze(42), /^Error: lede: .*number 42/);
  assert.throws(() => a.analyze(null), /^Error: lede: .*null/);
  assert.throws(() => a.analyze('x', { colour: true }), /^Error: lede: unknown option "colour"/);
  assert.throws(() => a.analyze('x', { offsets: 'bytes' }), /^Error: lede: .*"bytes"/);
  assert.throws(() => a.analyze('x', { tokens: 'yes' }), /^Error: lede: .*tokens/);
  assert.throws(() => a.analyze('x', 'tokens'), /^Error: lede: options must be an object/);
  await assert.rejects(createAnalyzer({ nope: 1 }), /^Error: lede: unknown option "nope"/);
  await assert.rejects(createAnalyzer({ model: new Uint8Array([1, 2, 3]) }), /^Error: lede:/);
  a.dispose();
  assert.throws(() => a.analyze('x'), /^Error: lede: analyze\(\) called after dispose\(\)/);
});

test('empty, whitespace and NUL-byte texts give sensible results', async () => {
  const a = await createAnalyzer();
  for (const text of ['', '   \n\n ', '\u0000\u0000a\u0000', '\ufeff']) {
    const r = a.analyze(text, { tokens: true });
    assertSchema(r);
    assertSpans(text, r);
  }
  a.dispose();
});

test('analyze() builds the objects JSON.parse makes of analyzeJSON(), in every unit', async () => {
  const a = await createAnalyzer();
  const article = readFileSync(join(root, 'samples/article.txt'), 'utf8');
  const texts = [article, tricky, '', '   \n\n ', '\u0000 Putin said \u0000', '\ufeff',
    // Names and quotations around astral characters, CRLF paragraphs, nested and unbalanced marks.
    '😀 “We will win,” said Zoë Müller 𝔘. 😀\r\n\r\n“He said ‘no’ to Angela Merkel,” she added. “Open',
    'Putin \ud800 said “yes” \udc00 😀.', '"'.repeat(50) + ' Barack Obama said "' + '“'.repeat(30)];
  for (const text of texts) {
    for (const options of [undefined, { tokens: true }, { offsets: 'codepoint' }, { offsets: 'utf8', tokens: true }]) {
      const label = `${JSON.stringify(text.slice(0, 30))} with ${JSON.stringify(options)}`;
      const object = a.analyze(text, options);
      assert.equal(JSON.stringify(object), a.analyzeJSON(text, options), label);
    }
  }
  // The spans' texts in the objects are the caller's string's own slices.
  const r = a.analyze(article);
  assert.ok(r.quotes.length > 5 && r.entities.length > 5);
  for (const q of r.quotes) assert.equal(q.text, article.slice(q.start, q.end));
  a.dispose();
});

test('without String.prototype.isWellFormed (older browsers) lone surrogates still take the JSON', () => {
  const script = `delete String.prototype.isWellFormed;
    const { createAnalyzer } = await import(${JSON.stringify(join(root, 'wasm/dist/index.js'))});
    const a = await createAnalyzer();
    const out = [];
    for (const text of ['Putin \\ud800 said “yes” \\udc00.', 'x\\udbff', '\\udc00Putin', 'Putin 😀 said “yes”.'])
      out.push(JSON.stringify(a.analyze(text, { tokens: true })) === a.analyzeJSON(text, { tokens: true }));
    console.log(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [true, true, true, true]);
});

test('the worker API gives the same result as the direct API', async () => {
  const a = await createAnalyzer();
  const w = await createWorkerAnalyzer();
  assert.equal(w.version, a.version);
  const direct = a.analyze(tricky, { tokens: true });
  const viaWorker = await w.analyze(tricky, { tokens: true });
  assert.deepEqual(viaWorker, direct);
  await assert.rejects(w.analyze(7), /^Error: lede: analyze\(\) expects a string/);
  const controller = new AbortController();
  const pending = w.analyze(tricky, { signal: controller.signal });
  controller.abort(new Error('lede: stale'));
  await assert.rejects(pending, /stale/);
  w.dispose();
  await assert.rejects(w.analyze('x'), /after dispose/);
  a.dispose();
});

test('analyzeJSON returns the same JSON as the native CLI for the sample article', async () => {
  const a = await createAnalyzer();
  const text = readFileSync(join(root, 'samples/article.txt'), 'utf8');
  const native = runCli(['analyze', '--offsets', 'utf16', '--tokens'], text).stdout.toString().trimEnd();
  assert.equal(a.analyzeJSON(text, { tokens: true }), native);
  a.dispose();
});
