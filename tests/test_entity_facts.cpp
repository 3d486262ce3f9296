// Entity facts (core/src/entities/facts.h): gender, office titles and shared surnames.
#include <catch2/catch.hpp>

#include "entities/facts.h"

namespace {

lede::Entity person(const std::string& name, std::vector<std::string> titles, uint32_t first_token = 0) {
  lede::Entity e;
  e.type = lede::EntityType::PERSON;
  e.name = name;
  for (const std::string& t : titles) {
    lede::Mention m;
    m.type = e.type;
    m.first_token = first_token;
    m.end_token = first_token + 1;
    m.title = t;
    e.mentions.push_back(m);
  }
  return e;
}

}  // namespace

TEST_CASE("gender comes from a gendered title, else from the first name", "[entities][entity-facts]") {
  const std::vector<lede::Entity> es = {
      person("Kerr", {"Mrs."}), person("Maria Ostrova", {}), person("Paul Berg", {}),
      person("Ostrova", {}),  // a bare surname says nothing
      person("Paul Kerr", {"Congresswoman"}),  // the title wins over the first name
  };
  const lede::EntityFacts f = lede::find_entity_facts(es, 10);
  REQUIRE(f.gender.size() == es.size());
  CHECK(f.gender[0] == lede::Gender::female);
  CHECK(f.gender[1] == lede::Gender::female);
  CHECK(f.gender[2] == lede::Gender::male);
  CHECK(f.gender[3] == lede::Gender::unknown);
  CHECK(f.gender[4] == lede::Gender::female);
}

TEST_CASE("an office title has one holder, written out, unless two people share it", "[entities][entity-facts]") {
  const std::vector<lede::Entity> es = {person("Maria Ostrova", {"Sen."}), person("Anna Kovacs", {"President"}),
                                        person("Luis Ortega", {"President"}), person("Paul Berg", {"Prime Minister"})};
  const lede::EntityFacts f = lede::find_entity_facts(es, 10);
  REQUIRE(f.holder_of_title.count("senator"));
  CHECK(f.holder_of_title.at("senator") == 0);
  CHECK(f.holder_of_title.count("sen.") == 0);
  CHECK(f.holder_of_title.at("president") == lede::EntityFacts::kSharedTitle);
  CHECK(f.holder_of_title.at("prime minister") == 3);
}

TEST_CASE("titles of organisations and of mentions outside the text are no facts", "[entities][entity-facts]") {
  lede::Entity org = person("Velmont", {"President"});
  org.type = lede::EntityType::ORG;
  const std::vector<lede::Entity> es = {org, person("Anna Kerr", {"Mrs."}, 20)};
  const lede::EntityFacts f = lede::find_entity_facts(es, 10);
  CHECK(f.holder_of_title.empty());
  CHECK(f.gender[1] == lede::Gender::female);  // from "Anna": the title's mention is out of range
}

TEST_CASE("persons named in full who share a surname, and how often each is named in full",
          "[entities][entity-facts]") {
  auto named = [](const std::string& name, std::vector<uint32_t> lengths) {
    lede::Entity e = person(name, {});
    for (uint32_t n : lengths) {
      lede::Mention m;
      m.type = e.type;
      m.first_token = 0;
      m.end_token = n;
      e.mentions.push_back(m);
    }
    return e;
  };
  const std::vector<lede::Entity> es = {named("Ted Cruz", {2, 2, 1}), named("Heidi Cruz", {2, 1, 1}),
                                        named("Rafael Cruz", {2}), named("Mike Lee", {2}), named("Cruz", {1})};
  const lede::EntityFacts f = lede::find_entity_facts(es, 10);
  REQUIRE(f.full_mentions.size() == es.size());
  CHECK(f.full_mentions[0] == 2);
  CHECK(f.full_mentions[1] == 1);
  CHECK(f.full_mentions[4] == 0);
  const auto cruz = f.persons_sharing_surname.find("cruz");
  REQUIRE(cruz != f.persons_sharing_surname.end());
  CHECK(cruz->second == std::vector<uint32_t>{0, 1, 2});  // not the bare "Cruz"
  CHECK(f.persons_sharing_surname.count("lee") == 0);     // one Lee: nothing to choose
}
