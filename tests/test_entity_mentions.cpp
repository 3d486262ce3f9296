// Mentions' spans and titles (core/src/entities/mentions.h): the one place a title is decided.
#include <catch2/catch.hpp>

#include "entities/mentions.h"
#include "text/tokenize.h"

namespace {

struct Separated {
  std::string span, title;
};

// The mention over the words [first, last] (their first occurrences) after separate_title.
Separated separate(const std::string& text, const std::string& first, const std::string& last,
                   lede::EntityType type = lede::EntityType::PERSON) {
  const std::vector<lede::Token> tokens = lede::tokenize(text);
  lede::Mention m;
  m.type = type;
  m.first_token = m.end_token = UINT32_MAX;
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const std::string t = text.substr(tokens[i].span.start, tokens[i].span.end - tokens[i].span.start);
    if (t == first && m.first_token == UINT32_MAX) m.first_token = i;
    if (t == last && m.first_token != UINT32_MAX && m.end_token == UINT32_MAX) m.end_token = i + 1;
  }
  REQUIRE(m.end_token != UINT32_MAX);
  lede::separate_title(text, tokens, &m);
  return {text.substr(m.span.start, m.span.end - m.span.start), m.title};
}

}  // namespace

TEST_CASE("a title inside the span moves out of it", "[entities][entity-mentions]") {
  const Separated s = separate("Prime Minister Tomas Vell spoke.", "Prime", "Vell");
  CHECK(s.span == "Tomas Vell");
  CHECK(s.title == "Prime Minister");
}

TEST_CASE("a title before the span is recorded, with a capitalised modifier", "[entities][entity-mentions]") {
  Separated s = separate("Later President Ostrova left.", "Ostrova", "Ostrova");
  CHECK(s.span == "Ostrova");
  CHECK(s.title == "President");
  s = separate("Then Prime\nMinister Theresa May spoke.", "Theresa", "May");
  CHECK(s.title == "Prime Minister");  // single-spaced across the line break
  s = separate("Then prime Minister Theresa May spoke.", "Theresa", "May");
  CHECK(s.title == "Minister");  // the modifier must be capitalised
}

TEST_CASE("only people have titles; a possessive never ends a span", "[entities][entity-mentions]") {
  Separated s = separate("President Velmont's board met.", "Velmont", "'s", lede::EntityType::ORG);
  CHECK(s.span == "Velmont");
  CHECK(s.title.empty());
  s = separate("Ortiz's plan failed.", "Ortiz", "'s");
  CHECK(s.span == "Ortiz");
}

TEST_CASE("names and titles are shown single-spaced", "[entities][entity-mentions]") {
  CHECK(lede::single_spaced("  Prime \n\t Minister  ") == "Prime Minister");
  CHECK(lede::single_spaced("") == "");
}
