// lede-explain-tagger: why the tagger labelled each token of a text as it did. For each token,
// the sums of its stage-1 keys part by part (the word itself, each neighbour, the shapes around
// it, the rest: word pairs, name lists, the document), the second stage's, and the labels each
// stage chose; for the labels O and each type's U- (a one-word name) and B- (a name's first word).
// Usage: lede-explain-tagger [--model FILE] [--all] [--no-lists] TEXT|-
//   TEXT: the text itself, or - to read it from standard input; --model: a model file instead of
//   the embedded one; --all: every token, not only those a stage labelled or written capitalised;
//   --no-lists: as if the model had no name lists (what they add is the difference).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tagger_explain.h"

namespace {

int usage(int code) {
  std::cerr << "usage: lede-explain-tagger [--model FILE] [--all] [--no-lists] TEXT|-\n"
               "  TEXT: the text to explain, or - to read it from standard input\n";
  return code;
}

void print_row(const char* name, int keys, int found, const std::array<int32_t, lede::ner::kLabels>& sums) {
  using lede::ner::label_of;
  std::printf("  %-15s", name);
  if (keys >= 0) {
    std::printf(" %4d %5d", keys, found);
  } else {
    std::printf(" %10s", "");
  }
  std::printf(" %7d", sums[0]);
  for (int part : {lede::ner::kPartU, lede::ner::kPartB})
    for (int type = 0; type < lede::ner::kTypes; ++type) std::printf(" %7d", sums[label_of(type, part)]);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string model_path, text;
  bool all = false, lists = true, have_text = false;
  for (int k = 1; k < argc; ++k) {
    const std::string a = argv[k];
    if (a == "--help" || a == "-h") return usage(0);
    if (a == "--model" && k + 1 < argc) {
      model_path = argv[++k];
    } else if (a == "--all") {
      all = true;
    } else if (a == "--no-lists") {
      lists = false;
    } else if (!have_text && (a == "-" || a.empty() || a[0] != '-')) {
      have_text = true;
      if (a == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      } else {
        text = a;
      }
    } else {
      return usage(2);
    }
  }
  if (!have_text) return usage(2);

  std::string error;
  std::unique_ptr<lede::TaggerModel> model;
  if (model_path.empty()) {
    model = lede::TaggerModel::load_default(&error);
  } else {
    std::ifstream in(model_path, std::ios::binary);
    if (!in) {
      std::cerr << "lede-explain-tagger: cannot read \"" << model_path << "\"\n";
      return 1;
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string data = bytes.str();
    model = lede::TaggerModel::load(reinterpret_cast<const uint8_t*>(data.data()), data.size(), &error);
  }
  if (!model) {
    std::cerr << "lede-explain-tagger: " << error << "\n";
    return 1;
  }

  const auto tokens = lede::eval::explain_tagging(*model, text, lists);
  const bool two = model->stage_count() == 2;
  std::printf("%-17s %4s %5s %7s %7s %7s %7s %7s %7s %7s %7s %7s\n", "token, part", "keys", "found", "O", "U-PER",
              "U-ORG", "U-LOC", "U-MISC", "B-PER", "B-ORG", "B-LOC", "B-MISC");
  for (size_t i = 0; i < tokens.size(); ++i) {
    const lede::eval::TokenExplanation& t = tokens[i];
    const unsigned char c = t.word.empty() ? 0 : static_cast<unsigned char>(t.word[0]);
    if (!all && t.stage1_label == 0 && t.label == 0 && !(c >= 'A' && c <= 'Z') && c < 0x80) continue;
    std::printf("%zu \"%s\": stage 1 %s", i, t.word.c_str(), lede::eval::label_name(t.stage1_label).c_str());
    if (two) std::printf(", stage 2 %s", lede::eval::label_name(t.label).c_str());
    std::printf("\n");
    std::array<int32_t, lede::ner::kLabels> total{}, total2{};
    for (int part = 0; part < lede::eval::kExplainedParts; ++part) {
      print_row(lede::eval::part_name(part), t.keys[part], t.found[part], t.stage1[part]);
      for (int y = 0; y < lede::ner::kLabels; ++y) {
        total[y] += t.stage1[part][y];
        total2[y] += t.stage2_part[part][y];
      }
    }
    print_row("stage 1", -1, 0, total);
    if (!two) continue;
    print_row("stage 2: parts", -1, 0, total2);
    print_row("stage 2: keys", t.stage2_keys, t.stage2_found, t.stage2);
    for (int y = 0; y < lede::ner::kLabels; ++y) total2[y] += t.stage2[y];
    print_row("stage 2", -1, 0, total2);
  }
  return 0;
}
