// Shared helpers for the Node tests: paths, the native CLI, the schema validator, data lookup.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = join(root, 'build/native/lede');
export const dataDir = process.env.LEDE_DATA || resolve(root, '../shared/data');
export const hasData = existsSync(dataDir);
// CI sets LEDE_REQUIRE_DATA: there the tests that need the data fail instead of skipping.
if (!hasData && process.env.LEDE_REQUIRE_DATA && process.env.LEDE_REQUIRE_DATA !== '0') {
  throw new Error(`LEDE_REQUIRE_DATA is set but the data folder ${dataDir} does not exist`);
}

const ajv = new Ajv2020({ allErrors: false, strict: false });
const validateSchema = ajv.compile(JSON.parse(readFileSync(join(root, 'docs/result.schema.json'), 'utf8')));

/** Throws with the first violation when `result` does not fit docs/result.schema.json. */
export function assertSchema(result, label = '') {
  if (!validateSchema(result)) {
    throw new Error(`${label} does not fit the schema: ${ajv.errorsText(validateSchema.errors)}`);
  }
}

/** Every span with a text slices back to it: text.slice(start, end) === span.text. */
export function assertSpans(text, result, label = '') {
  const visit = (v, path) => {
    if (Array.isArray(v)) return v.forEach((x, i) => visit(x, `${path}[${i}]`));
    if (v === null || typeof v !== 'object') return;
    if (Number.isInteger(v.start) && Number.isInteger(v.end)) {
      if (!(v.start >= 0 && v.start <= v.end && v.end <= text.length)) {
        throw new Error(`${label} ${path}: span [${v.start},${v.end}) outside text of length ${text.length}`);
      }
      if (typeof v.text === 'string' && text.slice(v.start, v.end) !== v.text) {
        throw new Error(`${label} ${path}: slice ${JSON.stringify(text.slice(v.start, v.end))} !== ${JSON.stringify(v.text)}`);
      }
    }
    for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`);
  };
  if (result.length !== text.length) throw new Error(`${label} length ${result.length} !== ${text.length}`);
  visit(result, '$');
}

export function runCli(args, input) {
  return spawnSync(cli, args, { input, maxBuffer: 1 << 30 });
}

export function textFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => join(dir, f));
}
