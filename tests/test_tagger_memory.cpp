// The tagger's memory: what a thread keeps between documents grows linearly with the last one (a
// stated bound a token), and is freed after a long one. No timing: bytes only.
#include <catch2/catch.hpp>

#include <string>

#include "lede/lede.h"
#include "tagger/tagger.h"

namespace {

std::string repeat(const std::string& s, size_t times) {
  std::string out;
  out.reserve(s.size() * times);
  for (size_t k = 0; k < times; ++k) out += s;
  return out;
}

}  // namespace

TEST_CASE("tagger: the workspace kept between documents is linear in the last one, then freed",
          "[tagger][memory]") {
  std::string error;
  auto analyzer = lede::Analyzer::create(&error);
  REQUIRE(analyzer);
  const std::string paragraph =
      "President Vladimir Putin told reporters in Moscow on Tuesday that Russia would \xE2\x80\x9Cnever\xE2\x80\x9D "
      "accept the plan, the Kremlin said.\n\n";
  // 64 bytes a token (word type 4 + position and flags 1 + sentence 4 + index 4 + kept stage-2
  // scores 34 + labels and names: 58.6 measured on this text, dense in names; 120 before the
  // word facts went to a table by word type), plus a sentence's worth of buffers and the first
  // 1024 slots of the word-type and form tables (32 KB each).
  constexpr size_t kBytesPerToken = 64, kFixed = 128 * 1024;
  // A long document first: whatever earlier tests left is freed with it.
  {
    lede::Analysis a = analyzer->analyze(repeat(paragraph, 4000));
    INFO(a.tokens.size() << " tokens, workspace " << lede::tagging_workspace_bytes() << " bytes");
    REQUIRE(a.tokens.size() > (size_t{1} << 16));
    CHECK(lede::tagging_workspace_bytes() <= kFixed);
  }
  for (size_t repeats : {10, 200, 2000}) {
    lede::Analysis a = analyzer->analyze(repeat(paragraph, repeats));
    size_t tokens = a.tokens.size();
    size_t bytes = lede::tagging_workspace_bytes();
    INFO(repeats << " paragraphs, " << tokens << " tokens, workspace " << bytes << " bytes");
    REQUIRE(tokens <= (size_t{1} << 16));
    CHECK(bytes <= kBytesPerToken * tokens + kFixed);
  }
}
