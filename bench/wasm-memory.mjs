// Peak WebAssembly memory per byte of text: the package's analyzer (wasm/dist, under Node) on one
// long article made by joining the PolNeAR train texts (repeated) up to each size. Each size runs
// in a fresh process, since a wasm memory never shrinks: the figure is the memory's size after
// analyze() (its high-water mark) less its size before, over the text's UTF-8 bytes. The memory is
// read from the instance the package creates (WebAssembly.instantiate, wrapped here), so the
// analyzer measured is exactly the one users get. The figures set kBytesPerTextByte in wasm/abi.cpp.
//
// --oom: a real allocation failure instead. A text under the limit but three times as dense in
// tokens as news ("A b. C, d e; " repeated to 109 MB, about 52 bytes of memory per byte: 52.1 at
// 13.6 MB) fills the 4 GB; analyze() must throw a lede: error, and the same analyzer then analyse
// a normal text and a 4 MB one. Takes a few minutes and 4 GB of RAM.
//
// Usage: node --expose-gc bench/wasm-memory.mjs [MB ...]   (default 4 16 40; data: $LEDE_DATA)
//        node bench/wasm-memory.mjs --oom
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.LEDE_DATA || join(root, '../shared/data');

function article(bytes) {
  const dir = join(data, 'polnear/train/text');
  const texts = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i = (i + 1) % texts.length) {
    parts.push(texts[i]);
    size += Buffer.byteLength(texts[i]) + 2;
  }
  return parts.join('\n\n');
}

async function measure(mb) {
  let memory = null;
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    // Emscripten may minify the export's name: take the one Memory among the exports.
    const exports = Object.values((result.instance ?? result).exports);
    memory = exports.find((e) => e instanceof WebAssembly.Memory);
    return result;
  };
  const { createAnalyzer } = await import(join(root, 'wasm/dist/index.node.js'));
  const analyzer = await createAnalyzer();
  analyzer.analyze('Warm-up: Mayor Helena Ruiz said so.');
  const text = article(mb * 1024 * 1024);
  const bytes = Buffer.byteLength(text);
  globalThis.gc?.();
  const before = memory.buffer.byteLength;
  const t0 = performance.now();
  const result = analyzer.analyze(text);
  const seconds = (performance.now() - t0) / 1000;
  const after = memory.buffer.byteLength;
  console.log(JSON.stringify({
    mb, bytes, entities: result.entities.length, seconds: +seconds.toFixed(1),
    heap_before: before, heap_after: after, bytes_per_byte: +((after - before) / bytes).toFixed(2),
    rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
  }));
}

async function outOfMemory() {
  const { createAnalyzer } = await import(join(root, 'wasm/dist/index.node.js'));
  const analyzer = await createAnalyzer();
  let text = 'A b. C, d e; ';
  while (text.length < 80 * 2 ** 20) text += text;
  const bytes = Buffer.byteLength(text);
  console.log(`limit ${analyzer.maxTextBytes} bytes; text ${bytes} bytes`);
  const t0 = performance.now();
  try {
    analyzer.analyze(text);
    console.log('analysed: no allocation failed');
  } catch (err) {
    console.log(`error after ${((performance.now() - t0) / 1000).toFixed(1)} s: ${err.message}`);
  }
  const after = analyzer.analyze('“We are not closing a plant,” Mayor Helena Ruiz-Okafor told reporters in Port Ellis.');
  console.log(`then a normal text: entities ${JSON.stringify(after.entities.map((e) => e.name))}, ` +
              `quotes ${after.quotes.length}`);
  const four = analyzer.analyze(article(4 * 1024 * 1024));
  console.log(`then a 4 MB article: ${four.entities.length} entities, ${four.quotes.length} quotes`);
}

if (process.argv[2] === '--oom') {
  await outOfMemory();
} else if (process.argv[2] === '--one') {
  await measure(Number(process.argv[3]));
} else {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [4, 16, 40];
  for (const mb of sizes) {
    const r = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--one', String(mb)],
      { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
