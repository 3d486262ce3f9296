// Golden case files (tests/golden/*.golden): "=== why" starts a case, its input lines follow, a
// line "---" ends the input and the expected lines follow; "#" lines are comments.
#pragma once

#include <string>
#include <vector>

namespace lede_test {

struct GoldenCase {
  std::string why;
  std::string input;
  std::vector<std::string> expected;  // lines after ---
};

// The cases of tests/golden/NAME, in file order.
std::vector<GoldenCase> read_golden(const std::string& name);

}  // namespace lede_test
