// Types for lede's JavaScript package. Offsets index the JavaScript string directly (UTF-16 code
// units) unless `offsets` asks otherwise: text.slice(span.start, span.end) === span.text.

export type OffsetUnit = 'utf16' | 'codepoint' | 'utf8';
export type EntityType = 'PERSON' | 'ORG' | 'LOC' | 'MISC';
export type QuoteKind = 'direct' | 'partial' | 'indirect';
export type TokenKind =
  | 'word' | 'number' | 'abbreviation' | 'punct' | 'quote' | 'dash' | 'symbol'
  | 'url' | 'email' | 'handle' | 'hashtag' | 'emoji' | 'other';

/** A range of the text without its content (sentences, paragraphs). */
export interface Range { start: number; end: number; }
/** A range of the text with the text it covers. */
export interface Span extends Range { text: string; }
export interface Token extends Span { kind: TokenKind; }
export interface Mention extends Span {
  /** A title or role before the name ("President" in "President Putin"), when there is one. */
  title?: string;
}
export interface Entity {
  id: number;
  type: EntityType;
  /** The most complete form of the name. */
  name: string;
  /** The distinct surface forms. */
  aliases: string[];
  mentions: Mention[];
  count: number;
}
export interface Speaker {
  /** Index into `entities`, or null when the speaker was not resolved to an entity. */
  entity: number | null;
  name: string | null;
  /** The span at the cue (possibly a pronoun). */
  mention: Span | null;
}
export interface Quote extends Span {
  id: number;
  kind: QuoteKind;
  speaker: Speaker | null;
  cue: Span | null;
}
export type ValueType = 'DATE' | 'TIME' | 'DURATION' | 'MONEY' | 'PERCENT' | 'QUANTITY';
/** A date, time, duration, amount of money, percentage or quantity with its normalised value. */
export interface Value extends Span {
  id: number;
  type: ValueType;
  /**
   * DATE: an ISO 8601 date, month or year ("2025-03-18", "2025-03", "2025", "--05") or a range;
   * null when relative without a reference date, or a date that does not exist. TIME: "14:30",
   * "15:00 ET", "15:00Z". DURATION: ISO 8601 ("P30D"). MONEY: amount and ISO 4217 code.
   * PERCENT: a number. QUANTITY: amount and unit.
   */
  value: string | number | { from: string; to: string } | { amount: number; currency: string } |
    { amount: number; unit: string } | null;
}
export interface Result {
  schema: 1;
  offsets: OffsetUnit;
  /** The text's length in `offsets` units. */
  length: number;
  sentences: Range[];
  paragraphs: Range[];
  /** Present only when `tokens: true` was asked for. */
  tokens?: Token[];
  entities: Entity[];
  quotes: Quote[];
  /** In text order, never overlapping. */
  values: Value[];
  warnings: string[];
}

export interface AnalyzeOptions {
  /** Include the token list. Default false. */
  tokens?: boolean;
  /** Offset unit. Default 'utf16' (JavaScript string indices). */
  offsets?: OffsetUnit;
  /**
   * The article's date, "YYYY-MM-DD": "last week", "Tuesday", "three years ago" are resolved
   * against it. Default: a date in the article's first lines, if any.
   */
  referenceDate?: string;
}

export interface CreateOptions {
  /** Bytes of a model file to use instead of the package's (lede-ner.bin); copied. */
  model?: Uint8Array | ArrayBuffer;
  /**
   * Where the model file is (default: lede-ner.bin next to index.js). Under Node a
   * file: URL or a path is read from disk. Loaded once and shared by the analyzers made with it.
   */
  modelUrl?: string | URL;
  /** The lede-core.wasm bytes (skips fetching). */
  wasmBinary?: Uint8Array | ArrayBuffer;
  /**
   * Where lede-core.wasm is (default: next to index.js, or where a bundler put it). Under Node a
   * file: URL or a path is read from disk.
   */
  wasmUrl?: string | URL;
}

/**
 * What option `worker` accepts as a worker: a Web Worker (browsers) or a worker_threads Worker
 * (Node) running the package's worker script, `lede/worker.js`.
 */
export interface WorkerLike {
  postMessage(message: any): void;
  terminate(): unknown;
}

export interface WorkerCreateOptions extends CreateOptions {
  /**
   * The worker to use, or its script's URL (started as a module worker), for setups that build or
   * host the worker themselves; by default the package starts its own (lede/worker.js).
   */
  worker?: WorkerLike | string | URL;
}

export interface Analyzer {
  readonly version: string;
  /**
   * The largest text analyze() takes, in UTF-8 bytes: what 4 GB of WebAssembly memory holds at
   * the measured cost per byte of news text. A larger one is refused before it is copied.
   */
  readonly maxTextBytes: number;
  /**
   * Throws an Error starting with "lede:" on bad arguments, and for a text over maxTextBytes
   * ("lede: text of N MB is over the M MB this build can analyse ..."). The spans' `text` values
   * are slices of `text` (in V8 they share its memory).
   */
  analyze(text: string, options?: AnalyzeOptions): Result;
  /** As analyze(), returning the JSON text (JSON.parse of it gives analyze()'s objects). */
  analyzeJSON(text: string, options?: AnalyzeOptions): string;
  /** Frees the analyzer; later calls throw. */
  dispose(): void;
}

export interface WorkerAnalyzeOptions extends AnalyzeOptions {
  /** Aborting rejects the promise and drops the result when it arrives. */
  signal?: AbortSignal;
}

export interface WorkerAnalyzer {
  readonly version: string;
  analyze(text: string, options?: WorkerAnalyzeOptions): Promise<Result>;
  /** Terminates the worker; pending requests reject. */
  dispose(): void;
}

export function createAnalyzer(options?: CreateOptions): Promise<Analyzer>;
export function createWorkerAnalyzer(options?: WorkerCreateOptions): Promise<WorkerAnalyzer>;
export function version(): Promise<string>;
