// The worker side of createWorkerAnalyzer(): one Analyzer, answering {id, type, ...} messages.
import { createAnalyzer } from './index.js';

let analyzer = null;

async function handle(m) {
  try {
    if (m.type === 'init') {
      analyzer = await createAnalyzer(m.options);
      return { id: m.id, result: { version: analyzer.version } };
    }
    if (m.type === 'analyze') {
      if (!analyzer) throw new Error('lede: worker not initialised');
      return { id: m.id, result: analyzer.analyze(m.text, m.options) };
    }
    throw new Error(`lede: unknown worker message ${JSON.stringify(m.type)}`);
  } catch (err) {
    return { id: m.id, error: String(err && err.message ? err.message : err) };
  }
}

const isNode = typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string' && typeof self === 'undefined';

if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  parentPort.on('message', async (m) => parentPort.postMessage(await handle(m)));
} else {
  self.addEventListener('message', async (e) => self.postMessage(await handle(e.data)));
}
