// createWorkerAnalyzer() in browsers: the package's worker is started with
// `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })` in one expression,
// the form Vite, webpack 5 and Parcel recognise and build the worker from; option `worker` (a
// Worker, or its script's URL) is for setups that build or host the worker themselves.
import { fail } from './options.js';
import { startWorkerAnalyzer } from './worker-client.js';

function packageWorker() {
  if (typeof Worker !== 'function') throw fail('this environment has no Worker; use createAnalyzer()');
  try {
    return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  } catch (err) {
    throw fail(`cannot start the package's worker (${err.message}); pass option worker: a Worker running ` +
      'lede/worker.js, or its URL');
  }
}

// An ErrorEvent from inside the worker carries the thrown error's message; a script that never
// loaded (a 404, an import that does not resolve) gives a bare Event.
function workerError(event) {
  const message = typeof event.message === 'string' ? event.message.replace(/^Uncaught (Error: )?/, '') : '';
  if (!message) {
    return fail('worker failed: its script did not load or run (the browser console says why); a bundler ' +
      'that does not build `new Worker(new URL(...))` needs option worker');
  }
  if (message.startsWith('lede:')) return new Error(message);
  const where = event.filename ? ` (${event.filename}:${event.lineno})` : '';
  return fail(`worker failed: ${message}${where}`);
}

function webPort(worker) {
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (f) => worker.addEventListener('message', (e) => f(e.data)),
    onError: (f) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault?.();
        f(workerError(e));
      });
      worker.addEventListener('messageerror', () => f(fail('worker failed: a message from it could not be read')));
    },
    terminate: () => worker.terminate(),
  };
}

function openPort(given) {
  if (given === undefined) return webPort(packageWorker());
  if (typeof given === 'string' || given instanceof URL) {
    if (typeof Worker !== 'function') throw fail('this environment has no Worker; use createAnalyzer()');
    return webPort(new Worker(given, { type: 'module' }));
  }
  return webPort(given);
}

/** Starts a worker running an Analyzer; resolves once it is ready (see index.d.ts). */
export function createWorkerAnalyzer(options) {
  return startWorkerAnalyzer(options, openPort);
}
