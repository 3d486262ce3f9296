// Fuzz target: the values stage through Analyzer::analyze with a reference date. The first byte
// picks the offset unit (bits 0-1) and whether the next 10 bytes are the reference date (bit 2:
// any bytes, so invalid dates too); the rest is the text.
// Invariants: values are in text order, never overlap, lie inside the text and on token
// boundaries; each value's form fits its type (DATE: null, ISO text or range; TIME and DURATION:
// ISO text, a duration starting "P"; MONEY: amount and a three-letter code; PERCENT: a number;
// QUANTITY: amount and unit), amounts are finite decimal numerals; an invalid reference date
// gives a warning, never a crash; the JSON matches the schema, its spans slice back to their
// text, and the compact form holds the same values.
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_common.h"
#include "lede/lede.h"
#include "support.h"

namespace {

void fail(const std::string& what) { lede_fuzz::invariant_failed("fuzz_values", what); }

bool is_numeral(const std::string& s) {
  if (s.empty() || s.size() > 60) return false;
  size_t points = 0;
  for (char c : s) {
    if (c == '.') ++points;
    else if (c < '0' || c > '9') return false;
  }
  return points <= 1 && s.front() != '.' && s.back() != '.' && std::isfinite(std::stod(s));
}

void check_form(const lede::Value& v) {
  using lede::ValueForm;
  using lede::ValueType;
  const std::string where = "value " + std::to_string(v.id) + ": ";
  switch (v.type) {
    case ValueType::DATE:
      if (v.form != ValueForm::none && v.form != ValueForm::iso && v.form != ValueForm::range)
        fail(where + "a DATE of another form");
      break;
    case ValueType::TIME:
      if (v.form != ValueForm::iso || v.iso.size() < 5 || v.iso[2] != ':') fail(where + "a TIME not HH:MM");
      break;
    case ValueType::DURATION:
      if (v.form != ValueForm::iso || v.iso.empty() || v.iso[0] != 'P') fail(where + "a DURATION not ISO");
      break;
    case ValueType::MONEY:
      if (v.form != ValueForm::money || v.unit.size() != 3 || !is_numeral(v.amount))
        fail(where + "MONEY without an amount and a code");
      break;
    case ValueType::PERCENT:
      if (v.form != ValueForm::number || !is_numeral(v.amount)) fail(where + "a PERCENT not a number");
      break;
    case ValueType::QUANTITY:
      if (v.form != ValueForm::quantity || v.unit.empty() || !is_numeral(v.amount))
        fail(where + "a QUANTITY without amount and unit");
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const lede::Analyzer* analyzer = &lede_fuzz::embedded_analyzer("fuzz_values");
  if (size == 0) return 0;
  lede::JsonOptions options;
  options.offsets = lede_fuzz::offset_unit_of(data[0]);
  lede::AnalyzeOptions article;
  size_t skip = 1;
  if ((data[0] & 4) != 0 && size >= 11) {
    article.reference_date.assign(reinterpret_cast<const char*>(data + 1), 10);
    skip = 11;
  }
  std::string text(reinterpret_cast<const char*>(data + skip), size - skip);

  const lede::Analysis a = analyzer->analyze(text, article);
  if (!article.reference_date.empty() && !lede::is_reference_date(article.reference_date) &&
      a.warnings.empty())
    fail("an invalid reference date without a warning");
  uint32_t last_end = 0;
  for (size_t k = 0; k < a.values.size(); ++k) {
    const lede::Value& v = a.values[k];
    if (v.id != k) fail("ids out of order");
    if (v.span.start >= v.span.end || v.span.end > text.size()) fail("a value's span is empty or outside");
    if (v.span.start < last_end) fail("values overlap or are out of order");
    last_end = v.span.end;
    bool starts = false, ends = false;
    for (const lede::Token& t : a.tokens) {
      starts |= t.span.start == v.span.start;
      ends |= t.span.end == v.span.end;
    }
    if (!starts || !ends) fail("a value's span is not on token boundaries");
    check_form(v);
  }
  std::string json = lede::to_json(text, a, options);
  nlohmann::json result = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (result.is_discarded()) fail("output is not valid JSON: " + json);
  std::string problem = lede_test::validate_result(result);
  if (!problem.empty()) fail("schema: " + problem);
  problem = lede_test::check_spans(text, result);
  if (!problem.empty()) fail("spans: " + problem);
  problem = lede_test::check_compact(lede::to_compact(text, a, options), result);
  if (!problem.empty()) fail("compact: " + problem);
  return 0;
}
