// Quotation-mark pairing (core/src/quotes/marks.h), span by span.
#include <catch2/catch.hpp>

#include "quote_fixture.h"

using lede_test::QuoteFixture;

namespace {

// The quoted text of each span, marks excluded; "…|open" for an unclosed one.
std::vector<std::string> span_texts(const QuoteFixture& fx) {
  std::vector<std::string> out;
  for (const lede::quotes::MarkSpan& s : fx.spans)
    out.push_back(fx.between(s.open + 1, s.close) + (s.closed ? "" : "|open"));
  return out;
}

}  // namespace

TEST_CASE("a pair of marks is one closed span, its marks quoted too", "[quotes][quote-marks]") {
  QuoteFixture fx("He said “we are ready” today.");
  REQUIRE(fx.spans.size() == 1);
  const lede::quotes::MarkSpan& s = fx.spans[0];
  CHECK(s.closed);
  CHECK(fx.between(s.open, s.open + 1) == "“");
  CHECK(fx.between(s.close, s.close + 1) == "”");
  CHECK(s.chain_prev == lede::quotes::kNone);
  for (uint32_t i = 0; i < fx.tokens.size(); ++i)
    CHECK(fx.ix().quoted[i] == (i >= s.open && i <= s.close ? 1 : 0));
}

TEST_CASE("apostrophes and elisions are not quotations", "[quotes][quote-marks]") {
  CHECK(span_texts(QuoteFixture("The Clintons’ plan failed.")).empty());
  CHECK(span_texts(QuoteFixture("Tell ’em we said 'never again' twice.")) ==
        std::vector<std::string>{"never again"});
  CHECK(span_texts(QuoteFixture("We said 'no' twice.")).empty());  // one short word: an elision
  CHECK(span_texts(QuoteFixture("Rock 'n' roll is here.")).empty());
}

TEST_CASE("only the outermost quotation is a span", "[quotes][quote-marks]") {
  QuoteFixture fx("Ortiz said “she told me ‘never’ and left” then.");
  CHECK(span_texts(fx) == std::vector<std::string>{"she told me ‘never’ and left"});
}

TEST_CASE("an unclosed mark quotes to its paragraph's end only when it opens the paragraph",
          "[quotes][quote-marks]") {
  CHECK(span_texts(QuoteFixture("“We will win.\n\nThe vote is Friday.")) ==
        std::vector<std::string>{"We will win.|open"});
  CHECK(span_texts(QuoteFixture("Ortiz called it “bold on Monday.\n\nThe vote is Friday.")).empty());
}

TEST_CASE("a quotation running over paragraphs is chained part to part", "[quotes][quote-marks]") {
  QuoteFixture fx("“The first part.\n\n“The second part,” he said.");
  REQUIRE(span_texts(fx) == (std::vector<std::string>{"The first part.|open", "The second part,"}));
  CHECK(fx.spans[0].chain_prev == lede::quotes::kNone);
  CHECK(fx.spans[1].chain_prev == 0);
}

TEST_CASE("single-quote openings expire at the end of their sentence", "[quotes][quote-marks]") {
  CHECK(span_texts(QuoteFixture("He said 'maybe. Then she left' and went.")).empty());
}
