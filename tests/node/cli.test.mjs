// The native CLI as users run it, and native vs wasm agreement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createAnalyzer } from '../../wasm/dist/index.node.js';
import { assertSchema, assertSpans, cli, dataDir, hasData, root, runCli, textFiles } from './helpers.mjs';

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


// Issue 25: gzip input and --progress.

/** Distinct made-up articles (words of the sample in a seeded order): they compress like prose. */
function syntheticJsonl(count, seed = 25, sentencesEach = 20) {
  const words = readFileSync(sample, 'utf8').split(/\s+/).filter(Boolean);
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8;
  const lines = [];
  for (let i = 0; i < count; i++) {
    const sentences = [];
    for (let s = 0; s < sentencesEach; s++) {
      const n = 6 + (next() % 12);
      sentences.push(Array.from({ length: n }, () => words[next() % words.length]).join(' ') + '.');
    }
    lines.push(JSON.stringify({ id: `synthetic-${i}`, text: sentences.join(' ') }));
  }
  return lines.join('\n') + '\n';
}

function runCliAsync(args, feed) {
  return new Promise((resolve, reject) => {
    const child = spawn(cli, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [], err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() }));
    feed(child.stdin);
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'lede-gzip-'));
const corpus = syntheticJsonl(300) + '{"id": "bad", "text": 5}\nnot json\n';
const corpusGz = join(tmp, 'corpus.jsonl.gz');
writeFileSync(corpusGz, gzipSync(corpus));
const plain = runCli(['analyze', '--jsonl', '--threads', '2'], corpus);

test('--jsonl reads a gzip file or gzip on standard input, whatever its name, as it reads the plain text', () => {
  assert.equal(plain.status, 1, 'the two bad lines make the exit status 1');
  assert.equal(plain.stdout.toString().split('\n').length, 303);
  const renamed = join(tmp, 'corpus-no-suffix');
  writeFileSync(renamed, readFileSync(corpusGz));
  for (const [args, input] of [[[corpusGz], undefined], [[renamed], undefined], [['-'], readFileSync(corpusGz)]]) {
    const r = runCli(['analyze', '--jsonl', '--threads', '2', ...args], input);
    assert.equal(r.status, 1, r.stderr.toString());
    assert.equal(r.stderr.toString(), '');
    assert.ok(r.stdout.equals(plain.stdout), `gzip output differs for ${args}`);
  }
  // The single-article commands read gzip too.
  const article = readFileSync(sample);
  assert.equal(runCli(['analyze', '-'], gzipSync(article)).stdout.toString(), runCli(['analyze', sample]).stdout.toString());
  assert.equal(runCli(['summary', '-'], gzipSync(article)).stdout.toString(), runCli(['summary', sample]).stdout.toString());
});

test('--jsonl reads concatenated gzip members (gzip -c a b) as one stream', () => {
  const lines = corpus.split('\n');
  // Cut in the middle of a line, so that the line spans two members.
  const cut = lines.slice(0, 150).join('\n').length + 20;
  const members = Buffer.concat([gzipSync(corpus.slice(0, cut)), gzipSync(''), gzipSync(corpus.slice(cut))]);
  const r = runCli(['analyze', '--jsonl', '--threads', '2'], members);
  assert.equal(r.status, 1, r.stderr.toString());
  assert.ok(r.stdout.equals(plain.stdout));
});

test('a truncated, corrupt or padded gzip stream is a lede: error with exit status 2, after the lines before it', () => {
  const whole = readFileSync(corpusGz);
  const corrupt = Buffer.from(whole);
  for (let k = whole.length >> 1; k < (whole.length >> 1) + 64; k++) corrupt[k] ^= 0x5a;
  const crc = Buffer.from(whole);
  crc[crc.length - 6] ^= 1;  // the CRC-32 in the trailer: the data decompresses but does not check
  const cases = [
    ['truncated', whole.subarray(0, whole.length >> 1), /^lede: standard input: gzip stream is truncated/],
    ['corrupt', corrupt, /^lede: standard input: gzip stream is corrupt \(.+\)\n$/],
    ['bad checksum', crc, /^lede: standard input: gzip stream is corrupt \(incorrect data check\)\n$/],
    ['garbage after the member', Buffer.concat([whole, Buffer.from('trailing text\n')]), /^lede: standard input: gzip stream is corrupt/],
    ['magic number only', Buffer.from([0x1f, 0x8b]), /^lede: standard input: gzip stream is truncated/],
  ];
  const expected = plain.stdout.toString().split('\n');
  for (const [what, bytes, message] of cases) {
    const r = runCli(['analyze', '--jsonl', '--threads', '2'], bytes);
    assert.equal(r.status, 2, `exit status for a ${what} stream`);
    assert.match(r.stderr.toString(), message, what);
    // Whatever was written is whole lines; the first ones of the full run, except that what a
    // corrupt stream decodes to before zlib notices the damage is analysed too (a gzip member's
    // checksum comes at its end, and a stream is never held back in memory waiting for it).
    const got = r.stdout.toString();
    assert.ok(got === '' || got.endsWith('\n'), `${what}: a partial line was written`);
    const lines = got.split('\n').slice(0, -1);
    if (what === 'corrupt') lines.forEach((line) => JSON.parse(line));
    else assert.deepEqual(lines, expected.slice(0, lines.length), `${what}: output is not a prefix of the full run`);
  }
  const file = join(tmp, 'cut.jsonl.gz');
  writeFileSync(file, whole.subarray(0, 1000));
  const r = runCli(['analyze', '--jsonl', file]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr.toString(), `lede: '${file}': gzip stream is truncated (it ends before its last member does)\n`);
  const single = runCli(['analyze', '-'], gzipSync(readFileSync(sample)).subarray(0, 500));
  assert.equal(single.status, 2);
  assert.equal(single.stdout.toString(), '');
  assert.match(single.stderr.toString(), /^lede: standard input: gzip stream is truncated/);
});

test('--progress: stderr gets status lines and a summary, stdout stays byte-identical', async () => {
  const r = await runCliAsync(['analyze', '--jsonl', '--threads', '2', '--progress'], (stdin) => stdin.end(corpus));
  assert.equal(r.status, 1);
  assert.ok(r.stdout.equals(plain.stdout), 'stdout changed with --progress');
  assert.match(r.stderr, /^lede: done: 302 documents, 0\.\d MB in \d+\.\d s, \d+ documents\/s, \d+\.\d\d MB\/s, 2 errors\n$/);
  // Standard input in two parts, 1.5 s apart: the reports come in between, the first batch of
  // 512 lines (the loop's unit of work) done, the rest of the lines still awaited.
  const short = syntheticJsonl(600, 3, 3);
  const firstPart = short.split('\n').slice(0, 560).join('\n') + '\n';
  const slow = await runCliAsync(['analyze', '--jsonl', '--threads', '2', '--progress-every', '0.2'], (stdin) => {
    stdin.write(firstPart);
    setTimeout(() => stdin.end(short.slice(firstPart.length)), 1500);
  });
  assert.equal(slow.status, 0);
  assert.ok(slow.stdout.equals(runCli(['analyze', '--jsonl'], short).stdout), 'stdout changed with --progress');
  assert.ok(!slow.stderr.includes('\r'), 'not a terminal: plain lines');
  const report = slow.stderr.split('\n');
  assert.equal(report.pop(), '');
  assert.match(report.pop(), /^lede: done: 600 documents, 0\.\d MB in \d+\.\d s, \d+ documents\/s, \d+\.\d\d MB\/s, 0 errors$/);
  for (const line of report) {
    // Standard input from a pipe has no known size: no ETA.
    assert.match(line, /^lede: \d+ documents?, \d+\.\d MB, \d+ documents\/s, \d+\.\d\d MB\/s, 0 errors$/);
  }
  assert.ok(report.some((line) => line.startsWith('lede: 512 documents,')), `no report between the parts: ${slow.stderr}`);
});

test('--progress on a gzip file gives the share of the file read and an ETA; in place on a terminal', () => {
  const big = join(tmp, 'big.jsonl.gz');
  writeFileSync(big, gzipSync(syntheticJsonl(1500, 7)));
  const r = runCli(['analyze', '--jsonl', big, '--threads', '1', '--progress-every', '0.02']);
  assert.equal(r.status, 0, r.stderr.toString());
  // Reports every 20 ms while the results are written: once, with the report on std::cerr (tied
  // to std::cout, so flushing it from the reporter thread), stray newlines got into stdout.
  assert.ok(r.stdout.equals(runCli(['analyze', '--jsonl', big, '--threads', '2']).stdout), 'stdout changed with --progress');
  const report = r.stderr.toString().trimEnd().split('\n');
  assert.match(report.pop(), /^lede: done: 1500 documents, \d+\.\d MB in \d+\.\d s, .* 0 errors$/);
  assert.ok(report.length >= 3, `too few status lines: ${r.stderr}`);
  const shares = report.map((line) => {
    // No ETA before the first document is done: there is no rate to go by.
    const m = line.match(/^lede: \d+ documents?, .*, 0 errors, (\d+)% done(, ETA \d+:\d\d:\d\d)?$/);
    assert.ok(m, `status line without the share done: ${line}`);
    assert.equal(m[2] === undefined, line.startsWith('lede: 0 documents'), `ETA: ${line}`);
    return Number(m[1]);
  });
  assert.deepEqual([...shares].sort((a, b) => a - b), shares, 'the share done only grows');
  assert.ok(shares[0] < 100, 'the compressed file is read as the work goes, not at once');
  // A terminal (script(1) gives the command a pseudo-terminal): one line redrawn with \r.
  const tty = spawnSync('script', ['-qec', `${cli} analyze --jsonl ${big} --threads 1 --progress-every 0.05 > /dev/null`, '/dev/null'],
    { encoding: 'utf8' });
  assert.equal(tty.status, 0, tty.stderr);
  assert.match(tty.stdout, /^\rlede: \d+ documents.*ETA \d+:\d\d:\d\d {0,}\r/);
  assert.match(tty.stdout, /\rlede: done: 1500 documents.*0 errors *\r?\n$/);
  assert.equal(tty.stdout.split('\n').length, 2, 'the terminal gets one line, redrawn');
});

test('--progress and gzip options are checked', () => {
  const cases = [
    [['analyze', '--progress'], /--progress goes with --jsonl/],
    [['analyze', '--jsonl', '--progress-every', '0'], /--progress-every takes seconds from 0\.01 to 86400, not '0'/],
    [['analyze', '--jsonl', '--progress-every', 'soon'], /--progress-every takes seconds/],
    [['analyze', '--jsonl', '--progress-every'], /--progress-every needs a value/],
    [['analyze', '--jsonl', tmp], /^lede: '.*': read error: Is a directory/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args, '');
    assert.equal(r.status, 2, `exit status for ${args.join(' ')}`);
    assert.match(r.stderr.toString(), message);
  }
});
