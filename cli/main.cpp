// The `lede` command: analyse one article, or a JSONL stream of them on every core (cli.cpp).
#include <iostream>
#include <new>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
#if defined(__GLIBC__)
  // glibc serves a block of 128 KB or more with its own mapping, given back when freed, but
  // after the first such free it raises that threshold to the freed block's size (up to 32 MB):
  // a long article's growing buffers then come from the heap, which fragments and keeps them.
  // A fixed 1 MB threshold keeps every large buffer returnable: peak RSS on a 16 MiB article
  // 310 -> 255 MB. News articles' buffers are smaller, and the tagger keeps its own.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
  try {
    return lede_cli::run(argc, argv);
  } catch (const lede_cli::UsageError& e) {
    std::cerr << e.message << '\n';
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "lede: out of memory\n";
    return 2;
  }
}
