// The one lookup over the lexicon's generated tables. Every word list lives in core/data (one
// entry a line, a header saying what the list is, its columns and its key form);
// tools/gen-lexicon.py checks the lists at build time (a duplicate or contradictory entry fails
// the build) and compiles each into a constant open-addressed table in the build folder
// (lexicon/generated_tables.h), so no table is built at run time.
//
// Normalisation: none inside the lookup. A key is stored exactly as the lookup must spell it, and
// each list's header says which form that is:
//   - lower case (ASCII lower-casing, ascii_lower in cues.h): the speech cues, closed word
//     classes and quote words; for the coreference lists (titles, first names, aliases, legal
//     forms) the case-folded form of entities.h's fold_word, which is the same for ASCII keys;
//   - as written, case-sensitive: the tokenizer's abbreviations and domain suffixes;
//   - the tagger's gazetteer phrases are looked up by phrase hash (lexicon.h), built from the
//     lower-cased words.
// The one rule a lookup function adds on top is the coreference lists' final full stop: titles
// and legal forms are listed without it and their lookups strip one ("Sen." as "sen").
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "lexicon/coref_lexicon.h"
#include "lexicon/lexicon.h"

namespace lede {
namespace lexicon {

// A slot of a word table: the key's bytes (offset and length in the table's text; length 0 marks
// an empty slot) and its row. Six bytes: the tables are part of the wasm download, and a key's
// length alone rules out most other keys before any comparison of bytes.
struct WordSlot {
  uint16_t offset;
  uint16_t row;
  uint8_t length;
};

// Keys in slots by lexicon_word_hash, probed linearly from (hash & mask); at most half the slots
// are full, so a probe for an absent key ends at an empty slot after one or two steps.
struct WordTable {
  const WordSlot* slots;
  uint32_t mask;
  const char* text;
};

// The row of `key` in the table, or -1 when it is not listed.
inline int find_row(const WordTable& table, std::string_view key) {
  const uint64_t h = lexicon_word_hash(key);
  for (uint32_t i = static_cast<uint32_t>(h) & table.mask;; i = (i + 1) & table.mask) {
    const WordSlot& slot = table.slots[i];
    if (slot.length == 0) return -1;
    if (slot.length == key.size() && std::memcmp(table.text + slot.offset, key.data(), key.size()) == 0)
      return slot.row;
  }
}

inline bool contains(const WordTable& table, std::string_view key) { return find_row(table, key) >= 0; }

// Which lengths a table's keys have, by their first byte: a lookup of a word that no key shares
// both with (most words, for the closed classes the quotation patterns ask about at nearly every
// token: 30 determiners, 30 function words) ends before the word is hashed. Built once from the
// table at run time (1 KB each), so that the download does not carry it.
class KeyShapes {
 public:
  explicit KeyShapes(const WordTable& table) : table_(table) {
    for (uint32_t i = 0; i <= table.mask; ++i) {
      const WordSlot& slot = table.slots[i];
      if (slot.length == 0) continue;
      lengths_[static_cast<unsigned char>(table.text[slot.offset])] |= uint32_t{1} << length_bit(slot.length);
    }
  }
  // find_row(table, key), the same answer.
  int find_row(std::string_view key) const {
    if (key.empty() || !((lengths_[static_cast<unsigned char>(key[0])] >> length_bit(key.size())) & 1)) return -1;
    return lexicon::find_row(table_, key);
  }
  bool contains(std::string_view key) const { return find_row(key) >= 0; }

 private:
  static unsigned length_bit(size_t length) { return length < 31 ? static_cast<unsigned>(length) : 31u; }
  const WordTable& table_;
  uint32_t lengths_[256] = {};
};

// A title's columns in core/data/titles.tsv.
struct TitleRow {
  bool title;        // a title before a name; false: only a modifier
  Gender gender;     // implied by the title, or unknown
  bool office;       // held by one person at a time: "the mayor" may name them
  bool modifier;     // first word of a two-word title ("Prime", "Vice")
  std::string_view in_full;  // "senator" for "sen", or empty
};

}  // namespace lexicon
}  // namespace lede
