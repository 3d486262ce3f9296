// The result as the writers give it: every span of the JSON in every offset unit slices back to its
// text, fits the schema, and the compact form holds the same, on edge input, random and hostile
// text, the sample articles and every PolNeAR train text.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "invariants.h"
#include "lede/lede.h"
#include "support.h"
#include "text/segment.h"
#include "text/tokenize.h"

using lede_test::analyze_json;
using lede_test::analyzer;
using lede_test::check_all_units;

TEST_CASE("empty, whitespace-only and control-character input", "[text][hostile]") {
  for (std::string text : {std::string(), std::string(" \n\t \r\n"), std::string("\0\0a\0", 4),
                           std::string("\x01\x02\x7F"), std::string("\xEF\xBB\xBFtext")}) {
    check_all_units(text, "edge input");
  }
  auto r = analyze_json(analyzer(), "", lede::OffsetUnit::utf16);
  CHECK(r["length"] == 0);
  CHECK(r["sentences"].empty());
  CHECK(r["paragraphs"].empty());
  CHECK(r["entities"].empty());
  CHECK(r["quotes"].empty());
}

TEST_CASE("span invariants on random and hostile text never seen before", "[text][invariants]") {
  std::mt19937 rng(20261127);
  const std::vector<std::string> pieces = {
      "Putin", " ", "said", "“", "”", "\"", "'", "’", ".", "...", "U.S.", "Mr.", "\n", "\n\n",
      "😀", "👩‍👩‍👧", "🇺🇦", "e\xCC\x81", "日本", "Путин", "\x80", "\xE2\x82", "\xF0\x9F\x98",
      "\xC0", "-", "—", "1,000.5", "@x", "#y", "http://a.b/c", "a@b.cd", "n't", "'s", "\0",
      "\xEF\xBF\xBD", "\t", "«", "»", "(", ")", "?", "!", ",",
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    if (round % 3 == 0)  // raw random bytes
      for (int k = 0; k < 20; ++k) text.push_back(static_cast<char>(rng() & 0xFF));
    check_all_units(text, "random text #" + std::to_string(round));
  }
}

TEST_CASE("span invariants over the sample articles in every unit", "[text][invariants]") {
  check_all_units(lede_test::read_file(std::string(LEDE_SOURCE_DIR) + "/samples/article.txt"),
                  "samples/article.txt");
  std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the seed article check is skipped");
    return;
  }
  check_all_units(lede_test::read_file(data + "/seed/article.txt"), "seed/article.txt");
}

TEST_CASE("span invariants over the PolNeAR train texts in every unit", "[text][invariants][corpus]") {
  std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the PolNeAR invariant check is skipped");
    return;
  }
  auto files = lede_test::list_dir(data + "/polnear/train/text");
  REQUIRE(files.size() > 800);
  files = lede_test::corpus_sample(files);  // all natively; a sample in the sanitizer run
  size_t sentences = 0;
  for (const auto& f : files) {
    std::string text = lede_test::read_file(f);
    check_all_units(text, f);
    auto tokens = lede::tokenize(text);
    sentences += lede::find_sentences(text, tokens, lede::find_paragraphs(text, tokens)).size();
  }
  // Every text has sentences, and segmentation is not degenerate (one sentence per token).
  CHECK(sentences > files.size() * 5);
}
