// The result as the writers give it: every span of the JSON in every offset unit slices back to its
// text, fits the schema, and the compact form holds the same, on edge input, random and hostile
// text, the sample articles and every PolNeAR train text.
#include <catch2/catch.hpp>

#include <cstdio>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "invariants.h"
#include "lede/lede.h"
#include "output/json_writer.h"
#include "support.h"
#include "text/segment.h"
#include "text/tokenize.h"
#include "text/utf8.h"

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

// append_json_string decides in one pass what it escapes and whether the string is valid UTF-8:
// the same as sanitising the whole string first and then escaping it, with escapes, controls and
// ASCII before, between and after invalid bytes, U+FFFD and other valid sequences. Runs of plain
// ASCII of several lengths put those bytes at every place of the eight-byte steps it takes over
// bytes that need no look.
TEST_CASE("JSON strings: one pass gives what sanitising first gave", "[text][hostile]") {
  auto reference = [](const std::string& s) {
    std::string clean;
    lede::append_sanitized_utf8(s, &clean);
    std::string out = "\"";
    for (unsigned char c : clean) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    return out + "\"";
  };
  const std::string pieces[] = {"a", "\"", "\\", "\n", "\x01", "\x7F", "\xFF", "\xC3", "\xC3\xA9",
                                "\xEF\xBF\xBD", "\xE2\x80\x9C", "\xED\xA0\x80", "\xF0\x9F\x98\x80", " ",
                                "abcdefg", "The quick brown fox ", "0123456789ABCDEFG", "~}|{`_^]"};
  std::mt19937 rng(24);
  std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1), length(0, 24);
  for (int round = 0; round < 6000; ++round) {
    std::string s;
    for (size_t k = length(rng); k > 0; --k) s += pieces[pick(rng)];
    std::string got;
    lede::append_json_string(s, &got);
    INFO("round " << round << ", " << s.size() << " bytes");
    REQUIRE(got == reference(s));
  }
}
