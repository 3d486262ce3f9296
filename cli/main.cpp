// The `lede` command: analyse one article, or a JSONL stream of them on every core (cli.cpp).
#include <iostream>
#include <new>

#include "cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
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
