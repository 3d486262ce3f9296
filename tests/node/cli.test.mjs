// The native CLI as users run it, and native vs wasm agreement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyzer } from '../../wasm/dist/index.js';
import { assertSchema, assertSpans, dataDir, hasData, root, runCli, textFiles } from './helpers.mjs';

const sample = join(root, 'samples/article.txt');

test('--version and --help succeed; unknown flags, commands and files fail clearly', () => {
  assert.match(runCli(['--version']).stdout.toString(), /^lede \d+\.\d+\.\d+\n$/);
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout.toString(), /lede analyze --jsonl/);
  const cases = [
    [['analyze', '--colour'], /unknown option '--colour'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /missing command/],
    [['analyze', '--offsets', 'bytes'], /unknown offset unit 'bytes'/],
    [['analyze', '--offsets'], /--offsets needs a value/],
    [['analyze', '--jsonl', '--threads', '0'], /--threads takes a whole number/],
    [['analyze', '--jsonl', '--threads', 'many'], /--threads takes a whole number/],
    [['analyze', '--threads', '2'], /--threads goes with --jsonl/],
    [['analyze', '/nonexistent/article.txt'], /cannot read '\/nonexistent\/article.txt'/],
    [['analyze', 'a.txt', 'b.txt'], /more than one input file/],
    [['analyze', '--date', '2025-02-30'], /--date takes a date YYYY-MM-DD, not '2025-02-30'/],
    [['tag', '--conll', '--date', '2025-03-18'], /unknown option '--date' for 'tag'/],
    [['analyze', '--model', '/nonexistent/model.bin'], /cannot read '\/nonexistent\/model.bin'/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args, '');
    assert.equal(r.status, 2, `exit status for ${args.join(' ')}`);
    assert.match(r.stderr.toString(), message);
    assert.match(r.stderr.toString(), /^lede: /);
  }
});

test('the Node build of the CLI (npx lede) takes --model as the native one does', () => {
  const npxLede = (args) => spawnSync(process.execPath, [join(root, 'wasm/bin/lede.js'), ...args], { encoding: 'utf8' });
  const native = runCli(['analyze', sample, '--tokens']).stdout.toString();
  const given = npxLede(['analyze', sample, '--tokens', '--model', join(root, 'models/lede-ner.bin')]);
  assert.equal(given.status, 0, given.stderr);
  assert.equal(given.stdout, native);
  const dir = mkdtempSync(join(tmpdir(), 'lede-npx-'));
  writeFileSync(join(dir, 'cut.bin'), readFileSync(join(root, 'models/lede-ner.bin')).subarray(0, 4096));
  const cases = [
    [['analyze', sample, '--model', '/nonexistent/model.bin'], /^lede: cannot read '\/nonexistent\/model.bin'/],
    [['analyze', sample, '--model', join(dir, 'cut.bin')], /^lede: model: file is truncated/],
    [['analyze', sample, '--model'], /^lede: --model needs a file/],
  ];
  for (const [args, message] of cases) {
    const r = npxLede(args);
    assert.equal(r.status, 2, `exit status for ${args.join(' ')}`);
    assert.match(r.stderr, message);
    assert.equal(r.stdout, '');
  }
});

test('analyze prints one schema-valid result with codepoint offsets by default', () => {
  const text = readFileSync(sample, 'utf8');
  const r = runCli(['analyze', sample, '--tokens']);
  assert.equal(r.status, 0, r.stderr.toString());
  const result = JSON.parse(r.stdout.toString());
  assertSchema(result, 'native result');
  assert.equal(result.offsets, 'codepoint');
  // The sample is BMP-only, so codepoint offsets index the JS string too.
  assertSpans(text, result, 'native result');
  const pretty = runCli(['analyze', sample, '--pretty']).stdout.toString();
  assert.match(pretty, /\n  "schema": 1,\n/);
  assert.deepEqual(JSON.parse(pretty).sentences, result.sentences);
});

test('analyze reads standard input and handles invalid UTF-8 without failing', () => {
  const r = runCli(['analyze', '-', '--offsets', 'utf8', '--tokens'], Buffer.from([0x41, 0xff, 0x20, 0xe2, 0x82, 0x42]));
  assert.equal(r.status, 0);
  const result = JSON.parse(r.stdout.toString());
  assertSchema(result);
  assert.equal(result.length, 6);
  assert.deepEqual(result.tokens.map((t) => [t.start, t.end, t.text]),
    [[0, 1, 'A'], [1, 2, '\ufffd'], [3, 5, '\ufffd'], [5, 6, 'B']]);
});

test('--jsonl: 1,000 lines with 20 malformed gives 1,000 results in order and exit 1', () => {
  const lines = [];
  const bad = new Set();
  for (let i = 0; i < 1000; i++) {
    if (i % 50 === 7) {
      bad.add(i);
      const kinds = [`{"id": ${i}, "text": `, `{"id": ${i}}`, `[${i}]`, `{"id": ${i}, "text": 5}`];
      lines.push(Buffer.from(kinds[(i / 50) % 4 | 0]));
    } else {
      lines.push(Buffer.from(JSON.stringify({ id: `doc-${i}`, text: `Article ${i} says “hello ${i}.” Mr. Smith agreed.` })));
    }
  }
  // One malformed line is invalid UTF-8 inside the JSON string.
  lines[950] = Buffer.concat([Buffer.from('{"id": "utf8", "text": "bad '), Buffer.from([0xff]), Buffer.from('"}')]);
  bad.add(950);
  assert.equal(bad.size, 21);
  const input = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
  const r = runCli(['analyze', '--jsonl', '--threads', '2'], input);
  assert.equal(r.status, 1, 'exit status says a line failed');
  const out = r.stdout.toString().trimEnd().split('\n');
  assert.equal(out.length, 1000);
  let errors = 0;
  out.forEach((line, i) => {
    const o = JSON.parse(line);
    if (bad.has(i)) {
      errors++;
      assert.equal(o.line, i + 1);
      assert.equal(typeof o.error, 'string');
    } else {
      assert.equal(o.id, `doc-${i}`);
      assertSchema(o, `line ${i + 1}`);
      assert.equal(o.sentences.length, 2);
    }
  });
  assert.equal(errors, bad.size);
  assert.equal(JSON.parse(out[950]).error, 'line is not valid UTF-8');
  assert.ok(errors >= 20);
  const threadsOne = runCli(['analyze', '--jsonl', '--threads', '1'], input);
  assert.equal(threadsOne.stdout.toString(), r.stdout.toString(), 'same output on 1 and 2 threads');
});

test('--jsonl error objects carry the id when the line has one', () => {
  const r = runCli(['analyze', '--jsonl'], '{"id": "x1"}\n\n{"id": 7, "text": "Fine."}\n');
  assert.equal(r.status, 1);
  const [first, second] = r.stdout.toString().trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(first, { id: 'x1', line: 1, error: 'object has no "text"' });
  assert.equal(second.id, 7);
});

// All 924 texts, one after another in one analyzer: enough for the wasm word cache to grow
// (tagger.h), which the native one does not. analyze(), which builds its objects from the core's
// compact form, must give what the JSON gives, key for key in the same order.
test('native and wasm give byte-identical JSON on every PolNeAR text, and analyze() the same objects', { skip: !hasData && `no data at ${dataDir} (set LEDE_DATA)` }, async () => {
  const files = [...textFiles(join(dataDir, 'polnear/train/text')), ...textFiles(join(dataDir, 'polnear/dev/text'))];
  assert.ok(files.length >= 900);
  const dir = mkdtempSync(join(tmpdir(), 'lede-'));
  const jsonl = join(dir, 'polnear.jsonl');
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  writeFileSync(jsonl, texts.map((text, i) => JSON.stringify({ id: i, text })).join('\n') + '\n');
  const r = runCli(['analyze', '--jsonl', jsonl, '--offsets', 'utf16', '--tokens']);
  assert.equal(r.status, 0, r.stderr.toString());
  const native = r.stdout.toString().trimEnd().split('\n');
  const a = await createAnalyzer();
  texts.forEach((text, i) => {
    const wasm = a.analyzeJSON(text, { tokens: true });
    const got = `{"id":${i},` + wasm.slice(1);
    if (got !== native[i]) {
      let k = 0;
      while (got[k] === native[i][k]) k++;
      assert.fail(`${files[i]}: wasm and native JSON differ at character ${k}:\n` +
        `wasm:   …${got.slice(Math.max(0, k - 80), k + 80)}\nnative: …${native[i].slice(Math.max(0, k - 80), k + 80)}`);
    }
    if (i < 10) assertSpans(text, JSON.parse(wasm), files[i]);
    assert.equal(JSON.stringify(a.analyze(text, { tokens: true })), wasm, `${files[i]}: analyze() differs from the JSON`);
  });
  a.dispose();
});

test('a freshly loaded wasm core gives the native result on its first analysis', { skip: !hasData && `no data at ${dataDir} (set LEDE_DATA)` }, async () => {
  // Guards against state that leaks from one analysis into the next (seen once in development:
  // the first analysis in a new core tagged differently). Each text gets its own core instance.
  const wasmBinary = readFileSync(join(root, 'wasm/dist/lede-core.wasm'));
  const files = textFiles(join(dataDir, 'polnear/dev/text')).slice(0, 6);
  for (const f of [join(root, 'samples/article.txt'), ...files]) {
    const text = readFileSync(f, 'utf8');
    const a = await createAnalyzer({ wasmBinary });
    const wasm = a.analyzeJSON(text);
    a.dispose();
    const native = runCli(['analyze', f, '--offsets', 'utf16']).stdout.toString().trimEnd();
    assert.equal(wasm, native, `first analysis in a fresh core differs for ${f}`);
  }
});

