// Tokens: the golden tokenization cases (tests/golden/tokens.golden), token kinds, and the
// tokenizer's linear time on long runs without spaces.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "golden.h"
#include "invariants.h"
#include "lede/lede.h"
#include "lexicon/tokenizer_words.h"
#include "text/tokenize.h"

namespace {

std::string join_tokens(const std::string& text, const std::vector<lede::Token>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out += " | ";
    out += lede_test::slice(text, t.span);
  }
  return out;
}

lede::TokenKind kind_of(const std::string& text, const std::string& token) {
  for (const auto& t : lede::tokenize(text))
    if (lede_test::slice(text, t.span) == token) return t.kind;
  FAIL("token " << token << " not found in " << text);
  return lede::TokenKind::other;
}

}  // namespace

TEST_CASE("tokenizer golden cases", "[text][golden]") {
  auto cases = lede_test::read_golden("tokens.golden");
  REQUIRE(cases.size() >= 10);
  for (const auto& c : cases) {
    INFO("case: " << c.why << "\ninput: " << c.input);
    REQUIRE(c.expected.size() == 1);
    CHECK(join_tokens(c.input, lede::tokenize(c.input)) == c.expected[0]);
  }
}

TEST_CASE("token kinds", "[text]") {
  using K = lede::TokenKind;
  CHECK(kind_of("see https://a.org/x now", "https://a.org/x") == K::url);
  CHECK(kind_of("see www.a.org now", "www.a.org") == K::url);
  CHECK(kind_of("mail a.b@c.org now", "a.b@c.org") == K::email);
  CHECK(kind_of("hi @bob", "@bob") == K::handle);
  CHECK(kind_of("hi #tag2", "#tag2") == K::hashtag);
  CHECK(kind_of("hi 👍🏽", "👍🏽") == K::emoji);
  CHECK(kind_of("the U.S. and", "U.S.") == K::abbreviation);
  CHECK(kind_of("cost 1,000.50 now", "1,000.50") == K::number);
  CHECK(kind_of("“a”", "“") == K::quote);
  CHECK(kind_of("a — b", "—") == K::dash);
  CHECK(kind_of("a $ b", "$") == K::symbol);
  CHECK(kind_of("a, b", ",") == K::punct);
  // A hashtag needs a letter; "#1" is punctuation and a number.
  CHECK(kind_of("ranked #1 now", "#") == K::punct);
  // An @ inside a word is not a handle.
  CHECK(kind_of("x@ y", "x") == K::word);
}

TEST_CASE("long inputs stay linear: one 2-million-character line without spaces", "[text][hostile]") {
  std::string text(2'000'000, 'a');
  auto tokens = lede::tokenize(text);
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].span.end == text.size());
  std::string dots;
  for (int k = 0; k < 300'000; ++k) dots += "a.";
  auto t2 = lede::tokenize(dots);
  CHECK(t2.back().span.end == dots.size());
  std::string quotes(200'000, '"');
  auto t3 = lede::tokenize(quotes);
  CHECK(t3.size() == quotes.size());
}

TEST_CASE("domain suffixes are lower-case ASCII words, as the tokenizer's shortcut takes them", "[text]") {
  // word_before_period looks for a suffix only when a lower-case ASCII letter follows the period.
  size_t n = 0;
  for (std::string_view suffix : lede::domain_suffixes()) {
    ++n;
    REQUIRE(!suffix.empty());
    for (char c : suffix) REQUIRE((c >= 'a' && c <= 'z'));
  }
  CHECK(n >= 10);
  auto texts = [](std::string_view text) {
    std::vector<std::string> out;
    for (const lede::Token& t : lede::tokenize(text)) out.emplace_back(text.substr(t.span.start, t.span.end - t.span.start));
    return out;
  };
  CHECK(texts("Amazon.com sold it. Next") == std::vector<std::string>{"Amazon.com", "sold", "it", ".", "Next"});
  CHECK(texts("See gov.uk. Or bbc.co.uk.") == std::vector<std::string>{"See", "gov.uk", ".", "Or", "bbc.co", ".", "uk", "."});
}
