// Entity merging (issue 4) on hand-made mention lists, so that these tests pin the merging rules
// independently of the tagger. The sentences are invented for these tests; each case says which
// rule it guards.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "entities/entities.h"
#include "lede/lede.h"
#include "text/segment.h"
#include "text/tokenize.h"

namespace {

struct Doc {
  std::string text;
  std::vector<lede::Token> tokens;
  std::vector<lede::Segment> sentences;
  std::vector<lede::Mention> mentions;

  explicit Doc(std::string t) : text(std::move(t)) {
    tokens = lede::tokenize(text);
    auto paragraphs = lede::find_paragraphs(text, tokens);
    sentences = lede::find_sentences(text, tokens, paragraphs);
  }

  // Adds the `nth` occurrence of `surface` as a mention of `type` (it must cover whole tokens).
  Doc& add(const std::string& surface, lede::EntityType type, int nth = 0) {
    size_t at = text.find(surface);
    for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(surface, at + 1);
    REQUIRE(at != std::string::npos);
    lede::Mention m;
    m.type = type;
    bool first = false, last = false;
    for (uint32_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].span.start == at) {
        m.first_token = i;
        first = true;
      }
      if (tokens[i].span.end == at + surface.size()) {
        m.end_token = i + 1;
        last = true;
      }
    }
    REQUIRE(first);
    REQUIRE(last);
    m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + surface.size())};
    mentions.push_back(m);
    return *this;
  }

  std::vector<lede::Entity> merge() const {
    return lede::merge_entities(text, tokens, sentences, mentions);
  }
};

const lede::Entity* entity_with(const std::vector<lede::Entity>& es, const std::string& text,
                                const std::string& surface) {
  for (const lede::Entity& e : es)
    for (const lede::Mention& m : e.mentions)
      if (text.substr(m.span.start, m.span.end - m.span.start) == surface) return &e;
  return nullptr;
}

using lede::EntityType;

}  // namespace

TEST_CASE("full names, surnames and titles merge into one person", "[entities]") {
  Doc d("Maria Ostrova arrived on Monday. Ostrova said little. Later President Ostrova left.");
  d.add("Maria Ostrova", EntityType::PERSON).add("Ostrova", EntityType::PERSON, 1).add("Ostrova", EntityType::PERSON, 2);
  auto es = d.merge();
  REQUIRE(es.size() == 1);
  CHECK(es[0].name == "Maria Ostrova");
  CHECK(es[0].type == EntityType::PERSON);
  CHECK(es[0].mentions.size() == 3);
  CHECK(es[0].mentions[2].title == "President");  // the title before the name is recorded
  CHECK(es[0].aliases == std::vector<std::string>{"Maria Ostrova", "Ostrova"});
}

TEST_CASE("a title inside the tagger's span is moved out of it", "[entities]") {
  // Why: the tagger may include the title; the entity name and span never do.
  Doc d("Prime Minister Tomas Vell spoke. Vell's plan failed.");
  d.add("Prime Minister Tomas Vell", EntityType::PERSON).add("Vell", EntityType::PERSON, 1);
  auto es = d.merge();
  REQUIRE(es.size() == 1);
  CHECK(es[0].name == "Tomas Vell");
  CHECK(es[0].mentions[0].title == "Prime Minister");
  CHECK(d.text.substr(es[0].mentions[0].span.start,
                      es[0].mentions[0].span.end - es[0].mentions[0].span.start) == "Tomas Vell");
}

TEST_CASE("people sharing a surname stay apart; a bare surname joins the nearest", "[entities]") {
  Doc d("Anna Kerr and Paul Kerr ran. Paul Kerr lost. Kerr conceded.");
  d.add("Anna Kerr", EntityType::PERSON)
      .add("Paul Kerr", EntityType::PERSON)
      .add("Paul Kerr", EntityType::PERSON, 1)
      .add("Kerr", EntityType::PERSON, 3);
  auto es = d.merge();
  REQUIRE(es.size() == 2);
  const lede::Entity* anna = entity_with(es, d.text, "Anna Kerr");
  const lede::Entity* paul = entity_with(es, d.text, "Paul Kerr");
  REQUIRE(anna != paul);
  CHECK(paul->mentions.size() == 3);  // "Kerr conceded" follows "Paul Kerr lost"
  CHECK(anna->mentions.size() == 1);
}

TEST_CASE("case, diacritics and transliteration variants", "[entities]") {
  Doc d("José Narváez met Jose Narvaez's aide. NARVAEZ smiled. Volodymyr Zelenskyy spoke; Zelensky left.");
  d.add("José Narváez", EntityType::PERSON)
      .add("Jose Narvaez", EntityType::PERSON)
      .add("NARVAEZ", EntityType::PERSON)
      .add("Volodymyr Zelenskyy", EntityType::PERSON)
      .add("Zelensky", EntityType::PERSON, 1);
  auto es = d.merge();
  REQUIRE(es.size() == 2);
  CHECK(es[0].mentions.size() == 3);
  CHECK(es[1].name == "Volodymyr Zelenskyy");
  CHECK(es[1].mentions.size() == 2);
}

TEST_CASE("one letter apart is a variant only for long distinctive names", "[entities]") {
  // Why: "Kerr" and "Karr" are different people; "Oleksandrenko" / "Oleksandrenco" are not.
  Doc d("Kerr met Karr. Oleksandrenko met Oleksandrenco.");
  d.add("Kerr", EntityType::PERSON)
      .add("Karr", EntityType::PERSON)
      .add("Oleksandrenko", EntityType::PERSON)
      .add("Oleksandrenco", EntityType::PERSON);
  auto es = d.merge();
  CHECK(es.size() == 3);
}

TEST_CASE("acronyms join their long form; an acronym never joins a person", "[entities]") {
  Doc d("The Baltic Energy Council (BEC) met. BEC said no. Kim Jong Un spoke at the UN.");
  d.add("Baltic Energy Council", EntityType::ORG)
      .add("BEC", EntityType::ORG)
      .add("BEC", EntityType::ORG, 1)
      .add("Kim Jong Un", EntityType::PERSON)
      .add("UN", EntityType::ORG, 0);
  auto es = d.merge();
  const lede::Entity* council = entity_with(es, d.text, "Baltic Energy Council");
  REQUIRE(council != nullptr);
  CHECK(council->mentions.size() == 3);
  const lede::Entity* kim = entity_with(es, d.text, "Kim Jong Un");
  REQUIRE(kim != nullptr);
  CHECK(kim->mentions.size() == 1);
}

TEST_CASE("a company with and without its legal form is one; a person never joins", "[entities]") {
  // Why: "Calloway Energy Ltd." and later "Calloway Energy" are one company, "Orvik AG" and "Orvik"
  // too; "Ford Co." is not the man called Ford, and "Calloway Energy Group" is not a legal form.
  Doc d("Calloway Energy Ltd. owns the plant. Calloway Energy said it would appeal. Orvik AG agreed; "
        "Orvik declined. Ford Co. hired Ford. Calloway Energy Group sued.");
  d.add("Calloway Energy Ltd.", EntityType::ORG)
      .add("Calloway Energy", EntityType::ORG, 1)
      .add("Orvik AG", EntityType::ORG)
      .add("Orvik", EntityType::ORG, 1)
      .add("Ford Co.", EntityType::ORG)
      .add("Ford", EntityType::PERSON, 1)
      .add("Calloway Energy Group", EntityType::ORG);
  auto es = d.merge();
  const lede::Entity* calloway = entity_with(es, d.text, "Calloway Energy Ltd.");
  REQUIRE(calloway != nullptr);
  CHECK(calloway->mentions.size() == 2);
  CHECK(calloway->name == "Calloway Energy Ltd.");
  CHECK(calloway->aliases == std::vector<std::string>{"Calloway Energy Ltd.", "Calloway Energy"});
  const lede::Entity* orvik = entity_with(es, d.text, "Orvik AG");
  REQUIRE(orvik != nullptr);
  CHECK(orvik->mentions.size() == 2);
  CHECK(entity_with(es, d.text, "Ford Co.")->mentions.size() == 1);
  CHECK(entity_with(es, d.text, "Calloway Energy Group")->mentions.size() == 1);
  CHECK(es.size() == 5);
}

TEST_CASE("an entity is named in ordinary case when the text has it so", "[entities]") {
  // Why: a dateline ("PORT ELLIS, Norland —") is the first mention of the town, but its name is
  // "Port Ellis"; an acronym written only in capitals keeps them.
  Doc d("PORT ELLIS, Norland - The council of Port Ellis met. NATO said Port Ellis was safe. NATO left.");
  d.add("PORT ELLIS", EntityType::LOC)
      .add("Port Ellis", EntityType::LOC)
      .add("NATO", EntityType::ORG)
      .add("Port Ellis", EntityType::LOC, 1)
      .add("NATO", EntityType::ORG, 1);
  auto es = d.merge();
  REQUIRE(es.size() == 2);
  CHECK(es[0].name == "Port Ellis");
  CHECK(es[0].aliases == std::vector<std::string>{"PORT ELLIS", "Port Ellis"});
  CHECK(es[0].mentions.size() == 3);
  CHECK(es[1].name == "NATO");
}

TEST_CASE("the alias table merges well-known variants", "[entities]") {
  Doc d("Aid reached Kiev on Monday. Kyiv asked for more.");
  d.add("Kiev", EntityType::LOC).add("Kyiv", EntityType::LOC);
  auto es = d.merge();
  REQUIRE(es.size() == 1);
  CHECK(es[0].aliases == std::vector<std::string>{"Kiev", "Kyiv"});
}

TEST_CASE("the entity type is the majority of its mentions", "[entities]") {
  Doc d("Velmont voted. Velmont won. Velmont cheered.");
  d.add("Velmont", EntityType::ORG).add("Velmont", EntityType::LOC, 1).add("Velmont", EntityType::LOC, 2);
  auto es = d.merge();
  REQUIRE(es.size() == 1);
  CHECK(es[0].type == EntityType::LOC);
}

TEST_CASE("merging survives odd and many mentions", "[entities][robustness]") {
  Doc empty("");
  CHECK(empty.merge().empty());
  // Out-of-range and empty mentions are dropped rather than trusted.
  Doc d("Ostrova spoke.");
  lede::Mention bad;
  bad.first_token = 5;
  bad.end_token = 9;
  d.mentions.push_back(bad);
  lede::Mention none;
  d.mentions.push_back(none);
  CHECK(d.merge().empty());
  // Thousands of distinct names finish quickly (pairwise work is bounded).
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Name" + std::to_string(i) + "x Surname" + std::to_string(i) + "y. ";
  Doc many(text);
  for (uint32_t i = 0; i + 1 < many.tokens.size(); ++i)
    if (many.text[many.tokens[i].span.start] == 'N') {
      lede::Mention m;
      m.first_token = i;
      m.end_token = i + 2;
      m.type = EntityType::PERSON;
      m.span = {many.tokens[i].span.start, many.tokens[i + 1].span.end};
      many.mentions.push_back(m);
    }
  CHECK(many.merge().size() == many.mentions.size());
}
