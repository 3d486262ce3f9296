// Catch2 helpers over whole results: one analyzer shared by the tests of a run, the JSON of a text
// in a unit, and the check that every span in every unit slices back, fits the schema and agrees
// with the compact form. (support.h holds the checks themselves, without Catch2, for the fuzzers.)
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "lede/lede.h"

namespace lede_test {

// The text a span covers (byte offsets).
std::string slice(const std::string& text, lede::Span span);

// An analyzer with the embedded model, created once.
const lede::Analyzer& analyzer();

// The parsed JSON result of `text` in unit `unit`, with tokens unless told otherwise.
nlohmann::json analyze_json(const lede::Analyzer& analyzer, const std::string& text,
                            lede::OffsetUnit unit, bool tokens = true);

// Analyses `text` once and writes it in each unit: every span slices back to its text, the result
// fits docs/result.schema.json, and the compact form (with and without tokens) holds the same.
void check_all_units(const std::string& text, const std::string& label);

}  // namespace lede_test
