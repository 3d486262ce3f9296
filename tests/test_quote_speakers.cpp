// Speaker phrases resolved to entities (core/src/quotes/speakers.h), with the entity facts the
// entities stage hands in.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "quote_fixture.h"
#include "quotes/speakers.h"

using lede_test::QuoteFixture;
namespace q = lede::quotes;

namespace {

// The speaker of the phrase [first word, last word] (first occurrences).
lede::Speaker speaker(const QuoteFixture& fx, const std::string& first, const std::string& last, int nth = 0) {
  const uint32_t f = fx.token(first, nth), l = fx.token(last, nth);
  REQUIRE(f != UINT32_MAX);
  REQUIRE(l != UINT32_MAX);
  return q::speaker_of_phrase(fx.ix(), {f, l + 1});
}

}  // namespace

TEST_CASE("a phrase naming no entity is its own words, single-spaced", "[quotes][quote-speakers]") {
  QuoteFixture fx("The  union\nleader said no.");
  const lede::Speaker s = speaker(fx, "The", "leader");
  CHECK(s.entity == lede::Speaker::kNoEntity);
  CHECK(s.name == "The union leader");
  REQUIRE(s.has_mention);
  CHECK(fx.text.substr(s.mention.start, s.mention.end - s.mention.start) == "The  union\nleader");
}

TEST_CASE("he and she resolve by the gender of titles and first names", "[quotes][quote-speakers]") {
  QuoteFixture fx("Mrs. Kerr met Paul Berg. He said no.");
  fx.add_entity("Kerr", "Kerr", lede::EntityType::PERSON, "Mrs.");
  fx.add_entity("Paul", "Berg", lede::EntityType::PERSON);
  const lede::Speaker he = speaker(fx, "He", "He");
  CHECK(he.entity == 1);
  CHECK(he.name == "Paul Berg");
  QuoteFixture she("Mrs. Kerr met Paul Berg. She said no.");
  she.add_entity("Kerr", "Kerr", lede::EntityType::PERSON, "Mrs.");
  she.add_entity("Paul", "Berg", lede::EntityType::PERSON);
  CHECK(speaker(she, "She", "She").entity == 0);
}

TEST_CASE("it and they prefer organisations, and skip quoted names", "[quotes][quote-speakers]") {
  QuoteFixture fx("Norland met the “Velmont” board. It said no.");
  fx.add_entity("Norland", "Norland", lede::EntityType::LOC);
  fx.add_entity("Velmont", "Velmont", lede::EntityType::ORG);
  CHECK(speaker(fx, "It", "It").entity == 0);  // the organisation is quoted: the place, second pass
}

TEST_CASE("an office the article gives one person is that person", "[quotes][quote-speakers]") {
  QuoteFixture fx("Mayor Ruiz spoke. The mayor said no.");
  fx.add_entity("Ruiz", "Ruiz", lede::EntityType::PERSON, "Mayor");
  CHECK(speaker(fx, "The", "mayor").entity == 0);
  QuoteFixture two("Mayor Ruiz met Mayor Berg. The mayor said no.");
  two.add_entity("Ruiz", "Ruiz", lede::EntityType::PERSON, "Mayor");
  two.add_entity("Berg", "Berg", lede::EntityType::PERSON, "Mayor");
  CHECK(speaker(two, "The", "mayor").entity == lede::Speaker::kNoEntity);
}

TEST_CASE("of two persons in one phrase, the one heading it speaks", "[quotes][quote-speakers]") {
  QuoteFixture fx("Clinton Campaign Chairman John Podesta of Clinton's team said no.");
  fx.add_entity("Clinton", "Clinton", lede::EntityType::PERSON);
  fx.add_entity("John", "Podesta", lede::EntityType::PERSON);
  CHECK(speaker(fx, "Clinton", "Podesta").entity == 1);
  // After a preposition a person is no longer the head: "John Podesta of Clinton's team".
  const uint32_t team = fx.token("team");
  CHECK(q::speaker_of_phrase(fx.ix(), {fx.token("John"), team + 1}).entity == 1);
}

TEST_CASE("a role-headed phrase is not the place in it; an organisation speaks through its people",
          "[quotes][quote-speakers]") {
  QuoteFixture fx("The Florida senator and a Kremlin spokesman said no.");
  fx.add_entity("Florida", "Florida", lede::EntityType::LOC);
  fx.add_entity("Kremlin", "Kremlin", lede::EntityType::ORG);
  CHECK(speaker(fx, "The", "senator").entity == lede::Speaker::kNoEntity);
  CHECK(speaker(fx, "a", "spokesman").entity == 1);
}

TEST_CASE("a pronoun is the running speaker unless a sentence since opened with another person",
          "[quotes][quote-speakers]") {
  // Kidd spoke in sentence 0; "He" in sentence 2 is Kidd, unless sentence 1 turned to Scott.
  const q::RunningSpeaker kidd{0, 0};
  QuoteFixture fx("Paul Kidd said no. Scott bristles at the idea. He said yes.");
  fx.add_entity("Paul", "Kidd", lede::EntityType::PERSON);
  fx.add_entity("Scott", "Scott", lede::EntityType::PERSON);
  const uint32_t he = fx.token("He");
  CHECK(q::speaker_of_phrase(fx.ix(), {he, he + 1}, kidd).entity == 1);
  QuoteFixture calm("Paul Kidd said no. The idea bothered Scott. He said yes.");
  calm.add_entity("Paul", "Kidd", lede::EntityType::PERSON);
  calm.add_entity("Scott", "Scott", lede::EntityType::PERSON);
  const uint32_t he2 = calm.token("He");
  CHECK(q::speaker_of_phrase(calm.ix(), {he2, he2 + 1}, kidd).entity == 0);
  // A subject of "be" is talked about; the running speaker goes on.
  QuoteFixture passive("Paul Kidd said no. Scott, a teacher, was called names. He said yes.");
  passive.add_entity("Paul", "Kidd", lede::EntityType::PERSON);
  passive.add_entity("Scott", "Scott", lede::EntityType::PERSON);
  const uint32_t he3 = passive.token("He");
  CHECK(q::speaker_of_phrase(passive.ix(), {he3, he3 + 1}, kidd).entity == 0);
}

TEST_CASE("a bare surname two persons share is the one the article names in full most often",
          "[quotes][quote-speakers]") {
  // The merging put the bare "Cruz" with Heidi Cruz, named just before it; the article is about
  // Ted Cruz, named in full twice. "Mrs. Cruz" is Heidi whatever the counts.
  QuoteFixture fx("Ted Cruz spoke. Ted Cruz met Heidi Cruz. Cruz said no. Mrs. Cruz said yes.");
  fx.add_entity("Ted", "Cruz", lede::EntityType::PERSON);
  fx.add_entity("Heidi", "Heidi", lede::EntityType::PERSON);  // its name and mention set below
  auto add_mention = [&](size_t entity, uint32_t first, uint32_t end, const std::string& title = "") {
    lede::Mention m;
    m.type = lede::EntityType::PERSON;
    m.first_token = first;
    m.end_token = end;
    m.span = {fx.tokens[first].span.start, fx.tokens[end - 1].span.end};
    m.title = title;
    fx.entities[entity].mentions.push_back(m);
  };
  add_mention(0, fx.token("Ted", 1), fx.token("Ted", 1) + 2);
  fx.entities[1].mentions.clear();
  add_mention(1, fx.token("Heidi"), fx.token("Heidi") + 2);
  fx.entities[1].name = "Heidi Cruz";
  const uint32_t bare = fx.token("Cruz", 3), titled = fx.token("Cruz", 4);
  add_mention(1, bare, bare + 1);
  add_mention(1, titled, titled + 1, "Mrs.");
  fx.rebuild();
  CHECK(q::speaker_of_phrase(fx.ix(), {bare, bare + 1}).entity == 0);
  CHECK(q::speaker_of_phrase(fx.ix(), {titled - 1, titled + 1}).entity == 1);
}

TEST_CASE("a campaign or an administration is not the person in its name", "[quotes][quote-speakers]") {
  QuoteFixture fx("Donald Trump spoke. The Trump campaign said no. The Norland party said yes.");
  fx.add_entity("Donald", "Trump", lede::EntityType::PERSON);
  const lede::Speaker campaign = speaker(fx, "The", "campaign");
  CHECK(campaign.entity == lede::Speaker::kNoEntity);
  CHECK(campaign.name == "The Trump campaign");
  // An organisation named in such a phrase still speaks for it.
  fx.add_entity("Norland", "Norland", lede::EntityType::ORG);
  CHECK(q::speaker_of_phrase(fx.ix(), {fx.token("The", 1), fx.token("party") + 1}).entity == 1);
}

TEST_CASE("the party is the organisation named before it, by type or by its name's last word",
          "[quotes][quote-speakers]") {
  // The tagger may read "Green League" as MISC: its last word names a kind of organisation.
  QuoteFixture fx("The Green League won. The party said so.");
  fx.add_entity("Green", "League", lede::EntityType::MISC);
  CHECK(q::speaker_of_phrase(fx.ix(), {fx.token("The", 1), fx.token("party") + 1}).entity == 0);
  // A MISC name that names no organisation ("Irish") is none.
  QuoteFixture irish("The Irish voters won. The party said so.");
  irish.add_entity("Irish", "Irish", lede::EntityType::MISC);
  CHECK(q::speaker_of_phrase(irish.ix(), {irish.token("The", 1), irish.token("party") + 1}).entity ==
        lede::Speaker::kNoEntity);
}

TEST_CASE("a described role is the one person the article so describes", "[quotes][quote-speakers]") {
  // The speaker of the last occurrence of `words` in the fixture's text.
  auto speaker_of = [](const QuoteFixture& fx, const std::string& words) {
    const size_t at = fx.text.rfind(words);
    REQUIRE(at != std::string::npos);
    uint32_t first = UINT32_MAX, last = UINT32_MAX;
    for (uint32_t i = 0; i < fx.tokens.size(); ++i) {
      if (fx.tokens[i].span.start == at) first = i;
      if (fx.tokens[i].span.end == at + words.size()) last = i;
    }
    REQUIRE(first != UINT32_MAX);
    REQUIRE(last != UINT32_MAX);
    return q::speaker_of_phrase(fx.ix(), {first, last + 1});
  };
  // Before the name, with every modifier of the phrase (GOP and Republican are one party), or
  // after it in apposition; "vice" makes another role.
  const std::string people = "Republican presidential nominee Dana Holt met Democratic vice presidential nominee "
                             "Lee Park and Democratic nominee Kim Roe. Ann Ruiz, the Ohio governor, came. ";
  auto fixture = [&](const std::string& sentence) {
    auto fx = std::make_unique<QuoteFixture>(people + sentence);
    fx->add_entity("Dana", "Holt", lede::EntityType::PERSON);
    fx->add_entity("Lee", "Park", lede::EntityType::PERSON);
    fx->add_entity("Kim", "Roe", lede::EntityType::PERSON);
    fx->add_entity("Ann", "Ruiz", lede::EntityType::PERSON);
    return fx;
  };
  CHECK(speaker_of(*fixture("The GOP nominee spoke."), "The GOP nominee").name == "Dana Holt");
  CHECK(speaker_of(*fixture("The Ohio governor spoke."), "The Ohio governor").name == "Ann Ruiz");
  CHECK(speaker_of(*fixture("The Democratic nominee spoke."), "The Democratic nominee").name == "Kim Roe");
  CHECK(speaker_of(*fixture("The Democratic vice presidential nominee spoke."),
                   "The Democratic vice presidential nominee").name == "Lee Park");
  CHECK(speaker_of(*fixture("The presidential nominee spoke."), "The presidential nominee").name == "Dana Holt");
  // Two people so described: neither.
  QuoteFixture two("Senate nominee Ann Ruiz met Senate nominee Lee Park. The Senate nominee spoke.");
  two.add_entity("Ann", "Ruiz", lede::EntityType::PERSON);
  two.add_entity("Lee", "Park", lede::EntityType::PERSON);
  CHECK(speaker_of(two, "The Senate nominee").entity == lede::Speaker::kNoEntity);
  // A role many share, alone, is nobody in particular.
  QuoteFixture generic("Fellow candidate Ben Carson spoke. Then the candidate said no.");
  generic.add_entity("Ben", "Carson", lede::EntityType::PERSON);
  CHECK(speaker_of(generic, "the candidate").entity == lede::Speaker::kNoEntity);
}
