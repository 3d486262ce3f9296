// Labels, word normalisation, feature templates and Viterbi for the named-entity tagger.
#include "tagger/tagger_features.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <limits>

#include "tagger/lanes.h"
#include "lexicon/lexicon.h"
#include "text/utf8.h"

namespace lede {
namespace ner {

// ---- Labels ------------------------------------------------------------------------------------

const char* type_name(int type) {
  static const char* const kNames[kTypes] = {"PER", "ORG", "LOC", "MISC"};
  return type >= 0 && type < kTypes ? kNames[type] : "O";
}

bool transition_allowed(int from, int to) {
  // After O, L-x, U-x or at the start, a name may begin (B or U) or not (O); after B-x or I-x the
  // same name must go on (I-x) or finish (L-x).
  bool from_open = from != kLabels && from != 0 &&
                   (label_part(from) == kPartB || label_part(from) == kPartI);
  if (to == kLabels) return !from_open;
  if (to == 0) return !from_open;
  int part = label_part(to);
  if (part == kPartB || part == kPartU) return !from_open;
  return from_open && label_type(from) == label_type(to);
}

void labels_to_spans(const uint8_t* labels, size_t n, uint32_t offset, std::vector<LabelSpan>* out) {
  size_t i = 0;
  while (i < n) {
    int y = labels[i];
    if (y == 0 || y >= kLabels) {
      ++i;
      continue;
    }
    int type = label_type(y);
    size_t j = i + 1;
    if (label_part(y) == kPartB || label_part(y) == kPartI) {
      while (j < n && labels[j] != 0 && labels[j] < kLabels && label_type(labels[j]) == type &&
             (label_part(labels[j]) == kPartI || label_part(labels[j]) == kPartL)) {
        bool last = label_part(labels[j]) == kPartL;
        ++j;
        if (last) break;
      }
    }
    out->push_back({static_cast<uint32_t>(offset + i), static_cast<uint32_t>(offset + j), type});
    i = j;
  }
}

void spans_to_labels(const std::vector<LabelSpan>& spans, uint32_t offset, uint8_t* labels) {
  for (const LabelSpan& s : spans) {
    uint32_t a = s.first - offset, b = s.end - offset;
    if (b - a == 1) {
      labels[a] = static_cast<uint8_t>(label_of(s.type, kPartU));
      continue;
    }
    labels[a] = static_cast<uint8_t>(label_of(s.type, kPartB));
    for (uint32_t k = a + 1; k + 1 < b; ++k) labels[k] = static_cast<uint8_t>(label_of(s.type, kPartI));
    labels[b - 1] = static_cast<uint8_t>(label_of(s.type, kPartL));
  }
}

// ---- Clusters ----------------------------------------------------------------------------------

uint32_t ClusterTable::lookup(uint32_t word_hash) const {
  auto it = std::lower_bound(entries.begin(), entries.end(), std::make_pair(word_hash, uint32_t{0}));
  if (it != entries.end() && it->first == word_hash) return it->second;
  return 0;
}

uint32_t cluster_word_hash(std::string_view lower) {
  uint64_t h = lexicon_word_hash(lower);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

// ---- Normalisation -----------------------------------------------------------------------------

namespace {

void append_utf8(char32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t len = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
}

}  // namespace

void normalize_word(std::string_view word, std::string* out) {
  if (word == "``" || word == "''") {
    out->push_back('"');
    return;
  }
  size_t i = 0;
  while (i < word.size()) {
    // A run of ASCII appended at once (push_back is a call a byte in libc++'s wasm build).
    size_t ascii = i;
    while (ascii < word.size() && static_cast<unsigned char>(word[ascii]) < 0x80) ++ascii;
    if (ascii > i) {
      out->append(word.data() + i, ascii - i);
      i = ascii;
      continue;
    }
    uint32_t len;
    char32_t cp = decode_utf8(word, i, &len);
    switch (cp) {
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039: case 0x203A:
      case 0x02BC:
        out->push_back('\'');
        break;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
        out->push_back('"');
        break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        out->push_back('-');
        break;
      case 0x2026:
        out->append("...");
        break;
      case 0x00A0:
        out->push_back(' ');
        break;
      default:
        append_utf8(cp, out);
    }
    i += len;
  }
}

void lower_word(std::string_view s, std::string* out) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const size_t at = out->size();
    out->resize(at + s.size());
    char* lower = &(*out)[at];
    for (size_t k = 0; k < s.size(); ++k) {
      const char c = s[k];
      lower[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                      static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                                      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                                     UTF8PROC_CASEFOLD));
  if (len >= 0 && mapped) {
    out->append(reinterpret_cast<const char*>(mapped), static_cast<size_t>(len));
  } else {
    out->append(s.data(), s.size());  // unreachable for sanitised input; keep the word as it is
  }
  free(mapped);
}

// ---- Features ----------------------------------------------------------------------------------

namespace {

enum Cap : uint8_t { kCapNone, kCapDigit, kCapLower, kCapInitial, kCapAll, kCapMixed, kCapSingle };
enum Context : uint8_t { kCtxMiddle, kCtxInitial, kCtxAfterQuote, kCtxHeadline, kCtxAfterColon };

enum Template : uint32_t {
  T_BIAS = 1, T_W, T_FORM, T_WM1, T_WP1, T_WM2, T_WP2, T_BI_M1, T_BI_P1,
  T_PRE, T_SUF = T_PRE + 4, T_SHAPE = T_SUF + 4, T_SS, T_SS_M1, T_SS_P1, T_SS_M1_0, T_SS_0_P1,
  T_SS_TRI, T_CAP_CTX, T_CAPS3, T_LEN, T_LEX0, T_LEX0_CAP, T_LEXM1, T_LEXP1, T_GAZ, T_WM1_SS0,
  T_SS0_WP1, T_DOC, T_AGG_PREV, T_AGG_NEXT, T_CL0, T_CLM1, T_CLP1, T_W_CTX, T_FORM_CTX,
  T_WM1_CAP0, T_LEXM1_CAP0,
  // second stage
  T_S2_SELF = 100, T_S2_MAJ, T_S2_HAS, T_S2_ENT, T_S2_NEIGH, T_S2_SELF_CAP, T_S2_SAME_FORM,
};

inline uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}
inline uint64_t combine(uint64_t a, uint64_t b) { return mix64(a * 0x9E3779B97F4A7C15ull + b); }
inline uint32_t make_key(uint32_t tmpl, uint64_t value) {
  uint64_t h = mix64(value ^ (static_cast<uint64_t>(tmpl) * 0xD6E8FEB86659FD93ull));
  uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
  return k ? k : 1;
}

inline uint64_t fnv(std::string_view s) { return lexicon_word_hash(s); }

constexpr uint32_t kNoSentence = UINT32_MAX;
constexpr uint64_t kBoundary = 0x5BD1E9955BD1E995ull;  // the word/shape "outside the sentence"

char shape_char(char32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return 'X';
    if (cp >= 'a' && cp <= 'z') return 'x';
    if (cp >= '0' && cp <= '9') return 'd';
    return static_cast<char>(cp);
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return 'X';
    case UTF8PROC_CATEGORY_LL: return 'x';
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_LM: return 'o';
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return 'm';
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return 'd';
    default: return '*';
  }
}

}  // namespace

namespace {

// The clusters of a model that has none.
const ClusterTable& no_clusters() {
  static const ClusterTable table;
  return table;
}

}  // namespace

void DocumentFeatures::compute_word(std::string_view word, const ClusterTable* clusters, WordInfo* t,
                                    TokenSelf* self) const {
  scratch_.clear();
  normalize_word(word, &scratch_);
  scratch_lower_.clear();
  lower_word(scratch_, &scratch_lower_);
  const std::string& form = scratch_;
  const std::string& lower = scratch_lower_;
  // With clusters *t is wanted in full (else only its length, shape and cap); *self when given.
  uint64_t wn = 0xCBF29CE484222325ull;
  if (clusters) {
    t->form = fnv(form);
    t->lower = fnv(lower);
    for (unsigned char c : lower) {
      wn ^= (c >= '0' && c <= '9') ? '0' : c;
      wn *= 0x100000001B3ull;
    }
    t->wnorm = wn;
  }

  // Code point boundaries of the lower-cased form, for prefixes and suffixes.
  cps_.clear();
  for (size_t i = 0; i < lower.size();) {
    cps_.push_back(static_cast<uint32_t>(i));
    uint32_t len;
    decode_utf8(lower, i, &len);
    i += len;
  }
  size_t n = cps_.size();
  cps_.push_back(static_cast<uint32_t>(lower.size()));
  for (size_t k = 0; k < 4 && self; ++k) {
    if (k + 1 < n) {
      self->prefix[k] = fnv(std::string_view(lower).substr(0, cps_[k + 1]));
      self->suffix[k] = fnv(std::string_view(lower).substr(cps_[n - k - 1]));
    } else {
      self->prefix[k] = self->suffix[k] = 0;
    }
  }
  t->length = static_cast<uint8_t>(std::min<size_t>(n, 15));

  // Shapes and capitalisation, from the cased form.
  uint64_t shape = 0xCBF29CE484222325ull, short_shape = shape;
  int shape_len = 0;
  char last = 0;
  int upper = 0, lowerc = 0, digits = 0, letters_other = 0;
  bool first_upper = false;
  for (size_t i = 0; i < form.size();) {
    uint32_t len;
    char32_t cp = decode_utf8(form, i, &len);
    char c = shape_char(cp);
    if (c == 'X') {
      ++upper;
      if (i == 0) first_upper = true;
    } else if (c == 'x') {
      ++lowerc;
    } else if (c == 'd') {
      ++digits;
    } else if (c == 'o') {
      ++letters_other;
    }
    if (shape_len < 16) {
      shape = (shape ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
      ++shape_len;
    }
    if (c != last) short_shape = (short_shape ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    last = c;
    i += len;
  }
  if (self) self->shape = shape;
  t->short_shape = short_shape;
  if (upper + lowerc + letters_other == 0) {
    t->cap = digits ? kCapDigit : kCapNone;
  } else if (upper == 0) {
    t->cap = kCapLower;
  } else if (upper == 1 && lowerc == 0) {
    t->cap = first_upper ? kCapSingle : kCapMixed;
  } else if (lowerc == 0) {
    t->cap = kCapAll;
  } else if (first_upper && upper == 1) {
    t->cap = kCapInitial;
  } else {
    t->cap = kCapMixed;
  }
  if (!clusters) return;
  t->lex = lexicon_lookup(lexicon_phrase_extend(kLexiconHashSeed, t->lower));
  // Clusters are keyed by the lower-cased word with digits as 0 (cluster_word_hash of that form).
  t->cluster = !clusters->entries.empty() ? clusters->lookup(static_cast<uint32_t>(wn ^ (wn >> 32))) : 0;
}

WordInfo DocumentFeatures::word_info(std::string_view word, const ClusterTable* clusters) const {
  WordInfo info;
  compute_word(word, clusters ? clusters : &no_clusters(), &info, nullptr);
  return info;
}

WordInfo DocumentFeatures::word_info_and_keys(std::string_view word, const ClusterTable* clusters,
                                              std::vector<uint32_t>* keys, size_t* ends) const {
  WordInfo info;
  TokenSelf self;
  compute_word(word, clusters ? clusters : &no_clusters(), &info, &self);
  uint32_t out[kMaxWordKeys];
  for (int part = 0; part < kWordKeyParts; ++part) {
    const int n_out = part == 0 ? self_keys(info, self, out) : neighbour_keys(part, &info, out);
    keys->insert(keys->end(), out, out + n_out);
    ends[part] = keys->size();
  }
  return info;
}

void DocumentFeatures::build(const std::vector<std::string_view>& words,
                             const std::vector<std::pair<uint32_t, uint32_t>>& sentences,
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
  words_ = &words;
  if (!clusters) clusters = &no_clusters();
  if (source) {
    for (size_t i = 0; i < n; ++i) static_cast<WordInfo&>(info_[i]) = source->word(i, words[i]);
  } else {
    for (size_t i = 0; i < n; ++i) compute_word(words[i], clusters, &info_[i], nullptr);
  }

  // Sentence context and multi-word lexicon matches.
  for (uint32_t si = 0; si < sentences_.size(); ++si) {
    auto [a, b] = sentences_[si];
    int letters = 0, caps = 0, lowers = 0;
    for (uint32_t i = a; i < b; ++i) {
      sentence_of_[i] = si;
      uint8_t c = info_[i].cap;
      if (c >= kCapLower) ++letters;
      if (c == kCapAll) ++caps;
      if (c == kCapLower || c == kCapInitial || c == kCapMixed) ++lowers;
    }
    bool headline = caps >= 1 && lowers == 0 && letters >= 2;
    bool at_start = true;
    for (uint32_t i = a; i < b; ++i) {
      TokenInfo& t = info_[i];
      static const uint64_t kQuote = fnv("\""), kApos = fnv("'"), kParen = fnv("("),
                            kColon = fnv(":"), kDash = fnv("-"), kDash2 = fnv("--");
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
    for (uint32_t i = a; i < b; ++i) {
      // Word by word while some phrase of the lists begins with the words so far.
      uint64_t h = lexicon_phrase_extend(kLexiconHashSeed, info_[i].lower);
      bool more;
      lexicon_lookup(h, &more);  // the word alone is info_[i].lex
      for (uint32_t len = 2; more && len <= kLexiconMaxPhraseWords && i + len <= b; ++len) {
        h = lexicon_phrase_extend(h, info_[i + len - 1].lower);
        uint16_t cats = lexicon_lookup(h, &more);
        if (!cats) continue;
        info_[i].gaz_part[kPartB] |= cats;
        for (uint32_t k = i + 1; k + 1 < i + len; ++k) info_[k].gaz_part[kPartI] |= cats;
        info_[i + len - 1].gaz_part[kPartL] |= cats;
      }
      info_[i].gaz_part[kPartU] |= info_[i].lex;
    }
  }

  // Document index by lower-cased form, for the document-level features: the tokens of each form
  // together, in document order (a counting sort over a table of the forms, not a sort).
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
    by_lower_[form.start + form.placed++] = {info_[i].lower, i};
  }
  context_pool_.clear();
  stage2_aggregates_.clear();
  stage2_slots_.clear();
  forms_pool_.clear();
  for (size_t r = 0; r < by_lower_.size();) {
    size_t e = r;
    while (e < by_lower_.size() && by_lower_[e].first == by_lower_[r].first) ++e;
    const uint32_t form_slot = static_cast<uint32_t>(forms_.find(by_lower_[r].first));
    int lower_count = 0, cap_inside_count = 0;
    for (size_t k = r; k < e; ++k) {
      const TokenInfo& t = info_[by_lower_[k].second];
      if (t.cap == kCapLower && t.context != kCtxHeadline) ++lower_count;
      if (t.cap != kCapLower && t.context == kCtxMiddle) ++cap_inside_count;
    }
    for (size_t k = r; k < e; ++k) {
      TokenInfo& t = info_[by_lower_[k].second];
      t.form_slot = form_slot;
      int own_lower = t.cap == kCapLower && t.context != kCtxHeadline;
      int own_cap = t.cap != kCapLower && t.context == kCtxMiddle;
      t.lower_seen = lower_count - own_lower > 0;
      t.cap_seen_inside = cap_inside_count - own_cap > 0;
    }
    r = e;
  }

  keys1_.clear();
  offsets1_.assign(1, 0);
  if (keep_stage1_keys) {
    for (uint32_t i = 0; i < n; ++i) {
      stage1_keys(i, &keys1_);
      offsets1_.push_back(static_cast<uint32_t>(keys1_.size()));
    }
  }
  keys2_.clear();
  offsets2_.assign(n + 1, 0);
}

DocumentFeatures::Occurrence DocumentFeatures::occurrences(const TokenInfo& t) const {
  if (t.form_slot != kNoGroup) return by_lower_.begin() + forms_.slot(t.form_slot).start;
  // A token outside every sentence is not indexed itself; the others of its word may be.
  const size_t form = forms_.find(t.lower);
  return form != FormTable::kAbsent ? by_lower_.begin() + forms_.slot(form).start : by_lower_.end();
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
    TokenSelf self;
    compute_word((*words_)[i], nullptr, &unused, &self);
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

bool DocumentFeatures::neighbour_inside(size_t i, int part) const {
  if (sentence_of_[i] == kNoSentence) return false;
  auto [a, b] = sentences_[sentence_of_[i]];
  long j = static_cast<long>(i) + kPartOffset[part];
  return j >= static_cast<long>(a) && j < static_cast<long>(b);
}

void DocumentFeatures::neighbour_part_keys(int part, const WordInfo* info, std::vector<uint32_t>* keys) {
  uint32_t out[kMaxWordKeys];
  const int n_out = neighbour_keys(part, info, out);
  keys->insert(keys->end(), out, out + n_out);
}

namespace {

// Adds the keys of a word's cluster path: its prefixes of the given depths, then the whole path.
template <typename Add>
void add_cluster_keys(uint32_t tmpl, uint32_t cluster, std::initializer_list<uint32_t> depths, Add add) {
  if (!cluster) return;
  uint32_t depth = 31 - static_cast<uint32_t>(__builtin_clz(cluster));
  for (uint32_t d : depths) {
    if (d < depth) add(tmpl, (1u << d) | ((cluster >> (depth - d)) & ((1u << d) - 1)));
  }
  add(tmpl, cluster);
}

constexpr uint32_t kLexiconMask = (1u << kLexiconCategoryCount) - 1;

}  // namespace

int DocumentFeatures::self_keys(const WordInfo& t, const TokenSelf& self, uint32_t* out) {
  int n_out = 0;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };
  add(T_BIAS, 0);
  add(T_W, t.wnorm);
  add(T_FORM, t.form);
  for (int k = 0; k < 4; ++k) {
    if (self.prefix[k]) add(T_PRE + k, self.prefix[k]);
    if (self.suffix[k]) add(T_SUF + k, self.suffix[k]);
  }
  add(T_SHAPE, self.shape);
  add(T_SS, t.short_shape);
  add(T_LEN, t.length * 16 + t.cap);
  for (uint32_t bits = t.lex & kLexiconMask; bits; bits &= bits - 1) {
    const int bit = __builtin_ctz(bits);
    add(T_LEX0, bit);
    add(T_LEX0_CAP, bit * 16 + t.cap);
  }
  add_cluster_keys(T_CL0, t.cluster, {4u, 8u, 12u}, add);
  return n_out;
}

int DocumentFeatures::neighbour_keys(int part, const WordInfo* w, uint32_t* out) {
  int n_out = 0;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };
  const uint64_t wnorm = w ? w->wnorm : kBoundary;
  switch (part) {
    case 3: add(T_WM2, wnorm); break;  // parts 3 and 4: one key each (kOneKeyParts)
    case 4: add(T_WP2, wnorm); break;
    default: {
      const bool prev = part == 1;
      add(prev ? T_WM1 : T_WP1, wnorm);
      add(prev ? T_SS_M1 : T_SS_P1, w ? w->short_shape : kBoundary);
      if (!w) break;
      for (uint32_t bits = w->lex & kLexiconMask; bits; bits &= bits - 1) {
        add(prev ? T_LEXM1 : T_LEXP1, static_cast<uint64_t>(__builtin_ctz(bits)));
      }
      add_cluster_keys(prev ? T_CLM1 : T_CLP1, w->cluster, {8u}, add);
    }
  }
  return n_out;
}

uint64_t ShapeContext::hash() const {
  uint64_t h = combine(combine(short_shape[0], short_shape[1]), short_shape[2]);
  return combine(h, (uint64_t{cap[0]} << 24) | (uint64_t{cap[1]} << 16) | (uint64_t{cap[2]} << 8) | context);
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

void DocumentFeatures::shape_keys(const ShapeContext& shape, std::vector<uint32_t>* keys) {
  uint32_t out[kMaxShapeKeys];
  const int n_out = shape_keys(shape, out);
  keys->insert(keys->end(), out, out + n_out);
}

int DocumentFeatures::shape_keys(const ShapeContext& c, uint32_t* out) {
  int n_out = 0;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };
  add(T_SS_M1_0, combine(c.short_shape[0], c.short_shape[1]));
  add(T_SS_0_P1, combine(c.short_shape[1], c.short_shape[2]));
  add(T_SS_TRI, combine(combine(c.short_shape[0], c.short_shape[1]), c.short_shape[2]));
  add(T_CAP_CTX, c.cap[1] * 16 + c.context);
  add(T_CAPS3, (uint64_t{c.cap[0]} * 16 + c.cap[1]) * 16 + c.cap[2]);
  return n_out;
}

int DocumentFeatures::context_keys(size_t i, uint32_t a, uint32_t b, uint32_t* out) const {
  int n_out = 0;
  const TokenInfo& t = info_[i];
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
    for (uint32_t bits = t.gaz_part[part] & kLexiconMask; bits; bits &= bits - 1) {
      add(T_GAZ, part * 32 + static_cast<uint32_t>(__builtin_ctz(bits)));
    }
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
  const Occurrence first = occurrences(t);
  // The words before and after each of the first 12 other occurrences, each key once, at most 16.
  auto visit = [&](size_t skip, uint32_t* keys_out) {
    int n_keys = 0;
    int visited = 0;
    for (auto it = first; it != by_lower_.end() && it->first == t.lower && visited < kContextVisits; ++it) {
      uint32_t j = it->second;
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
    if (form.count > kContextVisits && by_lower_[form.start + kContextVisits - 1].second < i) {
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

void DocumentFeatures::add_predictions(const std::vector<uint8_t>& labels, bool keep_stage2_keys) {
  const size_t n = info_.size();
  labels_ = &labels;
  keys2_.clear();
  offsets2_.assign(1, 0);
  // Every predicted name, by the lower-cased form of each of its words.
  std::vector<LabelSpan>& spans = spans_;
  std::vector<EntityWord>& words = entity_words_;
  spans.clear();
  words.clear();
  for (const auto& s : sentences_) {
    if (s.second > s.first) labels_to_spans(labels.data() + s.first, s.second - s.first, s.first, &spans);
  }
  for (const LabelSpan& sp : spans) {
    for (uint32_t k = sp.first; k < sp.end; ++k) {
      int part = sp.end - sp.first == 1 ? kPartU : k == sp.first ? kPartB : k + 1 == sp.end ? kPartL : kPartI;
      words.push_back({info_[k].lower, info_[k].form, sp.first, sp.end, static_cast<uint16_t>(sp.type * 4 + part)});
    }
  }
  // A total order, so that every standard library (libstdc++ natively, libc++ in wasm) gives the
  // same sequence and so the same capped visits below.
  std::sort(words.begin(), words.end(), [](const EntityWord& x, const EntityWord& y) {
    if (x.lower != y.lower) return x.lower < y.lower;
    if (x.first != y.first) return x.first < y.first;
    return x.code < y.code;
  });

  // The stage-2 aggregates were of the last labels.
  for (uint32_t slot : stage2_slots_) forms_.slot(slot).stage2 = FormTable::kNotYet;
  stage2_slots_.clear();
  stage2_aggregates_.clear();
  forms_pool_.clear();

  if (!keep_stage2_keys) return;
  for (uint32_t i = 0; i < n; ++i) {
    stage2_keys(i, &keys2_);
    offsets2_.push_back(static_cast<uint32_t>(keys2_.size()));
  }
}

uint32_t DocumentFeatures::stage2_self_key(uint8_t label) { return make_key(T_S2_SELF, label); }

bool DocumentFeatures::stage2_self_only(size_t i) const { return info_[i].cap < kCapInitial; }

void DocumentFeatures::stage2_keys(size_t token, std::vector<uint32_t>* keys) const {
  const std::vector<uint8_t>& labels = *labels_;
  const uint32_t i = static_cast<uint32_t>(token);
  keys->push_back(stage2_self_key(labels[i]));
  if (stage2_self_only(i)) return;
  const TokenInfo& t = info_[i];
  keys->push_back(make_key(T_S2_SELF_CAP, labels[i] * 16u + t.context));
  stage2_document_keys(i, t, keys);
}

void DocumentFeatures::stage2_document_keys(size_t token, const TokenInfo& t, std::vector<uint32_t>* keys) const {
  const std::vector<uint8_t>& labels = *labels_;
  const std::vector<EntityWord>& words = entity_words_;
  const uint32_t i = static_cast<uint32_t>(token);
  auto add = [&](uint32_t tmpl, uint64_t v) { keys->push_back(make_key(tmpl, v)); };
  // Adds (form, bits) to the list ending forms_pool_, or the bits to the form's entry in it.
  auto pool_bits = [&](uint32_t begin, uint64_t form, uint32_t bits) {
    auto it = std::find_if(forms_pool_.begin() + begin, forms_pool_.end(),
                           [&](const std::pair<uint64_t, uint32_t>& e) { return e.first == form; });
    if (it == forms_pool_.end()) {
      forms_pool_.emplace_back(form, bits);
    } else {
      it->second |= bits;
    }
  };

  // The word's first kStage2Visits occurrences (a word repeated thousands of times must not make
  // tagging quadratic), and the names in which its first kStage2Visits name words are (entity_words_
  // is in document order within a form): worked out once, for every token these do not include.
  const Stage2Aggregate* aggregate = nullptr;
  Occurrence first = by_lower_.end();
  bool past_occurrences = false;  // token i is past the first kStage2Visits occurrences
  if (aggregates_ && t.form_slot != kNoGroup) {
    FormTable::Form& form = forms_.slot(t.form_slot);
    first = by_lower_.begin() + form.start;
    const bool visits_all = form.count > kStage2Visits;  // else every token of it is among them
    past_occurrences = visits_all && by_lower_[form.start + kStage2Visits - 1].second < i;
    if (form.stage2 == FormTable::kNotYet) {
      form.stage2 = static_cast<uint32_t>(stage2_aggregates_.size());
      stage2_slots_.push_back(t.form_slot);
      Stage2Aggregate a = {};
      a.types_begin = static_cast<uint32_t>(forms_pool_.size());
      for (uint32_t k = 0; visits_all && k < kStage2Visits; ++k) {
        uint32_t j = by_lower_[form.start + k].second;
        if (info_[j].cap < kCapInitial) continue;
        ++a.others;
        a.counts[label_type(labels[j]) + 1]++;
        pool_bits(a.types_begin, info_[j].form, 1u << (label_type(labels[j]) + 1));
      }
      a.types_end = a.codes_begin = static_cast<uint32_t>(forms_pool_.size());
      auto er = std::equal_range(words.begin(), words.end(), EntityWord{t.lower, 0, 0, 0, 0},
                                 [](const EntityWord& x, const EntityWord& y) { return x.lower < y.lower; });
      a.names_first = UINT32_MAX;
      int visits = 0;
      for (auto it = er.first; it != er.second && visits < kStage2Visits; ++it, ++visits) {
        a.names_first = std::min(a.names_first, it->first);
        a.names_end = std::max(a.names_end, it->end);
        pool_bits(a.codes_begin, it->form, 1u << it->code);
      }
      a.codes_end = static_cast<uint32_t>(forms_pool_.size());
      stage2_aggregates_.push_back(a);
    }
    aggregate = &stage2_aggregates_[form.stage2];
  } else {
    first = occurrences(t);
  }

  // Token majority: how the other occurrences of this word were labelled.
  int counts[kTypes + 1] = {};
  int others = 0;
  uint32_t same_form_types = 0;
  if (past_occurrences) {
    std::copy(aggregate->counts, aggregate->counts + kTypes + 1, counts);
    others = aggregate->others;
    for (uint32_t e = aggregate->types_begin; e < aggregate->types_end; ++e) {
      if (forms_pool_[e].first == t.form) same_form_types = forms_pool_[e].second;
    }
  } else {
    int visits = 0;
    for (auto it = first; it != by_lower_.end() && it->first == t.lower && visits < kStage2Visits; ++it, ++visits) {
      uint32_t j = it->second;
      if (j == i || info_[j].cap < kCapInitial) continue;
      ++others;
      counts[label_type(labels[j]) + 1]++;
      if (info_[j].form == t.form) same_form_types |= 1u << (label_type(labels[j]) + 1);
    }
  }
  for (int k = 0; k <= kTypes; ++k) {
    if (same_form_types & (1u << k)) add(T_S2_SAME_FORM, k);
  }
  if (others > 0) {
    int best = 0;
    for (int k = 1; k <= kTypes; ++k) {
      if (counts[k] > counts[best]) best = k;
    }
    add(T_S2_MAJ, best);
    for (int k = 1; k <= kTypes; ++k) {
      if (counts[k] > 0) add(T_S2_HAS, k);
    }
  }

  // Entity words: this word seen inside a name elsewhere (e.g. "Trump" in "Donald Trump"), written
  // the same way ("Un" in "Kim Jong Un": bit code) or only matching in lower case ("UN": code + 16).
  uint32_t mask = 0;
  if (aggregate && (i < aggregate->names_first || i >= aggregate->names_end)) {
    for (uint32_t e = aggregate->codes_begin; e < aggregate->codes_end; ++e) {
      mask |= forms_pool_[e].first == t.form ? forms_pool_[e].second : forms_pool_[e].second << 16;
    }
  } else {
    auto er = std::equal_range(words.begin(), words.end(), EntityWord{t.lower, 0, 0, 0, 0},
                               [](const EntityWord& x, const EntityWord& y) { return x.lower < y.lower; });
    int visits = 0;
    for (auto it = er.first; it != er.second && visits < kStage2Visits; ++it, ++visits) {
      if (i >= it->first && i < it->end) continue;
      mask |= 1u << (it->code + (it->form == t.form ? 0 : 16));
    }
  }
  for (uint32_t code = 0; code < 32; ++code) {
    if (mask & (1u << code)) add(T_S2_ENT, code);
  }
}

// ---- Viterbi -----------------------------------------------------------------------------------

namespace {

// For every label, the labels allowed right before it (9 for O/B/U, 2 for I/L).
struct AllowedTransitions {
  uint8_t prev[kLabels][kLabels];
  uint8_t n_prev[kLabels];
  bool from_start[kLabels];
  bool to_end[kLabels];
  AllowedTransitions() {
    for (int y = 0; y < kLabels; ++y) {
      n_prev[y] = 0;
      for (int p = 0; p < kLabels; ++p)
        if (transition_allowed(p, y)) prev[y][n_prev[y]++] = static_cast<uint8_t>(p);
      from_start[y] = transition_allowed(kLabels, y);
      to_end[y] = transition_allowed(y, kLabels);
    }
  }
};

}  // namespace

template <typename Score>
void viterbi(const Score* em, size_t n, const Score* tr, uint8_t* out, std::vector<Score>* delta_buf,
             std::vector<uint8_t>* back_buf) {
  if (n == 0) return;
  constexpr int L = kLabels;
  static const AllowedTransitions allowed;
  delta_buf->resize(n * L);
  back_buf->resize(n * L);
  Score* delta = delta_buf->data();
  uint8_t* back = back_buf->data();
  // Unreachable states (I/L at the start) get a score far below any real one but far above the
  // type's limit, so that sums need no checks. Each column is shifted so that its best state is
  // 0, which keeps integer scores bounded however long the sentence (and changes no decision).
  const Score kNone = std::numeric_limits<Score>::lowest() / 4;
  // The allowed transitions' weights, gathered per target label.
  Score tr_in[L][L];
  for (int y = 0; y < L; ++y)
    for (int k = 0; k < allowed.n_prev[y]; ++k) tr_in[y][k] = tr[allowed.prev[y][k] * (L + 1) + y];
  Score column_best = kNone;
  for (int y = 0; y < L; ++y) {
    delta[y] = allowed.from_start[y] ? em[y] + tr[L * (L + 1) + y] : kNone;
    if (delta[y] > column_best) column_best = delta[y];
    back[y] = 0;
  }
  for (int y = 0; y < L; ++y)
    if (allowed.from_start[y]) delta[y] -= column_best;
  for (size_t i = 1; i < n; ++i) {
    const Score* prev = delta + (i - 1) * L;
    Score* cur = delta + i * L;
    uint8_t* bk = back + i * L;
    column_best = kNone;
    for (int y = 0; y < L; ++y) {
      const uint8_t* ps = allowed.prev[y];
      const Score* tw = tr_in[y];
      Score best = prev[ps[0]] + tw[0];
      int arg = ps[0];
      for (int k = 1; k < allowed.n_prev[y]; ++k) {
        Score s = prev[ps[k]] + tw[k];
        if (s > best) {
          best = s;
          arg = ps[k];
        }
      }
      best += em[i * L + y];
      cur[y] = best;
      bk[y] = static_cast<uint8_t>(arg);
      if (best > column_best) column_best = best;
    }
    for (int y = 0; y < L; ++y) cur[y] = std::max(cur[y] - column_best, kNone);
  }
  const Score* last = delta + (n - 1) * L;
  Score best = kNone;
  int arg = 0;  // O: always allowed at the end
  for (int y = 0; y < L; ++y) {
    if (!allowed.to_end[y]) continue;
    Score s = last[y] + tr[y * (L + 1) + L];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  for (size_t i = n; i-- > 0;) {
    out[i] = static_cast<uint8_t>(arg);
    arg = back[i * L + arg];
  }
}

namespace {

// Lane-wise maximum: one instruction in WebAssembly SIMD; a compare and a select on baseline x86-64
// (SSE2 has no 32-bit max).
inline I32x4 max_lanes(I32x4 a, I32x4 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_max_s_i32x4(a, b);
#else
  I32x4 gt = a > b;  // all ones where a wins
  return (a & gt) | (b & ~gt);
#endif
}
// The largest lane, in every lane.
inline I32x4 max_across(I32x4 v) {
  v = max_lanes(v, __builtin_shufflevector(v, v, 2, 3, 0, 1));
  return max_lanes(v, __builtin_shufflevector(v, v, 1, 0, 3, 2));
}

// The decoder's layout of a position's 17 scores: the B, I, L and U labels of the four types as
// four vectors (lane = type), then O. kSlot[label] is where a label's score is.
constexpr int kSlotO = 4 * kTypes;
constexpr std::array<uint8_t, kLabels> kSlot = [] {
  std::array<uint8_t, kLabels> slot{};
  slot[0] = kSlotO;
  for (int t = 0; t < kTypes; ++t)
    for (int part = 0; part < 4; ++part) slot[label_of(t, part)] = static_cast<uint8_t>(part * kTypes + t);
  return slot;
}();
static_assert(kTypes == 4, "the decoder keeps one type a lane");

// The transition weights the decoder uses, gathered into its layout. The BILOU constraints
// (transition_allowed) leave two kinds of step: a name's inside (I-x, L-x) follows B-x or I-x of
// its own type, lane by lane; anything else (O, B-x, U-x) follows O, L-y or U-y of any type.
struct DecoderWeights {
  I32x4 b_to_i, i_to_i, b_to_l, i_to_l;
  // Into B-x and U-x (lane x) from O, from L-y and from U-y (one vector per y).
  I32x4 o_to_b, o_to_u, l_to_b[kTypes], l_to_u[kTypes], u_to_b[kTypes], u_to_u[kTypes];
  I32x4 l_to_o, u_to_o;  // lane y: L-y or U-y to O
  int32_t o_to_o;
  explicit DecoderWeights(const int32_t* tr) {
    constexpr int L = kLabels;
    auto w = [&](int from, int to) { return tr[from * (L + 1) + to]; };
    auto lanes = [](auto f) { return I32x4{f(0), f(1), f(2), f(3)}; };
    b_to_i = lanes([&](int t) { return w(label_of(t, kPartB), label_of(t, kPartI)); });
    i_to_i = lanes([&](int t) { return w(label_of(t, kPartI), label_of(t, kPartI)); });
    b_to_l = lanes([&](int t) { return w(label_of(t, kPartB), label_of(t, kPartL)); });
    i_to_l = lanes([&](int t) { return w(label_of(t, kPartI), label_of(t, kPartL)); });
    o_to_b = lanes([&](int t) { return w(0, label_of(t, kPartB)); });
    o_to_u = lanes([&](int t) { return w(0, label_of(t, kPartU)); });
    for (int y = 0; y < kTypes; ++y) {
      l_to_b[y] = lanes([&](int t) { return w(label_of(y, kPartL), label_of(t, kPartB)); });
      l_to_u[y] = lanes([&](int t) { return w(label_of(y, kPartL), label_of(t, kPartU)); });
      u_to_b[y] = lanes([&](int t) { return w(label_of(y, kPartU), label_of(t, kPartB)); });
      u_to_u[y] = lanes([&](int t) { return w(label_of(y, kPartU), label_of(t, kPartU)); });
    }
    l_to_o = lanes([&](int y) { return w(label_of(y, kPartL), 0); });
    u_to_o = lanes([&](int y) { return w(label_of(y, kPartU), 0); });
    o_to_o = w(0, 0);
  }
};

}  // namespace

// The runtime's decoder: the same decisions as the generic one above (for each target, the first
// predecessor in ascending label order with the highest score). The forward pass keeps only the
// scores, in the layout of kSlot, a step being a few vector operations on the four types at once;
// the best predecessor is found again on the way back, for the one label chosen at each position,
// from the same stored scores with the same arithmetic (so with the same result).
template <>
// Natively on x86-64, a second copy for CPUs with SSE4.1 (its pmaxsd is the lane-wise max that
// baseline SSE2 lacks), chosen once at load time: the portable binary stays portable.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("sse4.1", "default")))
#endif
void viterbi<int32_t>(const int32_t* em, size_t n, const int32_t* tr, uint8_t* out,
                      std::vector<int32_t>* delta_buf, std::vector<uint8_t>* /*back_buf*/) {
  if (n == 0) return;
  constexpr int L = kLabels;
  delta_buf->resize(n * L);
  int32_t* delta = delta_buf->data();
  const int32_t kNone = std::numeric_limits<int32_t>::lowest() / 4;
  static const AllowedTransitions allowed;  // which labels may start and end a sentence
  const DecoderWeights w(tr);
  // The first position, label by label: I and L cannot start a sentence.
  {
    int32_t column_best = kNone;
    for (int y = 0; y < L; ++y) {
      int32_t s = allowed.from_start[y] ? em[y] + tr[L * (L + 1) + y] : kNone;
      delta[kSlot[y]] = s;
      if (s > column_best) column_best = s;
    }
    for (int y = 0; y < L; ++y)
      if (allowed.from_start[y]) delta[kSlot[y]] -= column_best;
  }
  I32x4 b = load4(delta), in = load4(delta + 4), l = load4(delta + 8), u = load4(delta + 12);
  int32_t o = delta[kSlotO];
  const I32x4 none = I32x4{} + kNone;
  for (size_t i = 1; i < n; ++i) {
    // This position's emissions, label order (O, then B I L U of each type) turned into rows of
    // parts: a 4 x 4 transpose.
    const int32_t* e = em + i * L;
    const I32x4 r0 = load4(e + 1), r1 = load4(e + 5), r2 = load4(e + 9), r3 = load4(e + 13);
    const I32x4 t01lo = __builtin_shufflevector(r0, r1, 0, 4, 1, 5), t01hi = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);
    const I32x4 t23lo = __builtin_shufflevector(r2, r3, 0, 4, 1, 5), t23hi = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
    const I32x4 eb = __builtin_shufflevector(t01lo, t23lo, 0, 1, 4, 5), ei = __builtin_shufflevector(t01lo, t23lo, 2, 3, 6, 7);
    const I32x4 el = __builtin_shufflevector(t01hi, t23hi, 0, 1, 4, 5), eu = __builtin_shufflevector(t01hi, t23hi, 2, 3, 6, 7);
    // Inside a name: from B-x or I-x of the same type.
    const I32x4 ni = max_lanes(b + w.b_to_i, in + w.i_to_i) + ei;
    const I32x4 nl = max_lanes(b + w.b_to_l, in + w.i_to_l) + el;
    // Outside one: from O, L-y or U-y, every y.
    I32x4 nb = w.o_to_b + o, nu = w.o_to_u + o;
    for (int y = 0; y < kTypes; ++y) {
      const I32x4 ly = I32x4{} + l[y], uy = I32x4{} + u[y];
      nb = max_lanes(nb, max_lanes(ly + w.l_to_b[y], uy + w.u_to_b[y]));
      nu = max_lanes(nu, max_lanes(ly + w.l_to_u[y], uy + w.u_to_u[y]));
    }
    nb += eb;
    nu += eu;
    const int32_t no = std::max(max_across(max_lanes(l + w.l_to_o, u + w.u_to_o))[0], o + w.o_to_o) + e[0];
    // Each column shifted so that its best is 0.
    const int32_t column_best = std::max(max_across(max_lanes(max_lanes(nb, ni), max_lanes(nl, nu)))[0], no);
    b = max_lanes(nb - column_best, none);
    in = max_lanes(ni - column_best, none);
    l = max_lanes(nl - column_best, none);
    u = max_lanes(nu - column_best, none);
    o = std::max(no - column_best, kNone);
    int32_t* cur = delta + i * L;
    store4(cur, b);
    store4(cur + 4, in);
    store4(cur + 8, l);
    store4(cur + 12, u);
    cur[kSlotO] = o;
  }
  const int32_t* last = delta + (n - 1) * L;
  int32_t best = kNone;
  int arg = 0;  // O: always allowed at the end
  for (int y = 0; y < L; ++y) {
    if (!allowed.to_end[y]) continue;
    int32_t s = last[kSlot[y]] + tr[y * (L + 1) + L];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[n - 1] = static_cast<uint8_t>(arg);
  for (size_t i = n - 1; i > 0; --i) {
    const int32_t* prev = delta + (i - 1) * L;
    const int y = out[i];
    const int part = label_part(y);
    int p;
    if (part == kPartI || part == kPartL) {
      const int pb = label_of(label_type(y), kPartB), pi = label_of(label_type(y), kPartI);
      p = prev[kSlot[pi]] + tr[pi * (L + 1) + y] > prev[kSlot[pb]] + tr[pb * (L + 1) + y] ? pi : pb;
    } else {
      p = 0;
      int32_t top = prev[kSlotO] + tr[y];
      for (int t = 0; t < kTypes; ++t) {
        for (int q : {label_of(t, kPartL), label_of(t, kPartU)}) {
          int32_t s = prev[kSlot[q]] + tr[q * (L + 1) + y];
          if (s > top) {
            top = s;
            p = q;
          }
        }
      }
    }
    out[i - 1] = static_cast<uint8_t>(p);
  }
}

template void viterbi<float>(const float*, size_t, const float*, uint8_t*, std::vector<float>*,
                             std::vector<uint8_t>*);
template void viterbi<double>(const double*, size_t, const double*, uint8_t*, std::vector<double>*,
                              std::vector<uint8_t>*);

}  // namespace ner
}  // namespace lede
