// The tagger model in a core's heap. The package carries it as a file of its own (lede-ner.bin,
// beside the .wasm), read once per core straight into the heap and shared, in place, by every
// analyzer made with it: embedded in the .wasm, its bytes were read, copied by the compiler and
// copied again into memory at every start.
import { fetchFile, responseBytes } from './fetch-file.js';
import { fail } from './options.js';

// Per core (its promise): model URL -> promise of [pointer, size] in that core's heap.
const models = new WeakMap();

/**
 * The model at `url` in the heap of the core that `corePromise` gives: [pointer, size], kept for
 * the core's life. Loaded once per core and URL; the fetch starts at once, beside the core's
 * compilation. `readFile(url)`, the environment's, gives a reader of a local file (Node), or null
 * for a URL to fetch.
 */
export function modelInHeap(corePromise, url, readFile) {
  let loaded = models.get(corePromise);
  if (!loaded) models.set(corePromise, (loaded = new Map()));
  let model = loaded.get(url);
  if (model) return model;
  const read = readFile?.(url) ?? null;
  const fetched = read ? null : fetchModel(url);
  fetched?.catch(() => {});  // reported below, once the core is in hand
  model = corePromise.then((core) => (read
    ? read(core)
    : fetched.then((bytes) => copyIntoHeap(core, bytes, `the model ${url}`))));
  loaded.set(url, model);
  model.catch(() => loaded.delete(url));  // a later call tries again
  return model;
}

async function fetchModel(url) {
  const response = await fetchFile(url, 'the model');
  return responseBytes(response, url, 'the model');
}

/** Copies `bytes` into the heap; returns [pointer, size]. */
export function copyIntoHeap(core, bytes, what) {
  if (bytes.length === 0) throw fail(`${what} is empty (0 bytes)`);
  const ptr = core._lede_alloc(bytes.length);
  if (ptr === 0) throw fail(`out of memory for ${what} (${bytes.length} bytes)`);
  core.HEAPU8.set(bytes, ptr);
  return [ptr, bytes.length];
}
