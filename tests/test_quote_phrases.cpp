// Cues and phrases (core/src/quotes/phrases.h).
#include <catch2/catch.hpp>

#include "quote_fixture.h"
#include "quotes/phrases.h"

using lede_test::QuoteFixture;
namespace q = lede::quotes;

namespace {

std::string phrase(const QuoteFixture& fx, q::Phrase p) { return p.ok() ? fx.between(p.first, p.end) : "(none)"; }

}  // namespace

TEST_CASE("a cue verb is a cue only where it stands as one", "[quotes][quote-phrases]") {
  struct Case {
    const char* text;
    const char* word;
    bool cue;
  };
  const Case cases[] = {
      {"Ortiz said the plan failed.", "said", true},
      {"The stated goal was growth.", "stated", false},   // after a determiner: an adjective
      {"Ortiz was told the plan failed.", "told", false},  // passive: the speaker is not the subject
      {"Ortiz called on Marsh to resign.", "called", false},
      {"Ortiz called the plan a farce.", "called", true},
      {"Ortiz pointed to the plan.", "pointed", false},   // "point" only with "out"
      {"Ortiz pointed out the flaw.", "pointed", true},
      {"The State Department Told reporters nothing.", "Told", false},  // a capital mid-sentence
  };
  for (const Case& c : cases) {
    INFO(c.text);
    QuoteFixture fx(c.text);
    CHECK(q::cue_at(fx.ix(), fx.token(c.word), nullptr) == c.cue);
  }
}

TEST_CASE("beliefs and intentions are cues of reported speech, never of quotations", "[quotes][quote-phrases]") {
  QuoteFixture fx("Ortiz hopes the plan works.");
  lede::CueVerb v;
  REQUIRE(q::cue_at(fx.ix(), fx.token("hopes"), &v));
  CHECK(v.belief);
  CHECK_FALSE(q::quote_cue_at(fx.ix(), fx.token("hopes"), nullptr));
  QuoteFixture according("It rose, according to the bank.");
  CHECK(q::according_at(according.ix(), according.token("according")));
  CHECK_FALSE(q::according_at(according.ix(), according.token("to")));
}

TEST_CASE("noun phrases to the right of a token", "[quotes][quote-phrases]") {
  QuoteFixture fx("“No,” said the central bank governor on Monday.");
  const uint32_t limit = static_cast<uint32_t>(fx.tokens.size());
  CHECK(phrase(fx, q::np_right(fx.ix(), fx.token("the"), limit)) == "the central bank governor");
  CHECK(phrase(fx, q::np_right(fx.ix(), fx.token("No"), limit)) == "(none)");  // quoted
  QuoteFixture names("“No,” said Prime Minister Tomas Vell of Norland yesterday.");
  CHECK(phrase(names, q::np_right(names.ix(), names.token("Prime"), static_cast<uint32_t>(names.tokens.size()))) ==
        "Prime Minister Tomas Vell of Norland");
}

TEST_CASE("the subject of a cue, to its left", "[quotes][quote-phrases]") {
  struct Case {
    const char* text;
    const char* subject;
  };
  const Case cases[] = {
      {"Kirill Dmitriev, a senior aide, said the talks would resume.", "Kirill Dmitriev"},
      {"The head of the agency said the plan was sound.", "The head of the agency"},
      {"Rep. Jason Chaffetz (R-Utah) said the plan was sound.", "Rep. Jason Chaffetz"},
      {"Six in 10 say the bridge should reopen.", "Six in 10"},
      {"She has since said the plan was sound.", "She"},
      {"In 2010 said the plan was sound.", "(none)"},  // a year is not a share of people
  };
  for (const Case& c : cases) {
    INFO(c.text);
    QuoteFixture fx(c.text);
    uint32_t cue = fx.token("said");
    if (cue == UINT32_MAX) cue = fx.token("say");
    CHECK(phrase(fx, q::subject_left(fx.ix(), cue, 0)) == c.subject);
  }
}

TEST_CASE("a person attached to an organisation by a preposition heads the subject", "[quotes][quote-phrases]") {
  QuoteFixture fx("Mr. Morgan of the Sierra Club said the deal was the least bad outcome.");
  fx.add_entity("Morgan", "Morgan", lede::EntityType::PERSON, "Mr.");
  fx.add_entity("Sierra", "Club", lede::EntityType::ORG);
  CHECK(phrase(fx, q::subject_left(fx.ix(), fx.token("said"), 0)) == "Mr. Morgan of the Sierra Club");
  // Without a person before the preposition the organisation's phrase stands alone.
  QuoteFixture place("A reclamation plan of the Sierra Club said the deal was bad.");
  place.add_entity("Sierra", "Club", lede::EntityType::ORG);
  CHECK(phrase(place, q::subject_left(place.ix(), place.token("said"), 0)) == "the Sierra Club");
}

TEST_CASE("a participle takes the subject of its clause", "[quotes][quote-phrases]") {
  // An introductory phrase holds no subject; "left" ends the name's phrase.
  QuoteFixture fx("At a press conference in Berlin, Marsh left early, saying the vote was rigged.");
  const uint32_t saying = fx.token("saying");
  CHECK(phrase(fx, q::cue_subject(fx.ix(), saying, lede::CueForm::gerund, 0)) == "Marsh");
  CHECK(phrase(fx, q::first_np(fx.ix(), 0, saying)) == "Marsh");
  // "footage of Trump saying": a person right before the participle is its subject.
  QuoteFixture footage("The footage of Ortiz saying the vote was rigged spread.");
  footage.add_entity("Ortiz", "Ortiz", lede::EntityType::PERSON);
  CHECK(phrase(footage, q::cue_subject(footage.ix(), footage.token("saying"), lede::CueForm::gerund, 0)) == "Ortiz");
}
