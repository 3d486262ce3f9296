// Entity merging (issue 4) on hand-made mention lists, so that these tests pin the merging rules
// independently of the tagger: the corpus of cases in tests/corpus/entities (invented sentences,
// each saying which rule it guards) and robustness on odd input.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "entities/entities.h"
#include "lede/lede.h"
#include "text/segment.h"
#include "text/tokenize.h"
#include "corpus_case.h"
#include "support.h"

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

lede::EntityType type_named(const std::string& name) {
  for (lede::EntityType t : {lede::EntityType::PERSON, lede::EntityType::ORG, lede::EntityType::LOC,
                             lede::EntityType::MISC})
    if (name == lede::entity_type_name(t)) return t;
  FAIL("unknown entity type " << name);
  return lede::EntityType::MISC;
}

// Each entity as the corpus files write it: "TYPE name", then its aliases and its mentions (each
// with its title when it has one), in entity order.
std::vector<std::string> entity_lines(const std::string& text, const std::vector<lede::Entity>& es) {
  std::vector<std::string> out;
  for (const lede::Entity& e : es) {
    out.push_back(std::string(lede::entity_type_name(e.type)) + " " + e.name);
    std::string aliases = "  aliases:", mentions = "  mentions:";
    for (const std::string& a : e.aliases) aliases += (aliases.back() == ':' ? " " : " | ") + a;
    for (const lede::Mention& m : e.mentions) {
      mentions += (mentions.back() == ':' ? " " : " | ") + text.substr(m.span.start, m.span.end - m.span.start);
      if (!m.title.empty()) mentions += " (title " + m.title + ")";
    }
    out.push_back(aliases);
    out.push_back(mentions);
  }
  return out;
}

using lede::EntityType;

}  // namespace

TEST_CASE("entity corpus: the entities merged from each case's mentions", "[entities]") {
  // Each tests/corpus/entities case lists mentions ("TYPE: surface", "#N" for the Nth occurrence
  // of the surface) and every entity expected from them, in order, as entity_lines prints them.
  size_t checked = 0;
  for (const lede_test::CorpusCase& c : lede_test::read_corpus("entities")) {
    INFO(c.describe());
    REQUIRE(c.sections.count("mentions"));
    REQUIRE(c.sections.count("expected"));
    Doc d(c.text);
    for (const std::string& line : c.sections.at("mentions")) {
      const size_t colon = line.find(": ");
      REQUIRE(colon != std::string::npos);
      std::string surface = line.substr(colon + 2);
      int nth = 0;
      const size_t hash = surface.rfind(" #");
      if (hash != std::string::npos) {
        nth = std::stoi(surface.substr(hash + 2)) - 1;
        surface.resize(hash);
      }
      d.add(surface, type_named(line.substr(0, colon)), nth);
    }
    const std::vector<std::string> got = entity_lines(d.text, d.merge());
    const std::vector<std::string>& expected = c.sections.at("expected");
    INFO("expected:\n" << lede_test::join_lines(expected) << "got:\n" << lede_test::join_lines(got));
    CHECK(got == expected);
    ++checked;
  }
  CHECK(checked >= 10);
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

// A capitalised pronoun opening a paragraph ("She said she was …") was read as a name by some
// tagger models (PolNeAR dev's Loretta Lynch article: an entity "She" of six mentions, which no
// pronoun could then resolve to). find_mentions drops a mention that is one personal pronoun.
// Nor does a name run over a line break: the Latinos article's "Krystal Correa\n“He …" (a name on
// a line of its own, the person's words on the next) was one mention of five words.
TEST_CASE("no entity is a personal pronoun, and no name runs over a line break, in the PolNeAR dev texts",
          "[entities][data]") {
  const std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the PolNeAR dev mention check is skipped");
    return;
  }
  const std::vector<std::string> files = lede_test::list_dir(data + "/polnear/dev/text");
  REQUIRE(files.size() >= 84);
  std::string error;
  auto analyzer = lede::Analyzer::create(&error);
  REQUIRE(analyzer);
  size_t mentions = 0;
  for (const std::string& f : files) {
    const std::string text = lede_test::read_file(f);
    const lede::Analysis a = analyzer->analyze(text);
    for (const lede::Entity& e : a.entities) {
      INFO(f << ": entity " << e.name);
      CHECK((e.name != "She" && e.name != "He" && e.name != "It" && e.name != "They" && e.name != "We"));
      for (const lede::Mention& m : e.mentions) {
        CHECK(text.substr(m.span.start, m.span.end - m.span.start).find('\n') == std::string::npos);
        ++mentions;
      }
    }
  }
  CHECK(mentions > 5000);
}
