// `lede tag --conll`: one document at a time, through the same tag_document code as analyze().
#include "tag_conll.h"

#include <istream>
#include <ostream>
#include <string_view>
#include <utility>
#include <vector>

#include "tagger/tagger.h"

namespace {

struct PendingDocument {
  std::vector<std::string> lines;            // every line, as read (without the line break)
  std::vector<int64_t> token_of_line;         // index into words, -1 for blank/-DOCSTART- lines
  std::vector<std::string_view> words;        // views into lines
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  bool has_docstart = false;

  void clear() {
    lines.clear();
    token_of_line.clear();
    words.clear();
    sentences.clear();
  }
};

bool is_blank(const std::string& line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string::npos;
}

std::string_view first_column(const std::string& line) {
  size_t a = line.find_first_not_of(" \t");
  size_t b = line.find_first_of(" \t\r", a);
  return std::string_view(line).substr(a, b == std::string::npos ? std::string::npos : b - a);
}

void flush(PendingDocument* doc, const lede::TaggerModel& model, std::ostream& out) {
  // Words are views into doc->lines, which no longer change size here.
  doc->words.clear();
  doc->sentences.clear();
  uint32_t start = 0;
  for (size_t k = 0; k < doc->lines.size(); ++k) {
    const std::string& line = doc->lines[k];
    if (doc->token_of_line[k] < 0) {
      if (doc->words.size() > start) doc->sentences.emplace_back(start, static_cast<uint32_t>(doc->words.size()));
      start = static_cast<uint32_t>(doc->words.size());
      continue;
    }
    doc->words.push_back(first_column(line));
  }
  if (doc->words.size() > start) doc->sentences.emplace_back(start, static_cast<uint32_t>(doc->words.size()));
  std::vector<uint8_t> labels = lede::tag_document_labels(model, doc->words, doc->sentences);
  for (size_t k = 0; k < doc->lines.size(); ++k) {
    const std::string& line = doc->lines[k];
    int64_t t = doc->token_of_line[k];
    if (t < 0) {
      if (is_blank(line)) {
        out << '\n';
      } else {
        out << line << " O\n";  // -DOCSTART-
      }
      continue;
    }
    int label = labels[static_cast<size_t>(t)];
    out << line << ' ';
    if (label == 0) {
      out << "O\n";
    } else {
      int part = lede::ner::label_part(label);
      out << (part == lede::ner::kPartB || part == lede::ner::kPartU ? "B-" : "I-")
          << lede::ner::type_name(lede::ner::label_type(label)) << '\n';
    }
  }
  doc->clear();
}

}  // namespace

int run_tag_conll(std::istream& in, std::ostream& out, const lede::TaggerModel& model, std::string* error) {
  PendingDocument doc;
  std::string line;
  int64_t tokens = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    bool blank = is_blank(line);
    bool docstart = !blank && first_column(line) == "-DOCSTART-";
    if (docstart && !doc.lines.empty()) {
      flush(&doc, model, out);
      tokens = 0;
    }
    doc.lines.push_back(line);
    doc.token_of_line.push_back(blank || docstart ? -1 : tokens++);
  }
  if (in.bad()) {
    if (error) *error = "lede: error reading the CoNLL input";
    return 2;
  }
  if (!doc.lines.empty()) flush(&doc, model, out);
  out.flush();
  if (!out) {
    if (error) *error = "lede: error writing the CoNLL output";
    return 2;
  }
  return 0;
}
