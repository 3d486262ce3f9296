// A document's stage-1 features: words' facts, position classes, phrase matches, the index of the
// document's words by form, and every token's keys (the document-level ones from per-word
// aggregates). The stage-2 keys are in document_stage2.cpp.
#include "tagger/document_features.h"

#include <algorithm>
#include <cstring>

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
  sentence_of_.assign(n, kNoSentence);
  sentences_.clear();
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
    sentences_.emplace_back(a, b);
  }
  words_ = words;
  find_types(clusters ? clusters : &ClusterTable::none(), source);
  token_bits_.assign(n, 0);
  for (uint32_t si = 0; si < sentences_.size(); ++si) {
    auto [a, b] = sentences_[si];
    for (uint32_t i = a; i < b; ++i) sentence_of_[i] = si;
    classify_positions(a, b);
  }
  if (!sentences_.empty()) mark_title_line(sentences_[0].first, sentences_[0].second);
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

namespace {

// A word's bytes as two 64-bit words: for a word of up to 16 bytes, with its length, the bytes
// themselves (the first and the last 8, 4 or 1-3 bytes, overlapping), so that two such words are
// the same exactly when their keys and lengths are; a longer word's bytes are compared too.
struct WordKey {
  uint64_t a = 0, b = 0;
};
inline WordKey word_key(std::string_view w) {
  const char* p = w.data();
  const size_t n = w.size();
  WordKey key;
  if (n >= 8) {
    std::memcpy(&key.a, p, 8);
    std::memcpy(&key.b, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    key.a = x;
    key.b = y;
  } else if (n > 0) {
    key.a = static_cast<uint8_t>(p[0]) | static_cast<uint32_t>(static_cast<uint8_t>(p[n / 2])) << 8 |
            static_cast<uint32_t>(static_cast<uint8_t>(p[n - 1])) << 16;
  }
  return key;
}

}  // namespace

// Each token's word type, its facts worked out (or asked of the source) at its first token. The
// types are found by their bytes (word_key) in an open-addressing table, at most half full.
void DocumentFeatures::find_types(const ClusterTable* clusters, WordSource* source) {
  const size_t n = words_.size();
  type_of_.assign(n, 0);
  types_.clear();
  // It starts at 1024 slots (512 types) and doubles as need be.
  const size_t size = std::max<size_t>(type_table_.size(), 1024);
  type_table_.clear();
  type_table_.resize(size, TypeSlot{});
  size_t mask = size - 1;
  auto home = [&](uint64_t a, uint64_t b, size_t n_bytes) {
    return static_cast<size_t>(mix64(a ^ (b * 0x9E3779B97F4A7C15ull) ^ n_bytes) >> 32) & mask;
  };
  for (size_t i = 0; i < n; ++i) {
    const std::string_view w = words_[i];
    const WordKey key = word_key(w);
    size_t slot = home(key.a, key.b, w.size());
    uint32_t type = kNoGroup;
    for (; type_table_[slot].type_plus_one != 0; slot = (slot + 1) & mask) {
      const TypeSlot& e = type_table_[slot];
      if (e.key_a != key.a || e.key_b != key.b || e.size != w.size()) continue;
      if (w.size() > 16) {
        size_t k = 0;
        while (k < w.size() && e.bytes[k] == w[k]) ++k;
        if (k != w.size()) continue;
      }
      type = e.type_plus_one - 1;
      break;
    }
    if (type == kNoGroup) {
      type = static_cast<uint32_t>(types_.size());
      types_.emplace_back();
      WordType& t = types_.back();
      t.first = static_cast<uint32_t>(i);
      if (source) {
        static_cast<WordInfo&>(t) = source->word(type, w);
      } else {
        word_facts_.compute(w, clusters, &t, nullptr);
      }
      type_table_[slot] = {key.a, key.b, w.data(), static_cast<uint32_t>(w.size()), type + 1};
      if (types_.size() * 2 > type_table_.size()) {
        std::vector<TypeSlot> old(type_table_.size() * 2, TypeSlot{});
        old.swap(type_table_);
        mask = type_table_.size() - 1;
        for (const TypeSlot& e : old) {
          if (e.type_plus_one == 0) continue;
          size_t s = home(e.key_a, e.key_b, e.size);
          while (type_table_[s].type_plus_one != 0) s = (s + 1) & mask;
          type_table_[s] = e;
        }
      }
    }
    type_of_[i] = type;
  }
  // Only find_types reads it: one grown for a long document is freed now, not at the next one.
  if (type_table_.size() > 65536) std::vector<TypeSlot>().swap(type_table_);
}

void DocumentFeatures::classify_positions(uint32_t a, uint32_t b) {
  int letters = 0, caps = 0, lowers = 0;
  for (uint32_t i = a; i < b; ++i) {
    uint8_t c = word(i).cap;
    if (c >= kCapLower) ++letters;
    if (c == kCapAll) ++caps;
    if (c == kCapLower || c == kCapInitial || c == kCapMixed) ++lowers;
  }
  bool headline = caps >= 1 && lowers == 0 && letters >= 2;
  bool at_start = true;
  for (uint32_t i = a; i < b; ++i) {
    const WordInfo& t = word(i);
    uint8_t& context = token_bits_[i];  // only the position class is set so far
    static constexpr uint64_t kQuote = lexicon_word_hash("\""), kApos = lexicon_word_hash("'"),
                          kParen = lexicon_word_hash("("), kColon = lexicon_word_hash(":"),
                          kDash = lexicon_word_hash("-"), kDash2 = lexicon_word_hash("--");
    if (headline) {
      context = kCtxHeadline;
    } else if (at_start) {
      context = kCtxInitial;
    } else if (i > a && (word(i - 1).form == kQuote || word(i - 1).form == kApos)) {
      context = kCtxAfterQuote;
    } else if (i > a && (word(i - 1).form == kColon || word(i - 1).form == kDash || word(i - 1).form == kDash2)) {
      context = kCtxAfterColon;
    } else {
      context = kCtxMiddle;
    }
    // Opening quotes and brackets before the first word keep the word sentence-initial.
    if (at_start && !(t.form == kQuote || t.form == kApos || t.form == kParen)) at_start = false;
  }
}

// A document opening with a headline in Title Case ("Trump Ties Clinton in New Poll"): as with an
// ALL-CAPS headline, its capitals say nothing of how the document writes its words, so the line is
// left out of the counts behind kLowerSeen and kCapSeenInside (index_forms). Title Case: at least
// three capitalised words, and no word in lower case but short ones ("in", "of", "the", "with").
void DocumentFeatures::mark_title_line(uint32_t a, uint32_t b) {
  if (a >= b || context(a) == kCtxHeadline) return;
  int capitalised = 0;
  for (uint32_t i = a; i < b; ++i) {
    const WordType& t = word(i);
    if (t.cap == kCapLower && t.length > 4) return;
    if (t.cap == kCapInitial || t.cap == kCapAll || t.cap == kCapMixed) ++capitalised;
  }
  if (capitalised < 3) return;
  for (uint32_t i = a; i < b; ++i) token_bits_[i] |= kTitleLine;
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
    uint64_t h = lexicon_phrase_extend(kLexiconHashSeed, word(i).lower);
    bool more;
    lexicon_lookup(h, &more);  // the word alone is word(i).lex
    for (uint32_t len = 2; more && len <= kLexiconMaxPhraseWords && i + len <= b; ++len) {
      h = lexicon_phrase_extend(h, word(i + len - 1).lower);
      uint16_t cats = lexicon_lookup(h, &more);
      if (!cats) continue;
      parts(i).gaz[kPartB] |= cats;
      for (uint32_t k = i + 1; k + 1 < i + len; ++k) parts(k).gaz[kPartI] |= cats;
      parts(i + len - 1).gaz[kPartL] |= cats;
    }
    parts(i).gaz[kPartU] |= word(i).lex;
  }
}

// The model's name lists over sentence [a, b): every phrase of up to Gazetteer::kMaxWords words
// that begins with a capitalised word (ALL-CAPS too: the keys are case-insensitive) and runs over
// words, numbers and "&" ("Bay of Bengal", "Apollo 11", "Procter & Gamble").
void DocumentFeatures::match_lists(uint32_t a, uint32_t b) const {
  auto parts = [&](uint32_t k) -> PhraseParts& { return phrase_parts_[k - a]; };
  static constexpr uint64_t kAmpersand = lexicon_word_hash("&");
  for (uint32_t i = a; i < b; ++i) {
    if (word(i).cap < kCapInitial) continue;
    uint64_t h = Gazetteer::kSeed;
    for (uint32_t len = 1; len <= Gazetteer::kMaxWords && i + len <= b; ++len) {
      const WordInfo& last = word(i + len - 1);
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
  const size_t n = type_of_.size();
  by_lower_.clear();
  forms_.clear();
  // Each type's indexed tokens counted (in lower_slot, until it is set below), then each type's
  // form added to the table once with its count: a probe of the table a type, not a token.
  for (WordType& t : types_) t.lower_slot = 0;
  size_t n_indexed = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (sentence_of_[i] == kNoSentence) continue;
    WordType& t = types_[type_of_[i]];
    if (t.cap < kCapLower) continue;
    ++t.lower_slot;
    ++n_indexed;
  }
  for (const WordType& t : types_) {
    if (t.lower_slot) forms_.add(t.lower, t.lower_slot);
  }
  by_lower_.resize(n_indexed);
  forms_.assign_starts();
  // A type's form slot is its lower-cased form's, whichever of its tokens are indexed: a token
  // outside every sentence is not indexed itself, but the others of its word may be.
  for (WordType& t : types_) {
    const size_t slot = forms_.find(t.lower);
    t.lower_slot = slot == FormTable::kAbsent ? kNoGroup : static_cast<uint32_t>(slot);
  }
  for (uint32_t i = 0; i < n; ++i) {
    if (sentence_of_[i] == kNoSentence) continue;
    const WordType& t = word(i);
    if (t.cap < kCapLower) continue;
    FormTable::Form& form = forms_.slot(t.lower_slot);
    by_lower_[form.start + form.placed++] = i;
  }
  context_pool_.clear();
  stage2_aggregates_.clear();
  stage2_slots_.clear();
  forms_pool_.clear();
  for (size_t r = 0; r < by_lower_.size();) {
    const size_t e = r + forms_.slot(word(by_lower_[r]).lower_slot).count;
    int lower_count = 0, cap_inside_count = 0;
    // A headline's words, ALL CAPS or Title Case, count neither way.
    auto counted_lower = [&](uint32_t i) {
      return word(i).cap == kCapLower && context(i) != kCtxHeadline && !(token_bits_[i] & kTitleLine);
    };
    auto counted_cap = [&](uint32_t i) {
      return word(i).cap != kCapLower && context(i) == kCtxMiddle && !(token_bits_[i] & kTitleLine);
    };
    for (size_t k = r; k < e; ++k) {
      const uint32_t i = by_lower_[k];
      if (counted_lower(i)) ++lower_count;
      if (counted_cap(i)) ++cap_inside_count;
    }
    for (size_t k = r; k < e; ++k) {
      const uint32_t i = by_lower_[k];
      int own_lower = counted_lower(i);
      int own_cap = counted_cap(i);
      token_bits_[i] |= kIndexed;
      if (lower_count - own_lower > 0) token_bits_[i] |= kLowerSeen;
      if (cap_inside_count - own_cap > 0) token_bits_[i] |= kCapSeenInside;
    }
    r = e;
  }
}

DocumentFeatures::Occurrences DocumentFeatures::occurrences(size_t i) const {
  const uint32_t slot = word(i).lower_slot;
  if (slot == kNoGroup) return {nullptr, nullptr};
  const FormTable::Form& form = forms_.slot(slot);
  return {by_lower_.data() + form.start, by_lower_.data() + form.start + form.count};
}

void DocumentFeatures::FormTable::add(uint64_t lower, uint32_t count) {
  if ((used_ + 1) * 4 > slots_.size() * 3) grow();
  size_t slot = home(lower);
  while (slots_[slot].count != 0 && slots_[slot].lower != lower) slot = (slot + 1) & (slots_.size() - 1);
  Form& form = slots_[slot];
  if (form.count == 0) {
    form.lower = lower;
    ++used_;
  }
  form.count += count;
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
    n_out += self_keys(word(i), self, out + n_out);
  }
  for (int part = 1; part < kWordKeyParts; ++part) {
    if (!(parts & (1u << part))) continue;
    const long j = static_cast<long>(i) + kPartOffset[part];
    const bool inside = j >= static_cast<long>(a) && j < static_cast<long>(b);
    n_out += neighbour_keys(part, inside ? &word(j) : nullptr, out + n_out);
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
    shape.short_shape[k] = inside ? word(j).short_shape : kBoundary;
    shape.cap[k] = inside ? word(j).cap : 15;
  }
  shape.context = context(i);
  return shape;
}

int DocumentFeatures::context_keys(size_t i, uint32_t a, uint32_t b, uint32_t* out) const {
  int n_out = 0;
  const WordInfo& t = word(i);
  const uint8_t own_bits = token_bits_[i];
  const uint8_t t_context = own_bits & kContextMask;
  const PhraseParts& phrases = phrase_parts(i, a, b);
  // The words before and after, read once (each is asked for several times below).
  const WordInfo* prev = i > a ? &word(i - 1) : nullptr;
  const WordInfo* next = i + 1 < b ? &word(i + 1) : nullptr;
  const uint64_t wn_prev = prev ? prev->wnorm : kBoundary, wn_next = next ? next->wnorm : kBoundary;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };

  add(T_BI_M1, combine(wn_prev, t.wnorm));
  add(T_BI_P1, combine(t.wnorm, wn_next));
  // The categories of the word before, and of phrases over this one (most tokens have none).
  for (uint32_t bits = (prev ? prev->lex : 0u) & kLexiconMask; bits; bits &= bits - 1) {
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
  add(T_WM1_SS0, combine(wn_prev, t.short_shape));
  add(T_SS0_WP1, combine(t.short_shape, wn_next));
  add(T_WM1_CAP0, combine(wn_prev, t.cap));
  if (t_context != kCtxMiddle) {
    add(T_W_CTX, combine(t.wnorm, t_context));
    add(T_FORM_CTX, combine(t.form, t_context));
  }

  // Document context: how the same word is written, and what surrounds it, elsewhere.
  if (t.cap >= kCapInitial) {
    const unsigned lower_seen = (own_bits & kLowerSeen) != 0, cap_seen_inside = (own_bits & kCapSeenInside) != 0;
    add(T_DOC, ((t.cap * 16u + t_context) * 2u + lower_seen) * 2u + cap_seen_inside);
    n_out += occurrence_context_keys(i, out + n_out);
  }
  return n_out;
}

int DocumentFeatures::occurrence_context_keys(size_t i, uint32_t* out) const {
  const Occurrences occurrences_of = occurrences(i);
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
          make_key(T_AGG_PREV, j > ja ? word(j - 1).wnorm : kBoundary),
          make_key(T_AGG_NEXT, j + 1 < jb ? word(j + 1).wnorm : kBoundary)};
      for (uint32_t k : keys) {
        bool dup = false;
        for (int s = 0; s < n_keys; ++s) dup |= keys_out[s] == k;
        if (!dup && n_keys < 16) keys_out[n_keys++] = k;
      }
    }
    return n_keys;
  };
  // A token past its word's first 12 occurrences visits those 12, as every other such token does.
  const uint32_t form_slot = this->form_slot(i);
  if (aggregates_ && form_slot != kNoGroup) {
    FormTable::Form& form = forms_.slot(form_slot);
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
