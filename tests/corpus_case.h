// Golden cases in tests/corpus/<stage>/NAME.txt, read by the stage's runner test. A case is:
//   # Why: the rule it guards            (header lines "# Key: value", first)
//   # From: where the case came from
//   the input text, one or more lines (the last line break is not part of it)
//   ----                                 (a separator; "---- NAME" starts a section named NAME)
//   the expected result, in the readable form the runner prints for what it got
// A section without a name is "expected".
#pragma once

#include <map>
#include <string>
#include <vector>

namespace lede_test {

struct CorpusCase {
  std::string path;
  std::map<std::string, std::string> headers;  // "Why", "From", ...
  std::string text;
  std::map<std::string, std::vector<std::string>> sections;  // non-empty lines of each section

  // "<path>\n  why: <Why>": what a failing check prints first.
  std::string describe() const;
};

// Every case of tests/corpus/<stage>, in file-name order. Throws when a file is malformed (no
// separator, or no "Why" or "From" header), so that a broken case fails instead of passing.
std::vector<CorpusCase> read_corpus(const std::string& stage);

// The lines, each ended by a line break: how a failing case prints expected and got.
std::string join_lines(const std::vector<std::string>& lines);

}  // namespace lede_test
