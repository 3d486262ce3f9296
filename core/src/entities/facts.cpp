// Entity facts: gender, office titles and shared surnames (see facts.h).
#include "entities/facts.h"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "text/normalize.h"

namespace lede {
namespace {

// "sen. maria" stays "sen. maria" but "sen." alone is "senator": each word of a folded title
// written out, so that "Sen. Sanders" and "the senator" name one office.
std::string title_written_out(std::string_view folded) {
  std::string full;
  for (size_t from = 0; from <= folded.size();) {
    const size_t space = std::min(folded.find(' ', from), folded.size());
    if (!full.empty()) full += ' ';
    full += title_in_full(folded.substr(from, space - from));
    from = space + 1;
  }
  return full;
}

}  // namespace

EntityFacts find_entity_facts(const std::vector<Entity>& entities, size_t token_count) {
  EntityFacts facts;
  facts.gender.assign(entities.size(), Gender::unknown);
  facts.full_mentions.assign(entities.size(), 0);
  for (uint32_t e = 0; e < entities.size(); ++e) {
    const Entity& ent = entities[e];
    for (const Mention& m : ent.mentions) {
      if (m.first_token >= m.end_token || m.end_token > token_count || m.title.empty()) continue;
      const std::string t = fold_case(m.title);
      if (ent.type == EntityType::PERSON) {
        auto [titled, added] = facts.holder_of_title.emplace(title_written_out(t), e);
        if (!added && titled->second != e) titled->second = EntityFacts::kSharedTitle;
      }
      // The title's first word carries its gender ("Congresswoman", "Mrs."); a later mention's
      // gendered title wins over an earlier one's.
      Gender g = Gender::unknown;
      if (is_title_word(t.substr(0, t.find(' ')), &g) && g != Gender::unknown) facts.gender[e] = g;
    }
    if (ent.type != EntityType::PERSON) continue;
    const std::string name = fold_for_matching(ent.name);
    const size_t space = name.find(' ');
    if (facts.gender[e] == Gender::unknown && space != std::string::npos)
      facts.gender[e] = first_name_gender(name.substr(0, space));
    for (const Mention& m : ent.mentions)
      if (m.end_token <= token_count && m.end_token >= m.first_token + 2) ++facts.full_mentions[e];
    if (space != std::string::npos) facts.persons_sharing_surname[name.substr(name.rfind(' ') + 1)].push_back(e);
  }
  for (const auto& [surname, persons] : facts.persons_sharing_surname) {
    uint32_t best = persons.front();
    for (uint32_t e : persons)
      if (facts.full_mentions[e] > facts.full_mentions[best]) best = e;
    facts.person_of_surname.emplace(surname, best);
  }
  for (auto it = facts.persons_sharing_surname.begin(); it != facts.persons_sharing_surname.end();)
    it = it->second.size() < 2 ? facts.persons_sharing_surname.erase(it) : std::next(it);
  return facts;
}

}  // namespace lede
