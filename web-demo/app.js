// The lede demo page: analyses the textarea's text in a Web Worker (debounced, stale results
// dropped) and renders the result — highlighted mentions, quotations and values (dates, money,
// …) in the text, an entities panel, a "who said what" panel and a values panel. Offsets are UTF-16 code units, so every span indexes the JS
// string directly: text.slice(start, end) is the span's text.
import * as lede from "lede";
import { valueList, valueTitle } from "./values.js";

const TYPES = ["PERSON", "ORG", "LOC", "MISC"];
const TYPE_NAMES = { PERSON: "People", ORG: "Organisations", LOC: "Places", MISC: "Other names" };
const DEBOUNCE_MS = 250;
const LARGE_TEXT = 200_000; // above this, wait a little longer between keystrokes
// Above this many UTF-16 units the article view shows the first part only; panels and JSON still
// cover the whole text.
const RENDER_CAP = 2_000_000;
const SLICE_MS = 12; // rendering yields to input after this much work
const RESTART_AFTER_MS = 400; // a stale analysis running longer than this is cut short
const QUOTE_PREVIEW = 180;
const LIST_CAP = 100; // items per group shown before "Show more"
// Analysed once, unseen, as soon as the analyzer is ready and the textarea is empty: a fresh engine
// compiles the core's functions when they are first called and optimises them as they run. In
// Chromium, a fresh page showed the sample article 112 ms after it was pasted, 70 ms with this
// warm-up (medians of 8, pasted a second after the page was ready); the warm-up itself takes
// ~30 ms in the worker, while the reader is still finding the article.
const WARM_UP_TEXT = "“We will look at it again,” Mayor Jane Doe of Springfield told reporters on Monday. " +
  "The city council would vote in March, she said, after the Acme Corporation closed its plant.";

const $ = (id) => document.getElementById(id);
const ui = {
  text: $("text"),
  loadSample: $("load-sample"),
  clear: $("clear"),
  download: $("download"),
  copy: $("copy"),
  copyStatus: $("copy-status"),
  status: $("status"),
  stats: $("stats"),
  version: $("version"),
  article: $("article"),
  renderNote: $("render-note"),
  entities: $("entities"),
  entityCount: $("entity-count"),
  quotes: $("quotes"),
  quoteCount: $("quote-count"),
  values: $("values"),
  valueCount: $("value-count"),
  articleDate: $("article-date"),
  warningsPanel: $("warnings-panel"),
  warnings: $("warnings"),
  filters: [...document.querySelectorAll(".filter")],
};

const state = {
  analyzer: null,
  mode: "",
  debounce: 0,
  inFlight: false,
  requestSince: null, // when the request now in the worker was sent
  restarts: 0,
  rerun: false,
  renderGeneration: 0,
  analyses: 0,
  warmedUp: false,
  shown: null, // { text, referenceDate, result, ms, entityById, mentionEls, quoteEls, valueEls }
  selectedEntity: null,
  hiddenTypes: new Set(),
};

// For the browser tests and the curious: the last result shown, and the text it belongs to.
window.ledeDemo = {
  get result() { return state.shown?.result ?? null; },
  get text() { return state.shown?.text ?? null; },
  get referenceDate() { return state.shown?.referenceDate ?? null; },
  get analyses() { return state.analyses; },
  get mode() { return state.mode; },
  get restarts() { return state.restarts; },
  get warmedUp() { return state.warmedUp; },
};

function setState(name) {
  document.documentElement.dataset.state = name;
}

function setStatus(message, isError = false) {
  ui.status.textContent = message;
  ui.status.classList.toggle("error", isError);
}

// ---------------------------------------------------------------------------------------------
// Loading and analysing

async function loadAnalyzer() {
  setState("loading");
  try {
    state.analyzer = await lede.createWorkerAnalyzer();
    state.mode = "worker";
  } catch (err) {
    // Without module workers the page still works, analysing on the main thread.
    console.warn("lede demo: no worker analyzer, analysing on the main thread:", err);
    const sync = await lede.createAnalyzer();
    state.analyzer = {
      version: sync.version,
      analyze: async (text, options) => sync.analyze(text, options),
      dispose: () => sync.dispose(),
    };
    state.mode = "main thread";
  }
  // The analyzer knows its library's version (lede.version() would load a second core here).
  const version = state.analyzer.version ?? (typeof lede.version === "function" ? await lede.version() : lede.version);
  if (version) ui.version.textContent = `lede ${version}`;
  setStatus(`Ready (analysis in a ${state.mode === "worker" ? "Web Worker" : "main-thread fallback"}).`);
  setState("ready");
  if (ui.text.value) analyzeNow();
  else warmUp(state.analyzer);
}

// Not counted, not shown; a request sent meanwhile waits for it in the worker (it is short).
function warmUp(analyzer) {
  analyzer.analyze(WARM_UP_TEXT, { tokens: false }).then(
    () => { state.warmedUp = true; },
    (err) => console.warn("lede demo: warm-up analysis failed:", err));
}

function scheduleAnalysis() {
  clearTimeout(state.debounce);
  state.renderGeneration++; // a render of an older result is no longer worth finishing
  state.debounce = setTimeout(analyzeNow, ui.text.value.length > LARGE_TEXT ? 2 * DEBOUNCE_MS : DEBOUNCE_MS);
}

// At most one request is in flight; text typed meanwhile is analysed when it returns, and a result
// whose text no longer matches the textarea is dropped. A worker still busy after RESTART_AFTER_MS
// with a text that is no longer wanted is stopped and replaced, rather than waited for.
async function analyzeNow() {
  clearTimeout(state.debounce);
  if (!state.analyzer) return;
  if (state.inFlight) {
    state.rerun = true;
    if (state.requestSince !== null && performance.now() - state.requestSince > RESTART_AFTER_MS) restartWorker();
    return;
  }
  const text = ui.text.value;
  const referenceDate = articleDate();
  if (text.length === 0) {
    showEmpty();
    return;
  }
  state.inFlight = true;
  setState("analysing");
  setStatus(`Analysing ${plural(text.length, "character", "characters")}…`);
  const t0 = performance.now();
  const analyzer = state.analyzer;
  try {
    state.requestSince = t0;
    const options = referenceDate === null ? { tokens: false } : { tokens: false, referenceDate };
    const result = await analyzer.analyze(text, options);
    state.requestSince = null;
    const ms = performance.now() - t0;
    state.analyses++;
    if (text === ui.text.value && referenceDate === articleDate() && !state.rerun) await show(text, referenceDate, result, ms);
  } catch (err) {
    state.requestSince = null;
    if (analyzer !== state.analyzer) return; // its worker was stopped on purpose (finally still runs)
    console.error("lede demo: analysis failed:", err);
    setStatus(`Analysis failed: ${err?.message ?? err}`, true);
    setState("error");
  } finally {
    state.inFlight = false;
    if (state.rerun) {
      state.rerun = false;
      analyzeNow();
    }
  }
}

// The "Article date" input's date, the reference for relative dates ("last week"), or null when
// empty. A date input's value is "" or a valid "YYYY-MM-DD", which is what the core accepts.
function articleDate() {
  return ui.articleDate.value === "" ? null : ui.articleDate.value;
}

function restartWorker() {
  if (state.mode !== "worker") return;
  const old = state.analyzer;
  state.analyzer = null; // analyzeNow() waits for the new one
  state.requestSince = null;
  old.dispose(); // its pending request rejects, and is ignored
  lede.createWorkerAnalyzer().then((analyzer) => {
    state.analyzer = analyzer;
    state.restarts++;
    analyzeNow();
  }, (err) => {
    console.error("lede demo: could not restart the worker:", err);
    setStatus(`Could not restart the analyzer: ${err?.message ?? err}`, true);
    setState("error");
  });
}

function showEmpty() {
  state.renderGeneration++;
  state.shown = null;
  state.selectedEntity = null;
  ui.article.replaceChildren(emptyNote("The analysed article appears here."));
  ui.entities.replaceChildren(emptyNote("No entities yet."));
  ui.quotes.replaceChildren(emptyNote("No quotations yet."));
  ui.values.replaceChildren(emptyNote("No values yet."));
  ui.entityCount.textContent = ui.quoteCount.textContent = ui.valueCount.textContent = ui.stats.textContent = "";
  ui.renderNote.hidden = true;
  ui.warningsPanel.hidden = true;
  ui.download.disabled = ui.copy.disabled = true;
  setStatus("Ready.");
  setState("ready");
}

// ---------------------------------------------------------------------------------------------
// Showing a result

async function show(text, referenceDate, result, ms) {
  const generation = ++state.renderGeneration;
  setState("rendering");
  const entityById = new Map(result.entities.map((e) => [e.id, e]));
  const view = await renderArticle(text, result, entityById, generation);
  if (view === null || generation !== state.renderGeneration) return; // superseded meanwhile

  ui.article.replaceChildren(view.fragment);
  ui.renderNote.hidden = view.renderedLength === text.length;
  ui.renderNote.textContent = ui.renderNote.hidden ? "" :
    `Showing the first ${view.renderedLength.toLocaleString("en")} of ${text.length.toLocaleString("en")} characters; the panels and the JSON cover the whole text.`;
  state.shown = { text, referenceDate, result, ms, entityById, mentionEls: view.mentionEls, quoteEls: view.quoteEls, valueEls: view.valueEls };
  const keep = state.selectedEntity;
  state.selectedEntity = null;
  renderEntities(result);
  renderQuotes(result, entityById);
  renderValues(result);
  renderWarnings(result.warnings ?? []);
  applyTypeFilter();
  if (keep !== null && entityById.has(keep)) selectEntity(keep, { scroll: false });

  const nEntities = result.entities.length;
  const nQuotes = result.quotes.length;
  const nValues = result.values.length;
  ui.entityCount.textContent = `(${nEntities})`;
  ui.quoteCount.textContent = `(${nQuotes})`;
  ui.valueCount.textContent = `(${nValues})`;
  ui.stats.textContent = `${formatSize(text)} · analysed in ${formatMs(ms)} · ${plural(nEntities, "entity", "entities")} · ${plural(nQuotes, "quotation", "quotations")} · ${plural(nValues, "value", "values")}`;
  ui.download.disabled = ui.copy.disabled = false;
  setStatus(state.mode === "worker" ? "Analysed in a Web Worker." : "Analysed on the main thread.");
  setState("done");
  document.dispatchEvent(new CustomEvent("lede-demo:shown", { detail: { length: text.length, ms } }));
}

// The article with its spans. Spans may nest (a mention inside a quotation) or cross (a quotation
// running over a paragraph break, a mention straddling a quote's end): a span that crosses the end
// of the element it opened in is split there and its remainder reopened outside, so every span
// becomes one or more properly nested elements. Each paragraph is its own block, which the style
// sheet lets the browser skip laying out while it is off screen (content-visibility).
async function renderArticle(text, result, entityById, generation) {
  const renderedLength = renderLimit(text, result);
  const spans = collectSpans(result, entityById, renderedLength);
  const blockStarts = blockBoundaries(result, renderedLength);

  const fragment = document.createDocumentFragment();
  const mentionEls = new Map();
  const quoteEls = new Map();
  const valueEls = new Map();
  const remainders = []; // split-off parts of crossing spans, kept sorted
  let next = 0;
  let sliceStart = performance.now();

  const peek = () => {
    const a = spans[next];
    const b = remainders[0];
    if (a === undefined) return b;
    if (b === undefined) return a;
    return compareSpans(b, a) < 0 ? b : a;
  };
  const take = (s) => {
    if (s === remainders[0]) remainders.shift();
    else next++;
  };

  for (let b = 0; b + 1 < blockStarts.length; b++) {
    const blockEnd = blockStarts[b + 1];
    const block = document.createElement("div");
    block.className = "para";
    fragment.appendChild(block);
    const stack = [{ el: block, end: blockEnd }];
    let pos = blockStarts[b];

    for (let s = peek(); s !== undefined && s.start < blockEnd; s = peek()) {
      take(s);
      while (stack.length > 1 && stack[stack.length - 1].end <= s.start) {
        const top = stack.pop();
        appendText(top.el, text, pos, top.end);
        pos = top.end;
      }
      const parent = stack[stack.length - 1];
      appendText(parent.el, text, pos, s.start);
      pos = s.start;
      let end = s.end;
      if (end > parent.end) {
        insertSorted(remainders, { ...s, start: parent.end, continued: true });
        end = parent.end;
      }
      const el = spanElement(s, end === s.end);
      parent.el.appendChild(el);
      stack.push({ el, end });
      if (s.kind === KIND_MENTION) pushTo(mentionEls, s.entity.id, el);
      else if (s.kind === KIND_QUOTE) pushTo(quoteEls, s.quote.id, el);
      else if (s.kind === KIND_VALUE) pushTo(valueEls, s.value.id, el);

      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToInput();
        if (generation !== state.renderGeneration) return null;
        sliceStart = performance.now();
      }
    }
    while (stack.length > 0) {
      const top = stack.pop();
      appendText(top.el, text, pos, top.end);
      pos = top.end;
    }
  }
  return { fragment, mentionEls, quoteEls, valueEls, renderedLength };
}

const KIND_QUOTE = 0;
const KIND_SPEAKER = 1; // a speaker mention that is not one of the entities' mentions
const KIND_MENTION = 2;
const KIND_CUE = 3;
const KIND_VALUE = 4; // innermost: a value sits inside a quotation or a mention, never the reverse

function compareSpans(a, b) {
  return a.start - b.start || b.end - a.end || a.kind - b.kind;
}

function insertSorted(list, span) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareSpans(list[mid], span) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, span);
}

function collectSpans(result, entityById, limit) {
  const spans = [];
  const add = (span) => {
    if (span.start < span.end && span.start < limit) spans.push({ ...span, end: Math.min(span.end, limit) });
  };
  const mentionKeys = new Set();
  for (const entity of result.entities) {
    for (const m of entity.mentions) {
      add({ start: m.start, end: m.end, kind: KIND_MENTION, entity, mention: m });
      mentionKeys.add(`${m.start}:${m.end}`);
    }
  }
  const pillless = quotesWithoutPill(result.quotes, entityById);
  for (const quote of result.quotes) {
    add({ start: quote.start, end: quote.end, kind: KIND_QUOTE, quote, speaker: speakerLabel(quote.speaker, entityById), pill: !pillless.has(quote.id) });
    if (quote.cue) add({ start: quote.cue.start, end: quote.cue.end, kind: KIND_CUE, quote });
    const m = quote.speaker?.mention;
    if (m && !mentionKeys.has(`${m.start}:${m.end}`)) {
      add({ start: m.start, end: m.end, kind: KIND_SPEAKER, quote });
    }
  }
  for (const value of result.values) add({ start: value.start, end: value.end, kind: KIND_VALUE, value });
  spans.sort(compareSpans);
  // The same speaker mention may serve several quotations: keep one element for it.
  return spans.filter((s, i) => s.kind !== KIND_SPEAKER || i === 0 ||
    !(spans[i - 1].kind === KIND_SPEAKER && spans[i - 1].start === s.start && spans[i - 1].end === s.end));
}

// A quotation that ends where a quotation inside it ends (a reported statement closing on a
// partial quote), with the same speaker, would show the same speaker twice side by side: only the
// inner one shows it.
function quotesWithoutPill(quotes, entityById) {
  const sorted = [...quotes].sort((a, b) => a.start - b.start || b.end - a.end);
  const without = new Set();
  for (let i = 0; i < sorted.length; i++) {
    const outer = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].start < outer.end; j++) {
      const inner = sorted[j];
      if (inner.end <= outer.end && outer.end - inner.end <= 2 &&
          speakerLabel(inner.speaker, entityById) === speakerLabel(outer.speaker, entityById)) {
        without.add(outer.id);
        break;
      }
    }
  }
  return without;
}

// Block starts: 0, every paragraph start, and the end of the rendered part.
function blockBoundaries(result, limit) {
  const starts = new Set([0, limit]);
  for (const p of result.paragraphs ?? []) if (p.start > 0 && p.start < limit) starts.add(p.start);
  return [...starts].sort((a, b) => a - b);
}

function renderLimit(text, result) {
  if (text.length <= RENDER_CAP) return text.length;
  // Cut at a paragraph start so no paragraph is shown half.
  let cut = RENDER_CAP;
  for (const p of result.paragraphs ?? []) {
    if (p.start > RENDER_CAP) break;
    if (p.start > 0) cut = p.start;
  }
  return cut;
}

function spanElement(s, isLastPiece) {
  const el = document.createElement(s.kind === KIND_QUOTE ? "q" : "span");
  switch (s.kind) {
    case KIND_MENTION: {
      const type = s.entity.type;
      el.className = `m t-${type}${isLastPiece ? " m-end" : ""}`;
      el.dataset.entity = s.entity.id;
      el.dataset.type = type;
      el.title = s.mention.title ? `${type}: ${s.entity.name} (${s.mention.title})` : `${type}: ${s.entity.name}`;
      break;
    }
    case KIND_QUOTE:
      el.className = `q k-${s.quote.kind}${isLastPiece && s.pill ? " q-end" : ""}`;
      el.dataset.quote = s.quote.id;
      el.dataset.speaker = s.speaker ?? "unattributed";
      if (!s.continued) el.id = `quote-${s.quote.id}`;
      el.title = `${s.quote.kind} quotation — ${s.speaker ?? "unattributed"}`;
      break;
    case KIND_SPEAKER:
      el.className = "speaker";
      el.title = "speaker";
      break;
    case KIND_CUE:
      el.className = "cue";
      el.title = "speech cue";
      break;
    case KIND_VALUE:
      el.className = `v v-${s.value.type}`;
      el.dataset.value = s.value.id;
      el.dataset.type = s.value.type;
      el.title = valueTitle(s.value);
      break;
  }
  return el;
}

function appendText(el, text, from, to) {
  if (to > from) el.appendChild(document.createTextNode(text.slice(from, to)));
}

function pushTo(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function yieldToInput() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function speakerLabel(speaker, entityById) {
  if (!speaker) return null;
  if (speaker.name) return speaker.name;
  if (speaker.entity !== null && speaker.entity !== undefined && entityById.has(speaker.entity)) {
    return entityById.get(speaker.entity).name;
  }
  return speaker.mention?.text ?? null;
}

// ---------------------------------------------------------------------------------------------
// Panels

function renderEntities(result) {
  const fragment = document.createDocumentFragment();
  for (const type of TYPES) {
    const group = result.entities.filter((e) => e.type === type)
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    if (group.length === 0) continue;
    const section = document.createElement("section");
    section.className = "entity-group";
    section.dataset.type = type;
    const h = document.createElement("h3");
    h.innerHTML = `<span class="swatch t-${type}">${type}</span> `;
    h.append(`${TYPE_NAMES[type]} (${group.length})`);
    const list = cappedList(group, (entity) => {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = `entity t-${type}`;
      button.dataset.entity = entity.id;
      button.setAttribute("aria-pressed", "false");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = entity.name;
      const count = document.createElement("span");
      count.className = "badge";
      count.textContent = entity.count;
      count.title = `${plural(entity.count, "mention", "mentions")}`;
      button.append(name, count);
      const aliases = (entity.aliases ?? []).filter((a) => a !== entity.name);
      if (aliases.length > 0) {
        const also = document.createElement("span");
        also.className = "aliases";
        also.textContent = `also: ${aliases.join(", ")}`;
        button.append(also);
      }
      button.setAttribute("aria-label", `${entity.name}, ${type}, ${plural(entity.count, "mention", "mentions")}`);
      if (entity.id === state.selectedEntity) button.setAttribute("aria-pressed", "true");
      li.appendChild(button);
      return li;
    });
    section.append(h, list);
    fragment.appendChild(section);
  }
  if (result.entities.length === 0) fragment.appendChild(emptyNote("No entities found."));
  ui.entities.replaceChildren(fragment);
}

function renderQuotes(result, entityById) {
  const groups = new Map(); // speaker key → { label, entity, quotes }
  const unattributed = [];
  for (const quote of result.quotes) {
    const label = speakerLabel(quote.speaker, entityById);
    if (label === null) {
      unattributed.push(quote);
      continue;
    }
    const entityId = quote.speaker.entity ?? null;
    const key = entityId !== null ? `e${entityId}` : `n${label}`;
    if (!groups.has(key)) groups.set(key, { label, entity: entityId !== null ? entityById.get(entityId) : null, quotes: [] });
    groups.get(key).quotes.push(quote);
  }
  const ordered = [...groups.values()].sort((a, b) => b.quotes.length - a.quotes.length || a.quotes[0].start - b.quotes[0].start);
  const fragment = document.createDocumentFragment();
  for (const group of ordered) fragment.appendChild(quoteGroup(group.label, group.entity, group.quotes, false));
  if (unattributed.length > 0) fragment.appendChild(quoteGroup("Unattributed", null, unattributed, true));
  if (result.quotes.length === 0) fragment.appendChild(emptyNote("No quotations found."));
  ui.quotes.replaceChildren(fragment);
}

function quoteGroup(label, entity, quotes, isUnattributed) {
  const section = document.createElement("section");
  section.className = isUnattributed ? "speaker-group unattributed" : "speaker-group";
  const h = document.createElement("h3");
  if (entity) {
    const swatch = document.createElement("span");
    swatch.className = `swatch t-${entity.type}`;
    swatch.textContent = entity.type;
    h.append(swatch, " ");
  }
  const name = document.createElement("span");
  name.className = "speaker-name";
  name.textContent = label;
  h.append(name, ` (${quotes.length})`);
  const list = cappedList(quotes, (quote) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "quote";
    button.dataset.quote = quote.id;
    const kind = document.createElement("span");
    kind.className = `kind k-${quote.kind}`;
    kind.textContent = quote.kind;
    const words = document.createElement("span");
    words.className = "words";
    words.textContent = quote.text.length > QUOTE_PREVIEW ? `${quote.text.slice(0, QUOTE_PREVIEW)}…` : quote.text;
    button.append(kind, " ", words);
    if (quote.cue) {
      const cue = document.createElement("span");
      cue.className = "cue-word";
      cue.textContent = ` (${quote.cue.text})`;
      button.append(cue);
    }
    li.appendChild(button);
    return li;
  });
  section.append(h, list);
  return section;
}

// A list of the first LIST_CAP items, and a button that shows the rest: a 1 MB article can have
// thousands of quotations, which the browser would otherwise lay out all at once.
function cappedList(items, renderItem) {
  const list = document.createElement("ul");
  const fragment = document.createDocumentFragment();
  for (const item of items.slice(0, LIST_CAP)) fragment.appendChild(renderItem(item));
  list.appendChild(fragment);
  if (items.length > LIST_CAP) {
    const li = document.createElement("li");
    const more = document.createElement("button");
    more.type = "button";
    more.className = "more";
    more.textContent = `Show ${(items.length - LIST_CAP).toLocaleString("en")} more`;
    more.addEventListener("click", () => {
      const rest = document.createDocumentFragment();
      for (const item of items.slice(LIST_CAP)) rest.appendChild(renderItem(item));
      const first = rest.firstElementChild;
      li.replaceWith(rest);
      first?.querySelector("button")?.focus();
    });
    li.appendChild(more);
    list.appendChild(li);
  }
  return list;
}

function renderValues(result) {
  ui.values.replaceChildren(result.values.length === 0 ? emptyNote("No values found.") : valueList(result.values, cappedList));
}

function renderWarnings(warnings) {
  ui.warningsPanel.hidden = warnings.length === 0;
  ui.warnings.replaceChildren(...warnings.map((w) => {
    const li = document.createElement("li");
    li.textContent = typeof w === "string" ? w : JSON.stringify(w);
    return li;
  }));
}

function emptyNote(message) {
  const p = document.createElement("p");
  p.className = "empty";
  p.textContent = message;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Interaction

function selectEntity(id, { scroll = true } = {}) {
  const shown = state.shown;
  if (!shown) return;
  for (const el of shown.mentionEls.get(state.selectedEntity) ?? []) el.classList.remove("sel");
  const same = state.selectedEntity === id;
  state.selectedEntity = same ? null : id;
  for (const button of ui.entities.querySelectorAll("button.entity")) {
    button.setAttribute("aria-pressed", String(!same && Number(button.dataset.entity) === id));
  }
  ui.article.classList.toggle("has-selection", !same);
  if (same) return;
  const els = shown.mentionEls.get(id) ?? [];
  for (const el of els) el.classList.add("sel");
  if (scroll && els.length > 0) scrollToElement(els[0]);
}

// A quotation or a value chosen in its panel flashes in the article, scrolled into view.
function flashInArticle(els) {
  for (const el of ui.article.querySelectorAll(".flash")) el.classList.remove("flash");
  if (els.length === 0) return;
  for (const el of els) el.classList.add("flash");
  scrollToElement(els[0]);
}

// Centres el in the article. When the article scrolls by itself (wide screens), only the article
// scrolls, so the panel the reader clicked in stays where it was.
function scrollToElement(el) {
  const article = ui.article;
  if (getComputedStyle(article).overflowY === "visible") {
    el.scrollIntoView({ block: "center", inline: "nearest" });
    return;
  }
  const box = el.getBoundingClientRect();
  const frame = article.getBoundingClientRect();
  article.scrollTop += box.top - frame.top - (article.clientHeight - box.height) / 2;
  article.scrollIntoView({ block: "nearest" });
}

function applyTypeFilter() {
  for (const type of TYPES) {
    const hidden = state.hiddenTypes.has(type);
    ui.article.classList.toggle(`hide-${type}`, hidden);
    for (const group of ui.entities.querySelectorAll(`.entity-group[data-type="${type}"]`)) group.hidden = hidden;
  }
  for (const button of ui.filters) button.setAttribute("aria-pressed", String(!state.hiddenTypes.has(button.dataset.type)));
}

function resultJson() {
  return JSON.stringify(state.shown.result, null, 2) + "\n";
}

function downloadJson() {
  if (!state.shown) return;
  const blob = new Blob([resultJson()], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = "lede-result.json";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function copyJson() {
  if (!state.shown) return;
  const json = resultJson();
  let ok = false;
  try {
    await navigator.clipboard.writeText(json);
    ok = true;
  } catch {
    // Clipboard API refused (permissions, insecure context): the old way.
    const area = document.createElement("textarea");
    area.value = json;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    ok = document.execCommand("copy");
    area.remove();
    ui.copy.focus();
  }
  ui.copyStatus.textContent = ok ? "JSON copied." : "Could not copy; use Download instead.";
  setTimeout(() => { ui.copyStatus.textContent = ""; }, 4000);
}

async function loadSample() {
  ui.loadSample.disabled = true;
  try {
    const response = await fetch("samples/article.txt");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    ui.text.value = await response.text();
    state.renderGeneration++;
    analyzeNow();
  } catch (err) {
    setStatus(`Could not load the sample article (${err.message}).`, true);
  } finally {
    ui.loadSample.disabled = false;
  }
}

// A paste or a drop is analysed at once; typing waits for a pause.
ui.text.addEventListener("input", (event) => {
  if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") {
    state.renderGeneration++;
    analyzeNow();
  } else {
    scheduleAnalysis();
  }
});
ui.loadSample.addEventListener("click", loadSample);
ui.clear.addEventListener("click", () => {
  ui.text.value = "";
  showEmpty();
  ui.text.focus();
});
ui.download.addEventListener("click", downloadJson);
ui.copy.addEventListener("click", copyJson);
ui.entities.addEventListener("click", (event) => {
  const button = event.target.closest("button.entity");
  if (button) selectEntity(Number(button.dataset.entity));
});
ui.quotes.addEventListener("click", (event) => {
  const button = event.target.closest("button.quote");
  if (button) flashInArticle(state.shown?.quoteEls.get(Number(button.dataset.quote)) ?? []);
});
ui.values.addEventListener("click", (event) => {
  const button = event.target.closest("button.value");
  if (button) flashInArticle(state.shown?.valueEls.get(Number(button.dataset.value)) ?? []);
});
// A new article date re-resolves the relative dates at once.
ui.articleDate.addEventListener("change", () => {
  if (!ui.text.value) return;
  state.renderGeneration++;
  analyzeNow();
});
ui.article.addEventListener("click", (event) => {
  const mention = event.target.closest(".m");
  if (mention) selectEntity(Number(mention.dataset.entity), { scroll: false });
});
for (const button of ui.filters) {
  button.addEventListener("click", () => {
    const type = button.dataset.type;
    if (state.hiddenTypes.has(type)) state.hiddenTypes.delete(type);
    else state.hiddenTypes.add(type);
    applyTypeFilter();
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting

function formatSize(text) {
  const bytes = utf8Length(text);
  const size = bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return `${size} (${plural(text.length, "character", "characters")})`;
}

const encoder = new TextEncoder();
function utf8Length(text) {
  return encoder.encode(text).length; // lone surrogates become U+FFFD, 3 bytes, as in the analyzer
}

function formatMs(ms) {
  return ms < 10 ? `${ms.toFixed(1)} ms` : ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function plural(n, one, many) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

if (new URLSearchParams(location.search).has("sample")) loadSample();
loadAnalyzer().catch((err) => {
  console.error("lede demo: could not load the analyzer:", err);
  setStatus(`Could not load the analyzer: ${err?.message ?? err}`, true);
  setState("error");
});
