// The tagger's gazetteer lookups over the table tools/gen-lexicon.py compiles from
// core/data/gazetteer/*.txt (one list a category, see lexicon.h).
#include "lexicon/lexicon.h"

#include "lexicon/generated_tables.h"

namespace lede {

static_assert(kLexiconCategoryCount < 15, "a category would collide with kGazetteerContinues");

uint16_t lexicon_lookup(uint64_t phrase_hash, bool* continues) {
  using namespace lexicon;
  *continues = false;
  if (phrase_hash == 0) return 0;  // 0 marks an empty slot; the generator refuses a phrase hashed so
  for (uint64_t slot = (phrase_hash >> 17) & kGazetteerMask;; slot = (slot + 1) & kGazetteerMask) {
    if (kGazetteerHashes[slot] == phrase_hash) {
      const uint16_t bits = kGazetteerCategories[slot];
      *continues = (bits & kGazetteerContinues) != 0;
      return bits & static_cast<uint16_t>(~kGazetteerContinues);
    }
    if (kGazetteerHashes[slot] == 0) return 0;
  }
}

uint16_t lexicon_lookup(uint64_t phrase_hash) {
  bool continues;
  return lexicon_lookup(phrase_hash, &continues);
}

uint64_t lexicon_digest() { return lexicon::kGazetteerDigest; }

}  // namespace lede
