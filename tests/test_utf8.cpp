// UTF-8 and offsets: invalid input read as U+FFFD per maximal subpart with offsets in the original
// bytes, and the three offset units.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "invariants.h"
#include "lede/lede.h"
#include "support.h"
#include "text/utf8.h"

using lede_test::analyze_json;
using lede_test::analyzer;
using lede_test::check_all_units;

TEST_CASE("invalid UTF-8 reads as U+FFFD per maximal subpart, offsets in the original bytes",
          "[text][utf8]") {
  // Cases from the Unicode standard's U+FFFD substitution examples (Table 3-8) and WHATWG.
  struct Case {
    std::string bytes;
    size_t replacements;
  };
  std::vector<Case> cases = {
      {"\x80", 1},             // lone continuation byte
      {"\xC0\xAF", 2},         // overlong lead: each byte is its own subpart
      {"\xE0\x80\xAF", 3},     // E0 needs A0..BF next
      {"\xED\xA0\x80", 3},     // a UTF-16 surrogate encoded in UTF-8
      {"\xF4\x90\x80\x80", 4}, // above U+10FFFF
      {"\xE2\x82", 1},         // truncated 3-byte sequence: one subpart
      {"\xF0\x9F\x98", 1},     // truncated emoji
      {"\xFF\xFE", 2},
  };
  for (const auto& c : cases) {
    INFO("bytes " << nlohmann::json(std::vector<unsigned char>(c.bytes.begin(), c.bytes.end())).dump());
    std::string text = "a" + c.bytes + "b";
    CHECK_FALSE(lede::is_valid_utf8(text));
    std::string clean;
    lede::append_sanitized_utf8(text, &clean);
    size_t n = 0;
    for (size_t p = 0; (p = clean.find("\xEF\xBF\xBD", p)) != std::string::npos; p += 3) ++n;
    CHECK(n == c.replacements);
    CHECK(lede_test::units_of(text, "codepoint").size() == c.replacements + 2);
    CHECK(lede::text_length(text, lede::OffsetUnit::codepoint) == c.replacements + 2);
    check_all_units(text, "invalid case");
  }
  CHECK(lede::is_valid_utf8("plain ascii, Zoë, 日本, 👩‍👩‍👧, \xEF\xBF\xBD itself"));
}

TEST_CASE("offset units: utf16 counts astral characters twice, codepoint once", "[text][offsets]") {
  std::string text = "😀 Zoë said 日本.";
  auto r16 = analyze_json(analyzer(), text, lede::OffsetUnit::utf16);
  auto rcp = analyze_json(analyzer(), text, lede::OffsetUnit::codepoint);
  auto r8 = analyze_json(analyzer(), text, lede::OffsetUnit::utf8);
  CHECK(r16["length"] == 15);
  CHECK(rcp["length"] == 14);
  CHECK(r8["length"] == text.size());
  // "Zoë" starts after the emoji and a space.
  CHECK(r16["tokens"][1]["start"] == 3);
  CHECK(rcp["tokens"][1]["start"] == 2);
  CHECK(r8["tokens"][1]["start"] == 5);
  CHECK(r16["offsets"] == "utf16");
}
