// Word clusters and the facts of one word: forms, shapes, capitalisation, lexicon categories.
#include "tagger/word_facts.h"

#include <utf8proc.h>

#include <algorithm>

#include "lexicon/lexicon.h"
#include "tagger/word_forms.h"
#include "text/utf8.h"

namespace lede {
namespace ner {

uint32_t ClusterTable::lookup(uint32_t word_hash) const {
  auto it = std::lower_bound(entries.begin(), entries.end(), std::make_pair(word_hash, uint32_t{0}));
  if (it != entries.end() && it->first == word_hash) return it->second;
  return 0;
}

uint32_t cluster_word_hash(std::string_view lower) {
  uint64_t h = lexicon_word_hash(lower);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

const ClusterTable& ClusterTable::none() {
  static const ClusterTable table;
  return table;
}

namespace {

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

void WordFacts::compute(std::string_view word, const ClusterTable* clusters, WordInfo* t, SelfFacts* self) {
  form_.clear();
  normalize_word(word, &form_);
  lower_.clear();
  lower_word(form_, &lower_);
  const std::string& form = form_;
  const std::string& lower = lower_;
  // With clusters *t is wanted in full (else only its length, shape and cap); *self when given.
  uint64_t wn = 0xCBF29CE484222325ull;
  if (clusters) {
    t->form = lexicon_word_hash(form);
    t->lower = lexicon_word_hash(lower);
    for (unsigned char c : lower) {
      wn ^= (c >= '0' && c <= '9') ? '0' : c;
      wn *= 0x100000001B3ull;
    }
    t->wnorm = wn;
  }

  // Code point boundaries of the lower-cased form, for prefixes and suffixes.
  boundaries_.clear();
  for (size_t i = 0; i < lower.size();) {
    boundaries_.push_back(static_cast<uint32_t>(i));
    uint32_t len;
    decode_utf8(lower, i, &len);
    i += len;
  }
  size_t n = boundaries_.size();
  boundaries_.push_back(static_cast<uint32_t>(lower.size()));
  for (size_t k = 0; k < 4 && self; ++k) {
    if (k + 1 < n) {
      self->prefix[k] = lexicon_word_hash(std::string_view(lower).substr(0, boundaries_[k + 1]));
      self->suffix[k] = lexicon_word_hash(std::string_view(lower).substr(boundaries_[n - k - 1]));
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

}  // namespace ner
}  // namespace lede
