// Fuzz target: the CLI's option parser. The input is split at NUL bytes into at most 16
// arguments after "lede". Invariants: parse_args either throws its UsageError with a message
// that starts with "lede: ", or returns options that are consistent (a known command, threads
// only with --jsonl and within 1..1024, no --pretty with --jsonl). Also: parse_offset_unit
// accepts exactly the names offset_unit_name gives back.
#include <string>
#include <vector>

#include "cli.h"
#include "fuzz_common.h"

using namespace lede_cli;

namespace {

void fail(const std::string& what) { lede_fuzz::invariant_failed("fuzz_options", what); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);

  lede::OffsetUnit unit;
  if (lede::parse_offset_unit(input, &unit) && input != lede::offset_unit_name(unit))
    fail("parse_offset_unit accepted '" + input + "'");

  std::vector<std::string> args{"lede"};
  size_t start = 0;
  while (start <= input.size() && args.size() < 17) {
    size_t end = input.find('\0', start);
    if (end == std::string::npos) end = input.size();
    args.push_back(input.substr(start, end - start));
    start = end + 1;
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  try {
    Options o = parse_args(static_cast<int>(args.size()), argv.data());
    if (o.command != "analyze" && o.command != "summary" && o.command != "tag") fail("command " + o.command);
    if (o.threads && (!o.jsonl || o.threads > 1024)) fail("threads " + std::to_string(o.threads));
    if (o.jsonl && o.json.pretty) fail("--pretty with --jsonl accepted");
    if (o.command == "tag" && !o.conll) fail("tag without --conll accepted");
  } catch (const UsageError& e) {
    if (e.message.rfind("lede: ", 0) != 0) fail("usage message without 'lede: ': " + e.message);
  }
  return 0;
}
