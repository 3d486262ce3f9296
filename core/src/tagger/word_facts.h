// What the tagger's features know of a word alone: its hashed forms, shapes, capitalisation
// class, length, single-word lexicon categories and word cluster. A function of the word's bytes
// (and the model's clusters), so that a tagger may keep it from one occurrence to the next.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lede {
namespace ner {

// ---- Word clusters -----------------------------------------------------------------------------
// Maps the hash of a word's lower-cased form to its cluster path, encoded as (1 << depth) | bits.
struct ClusterTable {
  std::vector<std::pair<uint32_t, uint32_t>> entries;  // sorted by word hash
  uint32_t lookup(uint32_t word_hash) const;
  // The clusters of a model that has none.
  static const ClusterTable& none();
};
// The 32-bit hash clusters are keyed by: of the normalised lower-cased word, digits written as 0.
uint32_t cluster_word_hash(std::string_view lower_word);

// ---- Word facts --------------------------------------------------------------------------------
// Capitalisation classes.
enum Cap : uint8_t { kCapNone, kCapDigit, kCapLower, kCapInitial, kCapAll, kCapMixed, kCapSingle };

// What a token's features need to know of its word alone.
struct WordInfo {
  uint64_t form = 0, lower = 0, wnorm = 0, short_shape = 0;
  uint32_t cluster = 0;
  uint16_t lex = 0;    // single-word lexicon categories
  uint8_t cap = 0;     // capitalisation class (Cap)
  uint8_t length = 0;  // code points, capped
};

// What only the word's own keys use (the self part): its full shape, prefixes and suffixes.
struct SelfFacts {
  uint64_t shape = 0;
  uint64_t prefix[4] = {}, suffix[4] = {};
};

// Works out words' facts, with buffers kept from one word to the next (one thread at a time).
class WordFacts {
 public:
  // Fills *info and, when given, *self. With clusters (the model's, possibly ClusterTable::none())
  // *info in full; without, only its length, short shape and capitalisation class.
  void compute(std::string_view word, const ClusterTable* clusters, WordInfo* info, SelfFacts* self);
  // The bytes its buffers hold.
  size_t bytes() const { return form_.capacity() + lower_.capacity() + boundaries_.capacity() * sizeof(uint32_t); }

 private:
  std::string form_, lower_;           // the word normalised, and lower-cased
  std::vector<uint32_t> boundaries_;  // code point boundaries of lower_
};

}  // namespace ner
}  // namespace lede
