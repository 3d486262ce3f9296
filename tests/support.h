// Shared test helpers: where ../shared/data is, file reading, an independent span-invariant
// checker (its own UTF-8 decoder, not the library's), and a JSON Schema check of results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lede_test {

// $LEDE_DATA, or <repo>/../shared/data. Empty when the folder does not exist, unless
// LEDE_REQUIRE_DATA is set (as CI sets it): then a missing folder throws, failing the test.
std::string data_dir();
std::string read_file(const std::string& path);
std::vector<std::string> list_dir(const std::string& dir);  // sorted file paths
// Every `LEDE_TEST_CORPUS_STRIDE`-th of `files` (default 1: all). The sanitizer run sets it, so
// that whole-corpus checks still read real articles there without taking most of CI's time; the
// native run reads every file.
std::vector<std::string> corpus_sample(const std::vector<std::string>& files);

// The text as the test's own decoder sees it, in the given unit ("utf8", "utf16",
// "codepoint"): a sequence of units, with invalid UTF-8 read as U+FFFD per maximal subpart.
std::vector<uint32_t> units_of(const std::string& text, const std::string& unit);

// Checks that every span with "text" in `result` slices back to its text, that spans lie inside
// the text, are ordered start <= end, and that "length" matches. Returns "" or a description.
std::string check_spans(const std::string& text, const nlohmann::json& result);

// Validates `value` against docs/result.schema.json. Returns "" or the first violation.
std::string validate_result(const nlohmann::json& value);

// Checks that a compact result (lede::to_compact) holds what the JSON result `json` of the same
// analysis holds, field by field as core/src/output/compact_format.h lays it out: numbers, strings (in the JSON's offset
// unit) and nulls. The spans' texts are not in the compact form; check_spans checks the JSON's.
// Returns "" or the first difference.
std::string check_compact(const std::vector<uint32_t>& words, const nlohmann::json& json);

}  // namespace lede_test
