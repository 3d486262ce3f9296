// Results out of the wasm heap: the core's compact form (lede::to_compact) decoded into the
// objects JSON.parse would make of its JSON, and the core's C strings. Everything is copied out at
// once; nothing here keeps a view into the heap, which a later call may grow (and so detach).
import { fail } from './options.js';

const decoder = new TextDecoder('utf-8');

/** The NUL-terminated UTF-8 string at byte `ptr` of the heap. */
export function readCString(core, ptr) {
  const heap = core.HEAPU8;
  let end = ptr;
  while (heap[end] !== 0) end++;
  return decoder.decode(heap.subarray(ptr, end));
}

const TOKEN_KINDS = ['word', 'number', 'abbreviation', 'punct', 'quote', 'dash', 'symbol', 'url', 'email',
  'handle', 'hashtag', 'emoji', 'other'];
const ENTITY_TYPES = ['PERSON', 'ORG', 'LOC', 'MISC'];
const QUOTE_KINDS = ['direct', 'partial', 'indirect'];
const VALUE_TYPES = ['DATE', 'TIME', 'DURATION', 'MONEY', 'PERCENT', 'QUANTITY'];

/**
 * The result object from the core's compact form (lede::to_compact, layout in core/src/output/compact_format.h) at byte
 * `out` of the heap: the objects JSON.parse would make of the JSON (same keys, same order), the
 * spans' texts sliced from `text` (UTF-16 offsets into it), the other strings from the one block
 * of strings after the words.
 */
export function readCompact(core, out, size, text, flags) {
  const w = core.HEAP32;  // read after the call: a grown heap has new views
  let p = out >> 2;
  const stringsAt = out + 4 * w[p];
  if (stringsAt + w[p + 1] > out + size) throw fail('internal error: a compact result overruns its size');
  const strings = w[p + 1] === 0 ? '' : decoder.decode(core.HEAPU8.subarray(stringsAt, stringsAt + w[p + 1]));
  p += 2;
  const string = () => {
    const start = w[p], end = w[p + 1];
    p += 2;
    return start === -1 ? null : strings.slice(start, end);
  };
  const segments = () => {
    const list = new Array(w[p++]);
    for (let k = 0; k < list.length; k++, p += 2) list[k] = { start: w[p], end: w[p + 1] };
    return list;
  };
  // {start, end, text}, or null for a span that is absent (kCompactNone twice).
  const span = () => {
    const start = w[p], end = w[p + 1];
    p += 2;
    return start === -1 ? null : { start, end, text: text.slice(start, end) };
  };
  const length = w[p++];
  const sentences = segments();
  const paragraphs = segments();
  const result = { schema: 1, offsets: 'utf16', length, sentences, paragraphs };
  if (flags & 1) {
    const tokens = new Array(w[p++]);
    for (let k = 0; k < tokens.length; k++) {
      const token = span();
      token.kind = TOKEN_KINDS[w[p++]];
      tokens[k] = token;
    }
    result.tokens = tokens;
  } else {
    p++;
  }
  const entities = new Array(w[p++]);
  for (let k = 0; k < entities.length; k++) {
    const id = w[p], type = ENTITY_TYPES[w[p + 1]];
    p += 2;
    const name = string();
    const aliases = new Array(w[p++]);
    for (let j = 0; j < aliases.length; j++) aliases[j] = string();
    const mentions = new Array(w[p++]);
    for (let j = 0; j < mentions.length; j++) {
      const mention = span();
      const title = string();
      if (title !== null) mention.title = title;
      mentions[j] = mention;
    }
    entities[k] = { id, type, name, aliases, mentions, count: mentions.length };
  }
  const quotes = new Array(w[p++]);
  for (let k = 0; k < quotes.length; k++) {
    const id = w[p], kind = QUOTE_KINDS[w[p + 1]];
    p += 2;
    const { start, end, text: quoted } = span();
    let speaker = null;
    if (w[p++] === 1) {
      const entity = w[p] === -1 ? null : w[p];
      p++;
      const name = string();
      speaker = { entity, name, mention: span() };
    }
    quotes[k] = { id, kind, start, end, text: quoted, speaker, cue: span() };
  }
  const warnings = new Array(w[p++]);
  for (let k = 0; k < warnings.length; k++) warnings[k] = string();
  // Values come after the warnings in the words, before them in the JSON. Amounts are decimal
  // numerals: Number() gives the number JSON.parse would.
  const values = new Array(w[p++]);
  for (let k = 0; k < values.length; k++) {
    const id = w[p], type = VALUE_TYPES[w[p + 1]];
    p += 2;
    const { start, end, text: written } = span();
    const form = w[p++];
    const a = string(), b = string();
    const value = form === 0 ? null
      : form === 1 ? a
        : form === 2 ? { from: a, to: b }
          : form === 3 ? Number(a)
            : form === 4 ? { amount: Number(a), currency: b }
              : { amount: Number(a), unit: b };
    values[k] = { id, type, start, end, text: written, value };
  }
  result.entities = entities;
  result.quotes = quotes;
  result.values = values;
  result.warnings = warnings;
  if (p !== out / 4 + w[out >> 2]) throw fail('internal error: a compact result was misread');
  return result;
}
