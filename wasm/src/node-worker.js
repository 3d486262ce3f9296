// createWorkerAnalyzer() under Node: a worker_threads worker running worker.node.js, or option
// `worker` (a worker_threads Worker, or its script's path or URL).
import { Worker } from 'node:worker_threads';
import { fail, reason } from './options.js';
import { startWorkerAnalyzer } from './worker-client.js';

function threadPort(worker) {
  return {
    post: (m) => worker.postMessage(m),
    onMessage: (f) => worker.on('message', f),
    onError: (f) => {
      // The thrown error itself, as the worker threw it (its message starts with "lede:" when
      // lede threw it).
      worker.on('error', (err) => f(err instanceof Error && err.message.startsWith('lede:')
        ? err
        : fail(`worker failed: ${reason(err)}`)));
      worker.on('exit', (code) => {
        if (code !== 0) f(fail(`worker exited with code ${code}`));
      });
    },
    terminate: () => worker.terminate(),
  };
}

function openPort(given) {
  if (given === undefined) return threadPort(new Worker(new URL('./worker.node.js', import.meta.url)));
  if (typeof given === 'string' || given instanceof URL) return threadPort(new Worker(given));
  if (typeof given.on !== 'function') throw fail('option worker must be a worker_threads Worker under Node');
  return threadPort(given);
}

/** Starts a worker thread running an Analyzer; resolves once it is ready (see index.d.ts). */
export function createWorkerAnalyzer(options) {
  return startWorkerAnalyzer(options, openPort);
}
