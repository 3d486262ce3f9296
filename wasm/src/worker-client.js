// createWorkerAnalyzer(): the Analyzer API, returning promises, with the work done in a module
// Web Worker (browsers) or a worker_threads worker (Node). Requests carry ids; a worker error
// rejects every pending request; an AbortSignal drops a request's result.
import { checkAnalyzeOptions, checkText } from './index.js';

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string' && typeof window === 'undefined';

async function startWorker() {
  const url = new URL('./worker.js', import.meta.url);
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(url);
    return {
      post: (m) => w.postMessage(m),
      onMessage: (f) => w.on('message', f),
      onError: (f) => {
        w.on('error', f);
        w.on('exit', (code) => { if (code !== 0) f(new Error(`lede: worker exited with code ${code}`)); });
      },
      terminate: () => w.terminate(),
    };
  }
  const w = new Worker(url, { type: 'module' });
  return {
    post: (m) => w.postMessage(m),
    onMessage: (f) => w.addEventListener('message', (e) => f(e.data)),
    onError: (f) => w.addEventListener('error', (e) => {
      e.preventDefault?.();
      f(new Error(`lede: worker failed: ${e.message ?? 'unknown error'}`));
    }),
    terminate: () => w.terminate(),
  };
}

// A browser worker resolves a relative URL against its own script: the caller's are made absolute
// here, against the page (under Node a path means the same in the worker: the working directory is
// shared); URL objects, which cannot be posted, become strings.
function forWorker(options) {
  if (!options || typeof options !== 'object') return options;
  const out = { ...options };
  for (const key of ['modelUrl', 'wasmUrl']) {
    const value = out[key];
    if (value instanceof URL) {
      out[key] = value.href;
    } else if (typeof value === 'string' && typeof location === 'object' && location !== null) {
      try {
        out[key] = new URL(value, location.href).href;
      } catch {
        // left as given: the worker reports it
      }
    }
  }
  return out;
}

function toError(message) {
  return new Error(message.startsWith('lede:') ? message : `lede: ${message}`);
}

class WorkerAnalyzer {
  #worker;
  #pending = new Map();
  #nextId = 1;
  #closed = false;

  constructor(worker, version) {
    this.#worker = worker;
    this.version = version;
  }

  static async create(options) {
    const worker = await startWorker();
    const self = new WorkerAnalyzer(worker, null);
    worker.onMessage((m) => self.#settle(m));
    worker.onError((err) => self.#failAll(err));
    const ready = await self.#request({ type: 'init', options: forWorker(options) });
    self.version = ready.version;
    return self;
  }

  #settle(m) {
    const p = this.#pending.get(m.id);
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
    if (this.#closed) return Promise.reject(toError('analyze() called after dispose()'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (signal) {
        if (signal.aborted) return reject(signal.reason ?? new Error('lede: aborted'));
        signal.addEventListener('abort', () => {
          if (this.#pending.delete(id)) reject(signal.reason ?? new Error('lede: aborted'));
        }, { once: true });
      }
      this.#pending.set(id, { resolve, reject });
      this.#worker.post({ id, ...message });
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
    this.#failAll(toError('analyzer disposed'));
    this.#worker.terminate();
  }
}

/** Starts a worker running an Analyzer; resolves once it is ready. */
export async function createWorkerAnalyzer(options) {
  return WorkerAnalyzer.create(options);
}
