// Where the package's peak RSS under Node goes (issue 24's line: at most 64 MB over the corpus):
// one process loads the package (wasm/dist) and analyses the 924 PolNeAR train+dev texts, and
// prints, after each stage, the process's peak RSS (VmHWM) and what its resident memory is made
// of: file-backed pages (node's own binary, mostly), anonymous memory, V8's heap, the wasm
// memory's size and the resident part of its mapping, and ArrayBuffers (the corpus Buffer).
//
// Stages: Node started (this script's first line: node and its module loader, nothing of lede);
// the package imported; createAnalyzer() (compiling the module, loading the models); one sentence
// analysed; then passes over the corpus. By default each pass reads the texts one file at a time
// from disk, so nothing of the corpus stays in memory; with --buffer the corpus is first read into
// one Buffer and each text decoded from it, as bench/run's contenders do (its 4.3 MB count).
// V8's flags change the figures (try `node --liftoff-only bench/node-rss.mjs`): bench/run passes
// none.
//
// Usage: node bench/node-rss.mjs [--buffer] [--passes N]   (data: $LEDE_DATA, default ../shared/data)
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const rows = [];
function status() {
  const text = readFileSync('/proc/self/status', 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { hwm: kb('VmHWM'), rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') };
}
let memory = null;  // the package's wasm memory, caught as the package instantiates its module
// The resident kB of the mapping that holds the wasm memory: V8 reserves the memory with guard
// pages after it (an inaccessible mapping of gigabytes), and the accessible part of the memory is
// the mapping just before that reservation.
function wasmResidentKb() {
  const lines = readFileSync('/proc/self/smaps', 'utf8').split('\n');
  let current = null;
  for (const line of lines) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    if (head) {
      const bytes = Number(BigInt('0x' + head[2]) - BigInt('0x' + head[1]));
      if (head[3] === '---p' && bytes >= 4 * 2 ** 30 && current?.perms === 'rw-p') return current.rss;
      current = { perms: head[3], rss: 0 };
    } else if (line.startsWith('Rss:') && current) {
      current.rss = Number(line.split(/\s+/)[1]);
    }
  }
  return NaN;
}
function stage(name) {
  const s = status();
  const m = process.memoryUsage();
  rows.push({
    name, ...s, heap: m.heapTotal / 1024, buffers: m.arrayBuffers / 1024,
    wasm: memory ? memory.buffer.byteLength / 1024 : 0, wasmResident: memory ? wasmResidentKb() : 0,
  });
}
stage('node started');

const args = process.argv.slice(2);
const buffer = args.includes('--buffer');
const passesAt = args.indexOf('--passes');
const passes = passesAt >= 0 ? Number(args[passesAt + 1]) : 3;
if (!(passes >= 1 && passes <= 100) || args.some((a, i) => !['--buffer', '--passes'].includes(a) && args[i - 1] !== '--passes')) {
  console.error('usage: node bench/node-rss.mjs [--buffer] [--passes N]   (N from 1 to 100)');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.LEDE_DATA || join(root, '../shared/data');

const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...a) => {
  const result = await instantiate.apply(WebAssembly, a);
  const exports = (result.instance ?? result).exports;
  memory = Object.values(exports).find((e) => e instanceof WebAssembly.Memory) ?? memory;
  return result;
};
const { createAnalyzer } = await import(join(root, 'wasm/dist/index.node.js'));
stage('package imported');
const analyzer = await createAnalyzer();
stage('analyzer created');
analyzer.analyze('"We will see," said Jane Smith, the mayor of Springfield.');
stage('one sentence analysed');

// Listed only now, so that the stages before are the package's alone.
const files = ['train', 'dev'].flatMap((split) => {
  const dir = join(data, 'polnear', split, 'text');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));
});
let corpus = null;
const ends = [];
if (buffer) {
  // Read straight into one Buffer (no copies left behind for the collector): each text, then a NUL.
  corpus = Buffer.allocUnsafe(files.reduce((n, f) => n + statSync(f).size + 1, 0));
  let at = 0;
  for (const f of files) {
    const fd = openSync(f, 'r');
    for (let got; (got = readSync(fd, corpus, at, corpus.length - at, null)) > 0;) at += got;
    closeSync(fd);
    ends.push(at);
    corpus[at++] = 0;
  }
  stage('corpus in one Buffer');
}
let found = 0;
for (let pass = 1; pass <= passes; ++pass) {
  if (buffer) {
    let start = 0;
    for (const end of ends) {
      found += analyzer.analyze(corpus.toString('utf8', start, end)).entities.length;
      start = end + 1;
    }
  } else {
    for (const f of files) found += analyzer.analyze(readFileSync(f, 'utf8')).entities.length;
  }
  stage(`pass ${pass} over ${files.length} texts`);
}

const mb = (kb) => (kb / 1024).toFixed(1).padStart(8);
console.log(`lede wasm under Node ${process.version}${process.execArgv.length ? ' ' + process.execArgv.join(' ') : ''}; ` +
            `corpus ${buffer ? 'in one Buffer' : 'read a file at a time'}; ${found} entities found; MB:`);
console.log('stage'.padEnd(28) + ['peak RSS', 'RSS', 'file', 'anon', 'V8 heap', 'wasm mem', 'resident', 'buffers']
  .map((h) => h.padStart(9)).join(''));
for (const r of rows) {
  console.log(r.name.padEnd(28) + [r.hwm, r.rss, r.file, r.anon, r.heap, r.wasm, r.wasmResident, r.buffers]
    .map((v) => ' ' + mb(v)).join(''));
}
