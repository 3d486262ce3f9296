// lede's entry for browsers, Web Workers and bundlers (export conditions "browser" and "default";
// Node's is index.node.js): the analyzer, its worker form and the library version.
export { createAnalyzer, version } from './browser.js';
export { createWorkerAnalyzer } from './browser-worker.js';
