// lede-conll-eval: scores a CoNLL file whose last column is the predicted tag and second-to-last
// the gold tag, printing what conlleval prints (per-type and overall precision, recall, F1 over
// exactly matching chunks). Usage: lede-conll-eval [FILE|-]
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "conll_score.h"

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : "-";
  if (argc > 2 || path == "--help" || path == "-h") {
    std::cerr << "usage: lede-conll-eval [FILE|-]\n"
                 "  FILE: CoNLL lines \"word ... gold predicted\" (as `lede tag --conll` writes them)\n";
    return argc > 2 ? 2 : 0;
  }
  std::ifstream file;
  if (path != "-") {
    file.open(path);
    if (!file) {
      std::cerr << "lede-conll-eval: cannot read \"" << path << "\"\n";
      return 1;
    }
  }
  std::istream& in = path == "-" ? std::cin : file;
  lede::eval::ConllScorer scorer;
  std::string line;
  long line_no = 0;
  std::vector<std::string> cols;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream ss(line);
    cols.clear();
    for (std::string c; ss >> c;) cols.push_back(c);
    if (cols.empty()) {
      scorer.add_boundary();
      continue;
    }
    if (cols.size() < 3) {
      std::cerr << "lede-conll-eval: line " << line_no << " has " << cols.size()
                << " columns; expected at least 3 (word, gold tag, predicted tag)\n";
      return 1;
    }
    scorer.add_token(cols[0], cols[cols.size() - 2], cols[cols.size() - 1]);
  }
  scorer.finish();
  std::cout << scorer.report();
  return 0;
}
