// UTF-8 and offsets: invalid input read as U+FFFD per maximal subpart with offsets in the original
// bytes, and the three offset units.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>
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

// Validation and offset conversion pass runs of ASCII eight bytes at a time: against a reference
// that decodes byte by byte, on strings mixing ASCII runs of every length with multi-byte,
// astral and invalid sequences, so that each falls at every place of the eight-byte steps.
TEST_CASE("UTF-8 validity and offset units agree with a byte-by-byte decode", "[text][utf8][offsets]") {
  const std::string pieces[] = {"a", "abcdefg", "The quick brown fox ", "0123456789ABCDEF", "\xC3\xA9",
                                "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", "\x80", "\xE2\x82", "\xFF"};
  std::mt19937 rng(8);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (size_t k = rng() % 16; k > 0; --k) s += pieces[rng() % std::size(pieces)];
    // The reference: each code point (or invalid subpart, as U+FFFD) decoded in turn.
    bool valid = true;
    std::vector<uint32_t> boundaries, cp_units, utf16_units;
    uint32_t cp = 0, u16 = 0;
    for (size_t i = 0; i < s.size();) {
      boundaries.push_back(static_cast<uint32_t>(i));
      cp_units.push_back(cp);
      utf16_units.push_back(u16);
      uint32_t len;
      const char32_t c = lede::decode_utf8(s, i, &len);
      if (c == lede::kReplacement && s.compare(i, 3, "\xEF\xBF\xBD") != 0) valid = false;
      i += len;
      ++cp;
      u16 += c >= 0x10000 ? 2 : 1;
    }
    boundaries.push_back(static_cast<uint32_t>(s.size()));
    cp_units.push_back(cp);
    utf16_units.push_back(u16);
    INFO("round " << round << ", " << s.size() << " bytes");
    REQUIRE(lede::is_valid_utf8(s) == valid);
    REQUIRE(lede::convert_offsets(s, boundaries, lede::OffsetUnit::codepoint) == cp_units);
    REQUIRE(lede::convert_offsets(s, boundaries, lede::OffsetUnit::utf16) == utf16_units);
    REQUIRE(lede::text_length(s, lede::OffsetUnit::utf16) == u16);
  }
}
