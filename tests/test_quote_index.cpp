// The quotes stage's token index (core/src/quotes/index.h): lower forms, cue entries, sentence
// and paragraph ranges, mentions, headlines.
#include <catch2/catch.hpp>

#include "quote_fixture.h"

using lede_test::QuoteFixture;

TEST_CASE("the index lower-cases words and looks their cue entries up once", "[quotes][quote-index]") {
  QuoteFixture fx("Ortiz SAID it.");
  const auto& ix = fx.ix();
  REQUIRE(ix.n == fx.tokens.size());
  const uint32_t said = fx.token("SAID");
  CHECK(ix.lower[said] == "said");
  CHECK(ix.cue_verb[said].form == lede::CueForm::past);
  CHECK(ix.cue_verb[fx.token("Ortiz")].form == lede::CueForm::none);
  CHECK(ix.lower[fx.token(".")] == ".");  // punctuation too
  CHECK(ix.upper_initial(fx.token("Ortiz")));
  CHECK_FALSE(ix.upper_initial(fx.token("it")));
}

TEST_CASE("a non-ASCII capital counts when case folding changes its first byte", "[quotes][quote-index]") {
  QuoteFixture fx("Σοφία met σοφία.");
  CHECK(fx.ix().upper_initial(fx.token("Σοφία")));
  CHECK_FALSE(fx.ix().upper_initial(fx.token("σοφία")));
}

TEST_CASE("sentences and paragraphs are token ranges", "[quotes][quote-index]") {
  QuoteFixture fx("One two. Three four.\n\nFive six.");
  const auto& ix = fx.ix();
  const uint32_t three = fx.token("Three"), five = fx.token("Five");
  CHECK(ix.sentence_of[three] == 1);
  CHECK(ix.sentence_first[1] == three);
  CHECK(ix.sentence_of[five] == 2);
  CHECK(ix.paragraph_of[three] == 0);
  CHECK(ix.paragraph_of[five] == 1);
  CHECK(ix.paragraph_first[1] == five);
  CHECK(ix.paragraph_end[1] == ix.n);
}

TEST_CASE("tokens outside every segment get a range of their own", "[quotes][quote-index]") {
  const std::string text = "Ortiz said so";
  const std::vector<lede::Token> tokens = lede::tokenize(text);
  const std::vector<lede::Segment> none;
  const std::vector<lede::Entity> entities;
  const lede::EntityFacts facts;
  const lede::QuoteInput in{text, tokens, none, none, entities, facts};
  lede::quotes::TokenIndex ix(in);
  lede::quotes::build_token_index(in, &ix);
  REQUIRE(ix.sentence_first.size() == tokens.size());
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    CHECK(ix.sentence_of[i] == i);
    CHECK(ix.sentence_end[i] == i + 1);
    CHECK(ix.paragraph_of[i] == i);
  }
}

TEST_CASE("each token knows the mention covering it", "[quotes][quote-index]") {
  QuoteFixture fx("Yesterday Maria Ostrova spoke.");
  fx.add_entity("Maria", "Ostrova", lede::EntityType::PERSON);
  const auto& ix = fx.ix();
  const uint32_t maria = fx.token("Maria"), ostrova = fx.token("Ostrova");
  CHECK(ix.entity_at[fx.token("Yesterday")] == lede::quotes::kNone);
  CHECK(ix.entity_at[ostrova] == 0);
  CHECK(ix.mention_first[ostrova] == maria);
  CHECK(ix.mention_end[maria] == ostrova + 1);
}

TEST_CASE("a paragraph in Title Case is a headline", "[quotes][quote-index]") {
  QuoteFixture fx("Obama Says Trends Are Terrifying\n\nObama said the trends were terrifying.");
  CHECK(fx.ix().headline[0] == 1);
  CHECK(fx.ix().headline[1] == 0);
}
