// createWorkerAnalyzer()'s analyzer: the Analyzer API, returning promises, with the work done in a
// worker that runs worker.js (browsers) or worker.node.js (Node). Requests carry ids; a worker
// error rejects every pending request with that error; an AbortSignal drops a request's result.
// How a worker is started is the environment's (browser-worker.js, node-worker.js): it hands over
// a port, { post(message), onMessage(f), onError(f), terminate() }.
import { checkAnalyzeOptions, checkText, checkWorkerOptions, fail } from './options.js';

// A browser worker resolves a relative URL against its own script: the caller's are made absolute
// here, against the page (under Node a path means the same in the worker: the working directory is
// shared); URL objects, which cannot be posted, become strings.
function forWorker(options) {
  const out = { ...options };
  for (const key of ['modelUrl', 'wasmUrl']) {
    const value = out[key];
    if (value instanceof URL) {
      out[key] = value.href;
    } else if (typeof value === 'string' && typeof globalThis.location?.href === 'string') {
      try {
        out[key] = new URL(value, globalThis.location.href).href;
      } catch {
        // left as given: the worker reports it
      }
    }
  }
  return out;
}

function toError(message) {
  return message.startsWith('lede:') ? new Error(message) : fail(message);
}

class WorkerAnalyzer {
  #port;
  #pending = new Map();
  #nextId = 1;
  #closed = false;

  constructor(port) {
    this.#port = port;
    this.version = null;
    port.onMessage((m) => this.#settle(m));
    port.onError((err) => this.#failAll(err));
  }

  async start(options) {
    const ready = await this.#request({ type: 'init', options: forWorker(options) });
    this.version = ready.version;
    return this;
  }

  #settle(m) {
    const p = this.#pending.get(m?.id);
    if (!p) return;  // aborted or disposed: the result is dropped
    this.#pending.delete(m.id);
    if (m.error) p.reject(toError(m.error));
    else p.resolve(m.result);
  }

  #failAll(err) {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
  }

  #request(message, signal) {
    if (this.#closed) return Promise.reject(fail('analyze() called after dispose()'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (signal) {
        if (signal.aborted) return reject(signal.reason ?? fail('aborted'));
        signal.addEventListener('abort', () => {
          if (this.#pending.delete(id)) reject(signal.reason ?? fail('aborted'));
        }, { once: true });
      }
      this.#pending.set(id, { resolve, reject });
      this.#port.post({ id, ...message });
    });
  }

  /**
   * Analyses `text` in the worker. options as for Analyzer.analyze, plus `signal` (AbortSignal):
   * when it aborts, the promise rejects and the result, when it comes, is dropped.
   */
  async analyze(text, options) {
    checkText(text);
    let signal;
    let rest = options;
    if (options && typeof options === 'object' && 'signal' in options) {
      ({ signal, ...rest } = options);
    }
    checkAnalyzeOptions(rest);
    return this.#request({ type: 'analyze', text, options: rest }, signal);
  }

  /** Ends the worker; pending requests reject. */
  dispose() {
    if (this.#closed) return;
    this.#closed = true;
    this.#failAll(fail('analyzer disposed'));
    this.#port.terminate();
  }
}

/**
 * Checks `options`, starts a worker with `openPort(worker)` (`worker`: the caller's Worker, its
 * URL, or undefined for the package's own) and resolves once the analyzer in it is ready. A worker
 * that fails to start is ended, and its error is the rejection.
 */
export async function startWorkerAnalyzer(options, openPort) {
  const [worker, analyzerOptions] = checkWorkerOptions(options);
  const port = openPort(worker);
  const analyzer = new WorkerAnalyzer(port);
  try {
    return await analyzer.start(analyzerOptions);
  } catch (err) {
    analyzer.dispose();
    throw err;
  }
}
