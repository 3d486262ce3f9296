// The benchmarks' corpus: every .txt file of a folder, in name order (dirent, so the wasm build of
// bench_text can read the host's files through NODERAWFS as well).
#pragma once

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

inline std::vector<std::string> read_text_files(const std::string& dir) {
  std::vector<std::string> names, texts;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) names.push_back(name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return texts;
}
