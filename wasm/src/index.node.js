// lede's entry under Node (export condition "node"): the same API as index.js, with the package's
// files read from disk and the worker a worker_threads thread.
export { createAnalyzer, version } from './node.js';
export { createWorkerAnalyzer } from './node-worker.js';
