// The `lede` command as a library of its own: the option parser, the JSONL loop and the commands,
// so that main.cpp stays a few lines and the fuzz targets link the very code the CLI runs.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "lede/lede.h"

namespace lede_cli {

// A malformed command line; run() lets it through, main() prints it and exits 2.
struct UsageError {
  std::string message;
};

struct Options {
  std::string command;  // analyze, summary or tag
  std::string input = "-";
  bool input_given = false;
  bool jsonl = false;
  bool conll = false;
  bool progress = false;  // --progress: the JSONL loop reports on stderr
  unsigned progress_interval_ms = 1000;  // --progress-every SECONDS
  unsigned threads = 0;  // 0: every core
  std::string model_path;
  lede::JsonOptions json;
  lede::AnalyzeOptions article;  // --date
};

// Parses argv[1..]: throws UsageError on anything it does not take.
Options parse_args(int argc, char** argv);

// One line of input without its newline (a final CR dropped); false at the end.
bool next_line(std::istream& in, std::string* line);
// A line of spaces and tabs only: skipped by the JSONL loop, numbered all the same.
bool is_blank(const std::string& s);

class JsonlProgress;

// The JSONL loop: one result or error object a line on std::cout, in input order, analysed on
// o.threads threads (every core when 0), each line counted in *progress when given (which it
// finishes). Returns 0, 1 when any line failed, or 2 when reading `in` failed (it went bad: the
// lines before the failure are written, the one it cut is not).
int run_jsonl(const lede::Analyzer& analyzer, std::istream& in, const Options& o,
              JsonlProgress* progress = nullptr);

// The whole command, argv as main() has it: returns the exit status (0, 1 or 2).
int run(int argc, char** argv);

}  // namespace lede_cli
