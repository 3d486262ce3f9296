// What callers pass, checked before anything is loaded: texts, analyze() options, createAnalyzer()
// and createWorkerAnalyzer() options. Every error starts with "lede:" and names the value.

export const OFFSET_UNITS = { utf8: 0, utf16: 1, codepoint: 2 };
const ANALYZE_OPTIONS = ['tokens', 'offsets', 'referenceDate'];
const CREATE_OPTIONS = ['model', 'modelUrl', 'wasmBinary', 'wasmUrl'];
const WORKER_OPTIONS = [...CREATE_OPTIONS, 'worker'];

/** A short description of a value for an error message ("number 42", "an array", a quoted string). */
function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  if (typeof value === 'function') return 'a function';
  return `${typeof value} ${String(value)}`;
}

/** An Error whose message starts with "lede: ". */
export function fail(message) {
  return new Error(`lede: ${message}`);
}

/** The message of whatever was thrown, with the cause Node's fetch hides ("fetch failed"). */
export function reason(err) {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? err.cause.code ?? err.cause.message : undefined;
  return cause ? `${err.message} (${cause})` : err.message;
}

function checkKeys(options, known, what) {
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw fail(`${what} must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw fail(`unknown option ${JSON.stringify(key)} (known: ${known.join(', ')})`);
  }
}

export function checkText(text) {
  if (typeof text !== 'string') throw fail(`analyze() expects a string, got ${describe(text)}`);
}

/** Checks analyze() options; returns [offsetUnitCode, flags, referenceDate as YYYYMMDD or 0]. */
export function checkAnalyzeOptions(options) {
  if (options === undefined || options === null) return [OFFSET_UNITS.utf16, 0, 0];
  checkKeys(options, ANALYZE_OPTIONS, 'options');
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

const isBytes = (value) => value instanceof Uint8Array || value instanceof ArrayBuffer;
const isUrl = (value) => typeof value === 'string' || value instanceof URL;

function checkLoadOptions(options) {
  if (options.model !== undefined) {
    if (!isBytes(options.model)) {
      throw fail(`option model must be a Uint8Array or ArrayBuffer, got ${describe(options.model)}`);
    }
    if (options.model.byteLength === 0) throw fail('option model is empty (0 bytes)');
    if (options.modelUrl !== undefined) throw fail('options model and modelUrl cannot both be given');
  }
  for (const key of ['modelUrl', 'wasmUrl']) {
    if (options[key] !== undefined && !isUrl(options[key])) {
      throw fail(`option ${key} must be a string or URL, got ${describe(options[key])}`);
    }
  }
  if (options.wasmBinary !== undefined) {
    if (!isBytes(options.wasmBinary)) {
      throw fail(`option wasmBinary must be a Uint8Array or ArrayBuffer, got ${describe(options.wasmBinary)}`);
    }
    if (options.wasmUrl !== undefined) throw fail('options wasmBinary and wasmUrl cannot both be given');
  }
}

/** Checks createAnalyzer() options; returns them ({} for none). */
export function checkCreateOptions(options) {
  if (options === undefined || options === null) return {};
  checkKeys(options, CREATE_OPTIONS, 'createAnalyzer options');
  checkLoadOptions(options);
  return options;
}

/**
 * Checks createWorkerAnalyzer() options; returns [worker, the options for the analyzer in the
 * worker]. `worker` is a Worker (anything with postMessage and terminate), or its script's URL.
 */
export function checkWorkerOptions(options) {
  if (options === undefined || options === null) return [undefined, {}];
  checkKeys(options, WORKER_OPTIONS, 'createWorkerAnalyzer options');
  checkLoadOptions(options);
  const { worker, ...rest } = options;
  const isWorker = typeof worker === 'object' && worker !== null &&
    typeof worker.postMessage === 'function' && typeof worker.terminate === 'function';
  if (worker !== undefined && !isWorker && !isUrl(worker)) {
    throw fail(`option worker must be a Worker or its script's URL (a string or URL), got ${describe(worker)}`);
  }
  return [worker, rest];
}
