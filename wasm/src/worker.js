// The script of createWorkerAnalyzer()'s Web Worker (a module worker). No top-level await: some
// bundlers (Parcel, webpack's minifier) build worker files as classic scripts.
import { createAnalyzer } from './browser.js';
import { answerer } from './worker-host.js';

const answer = answerer(createAnalyzer);
self.addEventListener('message', (e) => {
  answer(e.data).then((reply) => self.postMessage(reply));
});
