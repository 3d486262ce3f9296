// Hand-written word lists the tagger uses as features: titles, nationalities, organisation words,
// countries, cities, regions, given names. The lists are the project's own, one file a category in
// core/data/gazetteer/, compiled into a constant table by tools/gen-lexicon.py; the model learns
// how much to trust them, so they only need to be broadly right.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lede {

// One bit per list. A phrase may be on several lists ("Georgia" is a country and a region).
enum LexiconCategory : uint16_t {
  kLexTitle = 1 << 0,       // President, Minister, Chancellor, Mr.
  kLexDemonym = 1 << 1,     // Russian, Ukrainian, French, Muslim
  kLexOrgWord = 1 << 2,     // Inc., Corp., Party, Ministry, Bank, Council, United
  kLexCountry = 1 << 3,     // Ukraine, United States, Sri Lanka
  kLexCity = 1 << 4,        // Kyiv, Kiev, New York, Frankfurt
  kLexRegion = 1 << 5,      // Europe, Black Sea, Middle East, Texas, Bavaria
  kLexGivenName = 1 << 6,   // Donald, Laura, Olaf
  kLexCalendar = 1 << 7,    // Monday, January: capitalised but never a name in CoNLL
  kLexMedia = 1 << 8,       // Reuters, Interfax, Times, News, Post: news organisations and their words
  kLexGovernment = 1 << 9,  // Kremlin, Pentagon, Parliament, Senate, Congress
};
constexpr int kLexiconCategoryCount = 10;
constexpr int kLexiconMaxPhraseWords = 4;

// Looks up a phrase given as the 64-bit hash of its lower-cased words (see lexicon_phrase_hash).
// Returns the categories it belongs to, 0 when it is on no list.
uint16_t lexicon_lookup(uint64_t phrase_hash);
// The same, also saying whether longer phrases on the lists begin with this one (so that a
// search for phrases word by word can stop as soon as none can match).
uint16_t lexicon_lookup(uint64_t phrase_hash, bool* continues);

// A digest of every list above, so that a model trained with these lists can tell other lists
// from them: FNV-1a (64-bit) over the lines "BIT<TAB>PHRASE<LF>", one per phrase and category
// (BIT the category's bit index, 0 for kLexTitle ... 9 for kLexGovernment; PHRASE as listed:
// lower case, single spaces), sorted bytewise with repeats removed. tools/gen-lexicon.py computes
// it from core/data/gazetteer/*.txt at build time.
uint64_t lexicon_digest();

// Hash of a phrase built one lower-cased word at a time: start with kLexiconHashSeed and fold in
// each word's hash with lexicon_phrase_extend.
constexpr uint64_t kLexiconHashSeed = 0x9E3779B97F4A7C15ull;
inline uint64_t lexicon_phrase_extend(uint64_t phrase_hash, uint64_t word_hash) {
  uint64_t h = (phrase_hash ^ word_hash) * 0xFF51AFD7ED558CCDull;
  return h ^ (h >> 31);
}

// The word hash lexicon phrases are built from: FNV-1a over the bytes. constexpr, so that the
// hashes of fixed words are constants rather than function statics checked at every use.
constexpr uint64_t lexicon_word_hash(std::string_view lower_word) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (unsigned char c : lower_word) {
    h ^= c;
    h *= 0x100000001B3ull;
  }
  return h;
}

}  // namespace lede
