// Sentences and paragraphs: the golden sentence cases (tests/golden/sentences.golden) and how
// paragraphs are found with and without blank lines.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "golden.h"
#include "invariants.h"
#include "lede/lede.h"
#include "text/segment.h"
#include "text/tokenize.h"

using lede_test::slice;

TEST_CASE("sentence golden cases", "[text][golden]") {
  auto cases = lede_test::read_golden("sentences.golden");
  REQUIRE(cases.size() >= 8);
  for (const auto& c : cases) {
    INFO("case: " << c.why << "\ninput: " << c.input);
    auto tokens = lede::tokenize(c.input);
    auto paragraphs = lede::find_paragraphs(c.input, tokens);
    auto sentences = lede::find_sentences(c.input, tokens, paragraphs);
    std::vector<std::string> got;
    for (const auto& s : sentences) got.push_back(slice(c.input, s.span));
    CHECK(got == c.expected);
  }
}

TEST_CASE("paragraphs: blank lines when the text has them, else lines", "[text]") {
  std::string blank = "First line\nwrapped here.\n\nSecond paragraph.\r\n\r\nThird.";
  auto t1 = lede::tokenize(blank);
  auto p1 = lede::find_paragraphs(blank, t1);
  REQUIRE(p1.size() == 3);
  CHECK(slice(blank, p1[0].span) == "First line\nwrapped here.");
  CHECK(slice(blank, p1[2].span) == "Third.");
  std::string lines = "One.\nTwo.\nThree.";
  auto t2 = lede::tokenize(lines);
  CHECK(lede::find_paragraphs(lines, t2).size() == 3);
  std::string sep = std::string("A.") + "\u2029" + "B.";
  auto t3 = lede::tokenize(sep);
  CHECK(lede::find_paragraphs(sep, t3).size() == 2);
}

TEST_CASE("first_lines_end and opens_line: where a dateline may stand", "[segment]") {
  // Blank lines and lines of white space are not counted; the end is past the closing line break.
  const std::string text = "Head\n\n  \nBy Ann\r\nMay 1\nPORT ELLIS, Norland — Text.\nMore.\n";
  CHECK(lede::first_lines_end(text, 1) == text.find("\n\n") + 1);
  CHECK(lede::first_lines_end(text, 3) == text.find("PORT"));
  CHECK(lede::first_lines_end(text, lede::kDatelineLines + 1) == text.find("More."));
  CHECK(lede::first_lines_end(text, 9) == text.size());
  CHECK(lede::first_lines_end("One line, no break", 1) == 18);
  CHECK(lede::opens_line(text, 0));
  CHECK(lede::opens_line(text, text.find("PORT")));
  CHECK(lede::opens_line("a\n \t X", 5));
  CHECK_FALSE(lede::opens_line(text, text.find("ELLIS")));
  CHECK_FALSE(lede::opens_line(text, text.find("Norland")));
}
