#!/usr/bin/env node
// `npx lede analyze FILE` on Node, through the WebAssembly build (same JSON as the native CLI).
import { readFileSync } from 'node:fs';
import { createAnalyzer, version } from '../dist/index.node.js';

const usage = `Usage: lede analyze [FILE|-] [--offsets utf16|codepoint|utf8] [--tokens] [--pretty] [--model FILE]
       lede --version | --help
(the Node/WebAssembly build of lede; offsets default to codepoint, as in the native CLI)`;

async function main(argv) {
  if (argv[0] === '--version' || argv[0] === '-V') {
    console.log(`lede ${await version()}`);
    return 0;
  }
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    console.log(usage);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] !== 'analyze') {
    console.error(`lede: unknown command '${argv[0]}' (try 'lede --help')`);
    return 2;
  }
  let file = '-';
  let fileGiven = false;
  const options = { offsets: 'codepoint' };
  let pretty = false;
  let modelPath = null;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--offsets') {
      if (i + 1 >= argv.length) { console.error('lede: --offsets needs a value'); return 2; }
      options.offsets = argv[++i];
    } else if (a === '--model') {
      if (i + 1 >= argv.length) { console.error('lede: --model needs a file'); return 2; }
      modelPath = argv[++i];
    } else if (a === '--tokens') options.tokens = true;
    else if (a === '--pretty') pretty = true;
    else if (a.startsWith('-') && a !== '-') { console.error(`lede: unknown option '${a}' for 'analyze' (try 'lede --help')`); return 2; }
    else if (fileGiven) { console.error(`lede: more than one input file given ('${a}')`); return 2; }
    else { file = a; fileGiven = true; }
  }
  let bytes;
  let model;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
    if (modelPath !== null) model = readFileSync(modelPath);
  } catch (err) {
    console.error(`lede: cannot read '${err.path ?? file}': ${err.message}`);
    return 2;
  }
  let analyzer;
  try {
    analyzer = await createAnalyzer(model ? { model } : undefined);
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  try {
    const json = analyzer.analyzeJSON(new TextDecoder().decode(bytes), options);
    process.stdout.write((pretty ? JSON.stringify(JSON.parse(json), null, 2) : json) + '\n');
  } catch (err) {
    console.error(err.message);
    return 2;
  } finally {
    analyzer.dispose();
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
