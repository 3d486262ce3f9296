// lede in browsers, Web Workers and other web-like runtimes (Deno, bundlers' browser builds): the
// core and the model are fetched from beside this file. The two URLs are written literally, as
// `new URL("./file", import.meta.url)`, the one form bundlers (Vite, webpack 5, Parcel) see and
// rewrite to the files they emit; nothing here imports node: modules or reads `process`.
import { createAnalyzer as createIn, libraryVersion } from './analyzer.js';
import { fetchCore } from './core.js';
import { fail } from './options.js';

// new URL(..., import.meta.url) throws where a bundle has no import.meta.url (esbuild's default
// iife format): said in words, with what to do.
function packageFile(locate) {
  try {
    return locate();
  } catch {
    throw fail('cannot locate the package\'s files: import.meta.url is not set here (bundle as an ES module, ' +
      'or pass wasmUrl and modelUrl)');
  }
}

const browser = {
  wasmFile: () => packageFile(() => new URL('./lede-core.wasm', import.meta.url)),
  modelFile: () => packageFile(() => new URL('./lede-ner.bin', import.meta.url)),
  // A relative URL given by the caller means relative to the page (or the worker's script), as
  // fetch() takes it; made absolute here so that messages name the address that was asked for.
  resolve(url) {
    const base = globalThis.location?.href;
    try {
      return base ? new URL(url, base).href : String(url);
    } catch {
      return String(url);
    }
  },
  loadWasm: (url) => fetchCore(url),
  readFile: null,  // nothing is read from a disk: every file is fetched
};

/** Loads the core and returns an Analyzer (see index.d.ts). */
export function createAnalyzer(options) {
  return createIn(browser, options);
}

/** The version of the library (the same string `lede --version` prints). */
export function version() {
  return libraryVersion(browser);
}
