// Hostile inputs through the whole pipeline (issue 6, item 4): each ends in a valid result or a
// clear error, never a crash, a hang or a wrong offset. Every result is checked the same way:
// its JSON parses, matches the schema, and every span lies inside the text and slices back to its
// "text" in the unit asked for. No timing asserts: linear cost is the benchmark's job
// (bench/run). The large inputs have the sizes issue 6 names in the ordinary build and a tenth of
// them under the sanitizers, whose job is memory errors, not size, so the ASan suite stays quick.
#include <catch2/catch.hpp>

#include <cstring>
#include <memory>
#include <string>

#include "lede/lede.h"
#include "support.h"
#include "tagger/tagger.h"
#include "tagger/model_format.h"

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr size_t kScale = 10;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr size_t kScale = 10;
#else
constexpr size_t kScale = 1;
#endif
#else
constexpr size_t kScale = 1;
#endif

const lede::Analyzer& analyzer() {
  static const std::unique_ptr<lede::Analyzer> a = [] {
    std::string error;
    auto created = lede::Analyzer::create(&error);
    INFO(error);
    REQUIRE(created);
    return created;
  }();
  return *a;
}

// Analyses `text` in `unit` and checks the result; returns it parsed.
nlohmann::json analyze_checked(const std::string& text, lede::OffsetUnit unit = lede::OffsetUnit::utf16,
                               bool tokens = false) {
  lede::JsonOptions options;
  options.offsets = unit;
  options.tokens = tokens;
  std::string json = analyzer().analyze_json(text, options);
  nlohmann::json result = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(result.is_discarded());
  INFO("unit " << lede::offset_unit_name(unit));
  CHECK(lede_test::validate_result(result) == "");
  CHECK(lede_test::check_spans(text, result) == "");
  return result;
}

void analyze_checked_all_units(const std::string& text, bool tokens = true) {
  for (auto unit : {lede::OffsetUnit::utf8, lede::OffsetUnit::utf16, lede::OffsetUnit::codepoint})
    analyze_checked(text, unit, tokens);
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("hostile: empty, whitespace-only and NUL-only text give empty results", "[hostile]") {
  for (const std::string& text : {std::string(), std::string(" "), std::string("\n\n\r\n\t "),
                                 std::string("\xE2\x80\xA9\xC2\xA0\xE3\x80\x80"), std::string(1, '\0'),
                                 std::string(1000, '\0')}) {
    nlohmann::json r = analyze_checked(text, lede::OffsetUnit::utf16, true);
    CHECK(r["entities"].empty());
    CHECK(r["quotes"].empty());
  }
}

TEST_CASE("hostile: NUL bytes inside the text keep every offset", "[hostile]") {
  static const char kText[] = "Angela Merkel\0said \"we\0agree\" in Berlin.\0\0 Then Vladimir Putin left.";
  const std::string text(kText, sizeof kText - 1);
  REQUIRE(text.size() == 68);
  analyze_checked_all_units(text);
  nlohmann::json r = analyze_checked(text, lede::OffsetUnit::utf8, true);
  CHECK(r["length"] == text.size());
  // A NUL is a token of its own kind or a separator, never the end of the text.
  CHECK(r["tokens"].back()["end"].get<size_t>() > 50);
}

TEST_CASE("hostile: every kind of invalid UTF-8, alone, in words and at the end", "[hostile]") {
  // Unicode 15 §3.9, Table 3-7: each of these is ill-formed; the maximal-subpart rule decides how
  // many U+FFFD each becomes, which the checker's own decoder (tests/support.cpp) counts.
  const std::string invalid[] = {
      "\x80", "\xBF", "\x80\x80\x80",              // lone continuation bytes
      "\xC0\x80", "\xC1\xBF",                      // overlong 2-byte (C0, C1 never valid)
      "\xE0\x80\x80", "\xE0\x9F\xBF",              // overlong 3-byte
      "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",      // overlong 4-byte
      "\xED\xA0\x80", "\xED\xBF\xBF",              // UTF-16 surrogates encoded (CESU / WTF-8)
      "\xED\xA0\xBD\xED\xB8\x80",                  // a surrogate pair as two 3-byte sequences
      "\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF",      // above U+10FFFF
      "\xF5", "\xF8\x88\x80\x80\x80", "\xFC\x84\x80\x80\x80\x80",  // 5- and 6-byte forms
      "\xFE", "\xFF", "\xFE\xFF",                  // never in UTF-8
      "\xC3", "\xE2\x82", "\xF0\x9F\x98",          // truncated sequences
      "\xE2\x28\xA1", "\xF0\x28\x8C\xBC",          // bad second byte
      "\xEF\xBB\xBF",                              // a BOM (valid, but at odd places)
  };
  for (const std::string& bad : invalid) {
    INFO("bytes " << nlohmann::json(std::string(bad)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    analyze_checked_all_units(bad);
    analyze_checked_all_units("Mr. Smith" + bad + "said \"" + bad + "no" + bad + "\" in Paris" + bad);
    analyze_checked_all_units(bad + "U.S." + bad + bad + "\xE2\x80\x9C" + bad + "\xE2\x80\x9D");
    analyze_checked_all_units("The end." + bad);
  }
  // All of them at once, many times over.
  std::string all;
  for (const std::string& bad : invalid) all += bad + "x ";
  analyze_checked_all_units(repeat(all, 200));
}

TEST_CASE("hostile: what JavaScript sends for lone surrogates (U+FFFD from TextEncoder)", "[hostile]") {
  // The JS glue encodes with TextEncoder.encodeInto, which writes U+FFFD (EF BF BD) for a lone
  // surrogate, so the core sees valid UTF-8 where JS had one unpaired code unit.
  std::string text = "Quote \xEF\xBF\xBD by \xE2\x80\x9C\xEF\xBF\xBD\xE2\x80\x9D, said Ana Lima\xEF\xBF\xBD.";
  nlohmann::json r = analyze_checked(text, lede::OffsetUnit::utf16, true);
  CHECK(r["length"] == lede_test::units_of(text, "utf16").size());
}

TEST_CASE("hostile: a 10-million-character line without spaces", "[hostile][large]") {
  SECTION("one word") {
    std::string text(10'000'000 / kScale, 'a');
    nlohmann::json r = analyze_checked(text, lede::OffsetUnit::utf16, true);
    CHECK(r["tokens"].size() == 1);
    CHECK(r["sentences"].size() == 1);
  }
  SECTION("a million characters of letters, digits and symbols that look like URLs and numbers") {
    std::string text = repeat("a,1.5/x@y.z-\xE2\x80\x94" "b", 1'000'000 / 16 / kScale);
    analyze_checked(text, lede::OffsetUnit::codepoint, false);
  }
}

// Regressions: the tagger's document-level features (DocumentFeatures, now document_features.cpp)
// visited, for every capitalised token, every other occurrence of the same word, so n repeats
// cost n^2 (80,000 x "Smith " took 33 s of CPU; a 10-million-character line of these
// abbreviations did not finish in 90 s). Capped at 64 occurrences in 38ea940.
TEST_CASE("hostile: one capitalised word repeated 1 million times", "[hostile][large]") {
  analyze_checked(repeat("Smith ", 1'000'000 / kScale));
}

TEST_CASE("hostile: a line of one repeated abbreviation, number and address", "[hostile][large]") {
  analyze_checked(repeat("U.S.a,1.5/x@y.z-\xE2\x80\x94", 1'000'000 / 20 / kScale), lede::OffsetUnit::codepoint);
}

TEST_CASE("hostile: 100,000 nested or unbalanced quotation marks", "[hostile][large]") {
  SECTION("only opening marks") {
    analyze_checked(repeat("\xE2\x80\x9C", 100'000 / kScale));
    analyze_checked(repeat("\"", 100'000 / kScale));
  }
  SECTION("opening marks, each with words") {
    analyze_checked(repeat("\xE2\x80\x9Cword ", 100'000 / kScale));
  }
  SECTION("nested pairs, curly double and single") {
    std::string text = repeat("\xE2\x80\x9C" "a \xE2\x80\x98" "b ", 50'000 / kScale) + "said Ana." +
                       repeat("\xE2\x80\x99 c\xE2\x80\x9D d", 50'000 / kScale);
    analyze_checked(text);
  }
  SECTION("closing marks before opening ones, and mixed styles") {
    analyze_checked(repeat("\xE2\x80\x9D x \xE2\x80\x9C", 50'000 / kScale));
    analyze_checked(repeat("\xC2\xAB \" \xE2\x80\x98 ' \xE2\x80\x9E", 20'000 / kScale));
  }
  SECTION("a quotation that never closes, then one with a cue") {
    std::string text = "\"" + repeat("words ", 100'000 / kScale) + "\n\n\"Yes,\" said Ana Lima.";
    analyze_checked(text);
  }
}

TEST_CASE("hostile: one million tokens in one sentence", "[hostile][large]") {
  SECTION("lower-case words") {
    nlohmann::json r = analyze_checked(repeat("word ", 1'000'000 / kScale));
    CHECK(r["sentences"].size() == 1);
  }
  SECTION("commas only") {
    analyze_checked(std::string(1'000'000 / kScale, ','));
  }
  SECTION("capitalised words, all different: one long name-like run") {
    std::string text;
    for (size_t i = 0; i < 1'000'000 / kScale; ++i) text += "Xa" + std::to_string(i) + " ";
    analyze_checked(text);
  }
}

TEST_CASE("hostile: a model file truncated at every 4 KB boundary is refused, copied or in place", "[hostile][model]") {
  const uint8_t* data = lede::default_model_data();
  const size_t size = lede::default_model_size();
  REQUIRE(size > 8192);
  for (size_t cut = 0; cut < size; cut += 4096) {
    // In a buffer of exactly `cut` bytes, so that the sanitizers see a read past it.
    std::unique_ptr<uint8_t[]> bytes(new uint8_t[cut]);
    if (cut) std::memcpy(bytes.get(), data, cut);
    std::string error;
    INFO("cut at " << cut);
    CHECK_FALSE(lede::Analyzer::create_from_model(bytes.get(), cut, &error));
    CHECK(error.rfind("lede: model: ", 0) == 0);
    // The in-place loads too, the trusted one (the WebAssembly package's own file) included.
    CHECK_FALSE(lede::Analyzer::create_from_model_in_place(bytes.get(), cut, &error));
    CHECK(error.rfind("lede: model: ", 0) == 0);
    CHECK_FALSE(lede::Analyzer::create_from_model_in_place(bytes.get(), cut, &error, /*trusted=*/true));
    CHECK(error.rfind("lede: model: ", 0) == 0);
  }
  std::string error;
  CHECK(lede::Analyzer::create_from_model(data, size, &error));
  CHECK(lede::Analyzer::create_from_model_in_place(data, size, &error));
  CHECK(lede::Analyzer::create_from_model_in_place(data, size, &error, /*trusted=*/true));
}

TEST_CASE("hostile: a truncated payload behind a valid header is refused", "[hostile][model]") {
  // Behind a header made for the cut (its size and checksum), so that the payload parser itself
  // meets the end of its data (in the cluster table, the transitions, the weights).
  const uint8_t* data = lede::default_model_data();
  const size_t payload_size = lede::default_model_size() - lede::ner::kModelHeaderSize;
  const uint8_t* payload = data + lede::ner::kModelHeaderSize;
  // Every 4 KB boundary in the first 64 KB (the cluster table), then every 64 KB (each full
  // parse of a large cut costs a few milliseconds more).
  for (size_t cut = 0; cut < payload_size; cut += cut < 65536 ? 4096 : 65536) {
    const std::string file = lede::ner::model_file_of(std::string(reinterpret_cast<const char*>(payload), cut));
    std::string error;
    auto model = lede::TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
    INFO("payload cut at " << cut << ": " << error);
    CHECK_FALSE(model);
    CHECK(error.rfind("lede: model: ", 0) == 0);
    // Trusted (no checksum): the parser alone must stop at the cut.
    std::unique_ptr<uint8_t[]> bytes(new uint8_t[file.size()]);
    std::memcpy(bytes.get(), file.data(), file.size());
    CHECK_FALSE(lede::TaggerModel::load(bytes.get(), file.size(), &error, /*trusted=*/true));
    CHECK(error.rfind("lede: model: ", 0) == 0);
  }
}

TEST_CASE("hostile: single-word names and acronyms (entities' acronym check read a dead string)", "[hostile]") {
  // Found by fuzz/fuzz_model (ASan stack-use-after-scope in merge_entities, entities.cpp, before
  // a318d2e): the acronym check kept a string_view into a temporary std::string. These texts reach
  // that check with short (SSO) and long (heap) single-word surfaces.
  analyze_checked("NATO said on Monday. The North Atlantic Treaty Organization met in Brussels. "
                  "NATO and the EU agreed, Reuters reported. \"Yes,\" said Stoltenberg.");
  analyze_checked("Supercalifragilisticexpialidocious said it. SCOTUS ruled. Supercalifragilisticexpialidocious "
                  "agreed with SCOTUS, the Supreme Court of the United States, and with NASA.");
}
