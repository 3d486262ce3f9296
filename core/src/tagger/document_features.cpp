// A document's stage-1 features: words' facts, position classes, phrase matches, the index of the
// document's words by form, and every token's keys (the document-level ones from per-word
// aggregates). The stage-2 keys are in document_stage2.cpp.
#include "tagger/document_features.h"

#include <algorithm>

namespace lede {
namespace ner {

WordInfo DocumentFeatures::word_info(std::string_view word, const ClusterTable* clusters) const {
  WordInfo info;
  word_facts_.compute(word, clusters ? clusters : &ClusterTable::none(), &info, nullptr);
  return info;
}

WordInfo DocumentFeatures::word_info_and_keys(std::string_view word, const ClusterTable* clusters,
                                              std::vector<uint32_t>* keys, size_t* ends) const {
  WordInfo info;
  SelfFacts self;
  word_facts_.compute(word, clusters ? clusters : &ClusterTable::none(), &info, &self);
  uint32_t out[kMaxWordKeys];
  for (int part = 0; part < kWordKeyParts; ++part) {
    const int n_out = part == 0 ? self_keys(info, self, out) : neighbour_keys(part, &info, out);
    keys->insert(keys->end(), out, out + n_out);
    ends[part] = keys->size();
  }
  return info;
}

void DocumentFeatures::build(const Words& words, const std::vector<std::pair<uint32_t, uint32_t>>& sentences,
                             const ClusterTable* clusters, bool keep_stage1_keys, WordSource* source) {
  const size_t n = words.size();
  info_.assign(n, TokenInfo());
  sentence_of_.assign(n, kNoSentence);
  sentences_.clear();
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
    sentences_.emplace_back(a, b);
  }
  words_ = words;
  if (!clusters) clusters = &ClusterTable::none();
  if (source) {
    for (size_t i = 0; i < n; ++i) static_cast<WordInfo&>(info_[i]) = source->word(i, words[i]);
  } else {
    for (size_t i = 0; i < n; ++i) word_facts_.compute(words[i], clusters, &info_[i], nullptr);
  }
  for (uint32_t si = 0; si < sentences_.size(); ++si) {
    auto [a, b] = sentences_[si];
    for (uint32_t i = a; i < b; ++i) sentence_of_[i] = si;
    classify_positions(a, b);
  }
  phrase_sentence_ = kNoSentence;
  index_forms();

  keys1_.clear();
  offsets1_.assign(1, 0);
  if (keep_stage1_keys) {
    for (uint32_t i = 0; i < n; ++i) {
      stage1_keys(i, &keys1_);
      offsets1_.push_back(static_cast<uint32_t>(keys1_.size()));
    }
  }
  // Set by add_predictions (n + 1 offsets only when it keeps the keys).
  keys2_.clear();
  offsets2_.assign(1, 0);
}

void DocumentFeatures::classify_positions(uint32_t a, uint32_t b) {
  int letters = 0, caps = 0, lowers = 0;
  for (uint32_t i = a; i < b; ++i) {
    uint8_t c = info_[i].cap;
    if (c >= kCapLower) ++letters;
    if (c == kCapAll) ++caps;
    if (c == kCapLower || c == kCapInitial || c == kCapMixed) ++lowers;
  }
  bool headline = caps >= 1 && lowers == 0 && letters >= 2;
  bool at_start = true;
  for (uint32_t i = a; i < b; ++i) {
    TokenInfo& t = info_[i];
    static constexpr uint64_t kQuote = lexicon_word_hash("\""), kApos = lexicon_word_hash("'"),
                          kParen = lexicon_word_hash("("), kColon = lexicon_word_hash(":"),
                          kDash = lexicon_word_hash("-"), kDash2 = lexicon_word_hash("--");
    if (headline) {
      t.context = kCtxHeadline;
    } else if (at_start) {
      t.context = kCtxInitial;
    } else if (i > a && (info_[i - 1].form == kQuote || info_[i - 1].form == kApos)) {
      t.context = kCtxAfterQuote;
    } else if (i > a && (info_[i - 1].form == kColon || info_[i - 1].form == kDash ||
                         info_[i - 1].form == kDash2)) {
      t.context = kCtxAfterColon;
    } else {
      t.context = kCtxMiddle;
    }
    // Opening quotes and brackets before the first word keep the word sentence-initial.
    if (at_start && !(t.form == kQuote || t.form == kApos || t.form == kParen)) at_start = false;
  }
}

const DocumentFeatures::PhraseParts& DocumentFeatures::phrase_parts(size_t i, uint32_t a, uint32_t b) const {
  if (phrase_sentence_ != sentence_of_[i]) {
    phrase_sentence_ = sentence_of_[i];
    phrase_parts_.assign(b - a, PhraseParts());
    match_phrases(a, b);
    if (gazetteer_ && !gazetteer_->empty()) match_lists(a, b);
  }
  return phrase_parts_[i - a];
}

void DocumentFeatures::match_phrases(uint32_t a, uint32_t b) const {
  auto parts = [&](uint32_t k) -> PhraseParts& { return phrase_parts_[k - a]; };
  for (uint32_t i = a; i < b; ++i) {
    // Word by word while some phrase of the lists begins with the words so far.
    uint64_t h = lexicon_phrase_extend(kLexiconHashSeed, info_[i].lower);
    bool more;
    lexicon_lookup(h, &more);  // the word alone is info_[i].lex
    for (uint32_t len = 2; more && len <= kLexiconMaxPhraseWords && i + len <= b; ++len) {
      h = lexicon_phrase_extend(h, info_[i + len - 1].lower);
      uint16_t cats = lexicon_lookup(h, &more);
      if (!cats) continue;
      parts(i).gaz[kPartB] |= cats;
      for (uint32_t k = i + 1; k + 1 < i + len; ++k) parts(k).gaz[kPartI] |= cats;
      parts(i + len - 1).gaz[kPartL] |= cats;
    }
    parts(i).gaz[kPartU] |= info_[i].lex;
  }
}

// The model's name lists over sentence [a, b): every phrase of up to Gazetteer::kMaxWords words
// that begins with a capitalised word (ALL-CAPS too: the keys are case-insensitive) and runs over
// words, numbers and "&" ("Bay of Bengal", "Apollo 11", "Procter & Gamble").
void DocumentFeatures::match_lists(uint32_t a, uint32_t b) const {
  auto parts = [&](uint32_t k) -> PhraseParts& { return phrase_parts_[k - a]; };
  static constexpr uint64_t kAmpersand = lexicon_word_hash("&");
  for (uint32_t i = a; i < b; ++i) {
    if (info_[i].cap < kCapInitial) continue;
    uint64_t h = Gazetteer::kSeed;
    for (uint32_t len = 1; len <= Gazetteer::kMaxWords && i + len <= b; ++len) {
      const TokenInfo& last = info_[i + len - 1];
      if (last.cap == kCapNone && last.form != kAmpersand) break;
      h = Gazetteer::extend(h, last.lower);
      uint16_t lists = gazetteer_->lookup(Gazetteer::key(h));
      if (!lists) continue;
      if (len == 1) {
        parts(i).list[kPartU] |= lists;
        continue;
      }
      parts(i).list[kPartB] |= lists;
      for (uint32_t k = i + 1; k + 1 < i + len; ++k) parts(k).list[kPartI] |= lists;
      parts(i + len - 1).list[kPartL] |= lists;
    }
  }
}

// Document index by lower-cased form, for the document-level features: the tokens of each form
// together, in document order (a counting sort over a table of the forms, not a sort).
void DocumentFeatures::index_forms() {
  const size_t n = info_.size();
  auto indexed = [&](uint32_t i) { return info_[i].cap >= kCapLower && sentence_of_[i] != kNoSentence; };
  by_lower_.clear();
  forms_.clear();
  size_t n_indexed = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (!indexed(i)) continue;
    forms_.add(info_[i].lower);
    ++n_indexed;
  }
  by_lower_.resize(n_indexed);
  forms_.assign_starts();
  for (uint32_t i = 0; i < n; ++i) {
    if (!indexed(i)) continue;
    FormTable::Form& form = forms_.slot(forms_.find(info_[i].lower));
    by_lower_[form.start + form.placed++] = i;
  }
  context_pool_.clear();
  stage2_aggregates_.clear();
  stage2_slots_.clear();
  forms_pool_.clear();
  for (size_t r = 0; r < by_lower_.size();) {
    const uint32_t form_slot = static_cast<uint32_t>(forms_.find(info_[by_lower_[r]].lower));
    const size_t e = r + forms_.slot(form_slot).count;
    int lower_count = 0, cap_inside_count = 0;
    for (size_t k = r; k < e; ++k) {
      const TokenInfo& t = info_[by_lower_[k]];
      if (t.cap == kCapLower && t.context != kCtxHeadline) ++lower_count;
      if (t.cap != kCapLower && t.context == kCtxMiddle) ++cap_inside_count;
    }
    for (size_t k = r; k < e; ++k) {
      TokenInfo& t = info_[by_lower_[k]];
      t.form_slot = form_slot;
      int own_lower = t.cap == kCapLower && t.context != kCtxHeadline;
      int own_cap = t.cap != kCapLower && t.context == kCtxMiddle;
      t.lower_seen = lower_count - own_lower > 0;
      t.cap_seen_inside = cap_inside_count - own_cap > 0;
    }
    r = e;
  }
}

DocumentFeatures::Occurrences DocumentFeatures::occurrences(const TokenInfo& t) const {
  // A token outside every sentence is not indexed itself; the others of its word may be.
  const size_t slot = t.form_slot != kNoGroup ? t.form_slot : forms_.find(t.lower);
  if (slot == FormTable::kAbsent) return {nullptr, nullptr};
  const FormTable::Form& form = forms_.slot(slot);
  return {by_lower_.data() + form.start, by_lower_.data() + form.start + form.count};
}

void DocumentFeatures::FormTable::add(uint64_t lower) {
  if ((used_ + 1) * 4 > slots_.size() * 3) grow();
  size_t slot = home(lower);
  while (slots_[slot].count != 0 && slots_[slot].lower != lower) slot = (slot + 1) & (slots_.size() - 1);
  Form& form = slots_[slot];
  if (form.count == 0) {
    form.lower = lower;
    ++used_;
  }
  ++form.count;
}

void DocumentFeatures::FormTable::grow() {
  std::vector<Form> old;
  old.swap(slots_);
  slots_.assign(std::max<size_t>(1024, old.size() * 2), Form());
  used_ = 0;
  // Only before assign_starts, so only lower and count are set.
  for (const Form& form : old) {
    if (form.count == 0) continue;
    size_t slot = home(form.lower);
    while (slots_[slot].count != 0) slot = (slot + 1) & (slots_.size() - 1);
    slots_[slot] = form;
    ++used_;
  }
}

void DocumentFeatures::FormTable::assign_starts() {
  uint32_t start = 0;
  for (Form& form : slots_) {
    form.start = start;
    start += form.count;
  }
}

size_t DocumentFeatures::FormTable::find(uint64_t lower) const {
  if (slots_.empty()) return kAbsent;
  for (size_t slot = home(lower); slots_[slot].count != 0; slot = (slot + 1) & (slots_.size() - 1)) {
    if (slots_[slot].lower == lower) return slot;
  }
  return kAbsent;
}

void DocumentFeatures::FormTable::clear() {
  // A table grown for a long document is not kept for the next ones.
  if (slots_.size() > 65536) std::vector<Form>().swap(slots_);
  std::fill(slots_.begin(), slots_.end(), Form());
  used_ = 0;
}

void DocumentFeatures::stage1_keys(size_t i, std::vector<uint32_t>* keys, unsigned parts) const {
  // Tokens outside every sentence (callers should not produce them) get no features.
  if (sentence_of_[i] == kNoSentence) return;
  auto [a, b] = sentences_[sentence_of_[i]];
  // At most 57 + 8 per lexicon category keys (137 with 10 categories), gathered on the stack and
  // appended at once.
  uint32_t out[kMaxWordKeys + 4 * (kLexiconCategoryCount + 4) + kMaxShapeKeys + kMaxContextKeys];
  int n_out = 0;
  if (parts & kKeysSelf) {
    // The token's own prefixes, suffixes and shape are computed again here rather than kept for
    // the whole document: 72 bytes a token.
    WordInfo unused;
    SelfFacts self;
    word_facts_.compute(words_[i], nullptr, &unused, &self);
    n_out += self_keys(info_[i], self, out + n_out);
  }
  for (int part = 1; part < kWordKeyParts; ++part) {
    if (!(parts & (1u << part))) continue;
    const long j = static_cast<long>(i) + kPartOffset[part];
    const bool inside = j >= static_cast<long>(a) && j < static_cast<long>(b);
    n_out += neighbour_keys(part, inside ? &info_[j] : nullptr, out + n_out);
  }
  if (parts & kKeysShape) n_out += shape_keys(shape_context(i, a, b), out + n_out);
  if (parts & kKeysContext) n_out += context_keys(i, a, b, out + n_out);
  keys->insert(keys->end(), out, out + n_out);
}

ShapeContext DocumentFeatures::shape_context(size_t i) const {
  if (sentence_of_[i] == kNoSentence) return ShapeContext();
  auto [a, b] = sentences_[sentence_of_[i]];
  return shape_context(i, a, b);
}

ShapeContext DocumentFeatures::shape_context(size_t i, uint32_t a, uint32_t b) const {
  ShapeContext shape;
  for (int k = 0; k < 3; ++k) {
    const long j = static_cast<long>(i) + k - 1;
    const bool inside = j >= static_cast<long>(a) && j < static_cast<long>(b);
    shape.short_shape[k] = inside ? info_[j].short_shape : kBoundary;
    shape.cap[k] = inside ? info_[j].cap : 15;
  }
  shape.context = info_[i].context;
  return shape;
}

int DocumentFeatures::context_keys(size_t i, uint32_t a, uint32_t b, uint32_t* out) const {
  int n_out = 0;
  const TokenInfo& t = info_[i];
  const PhraseParts& phrases = phrase_parts(i, a, b);
  const long la = a, lb = b;
  auto wn = [&](long j) { return j >= la && j < lb ? info_[j].wnorm : kBoundary; };
  auto lex = [&](long j) -> uint16_t { return j >= la && j < lb ? info_[j].lex : 0; };
  long li = static_cast<long>(i);
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };

  add(T_BI_M1, combine(wn(li - 1), t.wnorm));
  add(T_BI_P1, combine(t.wnorm, wn(li + 1)));
  // The categories of the word before, and of phrases over this one (most tokens have none).
  for (uint32_t bits = lex(li - 1) & kLexiconMask; bits; bits &= bits - 1) {
    add(T_LEXM1_CAP0, static_cast<uint64_t>(__builtin_ctz(bits)) * 16 + t.cap);
  }
  for (uint32_t part = 0; part < 3; ++part) {
    for (uint32_t bits = phrases.gaz[part] & kLexiconMask; bits; bits &= bits - 1) {
      add(T_GAZ, part * 32 + static_cast<uint32_t>(__builtin_ctz(bits)));
    }
  }
  // The model's lists: which match over this token and where it stands in the match, alone and
  // with its capitalisation (a list hit in lower case is weak evidence).
  for (uint32_t part = 0; part < 4; ++part) {
    for (uint32_t bits = phrases.list[part]; bits; bits &= bits - 1) {
      uint32_t v = part * 32 + static_cast<uint32_t>(__builtin_ctz(bits));
      add(T_LIST, v);
      add(T_LIST_CAP, v * 16 + t.cap);
    }
    // A name in several lists at once ("Nancy": a city and a given name; "Ford": a company and a
    // person) is its own evidence, learned apart from each list alone.
    if (__builtin_popcount(phrases.list[part]) >= 2) add(T_LIST_SET, part * 65536u + phrases.list[part]);
  }
  add(T_WM1_SS0, combine(wn(li - 1), t.short_shape));
  add(T_SS0_WP1, combine(t.short_shape, wn(li + 1)));
  add(T_WM1_CAP0, combine(wn(li - 1), t.cap));
  if (t.context != kCtxMiddle) {
    add(T_W_CTX, combine(t.wnorm, t.context));
    add(T_FORM_CTX, combine(t.form, t.context));
  }

  // Document context: how the same word is written, and what surrounds it, elsewhere.
  if (t.cap >= kCapInitial) {
    add(T_DOC, ((t.cap * 16u + t.context) * 2u + t.lower_seen) * 2u + t.cap_seen_inside);
    n_out += occurrence_context_keys(i, t, out + n_out);
  }
  return n_out;
}

int DocumentFeatures::occurrence_context_keys(size_t i, const TokenInfo& t, uint32_t* out) const {
  const Occurrences occurrences_of = occurrences(t);
  // The words before and after each of the first 12 other occurrences, each key once, at most 16.
  auto visit = [&](size_t skip, uint32_t* keys_out) {
    int n_keys = 0;
    int visited = 0;
    for (const uint32_t* it = occurrences_of.begin; it != occurrences_of.end && visited < kContextVisits; ++it) {
      uint32_t j = *it;
      if (j == skip) continue;
      ++visited;
      auto [ja, jb] = sentences_[sentence_of_[j]];
      uint32_t keys[2] = {
          make_key(T_AGG_PREV, j > ja ? info_[j - 1].wnorm : kBoundary),
          make_key(T_AGG_NEXT, j + 1 < jb ? info_[j + 1].wnorm : kBoundary)};
      for (uint32_t k : keys) {
        bool dup = false;
        for (int s = 0; s < n_keys; ++s) dup |= keys_out[s] == k;
        if (!dup && n_keys < 16) keys_out[n_keys++] = k;
      }
    }
    return n_keys;
  };
  // A token past its word's first 12 occurrences visits those 12, as every other such token does.
  if (aggregates_ && t.form_slot != kNoGroup) {
    FormTable::Form& form = forms_.slot(t.form_slot);
    if (form.count > kContextVisits && by_lower_[form.start + kContextVisits - 1] < i) {
      if (form.context_keys == FormTable::kNotYet) {
        form.context_keys = static_cast<uint32_t>(context_pool_.size());
        uint32_t keys[16];
        const int n_keys = visit(SIZE_MAX, keys);
        context_pool_.push_back(static_cast<uint32_t>(n_keys));
        context_pool_.insert(context_pool_.end(), keys, keys + n_keys);
      }
      const uint32_t* pooled = context_pool_.data() + form.context_keys;
      std::copy(pooled + 1, pooled + 1 + pooled[0], out);
      return static_cast<int>(pooled[0]);
    }
  }
  return visit(i, out);
}

}  // namespace ner
}  // namespace lede
