// Quotations, cues and speakers (see quotes.h for the rules).
#include "quotes/quotes.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "lexicon/coref_lexicon.h"
#include "lexicon/cues.h"
#include "lexicon/quote_words.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace lede {
namespace {

constexpr uint32_t kNone = UINT32_MAX;
// Every search around a quotation or cue looks at most this many tokens away, so that a
// pathological sentence (100,000 marks, no full stop) is still processed in linear time.
constexpr uint32_t kWindow = 64;
constexpr uint32_t kMaxPhrase = 12;

// ---------------------------------------------------------------------------------------------
// Quotation marks

enum Family : uint8_t { kDouble, kSingle, kGuillemet, kSingleGuillemet, kCorner, kWhiteCorner, kFamilies };
enum class Glyph : uint8_t { open, close, either };

struct Mark {
  Family family = kDouble;
  Glyph glyph = Glyph::either;
  bool low = false;  // „ ‚ open German-style quotations closed by “ ‘
};
// Straight marks (" ') and typographic ones are told apart so that “curly quotes” nested in a
// "straight" quotation (common in pasted text) pair with their own kind first.
bool is_straight(const Mark& m) { return m.glyph == Glyph::either; }

Mark classify_mark(char32_t c) {
  switch (c) {
    case '"': case 0xFF02: return {kDouble, Glyph::either, false};
    case '\'': case 0xFF07: return {kSingle, Glyph::either, false};
    case 0x201C: case 0x201F: case 0x301D: return {kDouble, Glyph::open, false};
    case 0x201D: case 0x301E: case 0x301F: return {kDouble, Glyph::close, false};
    case 0x201E: return {kDouble, Glyph::open, true};
    case 0x2018: case 0x201B: return {kSingle, Glyph::open, false};
    case 0x2019: return {kSingle, Glyph::close, false};
    case 0x201A: return {kSingle, Glyph::open, true};
    case 0x00AB: return {kGuillemet, Glyph::open, false};
    case 0x00BB: return {kGuillemet, Glyph::close, false};
    case 0x2039: return {kSingleGuillemet, Glyph::open, false};
    case 0x203A: return {kSingleGuillemet, Glyph::close, false};
    case 0x300C: return {kCorner, Glyph::open, false};
    case 0x300D: return {kCorner, Glyph::close, false};
    case 0x300E: return {kWhiteCorner, Glyph::open, false};
    case 0x300F: return {kWhiteCorner, Glyph::close, false};
    default: return {kDouble, Glyph::either, false};
  }
}

bool is_single_family(Family f) { return f == kSingle || f == kSingleGuillemet; }

// A pair of marks (or a mark and the end of its paragraph) around quoted tokens.
struct MarkSpan {
  uint32_t open = 0;           // the opening mark's token
  uint32_t close = 0;          // the closing mark's token, or the paragraph end when unclosed
  bool closed = false;
  uint32_t chain_prev = kNone;  // index of the previous paragraph's part of the same quotation
};

// ---------------------------------------------------------------------------------------------
// Attribution

struct Phrase {
  uint32_t first = 0, end = 0;
  bool ok() const { return end > first; }
};

struct Attribution {
  Phrase speaker;
  uint32_t cue_first = kNone, cue_end = kNone;
  bool has_cue() const { return cue_first != kNone; }
};

struct Candidate {
  QuoteKind kind = QuoteKind::direct;
  uint32_t first = 0, end = 0;  // content tokens
  uint32_t open = kNone, close = kNone;
  uint32_t chain_prev = kNone;
  Attribution who;
  bool inherited = false;
  Speaker inherited_speaker;
};

class QuoteFinder {
 public:
  QuoteFinder(std::string_view text, const Analysis& a) : text_(text), a_(a), toks_(a.tokens) {}

  std::vector<Quote> run();

 private:
  std::string_view tok(uint32_t i) const {
    return text_.substr(toks_[i].span.start, toks_[i].span.end - toks_[i].span.start);
  }
  bool is_word(uint32_t i) const {
    TokenKind k = toks_[i].kind;
    return k == TokenKind::word || k == TokenKind::abbreviation;
  }
  bool is_punct(uint32_t i, char c) const {
    std::string_view t = tok(i);
    return toks_[i].kind == TokenKind::punct && t.size() == 1 && t[0] == c;
  }
  bool upper_initial(uint32_t i) const {
    std::string_view t = tok(i);
    if (t.empty() || !is_word(i)) return false;
    unsigned char c = static_cast<unsigned char>(t[0]);
    if (c >= 'A' && c <= 'Z') return true;
    if (c < 0x80) return false;
    std::string f = fold_case(t.substr(0, std::min<size_t>(t.size(), 4)));
    return f.compare(0, 1, t.substr(0, 1)) != 0;  // a non-ASCII letter that case-folds changes
  }

  [[gnu::noinline]] void index();
  // Records reported speech: content tokens [first, end), its speaker phrase and cue tokens.
  void add_indirect(uint32_t first, uint32_t end, Phrase speaker, uint32_t cue_first,
                    uint32_t cue_end) {
    Candidate cand;
    cand.kind = QuoteKind::indirect;
    cand.first = first;
    cand.end = end;
    cand.who.speaker = speaker;
    cand.who.cue_first = cue_first;
    cand.who.cue_end = cue_end;
    candidates_.push_back(cand);
  }
  [[gnu::noinline]] void pair_marks();
  bool spacing_open(uint32_t i, uint32_t pf) const;
  bool spacing_attached_right(uint32_t i, uint32_t pe) const;
  std::vector<uint8_t> left_open_, right_glued_;  // memo for runs of adjacent marks

  bool cue_at(uint32_t i, CueVerb* verb) const;
  bool quote_cue_at(uint32_t i, CueVerb* verb) const;
  bool according_at(uint32_t i) const;
  Phrase np_right(uint32_t k, uint32_t limit) const;
  Phrase subject_left(uint32_t c, uint32_t lower_bound, int depth = 0) const;
  Phrase first_np(uint32_t from, uint32_t to) const;
  Phrase cue_subject(uint32_t c, CueForm form, uint32_t lower_bound) const;
  Phrase extend_left_over_names(uint32_t start, uint32_t end, uint32_t lower_bound) const;

  QuoteKind kind_of(const MarkSpan& s, uint32_t first, uint32_t end) const;
  bool looks_like_title(uint32_t first, uint32_t end) const;
  bool headline_paragraph(uint32_t p) const;
  [[gnu::noinline]] Attribution attribute_quoted(const MarkSpan& s) const;
  [[gnu::noinline]] void find_indirect();
  [[gnu::noinline]] void resolve(const Candidate& c, Quote* q);
  uint32_t resolve_pronoun(PronounKind kind, uint32_t pos) const;
  uint32_t entity_of_phrase(Phrase p) const;
  uint32_t entity_of_role(Phrase p) const;
  bool compatible(uint32_t entity, PronounKind kind, bool strict) const;
  std::string phrase_text(Phrase p) const;

  std::string_view text_;
  const Analysis& a_;
  const std::vector<Token>& toks_;
  uint32_t n_ = 0;
  std::string lower_buffer_;              // every word and punctuation token, lower-cased
  std::vector<std::string_view> lower_;   // views into lower_buffer_ (empty for other tokens)
  std::vector<CueVerb> cue_verb_;  // the lexicon entry of each word, looked up once
  std::vector<uint32_t> sent_first_, sent_end_, para_first_, para_end_;
  std::vector<uint32_t> sentence_of_, paragraph_of_;
  std::vector<uint32_t> entity_at_;       // entity index of the mention covering a token
  std::vector<uint32_t> mention_first_;   // first token of that mention
  std::vector<uint32_t> mention_end_;
  std::vector<uint8_t> quoted_;           // inside a top-level quotation (marks included)
  std::vector<uint8_t> headline_;         // per paragraph: written in Title Case
  std::vector<uint8_t> cue_used_by_direct_;
  std::vector<Gender> entity_gender_;
  // Each title a person is named with ("mayor", "prime minister", folded): the person, or kNone
  // when the article gives it to two.
  std::unordered_map<std::string, uint32_t> entity_of_title_;
  std::vector<MarkSpan> spans_;           // top-level quotations, in text order
  std::vector<Candidate> candidates_;
};

void QuoteFinder::index() {
  n_ = static_cast<uint32_t>(toks_.size());
  lower_.resize(n_);
  cue_verb_.assign(n_, CueVerb{});
  // Written through a pointer (appending a byte at a time was a call a byte in wasm) into a buffer
  // of the text's size: tokens do not overlap, so their bytes together are never more.
  std::vector<std::pair<uint32_t, uint32_t>> at(n_, {0, 0});
  lower_buffer_.resize(text_.size());
  char* const begin = lower_buffer_.data();
  char* out = begin;
  for (uint32_t i = 0; i < n_; ++i) {
    if (!(is_word(i) || toks_[i].kind == TokenKind::punct)) continue;
    std::string_view t = tok(i);
    at[i] = {static_cast<uint32_t>(out - begin), static_cast<uint32_t>(t.size())};
    for (char c : t) *out++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  lower_buffer_.resize(static_cast<size_t>(out - begin));
  for (uint32_t i = 0; i < n_; ++i) {
    lower_[i] = std::string_view(lower_buffer_).substr(at[i].first, at[i].second);
    if (toks_[i].kind == TokenKind::word) cue_verb_[i] = lookup_cue_verb(lower_[i]);
  }
  // Sentences and paragraphs as token ranges; tokens outside any segment get a range of their own.
  auto ranges = [&](const std::vector<Segment>& segs, std::vector<uint32_t>* first,
                    std::vector<uint32_t>* end, std::vector<uint32_t>* of) {
    of->assign(n_, kNone);
    for (const Segment& s : segs) {
      if (s.first_token >= s.end_token || s.end_token > n_) continue;
      uint32_t id = static_cast<uint32_t>(first->size());
      first->push_back(s.first_token);
      end->push_back(s.end_token);
      for (uint32_t i = s.first_token; i < s.end_token; ++i)
        if ((*of)[i] == kNone) (*of)[i] = id;
    }
    for (uint32_t i = 0; i < n_; ++i)
      if ((*of)[i] == kNone) {
        (*of)[i] = static_cast<uint32_t>(first->size());
        first->push_back(i);
        end->push_back(i + 1);
      }
  };
  ranges(a_.sentences, &sent_first_, &sent_end_, &sentence_of_);
  ranges(a_.paragraphs, &para_first_, &para_end_, &paragraph_of_);

  entity_at_.assign(n_, kNone);
  mention_first_.assign(n_, kNone);
  mention_end_.assign(n_, kNone);
  entity_gender_.assign(a_.entities.size(), Gender::unknown);
  for (uint32_t e = 0; e < a_.entities.size(); ++e) {
    const Entity& ent = a_.entities[e];
    for (const Mention& m : ent.mentions) {
      if (m.first_token >= m.end_token || m.end_token > n_) continue;
      for (uint32_t i = m.first_token; i < m.end_token; ++i) {
        entity_at_[i] = e;
        mention_first_[i] = m.first_token;
        mention_end_[i] = m.end_token;
      }
      Gender g = Gender::unknown;
      if (!m.title.empty()) {
        std::string t = fold_case(m.title);
        if (ent.type == EntityType::PERSON) {
          // Written out word by word, so that "Sen. Sanders" is "the senator".
          std::string full;
          for (size_t from = 0; from <= t.size();) {
            const size_t space = std::min(t.find(' ', from), t.size());
            if (!full.empty()) full += ' ';
            full += title_in_full(std::string_view(t).substr(from, space - from));
            from = space + 1;
          }
          auto [titled, added] = entity_of_title_.emplace(full, e);
          if (!added && titled->second != e) titled->second = kNone;
        }
        size_t sp = t.find(' ');
        if (is_title_word(t.substr(0, sp), &g) && g != Gender::unknown) entity_gender_[e] = g;
      }
    }
    if (entity_gender_[e] == Gender::unknown && ent.type == EntityType::PERSON) {
      std::string name = fold_for_matching(ent.name);
      size_t sp = name.find(' ');
      if (sp != std::string::npos) entity_gender_[e] = first_name_gender(name.substr(0, sp));
    }
  }
  quoted_.assign(n_, 0);
  cue_used_by_direct_.assign(n_, 0);
  headline_.resize(para_first_.size());
  for (uint32_t p = 0; p < para_first_.size(); ++p) headline_[p] = headline_paragraph(p);
}

// The mark at i has whitespace, the paragraph start or an opening bracket/dash on its left.
bool QuoteFinder::spacing_open(uint32_t i, uint32_t pf) const {
  if (i == pf || toks_[i].space_before || toks_[i].newline_before) return true;
  const Token& p = toks_[i - 1];
  if (p.kind == TokenKind::dash) return true;
  if (p.kind == TokenKind::punct) {
    std::string_view t = tok(i - 1);
    return t == "(" || t == "[" || t == "{" || t == ":" || t == "\xE2\x80\x94";
  }
  if (p.kind == TokenKind::quote) return left_open_[i - 1] && !toks_[i].space_before;
  return false;
}

// The mark at i is glued to a word (or number) on its right.
bool QuoteFinder::spacing_attached_right(uint32_t i, uint32_t pe) const {
  if (i + 1 >= pe) return false;
  const Token& nx = toks_[i + 1];
  if (nx.space_before || nx.newline_before) return false;
  if (nx.kind == TokenKind::punct) {
    std::string_view t = tok(i + 1);
    return t == "(" || t == "[" || t == "\xE2\x80\xA6" || t == "...";
  }
  if (nx.kind == TokenKind::quote) return right_glued_[i + 1];
  return nx.kind != TokenKind::dash;
}

void QuoteFinder::pair_marks() {
  struct Open {
    uint32_t tok;
    Family family;
    bool low;
    bool straight;
    uint32_t chain_prev;
  };
  std::vector<MarkSpan> all;
  std::vector<Open> stack;  // at most one entry per family and style
  std::array<uint32_t, kFamilies> pending_chain;
  pending_chain.fill(kNone);

  auto find_family = [&](Family f, int straight) -> int {  // straight: 0, 1, or -1 for any
    for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k) {
      const Open& o = stack[static_cast<size_t>(k)];
      if (o.family == f && (straight < 0 || o.straight == (straight == 1))) return k;
    }
    return -1;
  };
  auto mark_at = [&](uint32_t i) {
    uint32_t len;
    return classify_mark(decode_utf8(text_, toks_[i].span.start, &len));
  };

  // Spacing of every mark, computed once: a run of adjacent marks ("‘“) takes its left side from
  // the run's start and its right side from the run's end.
  left_open_.assign(n_, 0);
  right_glued_.assign(n_, 0);
  for (uint32_t p = 0; p < para_first_.size(); ++p) {
    const uint32_t pf = para_first_[p], pe = para_end_[p];
    for (uint32_t i = pf; i < pe; ++i)
      if (toks_[i].kind == TokenKind::quote) left_open_[i] = spacing_open(i, pf);
    for (uint32_t i = pe; i-- > pf;)
      if (toks_[i].kind == TokenKind::quote) right_glued_[i] = spacing_attached_right(i, pe);
  }

  for (uint32_t p = 0; p < para_first_.size(); ++p) {
    const uint32_t pf = para_first_[p], pe = para_end_[p];
    for (uint32_t i = pf; i < pe; ++i) {
      if (i > pf && sentence_of_[i] != sentence_of_[i - 1] && toks_[i].kind != TokenKind::quote) {
        // Single-quote openings do not outlive their sentence.
        stack.erase(std::remove_if(stack.begin(), stack.end(),
                                   [](const Open& o) { return is_single_family(o.family); }),
                    stack.end());
      }
      if (toks_[i].kind != TokenKind::quote) continue;
      Mark m = mark_at(i);
      const bool left_open = left_open_[i];
      const bool right_glued = right_glued_[i];
      const int same = find_family(m.family, is_straight(m) ? 1 : 0);
      const int any = find_family(m.family, -1);
      int k = same >= 0 ? same : any;  // the entry a closing mark closes
      enum class Act { open, close, ignore } act = Act::ignore;
      switch (m.glyph) {
        case Glyph::open:
          if (same >= 0 && stack[static_cast<size_t>(same)].low && !m.low) act = Act::close;
          else if (any >= 0 && !left_open && !right_glued) act = Act::close;
          else act = Act::open;
          break;
        case Glyph::close:
          if (any >= 0) act = Act::close;
          else if (left_open && right_glued) act = Act::open;  // »German« and ”Swedish” styles
          break;
        case Glyph::either:
          if (left_open && right_glued) act = Act::open;
          else if (!left_open && !right_glued) act = any >= 0 ? Act::close : Act::ignore;
          else act = any >= 0 ? Act::close : Act::open;
          break;
      }
      if (act == Act::open) k = same;  // an opening replaces a stale one of its own style only
      if (act == Act::close && k < 0) act = Act::ignore;
      if (act == Act::open) {
        if (k >= 0) stack.resize(static_cast<size_t>(k));  // a stale opening of the same style
        uint32_t chain = i == pf ? pending_chain[m.family] : kNone;
        stack.push_back({i, m.family, m.low, is_straight(m), chain});
      } else if (act == Act::close) {
        const Open o = stack[static_cast<size_t>(k)];
        stack.resize(static_cast<size_t>(k));  // openings inside it were stray
        if (i > o.tok + 1) all.push_back({o.tok, i, true, o.chain_prev});
      }
    }
    pending_chain.fill(kNone);
    // The paragraph ends with quotations still open.
    const bool has_next = p + 1 < para_first_.size() && para_first_[p + 1] < para_end_[p + 1];
    for (const Open& o : stack) {
      if (is_single_family(o.family) || o.tok + 1 >= pe) continue;
      bool continues = false;
      if (has_next) {
        uint32_t nf = para_first_[p + 1];
        if (toks_[nf].kind == TokenKind::quote) {
          Mark nm = mark_at(nf);
          continues = nm.family == o.family && nm.glyph != Glyph::close;
        }
      }
      const bool opens_paragraph =
          o.tok == pf || (o.tok == pf + 1 && toks_[pf].kind != TokenKind::word);
      if (continues) {
        pending_chain[o.family] = static_cast<uint32_t>(all.size());
        all.push_back({o.tok, pe, false, o.chain_prev});
      } else if (opens_paragraph || o.chain_prev != kNone) {
        all.push_back({o.tok, pe, false, o.chain_prev});
      }
    }
    stack.clear();
  }

  // Keep the outermost quotations; pairing on a stack makes spans nest or stay apart. Chain links
  // refer to indices in `all`, so they are remapped.
  std::vector<uint32_t> order(all.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    return all[x].open < all[y].open || (all[x].open == all[y].open && all[x].close > all[y].close);
  });
  std::vector<uint32_t> new_index(all.size(), kNone);
  uint32_t cover_end = 0;
  bool any = false;
  for (uint32_t idx : order) {
    const MarkSpan& s = all[idx];
    if (any && s.open < cover_end) continue;  // nested
    // A single-quoted single short token is an elision ('em, 'n'), not a quotation.
    uint32_t len;
    Mark m = classify_mark(decode_utf8(text_, toks_[s.open].span.start, &len));
    if (is_single_family(m.family) && s.close == s.open + 2 && tok(s.open + 1).size() <= 2) continue;
    new_index[idx] = static_cast<uint32_t>(spans_.size());
    spans_.push_back(s);
    cover_end = s.closed ? s.close + 1 : s.close;
    any = true;
  }
  for (MarkSpan& s : spans_)
    s.chain_prev = s.chain_prev == kNone ? kNone : new_index[s.chain_prev];
  for (const MarkSpan& s : spans_) {
    uint32_t end = s.closed ? s.close + 1 : s.close;
    for (uint32_t i = s.open; i < end; ++i) quoted_[i] = 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Cues and phrases


bool QuoteFinder::cue_at(uint32_t i, CueVerb* verb) const {
  if (i >= n_ || !is_word(i) || quoted_[i]) return false;
  const CueVerb v = cue_verb_[i];
  if (v.form == CueForm::none) return false;
  std::string_view w = lower_[i];
  // "the stated goal", "a new report": a determiner before it makes it a noun or an adjective.
  if (i > 0 && is_determiner(lower_[i - 1]) && lower_[i - 1] != "that") return false;
  // Passive "was told", "were asked": the speaker is not the subject.
  if (i > 0 && (lower_[i - 1] == "was" || lower_[i - 1] == "were" || lower_[i - 1] == "been" ||
                lower_[i - 1] == "being" || lower_[i - 1] == "be" || lower_[i - 1] == "is" ||
                lower_[i - 1] == "are") &&
      v.form != CueForm::gerund)
    return false;
  if (w.compare(0, 5, "point") == 0 && !(i + 1 < n_ && lower_[i + 1] == "out")) return false;
  // "called on Putin to", "called for a ceasefire": urging, not naming someone's words.
  if (w.compare(0, 4, "call") == 0 && i + 1 < n_ &&
      (lower_[i + 1] == "on" || lower_[i + 1] == "for" || lower_[i + 1] == "off"))
    return false;
  if (w == "read" || w == "reads") {
    if (i == 0 || !is_statement_noun(lower_[i - 1])) return false;
  }
  if (noun_like_verb(w)) {
    bool past = v.form == CueForm::past || v.form == CueForm::participle;
    bool after_subject =
        i > 0 && (lookup_pronoun(lower_[i - 1]) != PronounKind::none || upper_initial(i - 1));
    if (!past && !(v.form == CueForm::present && after_subject)) return false;
  }
  // Mid-sentence capitals are names ("State Department", "Post"), not verbs.
  if (upper_initial(i) && i > 0 && sentence_of_[i - 1] == sentence_of_[i] &&
      toks_[i - 1].kind != TokenKind::quote && !headline_[paragraph_of_[i]])
    return false;
  if (verb) *verb = v;
  return true;
}






// A cue that may introduce a quotation: beliefs and intentions ("hopes", "plans") never do.
bool QuoteFinder::quote_cue_at(uint32_t i, CueVerb* verb) const {
  CueVerb v;
  if (!cue_at(i, &v) || v.belief) return false;
  if (verb) *verb = v;
  return true;
}

bool QuoteFinder::according_at(uint32_t i) const {
  return i + 1 < n_ && !quoted_[i] && lower_[i] == "according" && lower_[i + 1] == "to";
}

// A noun phrase starting at k: a pronoun, a run of capitalised words (names with their titles),
// or a determiner with the words after it. Never crosses `limit`, punctuation or a cue verb.
Phrase QuoteFinder::np_right(uint32_t k, uint32_t limit) const {
  if (k >= limit || k >= n_ || !is_word(k) || quoted_[k]) return {};
  std::string_view w = lower_[k];
  if (not_a_speaker(w) && entity_at_[k] == kNone) return {};
  if (lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" || w == "you")
    return {k, k + 1};
  uint32_t j = k;
  if ((upper_initial(k) || entity_at_[k] != kNone) && !is_determiner(w)) {
    while (j < limit && j < k + kMaxPhrase && is_word(j) && !quoted_[j] &&
           (j == k || !toks_[j].newline_before) &&
           (upper_initial(j) || entity_at_[j] != kNone || (j > k && lower_[j] == "of" &&
                                                           j + 1 < limit && upper_initial(j + 1))))
      ++j;
    return {k, j};
  }
  if (is_determiner(w)) {
    ++j;
    uint32_t words = 0;
    while (j < limit && j < k + kMaxPhrase && is_word(j) && !quoted_[j] &&
           (j == k || !toks_[j].newline_before) && words < 6) {
      std::string_view x = lower_[j];
      if (is_phrase_boundary_word(x) || cue_at(j, nullptr)) break;
      ++j;
      ++words;
    }
    return words > 0 ? Phrase{k, j} : Phrase{};
  }
  return {};
}

// Extends a name phrase [start, end) leftwards over capitalised words and one determiner:
// "Ukrainian President Volodymyr Zelenskyy", "the Kremlin".
Phrase QuoteFinder::extend_left_over_names(uint32_t start, uint32_t end, uint32_t lower_bound) const {
  const uint32_t stop = start > kMaxPhrase ? start - kMaxPhrase : 0;
  if (lower_bound < stop) lower_bound = stop;
  while (start > lower_bound && is_word(start - 1) && !quoted_[start - 1] &&
         (upper_initial(start - 1) || entity_at_[start - 1] != kNone) &&
         (entity_at_[start - 1] != kNone || !is_phrase_boundary_word(lower_[start - 1])) &&
         !(start - 1 == sent_first_[sentence_of_[start - 1]] && cue_verb_[start - 1].form != CueForm::none))
    --start;
  if (start > lower_bound && is_word(start - 1) && is_determiner(lower_[start - 1]) &&
      lower_[start - 1] != "that")
    --start;
  return {start, end};
}

// The subject of the cue at c: the phrase ending just before it (adverbs and auxiliaries
// skipped), jumping over an appositive ("Dmitriev, a senior aide, said").
Phrase QuoteFinder::subject_left(uint32_t c, uint32_t lower_bound, int depth) const {
  if (depth > 3) return {};
  uint32_t j = c;
  while (j > lower_bound && is_word(j - 1) &&
         (is_cue_adverb_or_auxiliary(lower_[j - 1]) ||
          (not_a_speaker(lower_[j - 1]) && entity_at_[j - 1] == kNone) ||
          (lower_[j - 1] == "long" && !upper_initial(j - 1))))  // "have long said" (not Mr. Long)
    --j;
  if (j <= lower_bound) return {};
  uint32_t t = j - 1;
  if (is_punct(t, ')')) {  // "Rep. Jason Chaffetz (R-Utah) said"
    uint32_t u = t;
    while (u > lower_bound && t - u < 10 && !is_punct(u, '(')) --u;
    if (!is_punct(u, '(') || u <= lower_bound) return {};
    t = u - 1;
  }
  if (is_punct(t, ',')) {
    // An appositive between commas: find the comma that opens it. A place ("in Columbus,
    // Ohio,") is not the speaker: keep going back over such segments.
    uint32_t u = t;
    for (int segments = 0; segments < 3; ++segments) {
      bool found = false;
      const uint32_t from = u;
      while (u > lower_bound && from - u < 32) {
        --u;
        if (quoted_[u] || toks_[u].kind == TokenKind::quote) break;
        if (is_punct(u, ',')) {
          found = true;
          break;
        }
      }
      if (!found || u <= lower_bound) return {};
      // The appositive is itself a person: "A spokeswoman for Norland Grid, Maria Santos, said".
      if (segments == 0 && u + 1 < t && entity_at_[u + 1] != kNone && mention_first_[u + 1] == u + 1 &&
          mention_end_[u + 1] == t && a_.entities[entity_at_[u + 1]].type == EntityType::PERSON)
        return {u + 1, t};
      const uint32_t before = u - 1;
      const bool place = entity_at_[before] != kNone &&
                         a_.entities[entity_at_[before]].type == EntityType::LOC;
      if (!place) break;
    }
    t = u - 1;
  }
  if (!quoted_[t] && toks_[t].kind == TokenKind::number) {
    // "Six in 10 say", "63 percent said": a share of people speaks.
    uint32_t s0 = t;
    while (s0 > lower_bound && t - s0 < 4 && !quoted_[s0 - 1] &&
           (toks_[s0 - 1].kind == TokenKind::number ||
            (is_word(s0 - 1) && (lower_[s0 - 1] == "in" || lower_[s0 - 1] == "of" ||
                                 lower_[s0 - 1] == "only" || upper_initial(s0 - 1)))))
      --s0;
    while (s0 < t && is_word(s0) && is_phrase_boundary_word(lower_[s0])) ++s0;  // not "in 2010"
    std::string_view num = tok(t);
    const bool year = s0 == t && num.size() == 4 && (num[0] == '1' || num[0] == '2');
    if (year) return {};
    return {s0, j};
  }
  if (quoted_[t] || !is_word(t)) return {};
  std::string_view w = lower_[t];
  if (not_a_speaker(w) && entity_at_[t] == kNone) return {};
  if (lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" || w == "you")
    return {t, t + 1};
  // "she recalled thinking": a participle cue shares the subject of the cue before it. Only a
  // word that is a cue where it stands: "The reports show", "the plan said" are nouns.
  if (!upper_initial(t) && cue_at(t, nullptr) && t < c)
    return t > lower_bound ? subject_left(t, lower_bound, depth + 1) : Phrase{};
  if ((w == "who" || w == "which" || (w == "that" && t + 1 == c)) && t > lower_bound) {
    // "Dmitriev, who said", "a letter that says": the relative's antecedent.
    uint32_t u = t;
    if (u > lower_bound && is_punct(u - 1, ',')) --u;
    if (u > lower_bound && is_word(u - 1) && !is_phrase_boundary_word(lower_[u - 1]))
      return subject_left(u, lower_bound, depth + 1);
    return {};
  }
  if (is_phrase_boundary_word(w)) return {};
  if (entity_at_[t] != kNone) {
    uint32_t s = std::max(mention_first_[t], lower_bound);
    return extend_left_over_names(s, t + 1, lower_bound);
  }
  if (upper_initial(t)) {
    if (t == sent_first_[sentence_of_[t]] && cue_verb_[t].form != CueForm::none) return {};
    return extend_left_over_names(t, t + 1, lower_bound);
  }
  // A common-noun phrase: "a Kremlin spokesman", "the campaign", "officials".
  uint32_t s = t;
  uint32_t words = 1;
  bool crossed_of = false;
  while (s > lower_bound && words < 7) {
    uint32_t p = s - 1;
    if (!is_word(p) || quoted_[p]) {
      if (toks_[p].kind == TokenKind::punct && (tok(p) == "'s" || tok(p) == "\xE2\x80\x99s")) {
        --s;
        continue;
      }
      // "74 percent of voters": the number the share is.
      if (!quoted_[p] && toks_[p].kind == TokenKind::number && crossed_of && lower_[s] == "percent") --s;
      break;
    }
    std::string_view x = lower_[p];
    if (x == "'s" || x == "\xE2\x80\x99s") {
      --s;
      continue;
    }
    // Once over "of" to the person, group or quantity it belongs to (heads_of_phrase).
    if (x == "of" && !crossed_of && p > lower_bound && is_word(p - 1) && !quoted_[p - 1] &&
        heads_of_phrase(lower_[p - 1]) && cue_verb_[p - 1].form == CueForm::none) {
      crossed_of = true;
      s -= 2;  // "of" and the word it belongs to
      words += 2;
      if (is_determiner(lower_[s])) break;  // "one of", "some of"
      continue;
    }

    if (is_phrase_boundary_word(x) || cue_verb_[p].form != CueForm::none ||
        (lookup_pronoun(x) != PronounKind::none && !is_determiner(x)))
      break;
    --s;
    ++words;
    // A determiner ends the phrase, unless "of" ties it to a noun before ("the head of the agency").
    if (is_determiner(x) && (crossed_of || s <= lower_bound + 1 || lower_[s - 1] != "of")) break;
  }
  return {s, t + 1};
}

// The subject of a cue. A participle ("..., writing", "on Facebook writing") takes the subject of
// its clause, not the word before it.
Phrase QuoteFinder::cue_subject(uint32_t c, CueForm form, uint32_t lower_bound) const {
  if (form == CueForm::gerund) {
    // "footage of Trump saying" keeps the person just before it.
    if (c > lower_bound && entity_at_[c - 1] != kNone &&
        a_.entities[entity_at_[c - 1]].type == EntityType::PERSON)
      return {std::max(mention_first_[c - 1], lower_bound), c};
    Phrase sp = first_np(lower_bound, c);
    if (sp.ok()) return sp;
  }
  Phrase sp = subject_left(c, lower_bound);
  if (!sp.ok() && form != CueForm::gerund) sp = first_np(lower_bound, c);
  return sp;
}

// The first name, pronoun or determiner phrase in [from, to) outside quotations: the subject of
// the sentence for participle cues ("Trump ..., writing that") and coordinated verbs.
Phrase QuoteFinder::first_np(uint32_t from, uint32_t to) const {
  to = std::min(to, from + kWindow);
  // An introductory phrase ("At a press conference in Berlin, ...") holds no subject.
  if (from < to && is_word(from) && is_phrase_boundary_word(lower_[from])) {
    for (uint32_t i = from; i < to && i < from + 16; ++i)
      if (is_punct(i, ',')) {
        from = i + 1;
        break;
      }
  }
  if (from < to && is_word(from) && !quoted_[from] && is_determiner(lower_[from]) &&
      lower_[from] != "that") {
    Phrase np = np_right(from, to);  // "The council welcomed ... but said"
    if (np.ok()) return np;
  }
  if (from < to && is_word(from) && !quoted_[from] && entity_at_[from] == kNone &&
      upper_initial(from) && !is_phrase_boundary_word(lower_[from]) &&
      cue_verb_[from].form == CueForm::none &&
      !(lower_[from].size() > 4 && lower_[from].substr(lower_[from].size() - 3) == "ing")) {
    // "Small groups of protesters continued", "Former President Bill Clinton criticized".
    // Capitalised words, then only plural or speaker nouns ("groups", "officials"): a
    // lower-case word of another kind is most likely the verb ("Marsh left").
    uint32_t j = from;
    while (j < to && j < from + 6 && is_word(j) && !quoted_[j] &&
           !is_phrase_boundary_word(lower_[j]) && !cue_at(j, nullptr) &&
           !is_cue_adverb_or_auxiliary(lower_[j]) &&
           (upper_initial(j) || entity_at_[j] != kNone || is_speaker_noun(lower_[j]) ||
            (lower_[j].size() > 3 && lower_[j].back() == 's' && lower_[j][lower_[j].size() - 2] != 's')))
      ++j;
    if (j >= from + 2 || (j == from + 1 && j < to && is_word(j) && !upper_initial(j) &&
                          !is_phrase_boundary_word(lower_[j])))
      return {from, j};
  }
  Phrase nationality;
  for (uint32_t i = from; i < to; ++i) {
    if (quoted_[i] || !is_word(i)) continue;
    if (entity_at_[i] != kNone && a_.entities[entity_at_[i]].type == EntityType::MISC) {
      if (!nationality.ok()) nationality = {mention_first_[i], std::min(mention_end_[i], to)};
      i = mention_end_[i] - 1;
      continue;
    }
    if (entity_at_[i] != kNone) {
      uint32_t e = std::min(mention_end_[i], to);
      // Prefer the person of "Ukrainian President Volodymyr Zelenskyy" over the nationality.
      uint32_t j = e;
      while (j < to && is_word(j) && (upper_initial(j) || entity_at_[j] != kNone)) ++j;
      if (j > e && entity_at_[j - 1] != kNone) return {mention_first_[j - 1], j};
      return {mention_first_[i], e};
    }
    std::string_view w = lower_[i];
    if (lookup_pronoun(w) != PronounKind::none && w != "his" && w != "her" && w != "its" &&
        w != "their")
      return {i, i + 1};
    if (upper_initial(i) && i > from && !is_determiner(w)) {
      uint32_t j = i;
      while (j < to && is_word(j) && upper_initial(j)) ++j;
      return {i, j};
    }
  }
  return nationality;
}

// ---------------------------------------------------------------------------------------------
// Quotations with marks


// A headline: Title Case over most of its words ("Obama Says Trends Are 'Terrifying'").
bool QuoteFinder::headline_paragraph(uint32_t p) const {
  uint32_t words = 0, upper = 0;
  for (uint32_t i = para_first_[p]; i < para_end_[p]; ++i) {
    if (!is_word(i) || is_function_word(lower_[i])) continue;
    ++words;
    if (upper_initial(i)) ++upper;
  }
  return words >= 3 && upper * 10 >= words * 8;
}

bool QuoteFinder::looks_like_title(uint32_t first, uint32_t end) const {
  uint32_t words = 0;
  for (uint32_t i = first; i < end; ++i) {
    if (lower_[i] == "!" || lower_[i] == "?") return false;  // chants and questions, not titles
    if (toks_[i].kind == TokenKind::punct || toks_[i].kind == TokenKind::quote) continue;
    if (!is_word(i) && toks_[i].kind != TokenKind::number) return false;
    ++words;
    if (words > 6) return false;
    std::string_view w = lower_[i];
    bool function_word = is_function_word(w);
    if (!upper_initial(i) && toks_[i].kind != TokenKind::number && !(function_word && i > first))
      return false;
  }
  return words > 0;
}

QuoteKind QuoteFinder::kind_of(const MarkSpan& s, uint32_t first, uint32_t end) const {
  const uint32_t o = s.open;
  const uint32_t sf = sent_first_[sentence_of_[o]];
  const uint32_t pf = para_first_[paragraph_of_[o]];
  uint32_t content_words = 0;
  for (uint32_t i = first; i < end; ++i)
    if (is_word(i) || toks_[i].kind == TokenKind::number) ++content_words;
  const uint32_t last = s.closed ? s.close - 1 : end - 1;  // before any trimmed comma
  const bool ends_with_punct =
      toks_[last].kind == TokenKind::punct &&
      (lower_[last] == "," || lower_[last] == "." || lower_[last] == "!" || lower_[last] == "?" ||
       lower_[last] == "\xE2\x80\xA6" || lower_[last] == "...");
  const bool starts_upper = upper_initial(first) || toks_[first].kind == TokenKind::number ||
                            toks_[first].kind == TokenKind::quote;
  bool at_start = o == sf || o == pf || toks_[o].newline_before;
  bool after_colon = false, after_comma = false;
  if (!at_start && o > 0) {
    uint32_t p = o - 1;
    if (toks_[p].kind == TokenKind::dash || is_punct(p, '(')) at_start = true;
    else if (is_punct(p, ':')) after_colon = true;
    else if (is_punct(p, ',')) after_comma = true;
    else if (toks_[p].kind == TokenKind::quote) at_start = true;
  }
  if (!s.closed) return (at_start || after_colon || content_words >= 4) ? QuoteKind::direct : QuoteKind::partial;
  bool followed_by_break = true;  // the close is followed by punctuation, a cue, or nothing
  if (s.close + 1 < para_end_[paragraph_of_[o]]) {
    uint32_t k = s.close + 1;
    followed_by_break = toks_[k].kind == TokenKind::punct || toks_[k].kind == TokenKind::dash ||
                        quote_cue_at(k, nullptr);
  }
  if (at_start) return (ends_with_punct || followed_by_break || content_words >= 6) ? QuoteKind::direct
                                                                                      : QuoteKind::partial;
  if (after_colon) return (starts_upper || content_words >= 4) ? QuoteKind::direct : QuoteKind::partial;
  if (after_comma) return (starts_upper && content_words >= 3) ? QuoteKind::direct : QuoteKind::partial;
  return QuoteKind::partial;
}

Attribution QuoteFinder::attribute_quoted(const MarkSpan& s) const {
  Attribution r;
  const uint32_t o = s.open;
  const uint32_t p = paragraph_of_[o];
  const uint32_t pe = para_end_[p];
  const uint32_t so = sentence_of_[o];
  const uint32_t sf = sent_first_[so];

  // A. After the closing mark: “…,” X said / “…,” said X / “…,” according to X. A quotation that
  // ends its sentence (“… ceasefire.” He said) is not introduced by the next one.
  const bool ends_sentence = s.closed && s.close > o + 1 && is_punct(s.close - 1, '.') &&
                             s.close + 1 < pe && upper_initial(s.close + 1) &&
                             !quote_cue_at(s.close + 1, nullptr);
  if (s.closed && !ends_sentence) {
    uint32_t k = s.close + 1;
    if (k < pe && (is_punct(k, ',') || toks_[k].kind == TokenKind::dash)) ++k;
    CueVerb v;
    if (k < pe && quote_cue_at(k, &v) && v.form != CueForm::gerund) {
      Phrase sp = np_right(k + 1, pe);
      if (sp.ok()) {
        r.speaker = sp;
        r.cue_first = k;
        r.cue_end = k + 1;
        return r;
      }
    }
    if (k < pe && according_at(k)) {
      Phrase sp = np_right(k + 2, pe);
      if (sp.ok()) {
        r.speaker = sp;
        r.cue_first = k;
        r.cue_end = k + 2;
        return r;
      }
    }
    Phrase sp = np_right(k, pe);
    if (sp.ok() && k > s.close + 1 && toks_[k - 1].kind == TokenKind::dash) {
      // “…” ― Sonya Herridge: a byline-style attribution ending its paragraph or sentence.
      uint32_t m = sp.end;
      if (m >= pe || is_punct(m, ',') || is_punct(m, '.') || is_punct(m, '(') ||
          toks_[m].newline_before || sentence_of_[m] != sentence_of_[sp.first]) {
        r.speaker = sp;
        return r;
      }
    }
    if (sp.ok()) {
      uint32_t m = sp.end;
      if (m < pe && is_punct(m, '(')) {  // “…,” Rep. Gwen Moore (D-Wis.) said
        uint32_t u = m;
        while (u < pe && u - m < 10 && !is_punct(u, ')')) ++u;
        if (u < pe) m = u + 1;
      }
      if (m < pe && is_punct(m, ',')) {  // an appositive: “…,” Dmitriev, a senior aide, said
        uint32_t u = m + 1;
        while (u < pe && u - m < 32 && !is_punct(u, ',') && toks_[u].kind != TokenKind::quote) ++u;
        if (u < pe && is_punct(u, ',')) m = u + 1;
      }
      while (m < pe && is_word(m) && is_cue_adverb_or_auxiliary(lower_[m])) ++m;
      if (m < pe && quote_cue_at(m, &v)) {
        r.speaker = sp;
        r.cue_first = m;
        r.cue_end = m + 1;
        return r;
      }
    }
  }

  // H. A headline "Pence: Trump Was ‘Mocking’ Clinton Camp", "Obama on Climate: ‘Terrifying’":
  // the name before its colon.
  if (headline_[p]) {
    const uint32_t pf = para_first_[p];
    for (uint32_t i = pf; i < o && i < pf + 8; ++i) {
      if (!is_punct(i, ':')) continue;
      uint32_t e = pf;
      while (e < i && is_word(e) && (upper_initial(e) || entity_at_[e] != kNone)) ++e;
      if (e > pf) {
        r.speaker = {pf, e};
        r.cue_first = i;
        r.cue_end = i + 1;
        return r;
      }
      break;
    }
  }

  // B. Before the opening mark: X said: “…” / X said, “…” / X told Y: “…” / X: “…”. A quotation
  // opening a paragraph may be introduced by the previous paragraph's closing colon.
  uint32_t k = o;
  uint32_t lower_bound = sf;
  if (o == para_first_[p] && p > 0 && para_end_[p - 1] > para_first_[p - 1] &&
      is_punct(para_end_[p - 1] - 1, ':')) {
    k = para_end_[p - 1] - 1;
    lower_bound = sent_first_[sentence_of_[k]];
  } else if (o > sf) {
    k = o - 1;
  }
  if (k < o && (is_punct(k, ':') || is_punct(k, ','))) {
    const bool colon = is_punct(k, ':');
    for (uint32_t c = k; c > lower_bound && k - c < 14;) {
      --c;
      if (quoted_[c] && c != k) break;
      CueVerb v;
      if (quote_cue_at(c, &v)) {
        Phrase sp = cue_subject(c, v.form, lower_bound);
        if (sp.ok()) {
          r.speaker = sp;
          r.cue_first = c;
          r.cue_end = c + 1;
          return r;
        }
        break;
      }
    }
    if (colon && k > lower_bound) {
      // "Trump issued the following statement: “…”", "... surprise pollster Daron Shaw: “…”":
      // with no cue before the colon, the last person named before it introduces the quotation.
      uint32_t person = kNone, org = kNone;
      for (uint32_t i = k; i > lower_bound && k - i < kWindow;) {
        --i;
        if (quoted_[i] || entity_at_[i] == kNone) continue;
        EntityType t = a_.entities[entity_at_[i]].type;
        if (t == EntityType::PERSON && person == kNone) person = i;
        if (t == EntityType::ORG && org == kNone) org = i;
      }
      uint32_t at = person != kNone ? person : org;
      if (at != kNone && k - lower_bound > 6) {
        r.speaker = {mention_first_[at], mention_end_[at]};
        r.cue_first = k;
        r.cue_end = k + 1;
        return r;
      }
    }
    if (colon && k - lower_bound <= 6 && k > lower_bound) {  // headline style "Trump: “…”"
      bool names = true;
      for (uint32_t i = lower_bound; i < k; ++i)
        if (!is_word(i) || !(upper_initial(i) || entity_at_[i] != kNone)) names = false;
      if (names) {
        r.speaker = {lower_bound, k};
        r.cue_first = k;
        r.cue_end = k + 1;
        return r;
      }
    }
  } else if (CueVerb v; k < o && quote_cue_at(k, &v)) {
    Phrase sp = cue_subject(k, v.form, lower_bound);
    if (sp.ok()) {
      r.speaker = sp;
      r.cue_first = k;
      r.cue_end = k + 1;
      return r;
    }
  }

  // C. The nearest cue of the sentence: before the quotation, then after it.
  Phrase fallback;  // the subject of an earlier cue, for coordinated verbs ("and said")
  Candidate claim;  // a possessive claim noun met on the way back
  for (uint32_t c = o; c > sf && o - c < kWindow;) {
    --c;
    if (quoted_[c]) continue;
    CueVerb v;
    if (according_at(c)) {
      uint32_t end = c + 2;
      while (end < o && end < c + kMaxPhrase && !is_punct(end, ',') && !quoted_[end]) ++end;
      Phrase sp{c + 2, end};
      if (sp.ok()) {
        r.speaker = sp;
        r.cue_first = c;
        r.cue_end = c + 2;
        return r;
      }
      continue;
    }
    if (c > sf + 1 && is_word(c) && is_claim_noun(lower_[c]) &&
        (lower_[c - 1] == "'s" || lower_[c - 1] == "\xE2\x80\x99s")) {
      // "Trump's claim that there have been “thousands of shootings”": the possessor speaks,
      // unless a cue verb further back has a subject ("Ryan said Obama's words “…”").
      Phrase sp = subject_left(c - 1, sf);
      if (sp.ok() && !claim.who.speaker.ok()) {
        claim.who.speaker = sp;
        claim.who.cue_first = c;
        claim.who.cue_end = c + 1;
      }
      continue;
    }
    if (!quote_cue_at(c, &v)) continue;
    Phrase sp = v.form == CueForm::gerund ? cue_subject(c, v.form, sf) : subject_left(c, sf);
    if (!sp.ok() && (v.form == CueForm::gerund || (c > sf && (lower_[c - 1] == "and" ||
                                                              lower_[c - 1] == "but" ||
                                                              is_punct(c - 1, ','))))) {
      // Find the subject of the clause: the sentence's first phrase.
      sp = first_np(sf, c);
    }
    if (!sp.ok() && v.form == CueForm::gerund) {
      // "After saying her foot was “swollen,” she ...": the subject follows the clause.
      const uint32_t se = sent_end_[so];
      // The clause ends at the first comma after the quotation (or inside it, before its mark).
      uint32_t after = s.closed ? s.close + 1 : s.close;
      for (uint32_t j = after; j < se && j < after + kWindow; ++j)
        if (is_punct(j, ',')) {
          after = j + 1;
          break;
        }
      if (after < se) {
        Phrase np = np_right(after, se);
        if (np.ok()) sp = np;
      }
    }
    if (!sp.ok()) sp = fallback;
    if (sp.ok()) {
      r.speaker = sp;
      r.cue_first = c;
      r.cue_end = c + 1;
      return r;
    }
  }
  if (claim.who.speaker.ok()) return claim.who;
  const uint32_t close_end = s.closed ? s.close + 1 : s.close;
  if (close_end < n_) {
    const uint32_t sc = sentence_of_[close_end - 1];
    const uint32_t se = sent_end_[sc];
    for (uint32_t c = close_end; c < se && c < close_end + kWindow; ++c) {
      if (quoted_[c]) break;
      CueVerb v;
      if (according_at(c)) {
        uint32_t end = c + 2;
        while (end < se && end < c + kMaxPhrase && toks_[end].kind != TokenKind::punct && !quoted_[end]) ++end;
        if (end > c + 2) {
          r.speaker = {c + 2, end};
          r.cue_first = c;
          r.cue_end = c + 2;
          return r;
        }
        continue;
      }
      if (!quote_cue_at(c, &v) || v.form == CueForm::gerund) continue;
      Phrase sp = subject_left(c, close_end);
      if (!sp.ok()) sp = np_right(c + 1, se);
      if (sp.ok()) {
        r.speaker = sp;
        r.cue_first = c;
        r.cue_end = c + 1;
        return r;
      }
    }
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Reported speech without marks

void QuoteFinder::find_indirect() {
  for (uint32_t s = 0; s < sent_first_.size(); ++s) {
    const uint32_t sf = sent_first_[s], se = sent_end_[s];
    if (se - sf < 4) continue;
    uint32_t last = se;  // the clause never includes the sentence's final punctuation
    while (last > sf && (toks_[last - 1].kind == TokenKind::punct || toks_[last - 1].kind == TokenKind::quote) &&
           !quoted_[last - 1])
      --last;
    bool found = false;
    for (uint32_t c = sf; c < se && !found; ++c) {
      CueVerb v;
      if (cue_used_by_direct_[c] || !cue_at(c, &v) || !v.reporting) continue;
      // SPEAKER CUE [OBJECT] (that) CLAUSE
      Phrase sp = v.form == CueForm::gerund ? cue_subject(c, v.form, sf) : subject_left(c, sf);
      if (!sp.ok() && c > sf && (lower_[c - 1] == "and" || lower_[c - 1] == "but")) sp = first_np(sf, c);
      if (sp.ok()) {
        uint32_t k = c + 1;
        if (k < se && lower_[k] == "out") ++k;  // pointed out
        uint32_t clause = kNone;
        // "that" within a few words: "said in a statement that", "told reporters that".
        for (uint32_t j = k; j < se && j < k + 9; ++j) {
          if (quoted_[j] && j == k) break;
          if (lower_[j] == "that" && is_word(j)) {
            clause = j + 1;
            break;
          }
          if (toks_[j].kind == TokenKind::punct && lower_[j] != ",") break;
        }
        if (clause == kNone && k < se && !v.takes_object && is_word(k) && !quoted_[k]) {
          // "said Ukraine was favorable": a clause starting right after the verb.
          std::string_view w = lower_[k];
          bool clause_start = lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" ||
                              w == "you" || w == "there" || upper_initial(k) ||
                              (is_determiner(w) && w != "that");
          // "said negotiations must lead to": a subject and its auxiliary within a few words.
          for (uint32_t j = k + 1; !clause_start && j < se && j < k + 4; ++j) {
            if (!is_word(j) || quoted_[j]) break;
            std::string_view x = lower_[j];
            clause_start = x == "must" || x == "will" || x == "would" || x == "could" ||
                           x == "should" || x == "can" || x == "may" || x == "might" ||
                           x == "is" || x == "are" || x == "was" || x == "were" || x == "has" ||
                           x == "have" || x == "had";
          }
          if (clause_start && (w == "there" || !is_phrase_boundary_word(w))) clause = k;
        }
        if (clause == kNone && k + 1 < se && lower_[k] == "to" && wants_infinitive(lower_[c]) &&
            is_word(k + 1) && !quoted_[k + 1] && !upper_initial(k + 1) &&
            !is_determiner(lower_[k + 1]) && lookup_pronoun(lower_[k + 1]) == PronounKind::none)
          clause = k;  // "plans to build the wall": the intention is what is reported
        if (clause == kNone && k < se && v.takes_object) {
          Phrase obj = np_right(k, se);
          if (obj.ok() && obj.end < se && lower_[obj.end] == "that") clause = obj.end + 1;
          // "told reporters he would stay": a pronoun opens the clause after the addressee.
          else if (obj.ok() && obj.end + 2 < se && is_word(obj.end) && !quoted_[obj.end] &&
                   lookup_pronoun(lower_[obj.end]) != PronounKind::none &&
                   lower_[obj.end] != "his" && lower_[obj.end] != "her" && lower_[obj.end] != "its" &&
                   lower_[obj.end] != "their" && lower_[obj.end] != "him" && lower_[obj.end] != "them")
            clause = obj.end;
        }
        if (clause != kNone && clause + 2 < last) {
          add_indirect(clause, last, sp, c, k > c + 1 ? k : c + 1);
          found = true;
          break;
        }
      }
      // CLAUSE, SPEAKER said. / CLAUSE, said SPEAKER.
      if (sp.ok() && sp.first > sf + 3 && is_punct(sp.first - 1, ',') && !quoted_[sp.first - 2]) {
        // Only short adjuncts may follow the cue ("said on Monday"), never its addressee ("told
        // Fox News:"), and a sentence ending in a colon introduces a quotation instead.
        uint32_t tail = c + 1;
        while (tail < last && tail - c < 6 && is_word(tail) &&
               (!upper_initial(tail) || not_a_speaker(lower_[tail])))
          ++tail;
        // "After small increases, the budget office said, deficits will go up": an attribution
        // in the middle; the reported clause is the longer side.
        const bool middle = tail < last && is_punct(tail, ',') && last > tail + 3 &&
                            !quoted_[tail + 1];
        if (middle && last - (tail + 1) > sp.first - 1 - sf) {
          add_indirect(tail + 1, last, sp, c, c + 1);
          found = true;
          break;
        }
        if ((tail >= last || middle) && !(last < se && is_punct(last, ':'))) {
          add_indirect(sf, sp.first - 1, sp, c, c + 1);
          found = true;
          break;
        }
      }
      if (!sp.ok() && c > sf + 3 && is_punct(c - 1, ',') && !quoted_[c - 2]) {
        Phrase inv = np_right(c + 1, se);
        if (inv.ok() && inv.end >= last - 0 && !(lookup_pronoun(lower_[inv.first]) != PronounKind::none)) {
          add_indirect(sf, c - 1, inv, c, c + 1);
          found = true;
          break;
        }
      }
    }
    if (found) continue;
    // "Trump's claim that CLAUSE", "her warning that CLAUSE": the possessor speaks.
    for (uint32_t c = sf + 1; c + 2 < last && !found; ++c) {
      if (quoted_[c] || !is_word(c) || !is_claim_noun(lower_[c]) || lower_[c + 1] != "that") continue;
      Phrase sp;
      if (lower_[c - 1] == "'s" || lower_[c - 1] == "\xE2\x80\x99s") sp = subject_left(c - 1, sf);
      else if (lower_[c - 1] == "his" || lower_[c - 1] == "her" || lower_[c - 1] == "their" ||
               lower_[c - 1] == "its")
        sp = {c - 1, c};
      if (!sp.ok() || c + 2 >= last) continue;
      add_indirect(c + 2, last, sp, c, c + 1);
      found = true;
    }
    if (found) continue;
    // according to SPEAKER, CLAUSE / CLAUSE, according to SPEAKER.
    for (uint32_t c = sf; c + 1 < se; ++c) {
      if (!according_at(c)) continue;
      uint32_t e = c + 2;
      while (e < se && e < c + kMaxPhrase && toks_[e].kind != TokenKind::punct && !quoted_[e]) ++e;
      if (e == c + 2) break;
      Phrase sp{c + 2, e};
      Candidate cand;
      cand.kind = QuoteKind::indirect;
      cand.who.speaker = sp;
      cand.who.cue_first = c;
      cand.who.cue_end = c + 2;
      if (c == sf && e < last && is_punct(e, ',')) {
        cand.first = e + 1;
        cand.end = last;
      } else if (c > sf + 2 && is_punct(c - 1, ',')) {
        cand.first = sf;
        cand.end = c - 1;
      } else {
        break;
      }
      // A clause that is entirely a quotation is already reported as one.
      bool all_quoted = true;
      for (uint32_t i = cand.first; i < cand.end; ++i)
        if (!quoted_[i]) all_quoted = false;
      if (cand.end > cand.first + 2 && !all_quoted) candidates_.push_back(cand);
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Speakers to entities

bool QuoteFinder::compatible(uint32_t e, PronounKind kind, bool strict) const {
  const Entity& ent = a_.entities[e];
  switch (kind) {
    case PronounKind::male:
      return ent.type == EntityType::PERSON && entity_gender_[e] != Gender::female &&
             (!strict || entity_gender_[e] == Gender::male);
    case PronounKind::female:
      return ent.type == EntityType::PERSON && entity_gender_[e] != Gender::male &&
             (!strict || entity_gender_[e] == Gender::female);
    case PronounKind::thing:
      return ent.type == EntityType::ORG || (!strict && ent.type == EntityType::LOC);
    case PronounKind::plural:
      return ent.type == EntityType::ORG || (!strict && ent.type == EntityType::LOC);
    case PronounKind::none:
      return false;
  }
  return false;
}

// The entity a pronoun at `pos` refers to: the first compatible mention of its own sentence
// before it, else the first compatible mention of the nearest earlier sentence that has one
// (sentence subjects are usually first); quotations are skipped, so that names a speaker quotes
// never become the speaker.
uint32_t QuoteFinder::resolve_pronoun(PronounKind kind, uint32_t pos) const {
  if (a_.entities.empty()) return kNone;
  const uint32_t s0 = sentence_of_[pos];
  for (int pass = 0; pass < 2; ++pass) {
    const bool strict = pass == 0 && (kind == PronounKind::thing || kind == PronounKind::plural);
    uint32_t budget = 8 * kWindow;  // tokens looked at, whatever the sentence lengths
    for (uint32_t back = 0; back <= 6 && back <= s0 && budget > 0; ++back) {
      const uint32_t s = s0 - back;
      const uint32_t end = back == 0 ? pos : sent_end_[s];
      const uint32_t first = end - sent_first_[s] > budget ? end - budget : sent_first_[s];
      budget -= std::min(budget, end - first);
      for (uint32_t i = first; i < end; ++i) {
        if (quoted_[i] || entity_at_[i] == kNone || mention_first_[i] != i) continue;
        if (compatible(entity_at_[i], kind, strict)) return entity_at_[i];
      }
    }
  }
  return kNone;
}

uint32_t QuoteFinder::entity_of_phrase(Phrase p) const {
  // A phrase headed by a person's role outside any name ("the Florida senator", "the Mexican
  // president", "Clinton's campaign chairman") is someone other than the place, nationality or
  // person in it; an organisation speaks through its people ("a Kremlin spokesman").
  const uint32_t last = p.end - 1;
  const bool role_head = p.end > p.first && is_word(last) && entity_at_[last] == kNone &&
                         is_person_role(lower_[last]);
  uint32_t first_any = kNone, before_prep = kNone;
  bool prep = false;
  for (uint32_t i = p.first; i < p.end; ++i) {
    if (is_word(i) && (lower_[i] == "of" || lower_[i] == "for" || lower_[i] == "from" ||
                       lower_[i] == "at" || lower_[i] == "with" || lower_[i] == "to"))
      prep = true;
    uint32_t e = entity_at_[i];
    if (e == kNone) continue;
    if (role_head && a_.entities[e].type != EntityType::ORG) continue;
    if (a_.entities[e].type == EntityType::PERSON) return e;
    if (first_any == kNone) first_any = e;
    if (!prep) before_prep = e;  // the last one before a preposition heads the phrase
  }
  // A nationality ("Russian officials") is a poor speaker; prefer any other type.
  if (before_prep != kNone) return before_prep;
  return first_any;
}

// "The mayor", "the prime minister", a headline's "mayor": the one person the article names with
// that title ("Mayor Helena Ruiz-Okafor", "Sen." written out), if the person named last before it;
// none when the article gives the title to two people, or when the title is a role rather than
// an office ("the candidate", "the spokesman").
uint32_t QuoteFinder::entity_of_role(Phrase p) const {
  uint32_t first = p.first;
  if (first < p.end && lower_[first] == "the") ++first;
  if (first >= p.end || p.end - first > 3 || entity_of_title_.empty()) return kNone;
  std::string role;
  for (uint32_t i = first; i < p.end; ++i) {
    if (!is_word(i)) return kNone;
    if (!role.empty()) role += ' ';
    role += tok(i);
  }
  role = fold_case(role);
  const size_t last_space = role.rfind(' ');
  const std::string_view office = last_space == std::string::npos ? role : std::string_view(role).substr(last_space + 1);
  if (!is_office_title(office)) return kNone;
  auto found = entity_of_title_.find(role);
  if (found == entity_of_title_.end() || found->second == kNone) return kNone;
  // The person named last before it must be that one: in "Rubio ... the senator said" the senator
  // is Rubio, whom the article never titles, not "Sen. Bernie Sanders" named earlier. With no
  // person before it (a headline's "mayor hails"), the title's holder.
  const uint32_t stop = p.first > 8 * kWindow ? p.first - 8 * kWindow : 0;
  for (uint32_t i = p.first; i-- > stop;) {
    if (quoted_[i] || entity_at_[i] == kNone || a_.entities[entity_at_[i]].type != EntityType::PERSON) continue;
    return entity_at_[i] == found->second ? found->second : kNone;
  }
  return found->second;
}

std::string QuoteFinder::phrase_text(Phrase p) const {
  std::string out;
  for (uint32_t i = p.first; i < p.end; ++i) {
    if (i > p.first && (toks_[i].space_before || toks_[i].newline_before)) out += ' ';
    out += std::string(tok(i));
  }
  return out;
}

void QuoteFinder::resolve(const Candidate& c, Quote* q) {
  q->kind = c.kind;
  q->span.start = toks_[c.first].span.start;
  q->span.end = toks_[c.end - 1].span.end;
  if (c.who.has_cue()) {
    q->has_cue = true;
    q->cue.start = toks_[c.who.cue_first].span.start;
    q->cue.end = toks_[c.who.cue_end - 1].span.end;
  }
  if (c.inherited) {
    q->has_speaker = true;
    q->speaker = c.inherited_speaker;
    return;
  }
  if (!c.who.speaker.ok()) return;
  Phrase sp = c.who.speaker;
  q->has_speaker = true;
  q->speaker.has_mention = true;
  q->speaker.mention.start = toks_[sp.first].span.start;
  q->speaker.mention.end = toks_[sp.end - 1].span.end;
  uint32_t e = kNone;
  PronounKind pk = sp.end == sp.first + 1 ? lookup_pronoun(lower_[sp.first]) : PronounKind::none;
  if (pk != PronounKind::none) e = resolve_pronoun(pk, sp.first);
  else e = entity_of_phrase(sp);
  if (e == kNone && pk == PronounKind::none) e = entity_of_role(sp);
  if (e != kNone) {
    q->speaker.entity = e;
    q->speaker.name = a_.entities[e].name;
  } else {
    q->speaker.name = phrase_text(sp);
  }
}

std::vector<Quote> QuoteFinder::run() {
  index();
  pair_marks();

  // Quotations with marks.
  for (const MarkSpan& s : spans_) {
    uint32_t first = s.open + 1;
    uint32_t end = s.close;
    while (end > first && (lower_[end - 1] == "," || (toks_[end - 1].kind == TokenKind::punct && lower_[end - 1] == ":")))
      --end;  // “…,” the comma belongs to the writer's sentence
    if (end <= first) {
      candidates_.push_back({});  // keeps indices aligned with spans_; dropped below
      candidates_.back().first = candidates_.back().end = 0;
      continue;
    }
    Candidate c;
    c.first = first;
    c.end = end;
    c.open = s.open;
    c.close = s.close;
    c.chain_prev = s.chain_prev;
    c.kind = kind_of(s, first, end);
    c.who = attribute_quoted(s);
    candidates_.push_back(c);
  }
  const size_t marked = candidates_.size();
  for (size_t i = 0; i < marked; ++i) {
    Candidate& c = candidates_[i];
    if (c.end <= c.first) continue;
    if (c.who.has_cue() && c.kind == QuoteKind::direct)
      for (uint32_t t = c.who.cue_first; t < c.who.cue_end; ++t) cue_used_by_direct_[t] = 1;
  }

  // Multi-paragraph quotations share a speaker; a quotation without a cue inherits the speaker of
  // the quotation before it in its paragraph, or of the previous paragraph's last quotation when
  // it fills its own paragraph.
  for (size_t i = 0; i < marked; ++i) {
    Candidate& c = candidates_[i];
    if (c.end <= c.first || c.who.speaker.ok() || c.chain_prev == kNone) continue;
    const Candidate& prev = candidates_[c.chain_prev];
    if (prev.who.speaker.ok()) c.who.speaker = prev.who.speaker;
  }
  for (size_t i = marked; i-- > 0;) {
    Candidate& c = candidates_[i];
    if (c.end <= c.first || c.chain_prev == kNone) continue;
    Candidate& prev = candidates_[c.chain_prev];
    if (!prev.who.speaker.ok() && c.who.speaker.ok()) prev.who.speaker = c.who.speaker;
  }

  std::vector<Quote> quotes;
  std::vector<Candidate> order;
  for (size_t i = 0; i < marked; ++i) {
    const Candidate& c = candidates_[i];
    if (c.end <= c.first) continue;
    // Quoted titles of shows and books are not quotations; in a headline every word is
    // capitalised, so the test says nothing there.
    uint32_t words = 0;
    for (uint32_t t = c.first; t < c.end; ++t)
      if (toks_[t].kind == TokenKind::word) ++words;
    if (words == 0) continue;  // "2016", "@handle", a URL: not words anyone said
    if (!headline_[paragraph_of_[c.first]]) {
      if (c.kind == QuoteKind::partial || !c.who.speaker.ok())
        if (looks_like_title(c.first, c.end)) continue;
      // A quoted pronoun ("he" or "she") is a word being discussed, not words anyone said.
      if (words == 1 && c.kind == QuoteKind::partial) {
        uint32_t t = c.first;
        while (t < c.end && !is_word(t)) ++t;
        if (t < c.end && lookup_pronoun(lower_[t]) != PronounKind::none) continue;
      }
    }
    order.push_back(c);
  }
  find_indirect();
  for (size_t i = marked; i < candidates_.size(); ++i) {
    // A reported clause that is all quotation is already reported as a quotation.
    const Candidate& c = candidates_[i];
    uint32_t open_words = 0;
    for (uint32_t t = c.first; t < c.end; ++t)
      if (!quoted_[t] && is_word(t)) ++open_words;
    if (open_words > 0) order.push_back(c);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const Candidate& x, const Candidate& y) { return x.first < y.first; });

  // Resolve in text order so that inheritance sees the resolved speaker of earlier quotations.
  size_t last_marked = SIZE_MAX, last_any = SIZE_MAX;  // indices into quotes
  uint32_t last_marked_paragraph = kNone, last_any_paragraph = kNone;
  for (Candidate& c : order) {
    const uint32_t p = paragraph_of_[c.first];
    const bool fills_paragraph = c.kind != QuoteKind::indirect && c.open == para_first_[p] &&
                                 c.close + 1 >= para_end_[p];
    if (c.kind != QuoteKind::indirect && !c.who.speaker.ok()) {
      if (last_marked != SIZE_MAX && quotes[last_marked].has_speaker &&
          (last_marked_paragraph == p || (fills_paragraph && last_marked_paragraph + 1 == p))) {
        c.inherited = true;
        c.inherited_speaker = quotes[last_marked].speaker;
      } else if (fills_paragraph && last_any != SIZE_MAX && quotes[last_any].has_speaker &&
                 last_any_paragraph + 1 == p) {
        // “…” alone in its paragraph after "Ortiz said the plan would fail."
        c.inherited = true;
        c.inherited_speaker = quotes[last_any].speaker;
      } else if (c.open != kNone && c.open == sent_first_[sentence_of_[c.open]] &&
                 sentence_of_[c.open] > 0 &&
                 paragraph_of_[sent_first_[sentence_of_[c.open] - 1]] == p) {
        // A quotation opening its sentence, no cue: it continues the previous sentence's
        // subject ("Sanders identified X as Y. “The younger people are ...”").
        const uint32_t ps = sentence_of_[c.open] - 1;
        Phrase sp = first_np(sent_first_[ps], sent_end_[ps]);
        bool names_someone = false;
        for (uint32_t t = sp.first; t < sp.end && !names_someone; ++t)
          names_someone = entity_at_[t] != kNone &&
                          (a_.entities[entity_at_[t]].type == EntityType::PERSON ||
                           a_.entities[entity_at_[t]].type == EntityType::ORG);
        if (sp.ok() && names_someone) c.who.speaker = sp;
      } else if (c.open != kNone && c.open > sent_first_[sentence_of_[c.open]]) {
        // Quoted words in a sentence without a cue: the sentence's subject, when it is a name
        // or a pronoun, is the likeliest speaker.
        Phrase sp = first_np(sent_first_[sentence_of_[c.open]], c.open);
        bool names_someone = sp.ok() && headline_[paragraph_of_[c.open]];  // "Obama Sees ‘…’"
        for (uint32_t t = sp.first; t < sp.end && !names_someone; ++t)
          names_someone = entity_at_[t] != kNone &&
                          (a_.entities[entity_at_[t]].type == EntityType::PERSON ||
                           a_.entities[entity_at_[t]].type == EntityType::ORG);
        if (sp.ok() && (names_someone ||
                        (sp.end == sp.first + 1 && lookup_pronoun(lower_[sp.first]) != PronounKind::none)))
          c.who.speaker = sp;
      }
    }
    Quote q;
    resolve(c, &q);
    q.id = static_cast<uint32_t>(quotes.size());
    quotes.push_back(std::move(q));
    if (c.kind != QuoteKind::indirect) {
      last_marked = quotes.size() - 1;
      last_marked_paragraph = paragraph_of_[c.close < n_ ? c.close : c.end - 1];
    }
    if (quotes.back().has_speaker) {
      last_any = quotes.size() - 1;
      last_any_paragraph = paragraph_of_[c.end - 1];
    }
  }
  return quotes;
}

}  // namespace

std::vector<Quote> find_quotes(std::string_view text, const Analysis& analysis) {
  QuoteFinder finder(text, analysis);
  return finder.run();
}

}  // namespace lede
