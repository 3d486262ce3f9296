// The `lede` command's translation unit, compiled into a fuzz target with its main() renamed, so
// that the targets call the CLI's own option parser and JSONL loop (they live in an anonymous
// namespace there, on purpose). Every header the CLI uses is included first so that the rename
// touches nothing but the CLI's main.
#pragma once

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "lede/lede.h"
#include "utf8.h"

#define main lede_cli_main
#include "../cli/main.cpp"
#undef main
