// The quotes stage (see quotes.h for the rules): run() reads as its table of contents.
#include "quotes/quotes.h"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <utility>

#include "quotes/attribution.h"
#include "quotes/kinds.h"
#include "quotes/marks.h"
#include "quotes/reported.h"
#include "quotes/sources.h"
#include "quotes/speakers.h"
#include "text/normalize.h"

namespace lede {
namespace quotes {
namespace {

// A quotation on its way to the result: kind, content tokens, marks, who says it.
struct Candidate {
  QuoteKind kind = QuoteKind::direct;
  uint32_t first = 0, end = 0;  // content tokens; none for marks around nothing (dropped)
  uint32_t open = kNone, close = kNone;
  uint32_t chain_prev = kNone;  // the previous paragraph's part of the same quotation
  Attribution who;
  bool inherited = false;       // the speaker is an earlier quotation's, already resolved
  Speaker inherited_speaker;
  bool empty() const { return end <= first; }
};

// All the state of one text's run. Each step is a function of its own (not inlined), as in
// EntityMerger: one large function compiles slowly in wasm.
class QuoteStage {
 public:
  explicit QuoteStage(const QuoteInput& input) : in(input), ix(input) {}

  std::vector<Quote> run() {
    build_token_index(in, &ix);
    spans = pair_marks(ix);
    mark_quoted(spans, &ix);
    find_transcript_turns();
    attribute_marked_quotations();
    note_cues_of_direct_quotations();
    share_speakers_across_paragraphs();
    keep_quotations_not_titles();
    order.insert(order.end(), turns.begin(), turns.end());
    add_reported_speech();
    std::stable_sort(order.begin(), order.end(),
                     [](const Candidate& x, const Candidate& y) { return x.first < y.first; });
    resolve_in_text_order();
    return std::move(quotes);
  }

 private:
  [[gnu::noinline]] void find_transcript_turns();
  [[gnu::noinline]] void attribute_marked_quotations();
  [[gnu::noinline]] void note_cues_of_direct_quotations();
  [[gnu::noinline]] void share_speakers_across_paragraphs();
  [[gnu::noinline]] void keep_quotations_not_titles();
  [[gnu::noinline]] void add_reported_speech();
  [[gnu::noinline]] void resolve_in_text_order();
  bool not_anyones_words(const Candidate& c) const;
  void find_speaker_without_cue(Candidate* c, bool fills_paragraph);
  void choose_source(Candidate* c, size_t id);
  Quote to_quote(const Candidate& c) const;

  const QuoteInput& in;
  TokenIndex ix;
  std::vector<MarkSpan> spans;         // top-level quotations, in text order
  std::vector<Candidate> marked;       // one per span, in the same order
  std::vector<Candidate> turns;        // a transcript's turns without marks
  std::vector<uint8_t> cue_of_direct;  // per token: the cue of a direct quotation
  std::vector<Candidate> order;        // what is reported, in text order once sorted
  std::vector<Quote> quotes;
  // Inheritance: the last quotation with marks, and the last quotation with a speaker.
  size_t last_marked = SIZE_MAX, last_any = SIZE_MAX;  // indices into quotes
  uint32_t last_marked_paragraph = kNone, last_any_paragraph = kNone;
  uint32_t last_any_sentence = kNone;  // where the last attribution with a speaker ends
  // The last reported statement with a speaker, and its tokens: quoted words inside it are its.
  size_t last_reported = SIZE_MAX;
  uint32_t last_reported_first = kNone, last_reported_end = kNone;
  RunningSpeaker running;               // the entity of the last attribution resolved to one
};

// A transcript printed without quotation marks: paragraphs opening with a speaker label ("JAKE
// TAPPER: Donald Trump released a video …", "FALLIN: Well, I think …"), each turn the label's
// words, verbatim. A turn runs on over the unlabelled paragraphs up to the next label, but for
// stage directions ("(BEGIN VIDEO CLIP.)", "…."); after the last label the article resumes. Two
// labelled paragraphs with two different labels make a transcript: a lone "UPDATE:" or a repeated
// "BREAKING:" does not. The turns' words count as quoted, as a marked transcript's are, so that
// no reported statement is taken from inside them.
void QuoteStage::find_transcript_turns() {
  struct Label {
    uint32_t paragraph, colon;
  };
  std::vector<Label> labels;
  bool two_speakers = false;
  for (uint32_t p = 0; p < ix.paragraph_first.size(); ++p) {
    const uint32_t first = ix.paragraph_first[p], end = ix.paragraph_end[p];
    if (ix.quoted[first]) continue;
    const uint32_t colon = transcript_label_end(ix, first, end);
    if (colon == kNone || colon + 1 >= end) continue;
    if (!labels.empty()) {
      const Label& l = labels.front();
      const uint32_t f0 = ix.paragraph_first[l.paragraph];
      const std::string_view a = ix.text.substr(ix.tokens[f0].span.start, ix.tokens[l.colon].span.start - ix.tokens[f0].span.start);
      const std::string_view b = ix.text.substr(ix.tokens[first].span.start, ix.tokens[colon].span.start - ix.tokens[first].span.start);
      if (a != b) two_speakers = true;
    }
    labels.push_back({p, colon});
  }
  if (!two_speakers) return;
  auto stage_direction = [&](uint32_t p) {
    const uint32_t first = ix.paragraph_first[p], end = ix.paragraph_end[p];
    for (uint32_t t = first; t < end; ++t)
      if (ix.is_word(t)) return ix.is_punct(first, '(');
    return true;  // no words: "….", "* * *"
  };
  for (size_t i = 0; i < labels.size(); ++i) {
    const uint32_t p = labels[i].paragraph;
    uint32_t last = p;  // the turn's last paragraph
    if (i + 1 < labels.size())
      for (uint32_t q = p + 1; q < labels[i + 1].paragraph; ++q) {
        if (stage_direction(q) || ix.quoted[ix.paragraph_first[q]]) break;
        last = q;
      }
    Candidate c;
    c.kind = QuoteKind::direct;
    c.first = labels[i].colon + 1;
    c.end = ix.paragraph_end[last];
    c.who.speaker = {ix.paragraph_first[p], labels[i].colon};
    for (uint32_t t = ix.paragraph_first[p]; t < c.end; ++t) ix.quoted[t] = 1;
    turns.push_back(c);
  }
}

// Kind and attribution of each quotation with marks. “…,” the comma (or a colon) before the
// closing mark belongs to the writer's sentence.
void QuoteStage::attribute_marked_quotations() {
  for (const MarkSpan& s : spans) {
    const uint32_t first = s.open + 1;
    uint32_t end = s.close;
    while (end > first && (ix.lower[end - 1] == "," ||
                           (ix.tokens[end - 1].kind == TokenKind::punct && ix.lower[end - 1] == ":")))
      --end;
    Candidate c;  // an empty one keeps indices aligned with spans
    if (end > first) {
      c.first = first;
      c.end = end;
      c.open = s.open;
      c.close = s.close;
      c.chain_prev = s.chain_prev;
      c.kind = kind_of(ix, s, first, end);
      c.who = attribute_quoted(ix, s);
    }
    marked.push_back(c);
  }
}

// A direct quotation's cue reports that quotation, never a clause of its own.
void QuoteStage::note_cues_of_direct_quotations() {
  cue_of_direct.assign(ix.n, 0);
  for (const Candidate& c : marked)
    if (!c.empty() && c.who.has_cue() && c.kind == QuoteKind::direct)
      for (uint32_t t = c.who.cue_first; t < c.who.cue_end; ++t) cue_of_direct[t] = 1;
}

// The parts of a quotation running over several paragraphs share a speaker: a part without one
// takes the previous part's, then an earlier part without one takes a later part's.
void QuoteStage::share_speakers_across_paragraphs() {
  for (Candidate& c : marked) {
    if (c.empty() || c.who.speaker.ok() || c.chain_prev == kNone) continue;
    const Candidate& prev = marked[c.chain_prev];
    if (prev.who.speaker.ok()) c.who.speaker = prev.who.speaker;
  }
  for (size_t i = marked.size(); i-- > 0;) {
    const Candidate& c = marked[i];
    if (c.empty() || c.chain_prev == kNone) continue;
    Candidate& prev = marked[c.chain_prev];
    if (!prev.who.speaker.ok() && c.who.speaker.ok()) prev.who.speaker = c.who.speaker;
  }
}

// Marks around no words ("2016", "@handle", a URL), a stage direction in parentheses, titles of
// shows and books, and a quoted pronoun ("he" or "she", a word being discussed). In a headline every word is capitalised, so
// the title test says nothing there.
bool QuoteStage::not_anyones_words(const Candidate& c) const {
  uint32_t words = 0;
  for (uint32_t t = c.first; t < c.end; ++t)
    if (ix.tokens[t].kind == TokenKind::word) ++words;
  if (words == 0) return true;
  // A transcript's stage direction, "(CROSSTALK.)", "(LAUGHTER)": nobody's words.
  if (ix.is_punct(c.first, '(') && ix.is_punct(c.end - 1, ')')) return true;
  if (ix.headline[ix.paragraph_of[c.first]]) return false;
  if ((c.kind == QuoteKind::partial || !c.who.speaker.ok()) && looks_like_title(ix, c.first, c.end))
    return true;
  if (words == 1 && c.kind == QuoteKind::partial) {
    uint32_t t = c.first;
    while (t < c.end && !ix.is_word(t)) ++t;
    if (t < c.end && lookup_pronoun(ix.lower[t]) != PronounKind::none) return true;
  }
  return false;
}

void QuoteStage::keep_quotations_not_titles() {
  for (const Candidate& c : marked)
    if (!c.empty() && !not_anyones_words(c)) order.push_back(c);
}

// Reported clauses, unless all quotation (already reported as a quotation).
void QuoteStage::add_reported_speech() {
  if (!in.cue_model) return;
  for (const ReportedClause& r : find_reported_speech(ix, cue_of_direct, *in.cue_model)) {
    bool open_word = false;  // the first one is enough; not the clause's opening "that"
    const uint32_t from = r.first + (r.first + 1 < r.end && ix.lower[r.first] == "that" ? 1 : 0);
    for (uint32_t t = from; t < r.end && !open_word; ++t) open_word = !ix.quoted[t] && ix.is_word(t);
    if (!open_word) continue;
    Candidate c;
    c.kind = QuoteKind::indirect;
    c.first = r.first;
    c.end = r.end;
    c.who = r.who;
    order.push_back(c);
  }
}

// A quotation with marks and no speaker phrase: the speaker of the reported statement it lies in;
// else the subject of its own sentence when that names someone; else the speaker of the quotation
// before it in its paragraph, or of the previous paragraph's last attribution when it fills its
// own paragraph; else the subject of the previous sentence or of its own (attribution.h).
void QuoteStage::find_speaker_without_cue(Candidate* c, bool fills_paragraph) {
  const uint32_t p = ix.paragraph_of[c->first];
  // Quoted words inside a reported statement ("Howard Dean, the former governor, proclaimed guns
  // are “the ultimate public health crisis”") are that statement's speaker's, whom the learned
  // ranking chose, unless that is a lone determiner ("Some reported cases were “odd”"). Before the
  // sentence's subject: on PolNeAR train, 6517 direct speakers right of 7013 this way, 6511 the
  // other way round, 6453 without it.
  if (c->open != kNone && last_reported != SIZE_MAX && last_reported_first <= c->open &&
      c->first < last_reported_end && c->end <= last_reported_end + 1 &&
      !is_determiner(fold_case(quotes[last_reported].speaker.name))) {
    c->inherited = true;
    c->inherited_speaker = quotes[last_reported].speaker;
    return;
  }
  // The subject of the quoted words' own sentence, when they do not open it. One that names a
  // person or organisation ("Paul Ryan worried that the safety net was becoming “a hammock …”")
  // speaks, not the speaker of the quotation before it.
  const bool mid_sentence = c->open != kNone && c->open > ix.sentence_first[ix.sentence_of[c->open]];
  const Phrase own_subject = mid_sentence ? subject_before_quoted_words(ix, c->open) : Phrase{};
  if (own_subject.ok() && names_someone(ix, own_subject)) {
    c->who.speaker = own_subject;
    return;
  }
  if (last_marked != SIZE_MAX && quotes[last_marked].has_speaker &&
      (last_marked_paragraph == p || (fills_paragraph && last_marked_paragraph + 1 == p))) {
    c->inherited = true;
    c->inherited_speaker = quotes[last_marked].speaker;
  } else if (fills_paragraph && last_any != SIZE_MAX && quotes[last_any].has_speaker &&
             last_any_paragraph + 1 == p) {
    // “…” alone in its paragraph after "Ortiz said the plan would fail."
    c->inherited = true;
    c->inherited_speaker = quotes[last_any].speaker;
  } else if (c->open != kNone && c->open == ix.sentence_first[ix.sentence_of[c->open]] && last_any != SIZE_MAX &&
             quotes[last_any].has_speaker && quotes[last_any].kind == QuoteKind::indirect &&
             last_any_paragraph == p && last_any_sentence + 1 == ix.sentence_of[c->open]) {
    // "The administration may be reluctant to act, Schiff said. “The other factor …”": the
    // speaker of the statement reported in the sentence before.
    c->inherited = true;
    c->inherited_speaker = quotes[last_any].speaker;
  } else if (c->open != kNone && c->open == ix.sentence_first[ix.sentence_of[c->open]] &&
             ix.sentence_of[c->open] > 0 &&
             ix.paragraph_of[ix.sentence_first[ix.sentence_of[c->open] - 1]] == p) {
    Phrase sp = subject_of_previous_sentence(ix, c->open);
    if (sp.ok()) c->who.speaker = sp;
  } else if (own_subject.ok()) {
    c->who.speaker = own_subject;
  }
}

// An attribution with a cue: the learned ranking picks its source among the candidates
// (sources.h), the pattern's phrase one of them. The trainer's trace sees every such choice.
void QuoteStage::choose_source(Candidate* c, size_t id) {
  if (in.source_trace && in.source_trace->size() <= id) in.source_trace->resize(id + 1);
  if (!c->who.has_cue() || c->inherited || !in.cue_model) return;
  if (!in.cue_model->ranks_sources() && !in.source_trace) return;
  const SourceSite site{c->kind, c->first, c->end, c->who.cue_first, c->who.cue_end, c->who.speaker};
  const std::vector<SourceCandidate> all = source_candidates(ix, site);
  if (in.source_trace) {
    SourceTraceEntry& entry = (*in.source_trace)[id];
    for (size_t i = 0; i < all.size(); ++i) {
      entry.spans.push_back({ix.tokens[all[i].phrase.first].span.start, ix.tokens[all[i].phrase.end - 1].span.end});
      entry.origins.push_back(all[i].origins);
      entry.keys.emplace_back();
      source_features(ix, site, all, i, &entry.keys.back());
    }
  }
  if (!in.cue_model->ranks_sources()) return;
  const size_t best = best_source(ix, site, all, *in.cue_model);
  if (best == kNoSpeaker) c->who.speaker = {};
  else if (best != SIZE_MAX) c->who.speaker = all[best].phrase;
}

Quote QuoteStage::to_quote(const Candidate& c) const {
  Quote q;
  q.kind = c.kind;
  q.span.start = ix.tokens[c.first].span.start;
  q.span.end = ix.tokens[c.end - 1].span.end;
  if (c.who.has_cue()) {
    q.has_cue = true;
    q.cue.start = ix.tokens[c.who.cue_first].span.start;
    q.cue.end = ix.tokens[c.who.cue_end - 1].span.end;
  }
  if (c.inherited) {
    q.has_speaker = true;
    q.speaker = c.inherited_speaker;
  } else if (c.who.speaker.ok()) {
    q.has_speaker = true;
    q.speaker = speaker_of_phrase(ix, c.who.speaker, running);
  }
  return q;
}

// In text order, so that inheritance sees the resolved speaker of earlier quotations.
void QuoteStage::resolve_in_text_order() {
  for (Candidate& c : order) {
    const uint32_t p = ix.paragraph_of[c.first];
    const bool fills_paragraph = c.kind != QuoteKind::indirect && c.open == ix.paragraph_first[p] &&
                                 c.close + 1 >= ix.paragraph_end[p];
    if (c.kind != QuoteKind::indirect && !c.who.speaker.ok()) find_speaker_without_cue(&c, fills_paragraph);
    choose_source(&c, quotes.size());
    // A reported statement nobody is found to report is no attribution, only a sentence: it is
    // left out. (Quotations in marks stay without a speaker: the marks say someone spoke.) On
    // PolNeAR train that leaves out 338 statements, reported F1 76.7 -> 76.1, and the speakers of
    // the rest are right more often (84.9% -> 85.9%, 9691 -> 9701 right: a statement overlapping
    // the one left out is matched instead); dev 85.1% -> 86.4%, F1 74.1 -> 73.7. The trainer's
    // analysis keeps them: its source ranking learns from every statement's candidates, and
    // without the ranking it trains, the patterns alone decide who speaks.
    if (c.kind == QuoteKind::indirect && !c.who.speaker.ok() && !in.source_trace) continue;
    Quote q = to_quote(c);
    q.id = static_cast<uint32_t>(quotes.size());
    quotes.push_back(std::move(q));
    if (c.kind != QuoteKind::indirect) {
      last_marked = quotes.size() - 1;
      last_marked_paragraph = ix.paragraph_of[c.close < ix.n ? c.close : c.end - 1];
    }
    if (quotes.back().has_speaker && quotes.back().speaker.entity != Speaker::kNoEntity)
      running = {quotes.back().speaker.entity, ix.sentence_of[c.end - 1]};
    if (quotes.back().has_speaker && c.kind == QuoteKind::indirect) {
      last_reported = quotes.size() - 1;
      last_reported_first = c.first;
      last_reported_end = c.end;
    }
    if (quotes.back().has_speaker) {
      last_any = quotes.size() - 1;
      last_any_paragraph = ix.paragraph_of[c.end - 1];
      last_any_sentence = ix.sentence_of[c.end - 1];
    }
  }
}

}  // namespace
}  // namespace quotes

std::vector<Quote> find_quotes(const QuoteInput& input) { return quotes::QuoteStage(input).run(); }

}  // namespace lede
