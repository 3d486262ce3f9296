// The values stage's share of the analysis time: analyze() over every text given, then the
// values stage alone (find_values on the same tokens), each the best of three runs.
// Usage: lede-values-cost FILE...   (scripts/eval-values passes every PolNeAR text)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "lede/lede.h"
#include "text/tokenize.h"
#include "values/values.h"

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (int k = 1; k < argc; ++k) {
    std::ifstream in(argv[k], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "lede-values-cost: cannot read '%s'\n", argv[k]);
      return 2;
    }
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += texts.back().size();
  }
  std::string error;
  auto analyzer = lede::Analyzer::create(&error);
  if (!analyzer) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 2;
  }
  std::vector<std::vector<lede::Token>> tokens;
  for (const std::string& t : texts) tokens.push_back(lede::tokenize(t));
  double full = 1e30, values = 1e30;
  size_t found = 0;
  for (int run = 0; run < 3; ++run) {
    auto start = std::chrono::steady_clock::now();
    for (const std::string& t : texts) found += analyzer->analyze(t).values.size();
    full = std::min(full, seconds_since(start));
    start = std::chrono::steady_clock::now();
    std::vector<std::string> warnings;
    for (size_t k = 0; k < texts.size(); ++k) found += lede::find_values(texts[k], tokens[k], "", &warnings).size();
    values = std::min(values, seconds_since(start));
  }
  std::printf("values stage cost: %zu texts, %.1f MB: analyze %.3f s, values stage %.3f s = %.2f%% of the analysis (%zu values)\n",
              texts.size(), static_cast<double>(bytes) / 1e6, full, values, 100.0 * values / full, found / 6);
  return 0;
}
