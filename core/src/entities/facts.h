// What an article tells about its entities beyond their names, worked out once after merging so
// that later stages (speaker resolution in quotes) read them instead of rebuilding them:
// - the gender of a person, from a gendered title ("Mrs.", "Congresswoman") on any of its
//   mentions, else from a known first name ("Maria Ostrova");
// - the persons named in full who share a surname ("Ted Cruz", "Heidi Cruz"), and how often each
//   is named in full: who a bare "Cruz" most likely is;
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
  // Mentions of two words or more, one count per entity (zero for all but persons).
  std::vector<uint32_t> full_mentions;
  // The folded last word of each person's name of two words or more: those persons, when two or
  // more share it (one alone needs no choosing).
  std::unordered_map<std::string, std::vector<uint32_t>> persons_sharing_surname;
  // The same last words: the person named in full most often (the first named, on a tie) among
  // those whose name ends in it, shared or not.
  std::unordered_map<std::string, uint32_t> person_of_surname;
};

// Facts of `entities`, whose mentions index a text of `token_count` tokens (mentions outside it
// are ignored, as every later stage ignores them).
EntityFacts find_entity_facts(const std::vector<Entity>& entities, size_t token_count);

}  // namespace lede
