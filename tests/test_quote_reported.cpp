// Reported speech without marks (core/src/quotes/reported.h), pattern by pattern.
#include <catch2/catch.hpp>

#include "quote_fixture.h"
#include "quotes/reported.h"

using lede_test::QuoteFixture;
namespace q = lede::quotes;

namespace {

struct Reported {
  std::string clause, speaker, cue;
  bool operator==(const Reported& o) const { return clause == o.clause && speaker == o.speaker && cue == o.cue; }
};

std::ostream& operator<<(std::ostream& out, const Reported& r) {
  return out << "{" << r.clause << " | " << r.speaker << " | " << r.cue << "}";
}

std::vector<Reported> reported(const QuoteFixture& fx, std::vector<uint8_t> cue_of_direct = {}) {
  cue_of_direct.resize(fx.tokens.size(), 0);
  std::vector<Reported> out;
  for (const q::ReportedClause& r : q::find_reported_speech(fx.ix(), cue_of_direct, *fx.input->cue_model))
    out.push_back({fx.between(r.first, r.end), fx.between(r.who.speaker.first, r.who.speaker.end),
                   fx.between(r.who.cue_first, r.who.cue_end)});
  return out;
}

}  // namespace

TEST_CASE("each reported-speech pattern finds its clause, speaker and cue", "[quotes][quote-reported]") {
  struct Case {
    const char* pattern;
    const char* text;
    Reported expected;
  };
  const Case cases[] = {
      {"speaker_cue_clause", "Ortiz said in a statement that the bridge would reopen.",
       {"that the bridge would reopen", "Ortiz", "said"}},
      {"speaker_cue_clause (the addressee, then a pronoun)", "Ortiz told Fox News he would stay on.",
       {"he would stay on", "Ortiz", "told"}},
      {"clause_then_speaker_cue", "The bridge would reopen in May, the ministry said on Monday.",
       {"The bridge would reopen in May", "the ministry", "said"}},
      {"clause_then_inverted_cue", "The bridge would reopen in May, said the transport ministry.",
       {"The bridge would reopen in May", "the transport ministry", "said"}},
      {"claim_noun_that_clause", "The mayor rejected her warning that the bridge would fall.",
       {"that the bridge would fall", "her", "warning"}},
      {"according_to_clause (after)", "The bridge would reopen in May, according to the ministry.",
       {"The bridge would reopen in May", "the ministry", "according to"}},
  };
  for (const Case& c : cases) {
    INFO(c.pattern << "\n  text: " << c.text);
    CHECK(reported(QuoteFixture(c.text)) == std::vector<Reported>{c.expected});
  }
}

// A nested attribution, as PolNeAR annotates it: the outer clause keeps the inner cue's words, and
// the inner cue reports its own clause.
TEST_CASE("a cue inside a clause already found is part of that clause and reports its own", "[quotes][quote-reported]") {
  CHECK(reported(QuoteFixture("Ortiz said that the ministry warned the bridge would close in May.")) ==
        std::vector<Reported>{{"that the ministry warned the bridge would close in May", "Ortiz", "said"},
                              {"the bridge would close in May", "the ministry", "warned"}});
  // Only a reporting verb, or a word the model is sure of, starts a nested clause: with the
  // tagger's entities the model puts "do" of "do not support" above its cut, and without that
  // rule "do" reported "not support the mayor if he loses the vote".
  std::string error;
  auto analyzer = lede::Analyzer::create(&error);
  REQUIRE(analyzer);
  const std::string text = "Ortiz said many voters do not support the mayor if he loses the vote.";
  const lede::Analysis a = analyzer->analyze(text);
  CHECK(a.quotes.size() >= 2);  // Ortiz's statement, and the voters' ("support")
  for (const lede::Quote& q : a.quotes)
    CHECK((!q.has_cue || text.substr(q.cue.start, q.cue.end - q.cue.start) != "do"));
}

// Issue 23: PolNeAR gives a sentence-final attribution the whole clause before it ("…, sources
// said."), while a cue inside that clause keeps its own, shorter one.
TEST_CASE("an attribution closing the sentence encloses the clause of a cue inside it", "[quotes][quote-reported]") {
  CHECK(reported(QuoteFixture("Ortiz said that the bridge would reopen, according to the ministry.")) ==
        std::vector<Reported>{{"that the bridge would reopen", "Ortiz", "said"},
                              {"Ortiz said that the bridge would reopen", "the ministry", "according to"}});
  CHECK(reported(QuoteFixture("Ortiz said that the bridge would reopen, officials said on Monday.")) ==
        std::vector<Reported>{{"that the bridge would reopen", "Ortiz", "said"},
                              {"Ortiz said that the bridge would reopen", "officials", "said"}});
  // A day after the closing cue is no clause of its own.
  CHECK(reported(QuoteFixture("Ortiz said that the bridge would reopen, officials said Tuesday.")) ==
        std::vector<Reported>{{"that the bridge would reopen", "Ortiz", "said"},
                              {"Ortiz said that the bridge would reopen", "officials", "said"}});
  // Not a clause of its own after the closing cue: not an attribution closing the sentence.
  CHECK(reported(QuoteFixture("Ortiz said that the bridge would reopen, officials said they would go.")) ==
        std::vector<Reported>{{"that the bridge would reopen, officials said they would go", "Ortiz", "said"},
                              {"they would go", "officials", "said"}});
}

// An attribution inside a relative clause reports the rest of the relative clause; the clause
// around it ends before the relative word.
TEST_CASE("a cue inside a relative clause reports the relative clause's verb phrase", "[quotes][quote-reported]") {
  CHECK(reported(QuoteFixture("Ortiz praised the agency, which he argued keeps the bridge safe for drivers.")) ==
        std::vector<Reported>{{"the agency", "Ortiz", "praised"},
                              {"keeps the bridge safe for drivers", "he", "argued"}});
  // A clause after the cue is the cue's own, as anywhere: no relative attribution.
  CHECK(reported(QuoteFixture("Ortiz praised the agency, which he said the ministry would fund.")).back() ==
        Reported{"the ministry would fund", "he", "said"});
}

// "according to" after a comma inside the closing quotation mark (American style) closes the
// sentence's attribution as after a bare comma.
TEST_CASE("according to after a quotation's closing mark reports the clause before it", "[quotes][quote-reported]") {
  const std::vector<Reported> got = reported(QuoteFixture(
      "Most voters said the bridge was \"a disgrace,\" according to a poll by the Port Ellis Institute for "
      "Public Opinion Research at Norland State University."));
  REQUIRE(!got.empty());
  CHECK(got.back().cue == "according to");
  CHECK(got.back().clause.rfind("Most voters said", 0) == 0);
}

TEST_CASE("the cue of a direct quotation reports no clause of its own", "[quotes][quote-reported]") {
  QuoteFixture fx("Ortiz said the bridge would reopen in May.");
  REQUIRE(reported(fx).size() == 1);
  std::vector<uint8_t> cue_of_direct(fx.tokens.size(), 0);
  cue_of_direct[fx.token("said")] = 1;
  CHECK(reported(fx, cue_of_direct).empty());
}

TEST_CASE("a clause that is all quotation is left to the quotation", "[quotes][quote-reported]") {
  CHECK(reported(QuoteFixture("According to the ministry, “the bridge would reopen.”")).empty());
}
