#!/usr/bin/env node
// The text layer's throughput, native and WebAssembly-in-Node, side by side in one run, over the
// PolNeAR train texts ($LEDE_DATA/polnear/train/text; LEDE_DATA defaults to <repo>/../shared/data).
//
// Three lede figures, each the median of N passes over every document, one thread:
//   native       build/native/lede-bench-text: tokenize + paragraphs + sentences (C++ calls)
//   wasm         the same C++ program compiled with emcc -O3 and run by Node (bench/build-wasm-text):
//                exactly the same code as native, no JS glue
//   wasm package the published package's analyzer.analyzeJSON(text, {tokens: true, offsets: 'utf16'}):
//                the text layer plus everything the pipeline runs (tagger, entities, quotes once
//                wired in), text copied into the heap, JSON written with every token and decoded
//                back into a JS string
// and the peers run in the same processes over the same bytes: memchr counting line breaks (in
// each C++ program) and JSON.stringify(text) (in Node: one escaping pass over every character).
//
// Usage: node bench/bench_text.mjs [--passes N]
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const passes = args.includes('--passes') ? Math.max(1, Number(args[args.indexOf('--passes') + 1])) : 7;
const dataDir = process.env.LEDE_DATA || join(repo, '..', 'shared', 'data');
const corpusDir = join(dataDir, 'polnear', 'train', 'text');
if (!existsSync(corpusDir)) {
  console.error(`bench_text: corpus not found at ${corpusDir} (set LEDE_DATA)`);
  process.exit(2);
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

function runProgram(command, argv) {
  return JSON.parse(execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
}

// native
const nativeBin = join(repo, 'build', 'native', 'lede-bench-text');
if (!existsSync(nativeBin)) {
  console.error('bench_text: build/native/lede-bench-text missing: run `bash scripts/build native`');
  process.exit(2);
}
const native = runProgram(nativeBin, ['--json', '--passes', String(passes), corpusDir]);

// the same program in wasm
execFileSync('bash', [join(repo, 'bench', 'build-wasm-text')], { stdio: 'inherit' });
const wasm = runProgram(process.execPath, ['--no-experimental-fetch', join(repo, 'build', 'bench-wasm', 'lede-bench-text.js'),
  '--json', '--passes', String(passes), corpusDir]);

// the package, in this process
const pkg = join(repo, 'wasm', 'dist', 'index.node.js');
if (!existsSync(pkg)) {
  console.error('bench_text: wasm/dist missing: run `bash scripts/build wasm`');
  process.exit(2);
}
const { createAnalyzer } = await import(pkg);
const analyzer = await createAnalyzer();
const docs = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
let sink = 0;
const work = {
  package: () => { for (const d of docs) sink += analyzer.analyzeJSON(d, { tokens: true, offsets: 'utf16' }).length; },
  stringify: () => { for (const d of docs) sink += JSON.stringify(d).length; },
};
const times = { package: [], stringify: [] };
for (const w of Object.values(work)) w();  // warm-up
for (let k = 0; k < passes; k++) {
  for (const [name, w] of Object.entries(work)) {
    const t0 = process.hrtime.bigint();
    w();
    times[name].push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
}
analyzer.dispose();
const mbs = (seconds) => bytes / 1e6 / seconds;
const packageMbs = mbs(median(times.package));
const stringifyMbs = mbs(median(times.stringify));

const f = (x) => x.toFixed(1).padStart(9);
console.log(`lede text layer, one thread: ${docs.length} PolNeAR train texts, ${(bytes / 1e6).toFixed(2)} MB, ` +
  `median of ${passes} passes; Node ${process.version}`);
console.log('  what                                                    MB/s    docs/s   in-process peer   lede/peer');
const row = (what, v, docsPerS, peerName, peer) =>
  console.log(`  ${what.padEnd(52)} ${f(v)} ${f(docsPerS)}   ${peerName.padEnd(16)} ${(v / peer).toFixed(4).padStart(9)}`);
row('native: tokenize+paragraphs+sentences', native.text_layer_mb_s, native.docs_s, `memchr ${native.memchr_mb_s.toFixed(0)}`, native.memchr_mb_s);
row('wasm in Node: the same C++ (emcc -O3)', wasm.text_layer_mb_s, wasm.docs_s, `memchr ${wasm.memchr_mb_s.toFixed(0)}`, wasm.memchr_mb_s);
row('wasm package: analyzeJSON({tokens:true})', packageMbs, docs.length / median(times.package),
  `stringify ${stringifyMbs.toFixed(0)}`, stringifyMbs);
console.log(`  ratio native / wasm (same C++):       ${(native.text_layer_mb_s / wasm.text_layer_mb_s).toFixed(2)}`);
console.log(`  ratio native / wasm package:          ${(native.text_layer_mb_s / packageMbs).toFixed(2)}`);
console.log(`  native per CPU second:                ${native.text_layer_cpu_mb_s.toFixed(1)} MB/s`);
console.log(`  goal >= 50 MB/s native, one thread:   ${native.text_layer_mb_s >= 50 ? 'met' : 'NOT met'} by wall clock, ` +
  `${native.text_layer_cpu_mb_s >= 50 ? 'met' : 'NOT met'} by CPU time (wall clock counts time lost to other programs)`);
console.log(`  load average: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
if (sink < 0) console.log(sink);
