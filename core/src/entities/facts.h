// What an article tells about its entities beyond their names, worked out once after merging so
// that later stages (speaker resolution in quotes) read them instead of rebuilding them:
// - the gender of a person, from a gendered title ("Mrs.", "Congresswoman") on any of its
//   mentions, else from a known first name ("Maria Ostrova");
// - the holder of each office title ("mayor", "prime minister"; abbreviations written out, so
//   "Sen. Sanders" holds "senator"), or nobody when the article gives the title to two people.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "lede/lede.h"
#include "lexicon/coref_lexicon.h"

namespace lede {

struct EntityFacts {
  static constexpr uint32_t kSharedTitle = UINT32_MAX;
  std::vector<Gender> gender;  // one per entity
  // Each title a person is named with, folded and written out word by word: the entity, or
  // kSharedTitle when two people carry it.
  std::unordered_map<std::string, uint32_t> holder_of_title;
};

// Facts of `entities`, whose mentions index a text of `token_count` tokens (mentions outside it
// are ignored, as every later stage ignores them).
EntityFacts find_entity_facts(const std::vector<Entity>& entities, size_t token_count);

}  // namespace lede
