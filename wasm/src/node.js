// lede under Node (and runtimes that take Node's export condition: Deno, Bun, bundles for
// Node): the core and the model are read from disk beside this file, the model straight into the
// heap; a modelUrl or wasmUrl that is not a file (http:, data:) is fetched.
import fs from 'node:fs';
import { createAnalyzer as createIn, libraryVersion } from './analyzer.js';
import { compileBytes, fetchCore } from './core.js';
import { fail, reason } from './options.js';

// Under Node, V8 (11 on, Node 20 on) compiles a WebAssembly function the first time it is called
// (--wasm-lazy-compilation), on the calling thread: a first analysis in a fresh process waited
// ~20 ms for its compiles. Compiled all at once instead, on V8's background threads, a fresh
// process had its first result 8–16 ms sooner (README.md). The flag is V8's, for the whole
// process: lede turns it off for the duration of its own compiles and on again after, and leaves
// it alone when the process was started with a setting of its own (`node
// --wasm-lazy-compilation ...` keeps lazy compilation, for lede's module too).
let eagerCompiles = 0;
let v8Flags;

async function eagerCompilation() {
  if (!(Number.parseInt(process.versions?.v8, 10) >= 11)) return false;
  const given = [...(process.execArgv ?? []), process.env?.NODE_OPTIONS ?? ''].join(' ');
  if (/(^|\s)--(no-)?wasm[-_]lazy[-_]compilation(?=\s|=|$)/.test(given)) return false;
  if (v8Flags === undefined) {
    try {
      const v8 = await import('node:v8');
      v8Flags = typeof v8.setFlagsFromString === 'function' ? v8.setFlagsFromString : null;
    } catch {
      v8Flags = null;
    }
  }
  if (!v8Flags) return false;
  // Runtimes that offer node:v8 without V8's flags (Bun, Deno) may throw: compiled lazily, then.
  if (eagerCompiles === 0 && !setV8Flag('--no-wasm-lazy-compilation')) return false;
  eagerCompiles++;
  return true;
}

function setV8Flag(flag) {
  try {
    v8Flags(flag);
    return true;
  } catch {
    return false;
  }
}

async function compileModule(bytes) {
  const eager = await eagerCompilation();
  try {
    return await WebAssembly.compile(bytes);
  } finally {
    if (eager && --eagerCompiles === 0) setV8Flag('--wasm-lazy-compilation');
  }
}

/** Node: reads the file at `path` (a path or a file: URL) straight into the heap; returns [pointer, size]. */
function readIntoHeap(core, path) {
  let fd;
  try {
    fd = fs.openSync(path, 'r');
  } catch (err) {
    throw fail(`cannot read the model file ${path}: ${err.message}`);
  }
  let ptr = 0;
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) throw fail(`the model file ${path} is empty (0 bytes)`);
    ptr = core._lede_alloc(size);
    if (ptr === 0) throw fail(`out of memory for the model file ${path} (${size} bytes)`);
    // Synchronous, so that nothing can grow (and so detach) the heap while the read fills it.
    for (let done = 0; done < size;) {
      const n = fs.readSync(fd, core.HEAPU8, ptr + done, size - done, done);
      if (n === 0) throw fail(`cannot read the model file ${path}: it shrank while being read`);
      done += n;
    }
    const result = [ptr, size];
    ptr = 0;
    return result;
  } catch (err) {
    throw err instanceof Error && err.message.startsWith('lede:')
      ? err
      : fail(`cannot read the model file ${path}: ${err && err.message ? err.message : err}`);
  } finally {
    if (ptr) core._lede_free(ptr);
    fs.closeSync(fd);
  }
}

/** A file: URL or a path for `url` when it names a local file, else null (to be fetched). */
function localFile(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? parsed : null;
  } catch {
    return url;  // not a URL: a path
  }
}

async function loadWasm(url) {
  const file = localFile(url);
  if (!file) return fetchCore(url, compileModule);
  let bytes;
  try {
    bytes = await fs.promises.readFile(file);
  } catch (err) {
    throw fail(`cannot load lede-core.wasm from ${url}: ${reason(err)}`);
  }
  return compileBytes(bytes, String(url), compileModule);
}

const node = {
  wasmFile: () => new URL('./lede-core.wasm', import.meta.url),
  modelFile: () => new URL('./lede-ner.bin', import.meta.url),
  // A path means the same in a worker thread (the working directory is shared): kept as given.
  resolve: (url) => String(url),
  loadWasm,
  compile: compileModule,
  readFile(url) {
    const file = localFile(url);
    return file ? (core) => readIntoHeap(core, file) : null;
  },
};

/** Loads the core and returns an Analyzer (see index.d.ts). */
export function createAnalyzer(options) {
  return createIn(node, options);
}

/** The version of the library (the same string `lede --version` prints). */
export function version() {
  return libraryVersion(node);
}
