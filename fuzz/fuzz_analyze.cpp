// Fuzz target: Analyzer::analyze_json on arbitrary bytes (the embedded model).
// The first byte picks the options (offset unit, tokens on or off); the rest is the text.
// Invariants: the JSON parses (hence is valid UTF-8), matches docs/result.schema.json, "length"
// is the text's length in the unit, and every span lies inside the text, start <= end, and
// slices back to its "text" (tests/support.cpp's checker, with its own UTF-8 decoder); the
// compact form of the same analysis (lede::to_compact) holds the same fields.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_common.h"
#include "lede/lede.h"
#include "support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const lede::Analyzer* analyzer = &lede_fuzz::embedded_analyzer("fuzz_analyze");
  if (size == 0) return 0;
  lede::JsonOptions options;
  options.offsets = lede_fuzz::offset_unit_of(data[0]);
  options.tokens = (data[0] & 4) != 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  const lede::Analysis analysis = analyzer->analyze(text);
  std::string json = lede::to_json(text, analysis, options);
  nlohmann::json result = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (result.is_discarded()) lede_fuzz::invariant_failed("fuzz_analyze", "output is not valid JSON: " + json);
  std::string problem = lede_test::validate_result(result);
  if (!problem.empty()) lede_fuzz::invariant_failed("fuzz_analyze", "schema: " + problem);
  problem = lede_test::check_spans(text, result);
  if (!problem.empty()) lede_fuzz::invariant_failed("fuzz_analyze", "spans: " + problem);
  if (result["offsets"] != lede::offset_unit_name(options.offsets))
    lede_fuzz::invariant_failed("fuzz_analyze", "offsets field " + result["offsets"].dump());
  if (options.tokens != result.contains("tokens"))
    lede_fuzz::invariant_failed("fuzz_analyze", "tokens present/absent against the option");
  problem = lede_test::check_compact(lede::to_compact(text, analysis, options), result);
  if (!problem.empty()) lede_fuzz::invariant_failed("fuzz_analyze", "compact: " + problem);
  return 0;
}
