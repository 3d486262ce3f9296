// Fuzz target: the CLI's JSONL loop (`lede analyze --jsonl`) on an arbitrary byte stream, one
// thread. The first byte picks the offset unit and tokens; the rest is the stream.
// Invariants: one output line per non-blank input line, in order; each is JSON; an input line
// that is a JSON object with a string "text" (and valid UTF-8) gets a result carrying its id whose
// spans slice back into that text, any other line an error object naming its line number.
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "fuzz_common.h"
#include "support.h"
#include "text/utf8.h"

using namespace lede_cli;

namespace {

void fail(const std::string& what) { lede_fuzz::invariant_failed("fuzz_jsonl", what); }

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  std::string line;
  while (next_line(in, &line)) lines.push_back(line);
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const lede::Analyzer* analyzer = &lede_fuzz::embedded_analyzer("fuzz_jsonl");
  if (size == 0) return 0;
  Options o;
  o.command = "analyze";
  o.jsonl = true;
  o.threads = 1;
  o.json.offsets = lede_fuzz::offset_unit_of(data[0]);
  o.json.tokens = (data[0] & 4) != 0;
  std::string stream(reinterpret_cast<const char*>(data + 1), size - 1);

  std::istringstream in(stream);
  std::ostringstream out;
  std::streambuf* saved = std::cout.rdbuf(out.rdbuf());
  int status = run_jsonl(*analyzer, in, o);
  std::cout.rdbuf(saved);

  std::vector<std::string> inputs;
  std::vector<size_t> numbers;
  std::vector<std::string> all = split_lines(stream);
  for (size_t k = 0; k < all.size(); ++k) {
    if (is_blank(all[k])) continue;
    inputs.push_back(all[k]);
    numbers.push_back(k + 1);
  }
  std::vector<std::string> outputs = split_lines(out.str());
  if (outputs.size() != inputs.size())
    fail(std::to_string(inputs.size()) + " input lines, " + std::to_string(outputs.size()) + " output lines");
  bool any_error = false;
  for (size_t k = 0; k < inputs.size(); ++k) {
    nlohmann::json result = nlohmann::json::parse(outputs[k], nullptr, false);
    if (result.is_discarded() || !result.is_object()) fail("output line is not a JSON object: " + outputs[k]);
    nlohmann::json doc;
    bool good = lede::is_valid_utf8(inputs[k]);
    if (good) doc = nlohmann::json::parse(inputs[k], nullptr, false);
    good = good && !doc.is_discarded() && doc.is_object() && doc.contains("text") && doc["text"].is_string();
    if (!good) {
      any_error = true;
      if (!result.contains("error") || result.value("line", size_t(0)) != numbers[k])
        fail("a bad line did not give an error object with its line number: " + outputs[k]);
      continue;
    }
    if (result.contains("error")) fail("a good line gave an error: " + outputs[k]);
    if (result["id"] != (doc.contains("id") ? doc["id"] : nlohmann::json()))
      fail("id not carried over: " + result["id"].dump());
    std::string problem = lede_test::check_spans(doc["text"].get<std::string>(), result);
    if (!problem.empty()) fail("spans: " + problem);
  }
  if ((status != 0) != any_error) fail("exit status " + std::to_string(status));
  return 0;
}
