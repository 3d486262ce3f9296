// Reading golden corpus cases (see corpus_case.h).
#include "corpus_case.h"

#include <sstream>
#include <stdexcept>

#include "support.h"

namespace lede_test {
namespace {

CorpusCase parse_case(const std::string& path, const std::string& content) {
  CorpusCase c;
  c.path = path;
  std::istringstream in(content);
  std::string line, section;
  bool in_text = true, headers = true, any_text = false;
  while (std::getline(in, line)) {
    if (headers && line.rfind("# ", 0) == 0 && line.find(": ") != std::string::npos) {
      const size_t colon = line.find(": ");
      c.headers[line.substr(2, colon - 2)] = line.substr(colon + 2);
      continue;
    }
    headers = false;
    if (line.rfind("----", 0) == 0) {
      in_text = false;
      section = line.size() > 5 ? line.substr(5) : "expected";
      c.sections[section];
      continue;
    }
    if (in_text) {
      if (any_text) c.text += '\n';
      c.text += line;
      any_text = true;
    } else if (!line.empty()) {
      c.sections[section].push_back(line);
    }
  }
  if (in_text) throw std::runtime_error(path + ": no ---- separator after the input");
  if (!c.headers.count("Why") || !c.headers.count("From"))
    throw std::runtime_error(path + ": every case needs '# Why:' and '# From:' headers");
  return c;
}

}  // namespace

std::string CorpusCase::describe() const {
  auto why = headers.find("Why");
  return path + "\n  why: " + (why == headers.end() ? std::string() : why->second);
}

std::vector<CorpusCase> read_corpus(const std::string& stage) {
  std::vector<CorpusCase> cases;
  for (const std::string& path : list_dir(std::string(LEDE_SOURCE_DIR) + "/tests/corpus/" + stage))
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".txt") == 0)
      cases.push_back(parse_case(path, read_file(path)));
  if (cases.empty()) throw std::runtime_error("no corpus cases in tests/corpus/" + stage);
  return cases;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace lede_test
