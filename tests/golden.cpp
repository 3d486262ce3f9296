#include "golden.h"

#include <catch2/catch.hpp>

#include <fstream>

namespace lede_test {

std::vector<GoldenCase> read_golden(const std::string& name) {
  std::ifstream in(std::string(LEDE_SOURCE_DIR) + "/tests/golden/" + name);
  REQUIRE(in);
  std::vector<GoldenCase> cases;
  std::string line;
  enum { none, input, expected } state = none;
  while (std::getline(in, line)) {
    if (line.rfind("=== ", 0) == 0) {
      cases.push_back({line.substr(4), "", {}});
      state = input;
    } else if (state == none || (line.empty() && state == expected) || line[0] == '#') {
      continue;
    } else if (line == "---") {
      state = expected;
    } else if (state == input) {
      cases.back().input += (cases.back().input.empty() ? "" : "\n") + line;
    } else {
      cases.back().expected.push_back(line);
    }
  }
  return cases;
}

}  // namespace lede_test
