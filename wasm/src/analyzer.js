// The analyzer: one handle in a core's heap, the text copied in, the result copied out. The
// environment (browser.js, node.js) says where the core and the model come from; everything else
// is the same everywhere. An environment is an object with
//   wasmFile(), modelFile()  the package's own two files (URLs),
//   resolve(url)             a caller's wasmUrl or modelUrl as the address to load,
//   loadWasm(url)            the compiled core at an address,
//   compile(bytes)           optional: how to compile the bytes of option wasmBinary,
//   readFile(url)            a function reading a local model file into a core's heap, or null.
import { coreFor } from './core.js';
import { readCString, readCompact } from './compact.js';
import { copyIntoHeap, modelInHeap } from './model.js';
import { OFFSET_UNITS, checkAnalyzeOptions, checkCreateOptions, checkText, fail } from './options.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

// String.prototype.isWellFormed (Node 20, browsers since 2023), or the same test by hand.
const isWellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (text) => text.isWellFormed()
  : (text) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

// The UTF-8 length of `text` as encodeInto writes it (a lone surrogate as U+FFFD, 3 bytes): known
// before the text is copied, so that the core can refuse one too large for its memory first, and
// the copy takes what it needs rather than 3 bytes per UTF-16 unit.
function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length &&
               (text.charCodeAt(i + 1) & 0xFC00) === 0xDC00) {
      bytes += 2;  // a pair: 2 units, 4 bytes
      ++i;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, handle }) => core._lede_destroy(handle))
  : null;

class Analyzer {
  #core;
  #handle;
  constructor(core, handle) {
    this.#core = core;
    this.#handle = handle;
    this.version = readCString(core, core._lede_version());
    /** The largest text analyze() takes, in UTF-8 bytes (what the 4 GB of WebAssembly memory holds). */
    this.maxTextBytes = core._lede_text_limit();
    registry?.register(this, { core, handle }, this);
  }

  /** Analyses `text`; returns the result as a plain object (UTF-16 offsets by default). */
  analyze(text, options) {
    checkText(text);
    const [unit, flags, date] = checkAnalyzeOptions(options);
    // In UTF-16 units (the default) the result comes in compact form and its spans' texts are
    // sliced from `text` itself: no JSON printed, decoded or parsed. Not when a lone surrogate
    // (U+FFFD to the core) would be sliced as itself, nor in other units, which slicing a JS
    // string cannot follow: those take the JSON.
    if (unit !== OFFSET_UNITS.utf16 || !isWellFormed(text)) return JSON.parse(this.#run(text, unit, flags, date, null));
    return this.#run(text, unit, flags, date, (core, out, size) => readCompact(core, out, size, text, flags));
  }

  /** As analyze(), but returns the JSON text itself. */
  analyzeJSON(text, options) {
    checkText(text);
    const [unit, flags, date] = checkAnalyzeOptions(options);
    return this.#run(text, unit, flags, date, null);
  }

  // The text into the wasm heap, the core's result out of it: read(core, pointer, bytes), or
  // decoded as the JSON text when read is null.
  #run(text, unit, flags, date, read) {
    if (this.#handle === 0) throw fail('analyze() called after dispose()');
    const core = this.#core;
    // The core says whether the text fits before anything is allocated for it (lede_text_fits).
    const bytes = utf8Length(text);
    if (!core._lede_text_fits(bytes)) throw coreError(core);
    // encodeInto writes U+FFFD for a lone surrogate: one UTF-16 unit in, one code point out, so
    // offsets still index the caller's string.
    const ptr = core._lede_alloc(bytes + 1);
    if (ptr === 0) throw fail(`out of WebAssembly memory for a text of ${megabytes(bytes)} MB`);
    try {
      const { written } = encoder.encodeInto(text, core.HEAPU8.subarray(ptr, ptr + bytes + 1));
      let out;
      try {
        out = read
          ? core._lede_analyze_compact(this.#handle, ptr, written, unit, flags, date)
          : core._lede_analyze(this.#handle, ptr, written, unit, flags, date);
      } catch (err) {
        // The Release core aborts only when an allocation fails (no exceptions, no assertions),
        // with Emscripten's bare "Aborted(). Build with -s ASSERTIONS=1 ...": the 4 GB are full,
        // for a text under the limit but denser in tokens than news. Said as what it is. The
        // handle's last result is replaced only once complete, so later calls still work
        // (`bench/wasm-memory.mjs --oom` analyses after one); an abort unwinds nothing, so what
        // the failed analysis had allocated stays taken.
        if (!(err instanceof Error && err.message.startsWith('Aborted('))) throw err;
        throw fail(`out of WebAssembly memory (4 GB) analysing a text of ${megabytes(bytes)} MB: ` +
                   `texts denser in words than news need more than the ${megabytes(this.maxTextBytes)} ` +
                   'MB limit allows for');
      }
      if (out === 0) throw coreError(core);
      const size = core._lede_result_size(this.#handle);
      return read ? read(core, out, size) : decoder.decode(core.HEAPU8.subarray(out, out + size));
    } finally {
      core._lede_release_result(this.#handle);
      core._lede_free(ptr);
    }
  }

  /** Frees the analyzer's memory; it cannot be used afterwards. */
  dispose() {
    if (this.#handle === 0) return;
    registry?.unregister(this);
    this.#core._lede_destroy(this.#handle);
    this.#handle = 0;
  }
}

/**
 * Loads the core (once per environment, unless options name a wasm of their own) and returns an
 * Analyzer. options.model: bytes of a model file to use instead of the package's (lede-ner.bin);
 * options.modelUrl: where the model file is; options.wasmBinary / options.wasmUrl: where the
 * .wasm comes from.
 */
export async function createAnalyzer(environment, options) {
  const opts = checkCreateOptions(options);
  const corePromise = coreFor(environment, opts);
  if (opts.model) {
    const core = await corePromise;
    const bytes = opts.model instanceof Uint8Array ? opts.model : new Uint8Array(opts.model);
    const [ptr, size] = copyIntoHeap(core, bytes, 'option model');
    try {
      return create(core, ptr, size, 0);
    } finally {
      core._lede_free(ptr);  // copied by the core
    }
  }
  const url = opts.modelUrl !== undefined ? environment.resolve(opts.modelUrl) : environment.modelFile();
  const model = modelInHeap(corePromise, String(url), environment.readFile);
  const [core, [ptr, size]] = await Promise.all([corePromise, model]);
  // The package's own file is taken as checked, as an embedded model would be (its checksum and
  // weights: 8 ms of a cold start); its header and bounds are checked all the same. A modelUrl's
  // file is checked whole.
  return create(core, ptr, size, opts.modelUrl === undefined ? 2 : 1);
}

// The core's last error as an Error (its message already starts with "lede: ").
function coreError(core) {
  return new Error(readCString(core, core._lede_last_error()));
}

const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

// mode: 0 copy the bytes, 1 use them in place, 2 in place and trusted (lede_create in abi.cpp).
function create(core, ptr, size, mode) {
  const handle = core._lede_create(ptr, size, mode);
  if (handle === 0) throw fail(readCString(core, core._lede_last_error()).replace(/^lede: /, ''));
  return new Analyzer(core, handle);
}

/** The version of the library (the same string `lede --version` prints). */
export async function libraryVersion(environment) {
  const core = await coreFor(environment, {});
  return readCString(core, core._lede_version());
}
