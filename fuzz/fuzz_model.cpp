// Fuzz target: the tagger model loader (TaggerModel::load). When the first byte is odd the rest
// is the model file as it is; when even, the rest is a payload that the harness wraps in a valid
// header (this build's format version, feature scheme and word lists' digest, the right size and
// checksum), so that the fuzzer reaches the payload parser instead of stopping at the header. Invariants: load() either fails with a message starting
// "lede: model: " or returns a model; an analyzer built from an accepted model analyses a text
// with valid, in-bounds results. The same for the trusted load (the WebAssembly package's own model
// file), which skips the checksum but must stay inside the bytes whatever they hold; and it accepts
// every model load() accepts, giving the same results.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_common.h"
#include "lede/lede.h"
#include "support.h"
#include "tagger/tagger.h"
#include "tagger/model_format.h"

namespace {

void fail(const std::string& what) { lede_fuzz::invariant_failed("fuzz_model", what); }

constexpr const char* kText =
    "Vladimir Putin met Angela Merkel in Berlin on Monday. \"We agreed,\" Mr. Putin said. "
    "The European Union's spokesman said the talks would go on.";

// The analyzer's JSON for kText, checked: JSON, in-bounds spans, the schema. `label` names it.
std::string checked_result(const lede::Analyzer& analyzer, const std::string& label) {
  lede::JsonOptions options;
  options.offsets = lede::OffsetUnit::utf16;
  std::string json = analyzer.analyze_json(kText, options);
  nlohmann::json result = nlohmann::json::parse(json, nullptr, false);
  if (result.is_discarded()) fail(label + "output is not JSON");
  std::string problem = lede_test::check_spans(kText, result);
  if (!problem.empty()) fail(label + "spans: " + problem);
  problem = lede_test::validate_result(result);
  if (!problem.empty()) fail(label + "schema: " + problem);
  return json;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string file;
  if (data[0] & 1) {
    file.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  } else {
    file = lede::ner::model_file_of(std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(file.data());
  std::string error;
  std::unique_ptr<lede::TaggerModel> model = lede::TaggerModel::load(bytes, file.size(), &error);
  if (!model && error.rfind("lede: model: ", 0) != 0) fail("load failed with message '" + error + "'");
  std::string trusted_error;
  std::unique_ptr<lede::Analyzer> trusted =
      lede::Analyzer::create_from_model_in_place(bytes, file.size(), &trusted_error, /*trusted=*/true);
  if (!trusted && trusted_error.rfind("lede: model: ", 0) != 0) {
    fail("trusted in-place load failed with message '" + trusted_error + "'");
  }
  if (model && !trusted) fail("load() accepts the model, the trusted in-place load refuses it: " + trusted_error);
  const std::string trusted_json = trusted ? checked_result(*trusted, "trusted in place: ") : "";
  if (!model) return 0;
  std::unique_ptr<lede::Analyzer> analyzer = lede::Analyzer::create_from_model(bytes, file.size(), &error);
  if (!analyzer) fail("the model loads but the analyzer refuses it: " + error);
  if (checked_result(*analyzer, "") != trusted_json) fail("the trusted in-place load gives other results than load()");
  return 0;
}
