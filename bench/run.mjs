#!/usr/bin/env node
// lede against the browser NLP libraries, side by side in one run (issue 6). Run it as bench/run.
//
// Corpus: the PolNeAR train and dev texts ($LEDE_DATA/polnear/{train,dev}/text; LEDE_DATA
// defaults to <repo>/../shared/data), one document at a time. Contenders:
//   lede native, 1 thread and all threads: build/native/lede analyze --jsonl --threads N over the
//     corpus as JSONL (a pass is one process: start-up and model load included, output discarded)
//   lede wasm in Node: the package in wasm/dist, analyzer.analyze(text) (a result object)
//   compromise: nlp(text), people/places/organizations/quotations read out as arrays
//   wink-nlp + wink-eng-lite-web-model: readDoc(text), entities read out with detail
// Each Node contender runs in two processes of its own (bench/contender.mjs), kept between passes
// and taking them in turn.
// Figures: MB/s and docs/s (median of the timed passes after one warm-up pass; the contenders take
// their passes in turn, pass by pass), peak RSS of the process, cold start (fresh process to the
// first result on samples/article.txt, median of 9, the contenders starting in turn), browser
// download (esbuild --minify bundle + .wasm + model file, each gzip -9, summed).
// Linear cost: lede native on one article of 1, 4, 16 MiB (time, peak RSS) and 64 MiB with a
// stated memory bound. Writes bench/results.md.
//
// Usage: node bench/run.mjs [--quick] [--passes N] [--out FILE]
//   --quick  every 8th document, linear cost on 1 and 4 MiB only (about a minute)
//   --passes timed passes per contender (default and least 7)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const work = join(here, '.work');
mkdirSync(work, { recursive: true });

const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
const passes = Math.max(7, Number(option('--passes', 7)));
const outFile = resolve(option('--out', join(here, 'results.md')));
const lede = join(repo, 'build', 'native', 'lede');
const threadsAll = cpus().length;

function fail(message) {
  console.error(`bench/run: ${message}`);
  process.exit(2);
}
if (!existsSync(lede)) fail('build/native/lede missing: run `bash scripts/build native`');
if (!existsSync(join(repo, 'wasm', 'dist', 'index.js'))) fail('wasm/dist missing: run `bash scripts/build wasm`');
if (!existsSync(join(here, 'node_modules', 'compromise'))) fail('peers missing: run `npm ci` in bench/ (or bash scripts/setup)');

// ---- corpus
const dataDir = process.env.LEDE_DATA || join(repo, '..', 'shared', 'data');
const corpusDirs = ['train', 'dev'].map((s) => join(dataDir, 'polnear', s, 'text'));
for (const d of corpusDirs) if (!existsSync(d)) fail(`corpus not found: ${d} (set LEDE_DATA)`);
let docs = corpusDirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => readFileSync(join(d, f), 'utf8')));
if (quick) docs = docs.filter((_, i) => i % 8 === 0);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const corpusJson = join(work, 'corpus.json');
const corpusJsonl = join(work, 'corpus.jsonl');
const corpusNul = join(work, 'corpus.txt');  // each document ended by a NUL byte (contender.mjs)
if (docs.some((d) => d.includes('\0'))) fail('a corpus document holds a NUL byte: cannot write corpus.txt');
writeFileSync(corpusJson, JSON.stringify(docs));
writeFileSync(corpusNul, docs.map((d) => d + '\0').join(''));
writeFileSync(corpusJsonl, docs.map((text, id) => JSON.stringify({ id, text })).join('\n') + '\n');
const article = join(repo, 'samples', 'article.txt');

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};
const now = () => Number(process.hrtime.bigint()) / 1e9;

// Runs a command under GNU time; returns {seconds (wall, measured here), cpuSeconds (user+system),
// maxRssKb, stdout}.
function timed(command, argv, { stdout = 'ignore' } = {}) {
  const t0 = now();
  const r = spawnSync('/usr/bin/time', ['-f', 'LEDE_BENCH_RSS %M %U %S', command, ...argv],
    { encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'], maxBuffer: 1 << 30 });
  const seconds = now() - t0;
  const m = /LEDE_BENCH_RSS (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) fail(`${command} ${argv.join(' ')} failed (${r.status}): ${(r.stderr ?? '').slice(-500)}`);
  return { seconds, cpuSeconds: Number(m[2]) + Number(m[3]), maxRssKb: Number(m[1]), stdout: r.stdout };
}

// ---- throughput
// Each contender is asked for one pass at a time, in turn (lede native, lede wasm, compromise,
// wink-nlp, lede native, ...): on a shared host whose speed changes from minute to minute, every
// contender's passes then fall in the same minutes, and the ratios compare the libraries rather
// than the host's moods. The first pass of each is a warm-up, untimed, and the one whose output is
// counted for what it found. Each Node contender runs in two processes, which take its passes in
// turn (twoProcesses).
const results = [];
function record(name, passRuns, end) {
  const s = median(passRuns.map((r) => r.seconds));
  const cpuMbs = bytes / 1e6 / median(passRuns.map((r) => r.cpuSeconds));
  const passMbs = passRuns.map((r) => bytes / 1e6 / r.seconds);
  results.push({ name, seconds: s, mbs: bytes / 1e6 / s, cpuMbs, docss: docs.length / s, maxRssKb: end.maxRssKb, found: end.found, passMbs });
  const r = results.at(-1);
  console.log(`  ${name.padEnd(24)} ${r.mbs.toFixed(2).padStart(8)} MB/s ${r.docss.toFixed(1).padStart(9)} docs/s ` +
    `${(r.maxRssKb / 1024).toFixed(0).padStart(5)} MB peak RSS ${cpuMbs.toFixed(2).padStart(8)} MB per CPU second ` +
    `(passes ${Math.min(...passMbs).toFixed(2)}–${Math.max(...passMbs).toFixed(2)} MB/s)`);
}

// lede native: a pass is one process over the corpus (start-up and model load included).
function nativeContender(threads) {
  const argv = ['analyze', '--jsonl', '--threads', String(threads), corpusJsonl];
  let found = null;
  let maxRssKb = 0;
  return {
    warmUp() { return this.pass(); },
    async pass() {
      const r = timed(lede, argv, { stdout: found ? 'ignore' : 'pipe' });
      maxRssKb = Math.max(maxRssKb, r.maxRssKb);
      if (!found) {
        found = { names: 0, quotes: 0 };
        for (const line of r.stdout.split('\n')) {
          if (!line) continue;
          const doc = JSON.parse(line);
          for (const e of doc.entities ?? []) found.names += e.mentions.length;
          found.quotes += (doc.quotes ?? []).length;
        }
      }
      return { seconds: r.seconds, cpuSeconds: r.cpuSeconds };
    },
    async end() { return { maxRssKb, found }; },
  };
}
// A Node contender: one process (bench/contender.mjs serve), asked for a pass at a time.
function nodeContender(name, mode, input) {
  const child = spawn(process.execPath, [join(here, 'contender.mjs'), name, mode, input], { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting = [];
  let exited = null;
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(line));
  child.on('exit', (code, signal) => {
    exited = new Error(`contender ${name} ${mode} exited (${signal ?? code})`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  child.stdin.on('error', () => {});  // a write after its exit: reported as the exit
  const ask = (request) => new Promise((resolve, reject) => {
    if (exited) return reject(exited);
    waiting.push({ resolve, reject });
    child.stdin.write(request + '\n');
  }).then((line) => JSON.parse(line));
  return { warmUp: () => ask('pass'), pass: () => ask('pass'), end: () => ask('end') };
}
// A Node contender in two processes that take its passes in turn (A, B, A, ...), each warmed up by
// a pass of its own. On this host a process's speed depends on more than the code: processes of
// the same build settle at 1.1 or at 1.4 s a pass, most of them for good, and two halve the weight
// of that luck in the median. Peak RSS: the larger of the two; found: the first's warm-up.
function twoProcesses(make) {
  const runners = [];
  let next = 0;
  return {
    async warmUp() {
      runners.push(make());
      const first = await runners[0].warmUp();
      runners.push(make());  // started once the first is warm: no two load at once
      await runners[1].warmUp();
      return first;
    },
    pass: () => runners[next++ % runners.length].pass(),
    async end() {
      const ends = [];
      for (const r of runners) ends.push(await r.end());
      return { maxRssKb: Math.max(...ends.map((e) => e.maxRssKb)), found: ends[0].found };
    },
  };
}

console.log(`bench/run: ${docs.length} PolNeAR train+dev documents, ${(bytes / 1e6).toFixed(2)} MB; ` +
  `median of ${passes} passes after one warm-up, the contenders taking their passes in turn` +
  `${quick ? ' (quick mode: every 8th document)' : ''}`);
// The Node contenders stream the corpus from one Buffer; lede wasm also runs with the corpus held
// as an array of strings (the harness of earlier runs), whose RSS is mostly the harness's own.
const contenders = [
  [`lede native, 1 thread`, 'native', () => nativeContender(1)],
  [`lede native, ${threadsAll} threads`, `native ${threadsAll} thr`, () => nativeContender(threadsAll)],
  ['lede wasm (Node)', 'wasm', () => twoProcesses(() => nodeContender('lede-wasm', 'serve', corpusNul))],
  ['compromise', 'compromise', () => twoProcesses(() => nodeContender('compromise', 'serve', corpusNul))],
  ['wink-nlp', 'wink-nlp', () => twoProcesses(() => nodeContender('wink-nlp', 'serve', corpusNul))],
  ['lede wasm (Node), corpus held as strings', 'wasm held',
    () => twoProcesses(() => nodeContender('lede-wasm', 'serve-held', corpusJson))],
].map(([name, label, make]) => ({ name, label, make, runner: null, passRuns: [] }));
try {
  for (let k = 0; k <= passes; k++) {
    const line = [];
    for (const c of contenders) {
      c.runner ??= c.make();  // started at its warm-up pass: no two load at once
      const r = k === 0 ? await c.runner.warmUp() : await c.runner.pass();
      if (k > 0) c.passRuns.push(r);
      line.push(`${c.label} ${(bytes / 1e6 / r.seconds).toFixed(2)}`);
    }
    console.log(`  ${k === 0 ? 'warm-up' : `pass ${k}`}: ${line.join(', ')} MB/s`);
  }
  for (const c of contenders) record(c.name, c.passRuns, await c.runner.end());
} catch (e) {
  fail(e.message);
}

// ---- cold start
// Native: spawn to exit of the CLI (it exits right after printing the result). Node contenders:
// the process's start to its first result (performance.now() in the child, Node's start-up
// included), and the library's own part, from its import to the first result. Spawn to exit is
// not used for Node: V8 finishes optimising compiles in the background before the process
// may exit, which no user waits for.
// The contenders start in turn (one start of each, then the next of each, ...), as the passes
// are taken, so that on a shared host whose speed changes from minute to minute every contender's
// starts fall in the same minutes.
const coldRounds = 9;
console.log(`cold start (fresh process to the first result on samples/article.txt, median of ${coldRounds}, taken in turn):`);
const cold = {};
const coldCpu = {};
const coldLibrary = {};
const starters = [
  ['node -e 0 (reference)', process.execPath, ['-e', '0']],
  ['lede native, 1 thread', lede, ['analyze', article]],
  ...['lede-wasm', 'compromise', 'wink-nlp'].map((name) => [name === 'lede-wasm' ? 'lede wasm (Node)' : name,
    process.execPath, [join(here, 'contender.mjs'), name, 'first', article]]),
];
const coldRuns = Object.fromEntries(starters.map(([name]) => [name, []]));
for (let k = 0; k < coldRounds; k++) {
  for (const [name, command, argv] of starters) coldRuns[name].push(timed(command, argv, { stdout: 'pipe' }));
}
for (const [name] of starters) {
  const runs = coldRuns[name];
  const inChild = runs.map((r) => (r.stdout.trim().startsWith('{') ? JSON.parse(r.stdout) : {}));
  const node = inChild.every((c) => typeof c.firstResultMs === 'number');
  cold[name] = node ? median(inChild.map((c) => c.firstResultMs)) : median(runs.map((r) => r.seconds)) * 1000;
  coldCpu[name] = median(runs.map((r) => r.cpuSeconds)) * 1000;
  if (node) coldLibrary[name] = median(inChild.map((c) => c.libraryMs));
  console.log(`  ${name.padEnd(24)} ${cold[name].toFixed(0).padStart(6)} ms (CPU to exit ${coldCpu[name].toFixed(0)} ms)` +
    (node ? `, of which the library ${coldLibrary[name].toFixed(0)} ms` : ''));
}
cold[`lede native, ${threadsAll} threads`] = cold['lede native, 1 thread'];
coldCpu[`lede native, ${threadsAll} threads`] = coldCpu['lede native, 1 thread'];

// ---- browser download: an esbuild --minify ESM bundle of what a page imports, plus the .wasm and
// the model file
console.log('browser download (minified, gzip -9, brotli -q 11):');
const esbuild = join(here, 'node_modules', '.bin', 'esbuild');
const gzipBytes = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 28 }).length;
// Brotli at its highest quality, as a server or CDN precompressing static files would serve them.
const brotliBytes = (file) =>
  brotliCompressSync(readFileSync(file), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const entries = {
  'lede wasm (Node)': [`export { createAnalyzer } from ${JSON.stringify(join(repo, 'wasm', 'dist', 'index.js'))};`,
    [join(repo, 'wasm', 'dist', 'lede-core.wasm'), join(repo, 'wasm', 'dist', 'lede-ner.bin')]],
  compromise: ["export { default } from 'compromise';", []],
  'wink-nlp': ["export { default as winkNLP } from 'wink-nlp';\nexport { default as model } from 'wink-eng-lite-web-model';", []],
};
const download = {};
for (const [name, [source, extra]] of Object.entries(entries)) {
  const entry = join(here, `.entry-${name.split(' ')[0]}.mjs`);  // inside bench/ so node_modules resolve
  const bundle = join(work, `bundle-${name.split(' ')[0]}.min.js`);
  writeFileSync(entry, source + '\n');
  try {
    execFileSync(esbuild, [entry, '--bundle', '--minify', '--format=esm', '--platform=browser',
      '--external:node:*', '--log-level=error', `--outfile=${bundle}`], { cwd: here });
  } finally {
    spawnSync('rm', ['-f', entry]);
  }
  const files = [bundle, ...extra];
  download[name] = { minified: files.reduce((n, f) => n + statSync(f).size, 0), gzip: files.reduce((n, f) => n + gzipBytes(f), 0),
    brotli: files.reduce((n, f) => n + brotliBytes(f), 0) };
  console.log(`  ${name.padEnd(24)} ${(download[name].minified / 1024).toFixed(0).padStart(6)} KB minified ` +
    `${(download[name].gzip / 1024).toFixed(0).padStart(6)} KB gzip -9 ${(download[name].brotli / 1024).toFixed(0).padStart(6)} KB brotli`);
}
for (const n of ['lede native, 1 thread', `lede native, ${threadsAll} threads`]) download[n] = null;

// ---- linear cost
console.log('linear cost (lede native: analyze one article of N MiB, output discarded):');
const sizes = quick ? [1, 4] : [1, 4, 16, 64];
const corpusText = docs.join('\n\n');
const linear = [];
for (const mib of sizes) {
  const file = join(work, `article-${mib}MiB.txt`);
  const target = mib * 1024 * 1024;
  if (!existsSync(file) || statSync(file).size !== target) {
    let buf = Buffer.from(corpusText);
    const parts = [];
    let have = 0;
    while (have < target) { parts.push(buf); have += buf.length + 2; }
    buf = Buffer.from(parts.map((p) => p.toString()).join('\n\n'));
    let cut = target;
    while (cut > 0 && (buf[cut] & 0xC0) === 0x80) cut--;  // at a code point boundary
    writeFileSync(file, buf.subarray(0, cut));
  }
  const size = statSync(file).size;
  const runs = [];
  for (let k = 0; k < (mib >= 16 ? 1 : 3); k++) runs.push(timed(lede, ['analyze', file]));
  const seconds = median(runs.map((r) => r.seconds));
  const cpuSeconds = median(runs.map((r) => r.cpuSeconds));
  const maxRssKb = Math.max(...runs.map((r) => r.maxRssKb));
  linear.push({ mib, size, seconds, cpuSeconds, maxRssKb });
  console.log(`  ${String(mib).padStart(3)} MiB ${seconds.toFixed(2).padStart(7)} s (CPU ${cpuSeconds.toFixed(2)} s) ${(size / 1e6 / seconds).toFixed(2).padStart(6)} MB/s ` +
    `${(maxRssKb / 1024).toFixed(0).padStart(6)} MB peak RSS ${(maxRssKb * 1024 / size).toFixed(1).padStart(5)} bytes of RSS per input byte`);
}
// The stated bound: peak RSS at most 64 bytes per input byte plus 64 MB (model and runtime).
// Measured at 1f06231: 34 to 50 bytes per byte (tokens, tagger scores, entities, the JSON string).
const boundPerByte = 64;
const boundOf = (size) => boundPerByte * size + 64 * 1024 * 1024;
const biggest = linear.at(-1);
const withinBound = biggest.maxRssKb * 1024 <= boundOf(biggest.size);

// ---- table, ratios, checks
const byName = Object.fromEntries(results.map((r) => [r.name, r]));
const wasm = byName['lede wasm (Node)'];
const compromise = byName.compromise;
const wink = byName['wink-nlp'];
const native1 = byName['lede native, 1 thread'];
const mb = (kb) => (kb / 1024).toFixed(0);
const kb = (b) => (b / 1024).toFixed(0);
const table = ['| contender | MB/s | docs/s | MB per CPU second | peak RSS (MB) | cold start (ms) | library cold start (ms) | cold start CPU (ms) | download min / gzip -9 / brotli (KB) | names found | quotes found | MB/s of each pass, in order |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
for (const r of results) {
  const d = download[r.name];
  table.push(`| ${r.name} | ${r.mbs.toFixed(2)} | ${r.docss.toFixed(1)} | ${r.cpuMbs.toFixed(2)} | ${mb(r.maxRssKb)} | ` +
    `${cold[r.name]?.toFixed(0) ?? ''} | ${coldLibrary[r.name]?.toFixed(0) ?? (cold[r.name] === undefined ? '' : 'n/a')} | ${coldCpu[r.name]?.toFixed(0) ?? ''} | ` +
    `${d === undefined ? '' : d ? `${kb(d.minified)} / ${kb(d.gzip)} / ${kb(d.brotli)}` : 'n/a (native)'} | ${r.found.names} | ${r.found.quotes} | ${r.passMbs.map((x) => x.toFixed(2)).join(', ')} |`);
}
// Every ratio is lede's figure over the peer's: above 1 is better for speed, below 1 is better
// for peak RSS, cold start and download.
const ratios = [];
const x = (v) => `${v.toFixed(2)}×`;
// Pass by pass: the median of the ratios of the k-th passes, taken minutes apart at most.
const paired = (a, b) => median(a.passMbs.map((v, k) => v / b.passMbs[k]));
for (const peer of [compromise, wink]) {
  ratios.push(`| lede wasm / ${peer.name} | ${x(wasm.mbs / peer.mbs)} | ${x(paired(wasm, peer))} | ${x(wasm.cpuMbs / peer.cpuMbs)} | ` +
    `${x(wasm.maxRssKb / peer.maxRssKb)} | ${x(cold[wasm.name] / cold[peer.name])} | ${x(coldCpu[wasm.name] / coldCpu[peer.name])} | ` +
    `${x(download[wasm.name].gzip / download[peer.name].gzip)} |`);
  ratios.push(`| lede native 1 thread / ${peer.name} | ${x(native1.mbs / peer.mbs)} | ${x(paired(native1, peer))} | ${x(native1.cpuMbs / peer.cpuMbs)} | ` +
    `${x(native1.maxRssKb / peer.maxRssKb)} | ${x(cold[native1.name] / cold[peer.name])} | ${x(coldCpu[native1.name] / coldCpu[peer.name])} | |`);
}
const checks = [
  [`lede wasm ≥ 25× compromise's MB/s`, wasm.mbs >= 25 * compromise.mbs, `${(wasm.mbs / compromise.mbs).toFixed(1)}×`],
  [`lede wasm ≥ wink-nlp's MB/s`, wasm.mbs >= wink.mbs, `${(wasm.mbs / wink.mbs).toFixed(2)}×`],
  ['lede native, 1 thread ≥ 5 MB/s (full analysis)', native1.mbs >= 5, `${native1.mbs.toFixed(2)} MB/s`],
  ['lede wasm peak RSS in Node < 100 MB', wasm.maxRssKb < 100 * 1024, `${mb(wasm.maxRssKb)} MB`],
  // Node alone takes about 100 ms to start here (node -e 0), so the target can only be the
  // library's own part: import to first result, as a page loading lede waits for it.
  ['lede cold start < 100 ms (wasm in Node: import to first result)', coldLibrary[wasm.name] < 100,
    `${coldLibrary[wasm.name].toFixed(1)} ms (${cold[wasm.name].toFixed(0)} ms from process start; node -e 0 alone: ${cold['node -e 0 (reference)'].toFixed(0)} ms)`],
  ['lede cold start < 100 ms (native)', cold[native1.name] < 100, `${cold[native1.name].toFixed(1)} ms`],
  [`${biggest.mib} MiB article within ${boundPerByte} B/byte + 64 MB of RSS`, withinBound,
    `${mb(biggest.maxRssKb)} MB of ${(boundOf(biggest.size) / 1048576).toFixed(0)} MB allowed`],
];
const linearTable = ['| input | bytes | time (s) | CPU (s) | MB/s | peak RSS (MB) | RSS bytes per input byte | CPU / 1 MiB CPU | RSS / 1 MiB RSS |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...linear.map((l) => `| ${l.mib} MiB | ${l.size} | ${l.seconds.toFixed(2)} | ${l.cpuSeconds.toFixed(2)} | ${(l.size / 1e6 / l.seconds).toFixed(2)} | ` +
    `${mb(l.maxRssKb)} | ${(l.maxRssKb * 1024 / l.size).toFixed(1)} | ${(l.cpuSeconds / linear[0].cpuSeconds).toFixed(1)} | ` +
    `${(l.maxRssKb / linear[0].maxRssKb).toFixed(1)} |`)];

const version = (pkg) => JSON.parse(readFileSync(join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const git = (...a) => { try { return execFileSync('git', a, { cwd: repo, encoding: 'utf8' }).trim(); } catch { return '?'; } };
// The CPU's family and model too: a cloud host's model name ("AMD EPYC") hides its generation,
// and the same commit's figures have differed by a third from one session's host to the next.
const cpuId = (() => {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name) => info.match(new RegExp(`^${name}\\s*: (.*)$`, 'm'))?.[1];
    const family = field('cpu family'), model = field('model');
    return family && model ? ` (family ${family}, model ${model})` : '';
  } catch {
    return '';
  }
})();
const cpuModel = (cpus()[0]?.model ?? 'unknown CPU') + cpuId;
const ledeVersion = execFileSync(lede, ['--version'], { encoding: 'utf8' }).trim();
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const md = `# lede benchmark results

Written by \`bench/run\`${quick ? ' --quick' : ''} on ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}.

- Machine: ${cpuModel}, ${threadsAll} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${git('log', '-1', '--format=%h %s').slice(0, 80) ? `lede commit ${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results.md') ? ' (work tree with uncommitted changes)' : ''}` : ''}; load average (1, 5, 15 min) ${loadAtStart} at the start, ${load} at the end: on a shared machine wall-clock figures drop with the load, CPU-time ones much less.
- Versions: ${ledeVersion}; Node ${process.version}; compromise ${version('compromise')}; wink-nlp ${version('wink-nlp')} with wink-eng-lite-web-model ${version('wink-eng-lite-web-model')}; esbuild ${version('esbuild')} (bundles for the download size).
- Corpus: ${docs.length} PolNeAR train+dev texts${quick ? ' (every 8th: quick mode)' : ''}, ${(bytes / 1e6).toFixed(2)} MB, one document at a time.
- MB/s and docs/s: median of ${passes} timed passes after one warm-up. The contenders take their passes in turn (one pass of each, then the next pass of each, ...; the MB/s of every pass in the last column), so that on a shared host whose speed changes from minute to minute every contender's passes fall in the same minutes. Native: one \`lede analyze --jsonl --threads N\` process per pass (start-up and model load included, output discarded; peak RSS by GNU time %M). Node contenders: two processes each, started at its warm-up (one pass each) and kept for its passes, which they take in turn (a process's speed on a shared host depends on more than the code: two halve the weight of that luck), each document decoded in turn from the corpus file read into one Buffer (as a program streaming a corpus would); peak RSS is the larger of the two processes' (getrusage's maxrss, read at their end).
- "lede wasm (Node), corpus held as strings": the same run with the corpus held as an array of ${docs.length} strings parsed from JSON, the harness of the runs before streaming was added (its extra RSS, the strings, a dead copy of the file's text and a young generation grown by the surviving strings, is the harness's, and was counted for every contender).
- MB per CPU second: the same with the process's user+system CPU time instead of wall time (summed over threads); less sensitive than wall time to other programs sharing the machine.
- Cold start: a fresh process analyses samples/article.txt (median of ${coldRounds}, the contenders starting in turn: one start of each, then the next of each). Native: spawn to exit. Node: from the process's start to the first result in hand (Node's own start-up included: \`node -e 0\` took ${cold['node -e 0 (reference)'].toFixed(0)} ms spawn to exit); "library cold start" is the part from the library's import to the first result (compiling, loading the model, first analysis). "Cold start CPU" is the process's CPU time to exit, including V8's background compiles.
- Download: esbuild --bundle --minify ESM bundle of what a page imports (lede: the package entry; its .wasm and model file added), each file gzip -9, and brotli at quality 11.
- What each reads out: lede the whole result object (entities with mentions, quotes); compromise people(), places(), organizations(), quotations() as arrays; wink-nlp entities().out(its.detail). "names found": lede entity mentions, compromise people+places+organizations matches, wink-nlp entities of type PERSON/ORG/GPE/LOC/NORP.

## Throughput, memory, start-up, size

${table.join('\n')}

## Ratios (lede / peer)

lede's figure over the peer's: above 1 is better for speed, below 1 for memory, start-up and download.
"MB/s" is the ratio of the medians; "pass by pass" the median of the ratios of each pass to the
peer's pass of the same turn.

| | MB/s | MB/s, pass by pass | MB per CPU second | peak RSS | cold start | cold start CPU | download (gzip -9) |
|---|---:|---:|---:|---:|---:|---:|---:|
${ratios.join('\n')}

## Acceptance checks (issue 6)

${checks.map(([what, ok, value]) => `- ${ok ? '✅' : '❌'} ${what}: ${value}`).join('\n')}

## Linear cost (lede native, one article, one thread)

Inputs are the corpus concatenated (paragraph breaks between documents), cut to size.
Stated memory bound: peak RSS ≤ ${boundPerByte} bytes per input byte + 64 MB.

${linearTable.join('\n')}
`;
writeFileSync(outFile, md);
console.log(`\nratios (lede / peer):`);
for (const line of ratios) console.log('  ' + line.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim());
console.log('checks:');
for (const [what, ok, value] of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}: ${value}`);
console.log(`wrote ${relative(process.cwd(), outFile) || outFile}`);
