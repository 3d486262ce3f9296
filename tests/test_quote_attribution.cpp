// Attribution patterns around quotations with marks (core/src/quotes/attribution.h): one case for
// each pattern, checking the speaker phrase and the cue it reports.
#include <catch2/catch.hpp>

#include "quote_fixture.h"
#include "quotes/attribution.h"

using lede_test::QuoteFixture;
namespace q = lede::quotes;

namespace {

struct Found {
  std::string speaker, cue;
};

// The attribution of the fixture's `nth` quotation: its speaker phrase and cue, "(none)" when
// absent.
Found attribution_of(const QuoteFixture& fx, size_t nth = 0) {
  REQUIRE(fx.spans.size() > nth);
  const q::Attribution a = q::attribute_quoted(fx.ix(), fx.spans[nth]);
  return {a.speaker.ok() ? fx.between(a.speaker.first, a.speaker.end) : "(none)",
          a.has_cue() ? fx.between(a.cue_first, a.cue_end) : "(none)"};
}

}  // namespace

TEST_CASE("each attribution pattern finds its speaker and cue", "[quotes][quote-attribution]") {
  struct Case {
    const char* pattern;
    const char* text;
    const char* speaker;
    const char* cue;
  };
  const Case cases[] = {
      // After the closing mark first: the cue before the colon introduces nothing here.
      {"speaker_inverted", "Ortiz told reporters: “We are ready,” said an aide.", "an aide", "said"},
      {"according_to_after_closing_mark", "Ortiz told reporters: “Prices will fall,” according to the central bank.",
       "the central bank", "according to"},
      {"byline_after_quote", "“Never give up.” ― Sonya Herridge", "Sonya Herridge", "(none)"},
      {"speaker_after_closing_mark", "“We are ready,” Rep. Gwen Moore (D-Wis.) also said.",
       "Rep. Gwen Moore", "said"},
      {"speaker_after_closing_mark (before the cue ahead of the mark)",
       "Ortiz told reporters: “We are ready,” the aide said.", "the aide", "said"},
      {"headline_name_colon", "Pence On Trade: Trump Was ‘Mocking’ Clinton Camp", "Pence On Trade", ":"},
      {"speaker_cue_before_colon_or_comma", "Ortiz told local reporters: “We expect delays.”", "Ortiz", "told"},
      {"names_before_colon", "Ortiz: “We will rebuild the bridge”", "Ortiz", ":"},
      {"speaker_cue_right_before_mark", "Ortiz said “we expect delays” again.", "Ortiz", "said"},
      {"according_to_before_quote", "According to the ministry the plan is “dead” now.", "the ministry the plan is",
       "According to"},
      {"cue_earlier_in_sentence", "The governor called the plan a “reckless gamble” on Tuesday.", "The governor",
       "called"},
      {"claim_noun_owner", "They doubted Trump's claim of “thousands of shootings” there.", "Trump", "claim"},
      {"cue_later_in_sentence", "A “total disaster” is what the mayor called it.", "the mayor", "called"},
      {"according_to_later_in_sentence", "A “total disaster” it was, according to the mayor.", "the mayor",
       "according to"},
  };
  for (const Case& c : cases) {
    INFO(c.pattern << "\n  text: " << c.text);
    QuoteFixture fx(c.text);
    const Found got = attribution_of(fx);
    CHECK(got.speaker == c.speaker);
    CHECK(got.cue == c.cue);
  }
}

TEST_CASE("a colon with no cue hands the quotation to the last person named before it",
          "[quotes][quote-attribution]") {
  QuoteFixture fx("The race was a surprise to pollster Daron Shaw: “It is close.”");
  CHECK(attribution_of(fx).speaker == "(none)");  // no entity: nobody is named
  fx.add_entity("Daron", "Shaw", lede::EntityType::PERSON);
  const Found got = attribution_of(fx);
  CHECK(got.speaker == "Daron Shaw");
  CHECK(got.cue == ":");
}

TEST_CASE("a quotation ending its sentence is not introduced by the next one", "[quotes][quote-attribution]") {
  QuoteFixture fx("Ortiz spoke. “We will win the vote.” Marsh said nothing.");
  CHECK(attribution_of(fx).speaker == "(none)");
}

TEST_CASE("without a cue: the previous sentence's subject or the quoted words' own", "[quotes][quote-attribution]") {
  QuoteFixture fx("Maria Ostrova criticised the budget. “It will not survive.”");
  const uint32_t open = fx.spans.at(0).open;
  CHECK_FALSE(q::subject_of_previous_sentence(fx.ix(), open).ok());  // names no one yet
  fx.add_entity("Maria", "Ostrova", lede::EntityType::PERSON);
  const q::Phrase sp = q::subject_of_previous_sentence(fx.ix(), open);
  REQUIRE(sp.ok());
  CHECK(fx.between(sp.first, sp.end) == "Maria Ostrova");

  QuoteFixture words("She called the budget “a joke” again.");
  const q::Phrase pronoun = q::subject_before_quoted_words(words.ix(), words.spans.at(0).open);
  REQUIRE(pronoun.ok());
  CHECK(words.between(pronoun.first, pronoun.end) == "She");
  QuoteFixture nobody("The budget was “a joke” again.");
  CHECK_FALSE(q::subject_before_quoted_words(nobody.ix(), nobody.spans.at(0).open).ok());
}
