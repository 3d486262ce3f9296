// Fetching the package's two files (lede-core.wasm, the model) with errors that say which file,
// from where, and what came instead: an HTTP status, or a web page where a server (Vite's preview,
// a single-page app's fallback) answers every unknown path with its index.html.
import { fail, reason } from './options.js';

/** The response for `url`, or an Error "lede: cannot load <what> from <url>: <why>". */
export async function fetchFile(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw fail(`cannot load ${what} from ${url}: ${reason(err)}`);
  }
  if (!response.ok) throw fail(`cannot load ${what} from ${url}: HTTP ${response.status}`);
  const type = contentType(response);
  if (type === 'text/html') throw fail(`cannot load ${what} from ${url}: got text/html instead of ${kindOf(what)}`);
  return response;
}

/** The response's media type, lower case and without parameters ("" when it has none). */
export function contentType(response) {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

const kindOf = (what) => (what.endsWith('.wasm') ? 'wasm' : 'the model');

/** The bytes of a fetched response, or an Error "lede: cannot load <what> from <url>: <why>". */
export async function responseBytes(response, url, what) {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    throw fail(`cannot load ${what} from ${url}: ${reason(err)}`);
  }
}
