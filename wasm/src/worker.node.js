// The script of createWorkerAnalyzer()'s worker thread under Node.
import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from './node.js';
import { answerer } from './worker-host.js';

const answer = answerer(createAnalyzer);
parentPort.on('message', (m) => {
  answer(m).then((reply) => parentPort.postMessage(reply));
});
