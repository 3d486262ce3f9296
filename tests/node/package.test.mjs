// The JS package as users import it: entry, analyze, offsets, errors, worker, dispose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAnalyzer, createWorkerAnalyzer, version } from '../../wasm/dist/index.node.js';
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
    const { createAnalyzer } = await import(${JSON.stringify(join(root, 'wasm/dist/index.node.js'))});
    const a = await createAnalyzer();
    const out = [];
    for (const text of ['Putin \\ud800 said “yes” \\udc00.', 'x\\udbff', '\\udc00Putin', 'Putin 😀 said “yes”.'])
      out.push(JSON.stringify(a.analyze(text, { tokens: true })) === a.analyzeJSON(text, { tokens: true }));
    console.log(JSON.stringify(out));`;
  const r = runScript(script);
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

// ---- the model file: the package ships it beside the .wasm (lede-ner.bin), read into the heap.

const modelBytes = () => readFileSync(join(root, 'models/lede-ner.bin'));

/** A copy of wasm/dist in a temporary folder, with `edit(dir)` applied; removed by the caller. */
function distCopy(edit) {
  const dir = mkdtempSync(join(tmpdir(), 'lede-dist-'));
  cpSync(join(root, 'wasm/dist'), dir, { recursive: true });
  edit(dir);
  return dir;
}

/** Runs the ES module `script` in a fresh Node process (`flags` before it); checks it exits 0. */
function runScript(script, flags = []) {
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r;
}

/** Runs createAnalyzer(options) and one analysis in a fresh process importing `dist`. */
function createIn(dist, optionsSource = '') {
  const script = `const { createAnalyzer } = await import(${JSON.stringify(join(dist, 'index.node.js'))});
    try {
      const a = await createAnalyzer(${optionsSource});
      console.log(JSON.stringify({ ok: a.analyzeJSON('Angela Merkel said she would stay.') }));
    } catch (err) {
      console.log(JSON.stringify({ error: err.message }));
    }`;
  const r = runScript(script);
  return JSON.parse(r.stdout);
}

test('the package carries the model file, the very bytes of models/lede-ner.bin', () => {
  assert.ok(modelBytes().equals(readFileSync(join(root, 'wasm/dist/lede-ner.bin'))));
});

test('the .wasm does not embed the model (a second copy to download and to compile)', async () => {
  const wasm = readFileSync(join(root, 'wasm/dist/lede-core.wasm'));
  // Not one stretch of the model file (its header with the checksum and the first clusters): the
  // model, pruned, is now smaller than the wasm, so their sizes no longer tell.
  assert.equal(wasm.indexOf(modelBytes().subarray(0, 256)), -1, 'lede-core.wasm holds the model file');
  const createLedeCore = (await import(join(root, 'wasm/dist/lede-core.js'))).default;
  const core = await createLedeCore({ wasmBinary: wasm });
  assert.equal(core._lede_create(0, 0, 0), 0);
  const at = core._lede_last_error();
  let end = at;
  while (core.HEAPU8[end] !== 0) end++;
  assert.match(Buffer.from(core.HEAPU8.subarray(at, end)).toString(), /^lede: model: this build has no embedded model/);
});

test('analyzers share the one model in the heap; disposing one leaves the others working', async () => {
  const text = 'Vladimir Putin told reporters in Moscow that “nothing has changed”.';
  const a = await createAnalyzer();
  const b = await createAnalyzer();
  const expected = a.analyzeJSON(text);
  assert.ok(JSON.parse(expected).entities.length >= 2);
  a.dispose();
  assert.equal(b.analyzeJSON(text), expected);
  const c = await createAnalyzer();
  assert.equal(c.analyzeJSON(text), expected);
  b.dispose();
  c.dispose();
});

test('a model given as bytes, by path, file: URL or data: URL gives the same results as the default', async () => {
  const text = readFileSync(join(root, 'samples/article.txt'), 'utf8');
  const a = await createAnalyzer();
  const expected = a.analyzeJSON(text);
  const path = join(root, 'models/lede-ner.bin');
  const sources = [
    { model: modelBytes() },
    { model: new Uint8Array(modelBytes()).buffer },
    { modelUrl: path },
    { modelUrl: pathToFileURL(path) },
    { modelUrl: pathToFileURL(path).href.replace(/^file:/, 'FILE:') },  // schemes are case-blind
    { modelUrl: `data:application/octet-stream;base64,${modelBytes().toString('base64')}` },
  ];
  for (const options of sources) {
    const b = await createAnalyzer(options);
    assert.equal(b.analyzeJSON(text), expected, JSON.stringify(Object.keys(options)));
    b.dispose();
  }
  a.dispose();
});

test('a damaged or missing model gives an error that says what is wrong', async () => {
  const good = modelBytes();
  const flipped = Buffer.from(good);
  flipped[flipped.length - 100] ^= 0x40;  // inside the records: only the checksum sees it
  const dataUrl = (bytes) => `data:application/octet-stream;base64,${bytes.toString('base64')}`;
  const cases = [
    [{ model: new Uint8Array(0) }, /^lede: option model is empty/],
    [{ model: good.subarray(0, 4096) }, /^lede: model: file is truncated/],
    [{ model: flipped }, /^lede: model: checksum mismatch/],
    [{ modelUrl: dataUrl(flipped) }, /^lede: model: checksum mismatch/],
    [{ modelUrl: dataUrl(good.subarray(0, 100000)) }, /^lede: model: file is truncated/],
    [{ modelUrl: dataUrl(Buffer.alloc(0)) }, /^lede: the model data:.* is empty/],
    [{ modelUrl: join(tmpdir(), 'no-such-lede-model.bin') }, /^lede: cannot read the model file .*no-such-lede-model\.bin: ENOENT/],
    [{ modelUrl: 'http://127.0.0.1:1/lede-ner.bin' }, /^lede: cannot load the model from http:\/\/127\.0\.0\.1:1\/lede-ner\.bin: fetch failed/],
    [{ modelUrl: 42 }, /^lede: option modelUrl must be a string or URL, got number 42/],
    [{ model: good, modelUrl: 'x' }, /^lede: options model and modelUrl cannot both be given/],
  ];
  for (const [options, expected] of cases) {
    await assert.rejects(createAnalyzer(options), (err) => {
      assert.match(err.message, expected);
      return true;
    });
  }
  // A failed load is not kept: the same core still loads a good model afterwards.
  const a = await createAnalyzer({ modelUrl: dataUrl(good) });
  assert.ok(a.analyze('Angela Merkel spoke.').entities.length >= 1);
  a.dispose();
});

test('the package without its model file, or with a damaged one, fails with a clear error', () => {
  const missing = distCopy((dir) => rmSync(join(dir, 'lede-ner.bin')));
  const wrong = distCopy((dir) => writeFileSync(join(dir, 'lede-ner.bin'), 'not a model, but not empty either'));
  const cut = distCopy((dir) => writeFileSync(join(dir, 'lede-ner.bin'), modelBytes().subarray(0, 65536)));
  const empty = distCopy((dir) => writeFileSync(join(dir, 'lede-ner.bin'), ''));
  try {
    assert.match(createIn(missing).error, /^lede: cannot read the model file .*lede-ner\.bin: ENOENT/);
    assert.match(createIn(wrong).error, /^lede: model: not a lede tagger model/);
    assert.match(createIn(cut).error, /^lede: model: file is truncated/);
    assert.match(createIn(empty).error, /^lede: the model file .*lede-ner\.bin is empty/);
    // The bytes given as an option do not need the file.
    const given = createIn(missing, `{ model: (await import('node:fs')).readFileSync(${JSON.stringify(join(root, 'models/lede-ner.bin'))}) }`);
    assert.ok(JSON.parse(given.ok).entities.length >= 1, JSON.stringify(given));
  } finally {
    for (const dir of [missing, wrong, cut, empty]) rmSync(dir, { recursive: true, force: true });
  }
});

// V8's --trace-wasm-compilation-times prints a line for every function it compiles, naming its
// module ("Compiled function 0x55d0c8000b80#12 using Liftoff, ..."). Buffered apart from the
// script's own output, the lines are counted, not ordered.
test('under Node the core is compiled whole when created, and V8 is left compiling lazily', (t) => {
  const script = `const { createAnalyzer } = await import(${JSON.stringify(join(root, 'wasm/dist/index.node.js'))});
    await createAnalyzer();
    // A module of one function, (func (export "f") (result i32) (i32.const 42)), compiled, not called.
    const tiny = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102,
      0, 0, 10, 6, 1, 4, 0, 65, 42, 11]);
    await WebAssembly.instantiate(await WebAssembly.compile(tiny));`;
  // The functions compiled by Liftoff in each module, most first.
  const compiled = (flags) => {
    const r = runScript(script, [...flags, '--trace-wasm-compilation-times']);
    const modules = new Map();
    for (const m of r.stdout.matchAll(/^Compiled function (0x[0-9a-f]+)#\d+ using Liftoff/gm)) {
      modules.set(m[1], (modules.get(m[1]) ?? 0) + 1);
    }
    return [...modules.values()].sort((a, b) => b - a);
  };
  const eager = compiled([]);
  if (eager.length === 0) return t.skip('this V8 does not trace its wasm compiles');
  // Every function of the core (lazily, only the ~20 that creating an analyzer calls), and none of
  // the next module's until it is called.
  assert.equal(eager.length, 1, `one module compiled: ${eager}`);
  assert.ok(eager[0] > 200, `the core's functions compiled: ${eager[0]}`);
  // A process started with its own setting keeps it, for lede's module too.
  const lazy = compiled(['--wasm-lazy-compilation']);
  assert.ok(lazy.length === 1 && lazy[0] < 100, `functions compiled, lazily: ${lazy}`);
  // And so does one that asked for eager compilation, for every module.
  const asked = compiled(['--no-wasm-lazy-compilation']);
  assert.deepEqual(asked.length === 2 && [asked[0] > 200, asked[1]], [true, 1], `functions compiled: ${asked}`);
});

test('where node:v8 cannot set V8 flags (a runtime that stubs it), the core is compiled lazily, and works', () => {
  const script = `import v8 from 'node:v8';
    import { syncBuiltinESMExports } from 'node:module';
    v8.setFlagsFromString = () => { throw new Error('not implemented'); };
    syncBuiltinESMExports();
    const { createAnalyzer } = await import(${JSON.stringify(join(root, 'wasm/dist/index.node.js'))});
    const a = await createAnalyzer();
    console.log(JSON.stringify(a.analyze('Angela Merkel said: "Yes."').entities.map((e) => e.name)));`;
  const r = runScript(script);
  assert.deepEqual(JSON.parse(r.stdout), ['Angela Merkel']);
});

test('values: referenceDate resolves relative dates, and analyze() decodes them as analyzeJSON() has them', async () => {
  const a = await createAnalyzer();
  const text = 'Ukraine agreed last week to a 30-day ceasefire; €300m, Rs 3 crore, 30% and 412 megawatts ' +
    'on Monday at 3 p.m. ET, 😀 between May and July, 31 February.';
  for (const options of [undefined, { referenceDate: '2025-03-18' }, { referenceDate: '2025-03-18', offsets: 'utf8' }]) {
    const object = a.analyze(text, options);
    assertSchema(object);
    if (options?.offsets !== 'utf8') assertSpans(text, object);  // JS slices count UTF-16 units
    assert.equal(JSON.stringify(object), a.analyzeJSON(text, options), JSON.stringify(options));
  }
  const r = a.analyze(text, { referenceDate: '2025-03-18' });
  const byText = Object.fromEntries(r.values.map((v) => [v.text, v]));
  assert.deepEqual(byText['last week'].value, { from: '2025-03-10', to: '2025-03-16' });
  assert.equal(byText['Monday'].value, '2025-03-17');
  assert.equal(byText['30-day'].type, 'DURATION');
  assert.deepEqual(byText['Rs 3 crore'].value, { amount: 30000000, currency: 'INR' });
  assert.equal(byText['31 February'].value, null);
  assert.equal(a.analyze(text).values.find((v) => v.text === 'last week').value, null);
  for (const bad of ['2025-02-30', '18/03/2025', 20250318]) {
    assert.throws(() => a.analyze(text, { referenceDate: bad }), /^Error: lede: option referenceDate/);
  }
  a.dispose();
});
