// Shared by the fuzz targets: the libFuzzer entry point's signature, a failure that every
// harness (libFuzzer or the replay main) reports the same way (print, then abort), the analyzer
// and the offset unit a first byte picks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "lede/lede.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace lede_fuzz {

[[noreturn]] inline void invariant_failed(const char* target, const std::string& what) {
  std::fprintf(stderr, "%s: invariant violated: %s\n", target, what.c_str());
  std::fflush(stderr);
  std::abort();
}

// The analyzer with the embedded model, created once per process; a model that does not load is
// an invariant failure of `target`.
inline const lede::Analyzer& embedded_analyzer(const char* target) {
  static const std::unique_ptr<lede::Analyzer> analyzer = [target] {
    std::string error;
    auto a = lede::Analyzer::create(&error);
    if (!a) invariant_failed(target, "the embedded model does not load: " + error);
    return a;
  }();
  return *analyzer;
}

// The offset unit a fuzz input's first byte picks.
inline lede::OffsetUnit offset_unit_of(uint8_t byte) {
  const lede::OffsetUnit units[] = {lede::OffsetUnit::utf8, lede::OffsetUnit::utf16,
                                    lede::OffsetUnit::codepoint};
  return units[byte % 3];
}

}  // namespace lede_fuzz
