// Shared by the fuzz targets: the libFuzzer entry point's signature and a failure that every
// harness (libFuzzer or the replay main) reports the same way: print, then abort.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace lede_fuzz {

[[noreturn]] inline void invariant_failed(const char* target, const std::string& what) {
  std::fprintf(stderr, "%s: invariant violated: %s\n", target, what.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace lede_fuzz
