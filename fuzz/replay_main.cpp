// Runs fuzz inputs through a target without libFuzzer (as simdjson's fuzz/main.cpp does), so that
// the committed corpus replays in CI under the ordinary and the sanitizer builds.
// Usage: lede-fuzz-TARGET [--max-seconds N] FILE|DIR...
// A directory's files run in name order; --max-seconds stops starting new inputs after N seconds
// (the CI budget) and says so. Exits non-zero when an input cannot be read; a violated invariant
// or a sanitizer report aborts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_common.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  double max_seconds = 0;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--max-seconds" && i + 1 < argc) {
      max_seconds = std::atof(argv[++i]);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(a, ec)) {
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(a))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      inputs.insert(inputs.end(), files.begin(), files.end());
    } else {
      inputs.emplace_back(a);
    }
  }
  const auto t0 = std::chrono::steady_clock::now();
  size_t ran = 0, bytes = 0;
  for (const auto& path : inputs) {
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (max_seconds > 0 && elapsed > max_seconds) {
      std::printf("%s: time budget of %.0f s reached after %zu of %zu inputs\n", argv[0], max_seconds, ran,
                  inputs.size());
      return 0;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], path.c_str());
      return 2;
    }
    std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.data()), data.size());
    ++ran;
    bytes += data.size();
  }
  std::printf("%s: %zu inputs (%zu bytes) ran clean\n", argv[0], ran, bytes);
  return 0;
}
