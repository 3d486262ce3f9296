// One contender of bench/run.mjs, run in a Node process of its own so that its peak RSS and cold
// start are its own. Usage:
//   node bench/contender.mjs NAME serve CORPUS.txt   loads the library, reads the corpus, then
//        answers requests on stdin, one a line, with one JSON line each on stdout:
//          pass   one pass over every document: {seconds, cpuSeconds}
//          end    {maxRssKb, found} (found: what the first pass found), then exits
//        bench/run.mjs asks each contender in turn for a pass (lede, compromise, wink-nlp, lede,
//        ...), so that every contender's passes fall in the same minutes of a shared host.
//        CORPUS.txt holds the documents in UTF-8, each ended by a NUL byte; it is read once into
//        a Buffer, and each pass decodes one document at a time from it, as a program streaming
//        a corpus from a file would. (Holding the corpus as 924 JavaScript strings instead costs
//        every contender ~25 MB of RSS that is the harness's: the strings, a dead copy of the
//        file's text, and a young generation that V8 grows while the strings survive scavenges.)
//   node bench/contender.mjs NAME serve-held CORPUS.json   the same with the corpus held in memory
//        as an array of strings parsed from JSON (the method of the runs before streaming; bench/run
//        reports lede's figure both ways)
//   node bench/contender.mjs NAME first ARTICLE.txt              analyses one article, prints
//        what it found, when (ms since the process started) and how long after the library's
//        import the first result was ready (the cold-start run)
// NAME: lede-wasm (the package in wasm/dist), compromise, wink-nlp (with wink-eng-lite-web-model).
// Each contender reads out what it finds, so that no library is timed doing less than it would
// for a user: lede the result object (entities, quotes), compromise people/places/organizations/
// quotations as arrays, wink-nlp its entities with detail.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, mode, input] = process.argv.slice(2);

async function load(contender) {
  if (contender === 'lede-wasm') {
    const { createAnalyzer } = await import(join(here, '..', 'wasm', 'dist', 'index.node.js'));
    const analyzer = await createAnalyzer();
    return (text) => {
      const r = analyzer.analyze(text);
      const found = { names: 0, quotes: r.quotes.length };
      for (const e of r.entities) found.names += e.mentions.length;
      return found;
    };
  }
  if (contender === 'compromise') {
    const { default: nlp } = await import('compromise');
    return (text) => {
      const doc = nlp(text);
      const names = doc.people().out('array').length + doc.places().out('array').length +
        doc.organizations().out('array').length;
      return { names, quotes: doc.quotations().out('array').length };
    };
  }
  if (contender === 'wink-nlp') {
    const { default: winkNLP } = await import('wink-nlp');
    const { default: model } = await import('wink-eng-lite-web-model');
    const nlp = winkNLP(model);
    const its = nlp.its;
    const nameTypes = new Set(['PERSON', 'ORG', 'GPE', 'LOC', 'NORP']);
    return (text) => {
      const entities = nlp.readDoc(text).entities().out(its.detail);
      return { names: entities.filter((e) => nameTypes.has(e.type)).length, quotes: 0, entities: entities.length };
    };
  }
  throw new Error(`contender: unknown contender ${name}`);
}

// performance.now() counts from the process's start: what it reads when the first result is in
// hand is the cold start with Node's own start-up; minus its reading before the import, the
// library's own part (import, load, first analysis), which is what a page waits for.
const beforeImport = performance.now();
const analyze = await load(name);
if (mode === 'first') {
  const found = analyze(readFileSync(input, 'utf8'));
  const firstResultMs = performance.now();
  process.stdout.write(JSON.stringify({ ...found, firstResultMs, libraryMs: firstResultMs - beforeImport }) + '\n');
} else if (mode === 'serve' || mode === 'serve-held') {
  let docs;
  if (mode === 'serve-held') {
    docs = JSON.parse(readFileSync(input, 'utf8'));
  } else {
    const corpus = readFileSync(input);
    const ends = [];
    for (let at = corpus.indexOf(0); at >= 0; at = corpus.indexOf(0, at + 1)) ends.push(at);
    docs = {
      * [Symbol.iterator]() {
        let start = 0;
        for (const end of ends) {
          yield corpus.toString('utf8', start, end);
          start = end + 1;
        }
      },
    };
  }
  let found = null;
  const pass = () => {
    const sum = { names: 0, quotes: 0 };
    for (const d of docs) {
      const f = analyze(d);
      sum.names += f.names;
      sum.quotes += f.quotes;
    }
    found ??= sum;
  };
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'pass') {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      pass();
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const c = process.cpuUsage(c0);
      process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (c.user + c.system) / 1e6 }) + '\n');
    } else if (line === 'end') {
      process.stdout.write(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, found }) + '\n');
      process.exit(0);
    } else {
      throw new Error(`contender: unknown request ${JSON.stringify(line)}`);
    }
  }
} else {
  throw new Error(`contender: unknown mode ${mode}`);
}
