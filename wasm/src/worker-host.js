// The worker's side of createWorkerAnalyzer(): one Analyzer, answering {id, type, ...} messages
// with {id, result} or {id, error} (the error's own message, which the client passes on).
import { fail, reason } from './options.js';

/** A function from a request to its answer, analysing with an analyzer from `createAnalyzer`. */
export function answerer(createAnalyzer) {
  let analyzer = null;
  return async function answer(m) {
    try {
      if (m.type === 'init') {
        analyzer = await createAnalyzer(m.options);
        return { id: m.id, result: { version: analyzer.version } };
      }
      if (m.type === 'analyze') {
        if (!analyzer) throw fail('worker not initialised');
        return { id: m.id, result: analyzer.analyze(m.text, m.options) };
      }
      throw fail(`unknown worker message ${JSON.stringify(m.type)}`);
    } catch (err) {
      return { id: m.id, error: reason(err) };
    }
  };
}
