// Loading the WebAssembly core: compiled here (never by Emscripten's loader, whose failures are a
// bare "Aborted(...)"), then instantiated through Emscripten's glue (lede-core.js). Where the
// bytes come from is the environment's business (browser.js fetches, node.js reads files); what
// is wrong with them is said here.
import createLedeCore from './lede-core.js';
import { contentType, fetchFile, responseBytes } from './fetch-file.js';
import { fail, reason } from './options.js';

const WASM = 'lede-core.wasm';
const MAGIC = [0x00, 0x61, 0x73, 0x6d];  // "\0asm"

// The default core of each environment (its promise): one per page, worker or process, shared by
// every analyzer that names no wasm of its own.
const defaultCores = new WeakMap();

/**
 * The core for createAnalyzer() `options` in `environment` (browser.js, node.js): a core of its
 * own when the options name a wasm (wasmBinary, wasmUrl), else the environment's shared one.
 */
export function coreFor(environment, options) {
  if (options.wasmBinary !== undefined || options.wasmUrl !== undefined) return loadCore(environment, options);
  let core = defaultCores.get(environment);
  if (!core) {
    core = loadCore(environment, options);
    defaultCores.set(environment, core);
    core.catch(() => defaultCores.delete(environment));  // a later call tries again
  }
  return core;
}

async function loadCore(environment, options) {
  let module;
  if (options.wasmBinary !== undefined) {
    const bytes = options.wasmBinary instanceof Uint8Array ? options.wasmBinary : new Uint8Array(options.wasmBinary);
    module = await compileBytes(bytes, 'option wasmBinary', environment.compile);
  } else {
    module = await environment.loadWasm(options.wasmUrl !== undefined ? environment.resolve(options.wasmUrl) : environment.wasmFile());
  }
  return instantiate(module);
}

/** Compiles `bytes` (from `source`, for messages) once they are seen to be WebAssembly. */
export async function compileBytes(bytes, source, compile = WebAssembly.compile, type = '') {
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    // A type says more than bytes when it is not one that any binary file may be served as.
    const binary = !type || type === 'application/wasm' || type === 'application/octet-stream';
    const got = binary ? `bytes starting ${hex(bytes.subarray(0, 4))}` : type;
    throw fail(`cannot load ${WASM} from ${source}: got ${got} instead of wasm`);
  }
  try {
    return await compile(bytes);
  } catch (err) {
    throw fail(`cannot compile ${WASM} from ${source}: ${reason(err)}`);
  }
}

const hex = (bytes) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ') || '(empty)';

/**
 * Fetches and compiles the core at `url`: streamed when the server says application/wasm,
 * otherwise read whole and checked for the WebAssembly magic number first.
 */
export async function fetchCore(url, compile = WebAssembly.compile) {
  const response = await fetchFile(url, WASM);
  const type = contentType(response);
  if (type === 'application/wasm' && compile === WebAssembly.compile &&
      typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (err) {
      throw fail(`cannot compile ${WASM} from ${url}: ${reason(err)}`);
    }
  }
  return compileBytes(await responseBytes(response, url, WASM), url, compile, type);
}

/** Instantiates the compiled core through Emscripten's glue; resolves to the Emscripten module. */
function instantiate(module) {
  let failed;
  const failure = new Promise((resolve, reject) => {
    failed = reject;
  });
  const moduleArg = {
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module),
        (err) => failed(fail(`cannot instantiate ${WASM}: ${reason(err)}`)));
      return {};
    },
  };
  const created = Promise.resolve(createLedeCore(moduleArg)).catch((err) => {
    throw fail(`cannot start ${WASM}: ${reason(err)}`);
  });
  return Promise.race([created, failure]);
}
