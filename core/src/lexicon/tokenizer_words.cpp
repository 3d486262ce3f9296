// The tokenizer's lists (see tokenizer_words.h), compiled by tools/gen-lexicon.py.
#include "lexicon/tokenizer_words.h"

#include <iterator>

#include "lexicon/generated_tables.h"

namespace lede {

bool is_abbreviation(std::string_view word) { return lexicon::contains(lexicon::kAbbreviations, word); }

DomainSuffixes domain_suffixes() {
  return {lexicon::kDomainSuffixes, std::size(lexicon::kDomainSuffixes)};
}

}  // namespace lede
