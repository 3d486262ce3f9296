// lede's JavaScript entry: loads the WebAssembly core (in browsers, workers and Node, without
// Emscripten's file system) and wraps its small C ABI. Results are copied out of the wasm heap at
// once; the only long-lived handle is the analyzer.
import createLedeCore from './lede-core.js';

const OFFSET_UNITS = { utf8: 0, utf16: 1, codepoint: 2 };
const ANALYZE_OPTIONS = new Set(['tokens', 'offsets', 'referenceDate']);
const CREATE_OPTIONS = new Set(['wasmBinary', 'wasmUrl', 'model', 'modelUrl']);

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

function fail(message) {
  return new Error(`lede: ${message}`);
}

/** Checks analyze() options; returns [offsetUnitCode, flags]. */
export function checkAnalyzeOptions(options) {
  if (options === undefined || options === null) return [OFFSET_UNITS.utf16, 0, 0];
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw fail(`options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!ANALYZE_OPTIONS.has(key)) throw fail(`unknown option ${JSON.stringify(key)} (known: tokens, offsets, referenceDate)`);
  }
  let unit = OFFSET_UNITS.utf16;
  if (options.offsets !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(OFFSET_UNITS, options.offsets)) {
      throw fail(`option offsets must be "utf16", "codepoint" or "utf8", got ${describe(options.offsets)}`);
    }
    unit = OFFSET_UNITS[options.offsets];
  }
  if (options.tokens !== undefined && typeof options.tokens !== 'boolean') {
    throw fail(`option tokens must be a boolean, got ${describe(options.tokens)}`);
  }
  return [unit, options.tokens ? 1 : 0, checkReferenceDate(options.referenceDate)];
}

// The article's date, "YYYY-MM-DD", as the number YYYYMMDD the core takes (0: none given).
function checkReferenceDate(date) {
  if (date === undefined || date === null) return 0;
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  let real = false;
  if (m) {
    const d = new Date(0);
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));  // rolls an impossible day over
    real = Number(m[1]) >= 1 && d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 &&
      d.getUTCDate() === Number(m[3]);
  }
  if (!real) throw fail(`option referenceDate must be a date "YYYY-MM-DD", got ${describe(date)}`);
  return Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]);
}

export function checkText(text) {
  if (typeof text !== 'string') throw fail(`analyze() expects a string, got ${describe(text)}`);
}

function checkCreateOptions(options) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw fail(`createAnalyzer options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!CREATE_OPTIONS.has(key)) {
      throw fail(`unknown option ${JSON.stringify(key)} (known: model, modelUrl, wasmBinary, wasmUrl)`);
    }
  }
  if (options.model !== undefined) {
    if (!(options.model instanceof Uint8Array || options.model instanceof ArrayBuffer)) {
      throw fail(`option model must be a Uint8Array or ArrayBuffer, got ${describe(options.model)}`);
    }
    if (options.model.byteLength === 0) throw fail('option model is empty (0 bytes)');
    if (options.modelUrl !== undefined) throw fail('options model and modelUrl cannot both be given');
  }
  if (options.modelUrl !== undefined && typeof options.modelUrl !== 'string' && !(options.modelUrl instanceof URL)) {
    throw fail(`option modelUrl must be a string or URL, got ${describe(options.modelUrl)}`);
  }
  return options;
}

let defaultCore = null;

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
  if (!isNode || Number.parseInt(process.versions.v8, 10) < 11) return false;
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

async function loadCore(options) {
  const moduleArg = {};
  let bytes = options.wasmBinary;
  if (!bytes && isNode && !options.wasmUrl) {
    // Emscripten's web loader would fetch() a file path under Node; read the bytes ourselves.
    const { readFile } = await import('node:fs/promises');
    bytes = await readFile(new URL('./lede-core.wasm', import.meta.url));
  }
  if (!bytes) {
    moduleArg.locateFile = (path) => options.wasmUrl ?? new URL(path, import.meta.url).href;
    return createLedeCore(moduleArg);
  }
  // Compiled here rather than handed over as wasmBinary, which Emscripten's loader would keep
  // for the life of the page: the 2 MB of bytes can go once V8 has its own copy.
  const module = await compileModule(bytes);
  let failed;
  const failure = new Promise((resolve, reject) => {
    failed = reject;
  });
  moduleArg.instantiateWasm = (imports, receive) => {
    WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), failed);
    return {};
  };
  return Promise.race([createLedeCore(moduleArg), failure]);
}

function getCore(options) {
  if (options.wasmBinary || options.wasmUrl) return loadCore(options);
  if (!defaultCore) {
    defaultCore = loadCore(options);
    defaultCore.catch(() => { defaultCore = null; });
  }
  return defaultCore;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

function readCString(core, ptr) {
  const heap = core.HEAPU8;
  let end = ptr;
  while (heap[end] !== 0) end++;
  return decoder.decode(heap.subarray(ptr, end));
}

// String.prototype.isWellFormed (Node 20, browsers since 2023), or the same test by hand.
const isWellFormed = typeof String.prototype.isWellFormed === 'function'
  ? (text) => text.isWellFormed()
  : (text) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const TOKEN_KINDS = ['word', 'number', 'abbreviation', 'punct', 'quote', 'dash', 'symbol', 'url', 'email',
  'handle', 'hashtag', 'emoji', 'other'];
const ENTITY_TYPES = ['PERSON', 'ORG', 'LOC', 'MISC'];
const QUOTE_KINDS = ['direct', 'partial', 'indirect'];
const VALUE_TYPES = ['DATE', 'TIME', 'DURATION', 'MONEY', 'PERCENT', 'QUANTITY'];

/**
 * The result object from the core's compact form (lede::to_compact, layout in lede.h) at byte
 * `out` of the heap: the objects JSON.parse would make of the JSON (same keys, same order), the
 * spans' texts sliced from `text` (UTF-16 offsets into it), the other strings from the one block
 * of strings after the words.
 */
function readCompact(core, out, size, text, flags) {
  const w = core.HEAP32;  // read after the call: a grown heap has new views
  let p = out >> 2;
  const stringsAt = out + 4 * w[p];
  if (stringsAt + w[p + 1] > out + size) throw fail('internal error: a compact result overruns its size');
  const strings = w[p + 1] === 0 ? '' : decoder.decode(core.HEAPU8.subarray(stringsAt, stringsAt + w[p + 1]));
  p += 2;
  const string = () => {
    const start = w[p], end = w[p + 1];
    p += 2;
    return start === -1 ? null : strings.slice(start, end);
  };
  const segments = () => {
    const list = new Array(w[p++]);
    for (let k = 0; k < list.length; k++, p += 2) list[k] = { start: w[p], end: w[p + 1] };
    return list;
  };
  // {start, end, text}, or null for a span that is absent (kCompactNone twice).
  const span = () => {
    const start = w[p], end = w[p + 1];
    p += 2;
    return start === -1 ? null : { start, end, text: text.slice(start, end) };
  };
  const length = w[p++];
  const sentences = segments();
  const paragraphs = segments();
  const result = { schema: 1, offsets: 'utf16', length, sentences, paragraphs };
  if (flags & 1) {
    const tokens = new Array(w[p++]);
    for (let k = 0; k < tokens.length; k++) {
      const token = span();
      token.kind = TOKEN_KINDS[w[p++]];
      tokens[k] = token;
    }
    result.tokens = tokens;
  } else {
    p++;
  }
  const entities = new Array(w[p++]);
  for (let k = 0; k < entities.length; k++) {
    const id = w[p], type = ENTITY_TYPES[w[p + 1]];
    p += 2;
    const name = string();
    const aliases = new Array(w[p++]);
    for (let j = 0; j < aliases.length; j++) aliases[j] = string();
    const mentions = new Array(w[p++]);
    for (let j = 0; j < mentions.length; j++) {
      const mention = span();
      const title = string();
      if (title !== null) mention.title = title;
      mentions[j] = mention;
    }
    entities[k] = { id, type, name, aliases, mentions, count: mentions.length };
  }
  const quotes = new Array(w[p++]);
  for (let k = 0; k < quotes.length; k++) {
    const id = w[p], kind = QUOTE_KINDS[w[p + 1]];
    p += 2;
    const { start, end, text: quoted } = span();
    let speaker = null;
    if (w[p++] === 1) {
      const entity = w[p] === -1 ? null : w[p];
      p++;
      const name = string();
      speaker = { entity, name, mention: span() };
    }
    quotes[k] = { id, kind, start, end, text: quoted, speaker, cue: span() };
  }
  const warnings = new Array(w[p++]);
  for (let k = 0; k < warnings.length; k++) warnings[k] = string();
  // Values come after the warnings in the words, before them in the JSON. Amounts are decimal
  // numerals: Number() gives the number JSON.parse would.
  const values = new Array(w[p++]);
  for (let k = 0; k < values.length; k++) {
    const id = w[p], type = VALUE_TYPES[w[p + 1]];
    p += 2;
    const { start, end, text: written } = span();
    const form = w[p++];
    const a = string(), b = string();
    const value = form === 0 ? null
      : form === 1 ? a
        : form === 2 ? { from: a, to: b }
          : form === 3 ? Number(a)
            : form === 4 ? { amount: Number(a), currency: b }
              : { amount: Number(a), unit: b };
    values[k] = { id, type, start, end, text: written, value };
  }
  result.entities = entities;
  result.quotes = quotes;
  result.values = values;
  result.warnings = warnings;
  if (p !== out / 4 + w[out >> 2]) throw fail('internal error: a compact result was misread');
  return result;
}

const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ core, handle }) => core._lede_destroy(handle))
  : null;

/** The version of the library (the same string `lede --version` prints). */
export async function version() {
  const core = await getCore({});
  return readCString(core, core._lede_version());
}

class Analyzer {
  #core;
  #handle;
  constructor(core, handle) {
    this.#core = core;
    this.#handle = handle;
    this.version = readCString(core, core._lede_version());
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
    // encodeInto writes U+FFFD for a lone surrogate: one UTF-16 unit in, one code point out, so
    // offsets still index the caller's string.
    const capacity = text.length * 3 + 1;
    const ptr = core._lede_alloc(capacity);
    if (ptr === 0) throw fail(`out of memory for a text of ${text.length} characters`);
    try {
      const { written } = encoder.encodeInto(text, core.HEAPU8.subarray(ptr, ptr + capacity));
      const out = read
        ? core._lede_analyze_compact(this.#handle, ptr, written, unit, flags, date)
        : core._lede_analyze(this.#handle, ptr, written, unit, flags, date);
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

// The model is a file of its own (lede-ner.bin beside index.js), read once per core straight into
// the heap and shared, in place, by every analyzer made with it: embedded in the .wasm, its bytes
// were read, copied by the compiler and copied again into memory at every start.
const DEFAULT_MODEL = 'lede-ner.bin';

/** The model file's bytes, fetched (browsers, workers, or a modelUrl under Node). */
async function fetchModel(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw fail(`cannot fetch the model ${url}: ${err && err.message ? err.message : err}`);
  }
  if (!response.ok) throw fail(`cannot fetch the model ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Copies `bytes` into the heap; returns [pointer, size]. */
function intoHeap(core, bytes, what) {
  if (bytes.length === 0) throw fail(`${what} is empty (0 bytes)`);
  const ptr = core._lede_alloc(bytes.length);
  if (ptr === 0) throw fail(`out of memory for ${what} (${bytes.length} bytes)`);
  core.HEAPU8.set(bytes, ptr);
  return [ptr, bytes.length];
}

/** Node: reads the file at `path` (a path or a file: URL) straight into the heap; returns [pointer, size]. */
async function readIntoHeap(core, path) {
  const fs = await import('node:fs');
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

// Per core (its promise): model URL -> promise of [pointer, size] in that core's heap.
const models = new WeakMap();

/**
 * The model that options name (modelUrl, or the package's own file) in the heap of the core that
 * `corePromise` gives: [pointer, size], kept there for the core's life and shared, in place, by
 * its analyzers. Loaded once per core; a fetch starts at once, beside the core's compilation.
 */
function loadModel(corePromise, options) {
  const url = options.modelUrl !== undefined ? String(options.modelUrl) : new URL(DEFAULT_MODEL, import.meta.url).href;
  let loaded = models.get(corePromise);
  if (!loaded) models.set(corePromise, (loaded = new Map()));
  let model = loaded.get(url);
  if (model) return model;
  // Under Node a file: URL or a path is read from disk; anything else is fetched.
  let file = null;
  if (isNode) {
    try {
      const parsed = new URL(url);
      if (parsed.protocol === 'file:') file = parsed;
    } catch {
      file = url;  // not a URL: a path
    }
  }
  const fetched = file ? null : fetchModel(url);
  fetched?.catch(() => {});  // reported below, once the core is in hand
  model = corePromise.then((core) => fetched
    ? fetched.then((bytes) => intoHeap(core, bytes, `the model ${url}`))
    : readIntoHeap(core, file));
  loaded.set(url, model);
  model.catch(() => loaded.delete(url));  // a later call tries again
  return model;
}

/**
 * Loads the core and returns an Analyzer.
 * options.model: bytes of a model file to use instead of the package's (lede-ner.bin);
 * options.modelUrl: where to fetch the model file from (default: next to index.js);
 * options.wasmBinary / options.wasmUrl: where the .wasm comes from (bundlers, CDNs).
 */
export async function createAnalyzer(options) {
  const opts = checkCreateOptions(options);
  const corePromise = getCore(opts);
  if (opts.model) {
    const core = await corePromise;
    const bytes = opts.model instanceof Uint8Array ? opts.model : new Uint8Array(opts.model);
    const [ptr, size] = intoHeap(core, bytes, 'option model');
    try {
      return create(core, ptr, size, 0);
    } finally {
      core._lede_free(ptr);  // copied by the core
    }
  }
  const [core, [ptr, size]] = await Promise.all([corePromise, loadModel(corePromise, opts)]);
  // The package's own file is taken as checked, as an embedded model would be (its checksum and
  // weights: 8 ms of a cold start); its header and bounds are checked all the same. A modelUrl's
  // file is checked whole.
  return create(core, ptr, size, opts.modelUrl === undefined ? 2 : 1);
}

// mode: 0 copy the bytes, 1 use them in place, 2 in place and trusted (lede_create in abi.cpp).
function create(core, ptr, size, mode) {
  const handle = core._lede_create(ptr, size, mode);
  if (handle === 0) throw fail(readCString(core, core._lede_last_error()).replace(/^lede: /, ''));
  return new Analyzer(core, handle);
}

export { createWorkerAnalyzer } from './worker-client.js';
