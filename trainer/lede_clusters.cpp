// lede-clusters: learns hierarchical word clusters from unlabeled text, for the tagger's cluster
// features (a word's cluster path and its prefixes, like Brown clusters).
//
// Each word seen often enough is described by the words to its left and right (the most frequent
// words as context dimensions, PPMI-weighted, normalised); the vocabulary is then split in two by
// spherical 2-means again and again, and each word's path of left/right choices is its cluster.
// Deterministic: no random numbers, ties broken by vocabulary order.
//
// Input: files or folders of them. *.txt is raw text (tokenised by lede's own tokenizer, as at
// run time); *.conllu takes the FORM column; anything else is read as CoNLL-2003 (first column,
// -DOCSTART- skipped). Output: a "# command" line, a "# raw text digest" line when there was raw
// text (cluster_text.h: what lede's tokenizer made of it), then "path<TAB>word<TAB>count" lines (the
// wcluster format lede-train reads), words lower-cased, digits as 0, as the tagger looks them up.
//
// Usage: lede-clusters [--min-count N] [--context N] [--depth N] [--out FILE] INPUT...
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "cluster_text.h"
#include "tagger/word_forms.h"

namespace {

struct Corpus {
  std::unordered_map<std::string, uint32_t> ids;
  std::vector<std::string> words;
  std::vector<uint64_t> counts;
  std::vector<uint32_t> stream;  // word ids; kBreak between sentences/documents
  static constexpr uint32_t kBreak = UINT32_MAX;

  void add(std::string_view raw) {
    std::string norm, lower;
    lede::ner::normalize_word(raw, &norm);
    lede::ner::lower_word(norm, &lower);
    for (char& c : lower)
      if (c >= '0' && c <= '9') c = '0';
    add_lowered(lower);
  }
  // A word already normalised, lower-cased and with digits as 0.
  void add_lowered(const std::string& lower) {
    auto [it, inserted] = ids.emplace(lower, static_cast<uint32_t>(words.size()));
    if (inserted) {
      words.push_back(lower);
      counts.push_back(0);
    }
    counts[it->second]++;
    stream.push_back(it->second);
  }
  void brk() {
    if (!stream.empty() && stream.back() != kBreak) stream.push_back(kBreak);
  }
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The raw text's files read, and their digest (cluster_text.h): written into the output's header,
// which lede-train copies into models/MODEL.md.
struct RawText {
  lede_train::RawTextDigest digest;
  int files = 0;
};

void read_file(const std::string& path, Corpus* corpus, RawText* raw) {
  std::ifstream in(path, std::ios::binary);
  if (ends_with(path, ".txt")) {
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    lede_train::read_raw_text(
        text,
        [&](const std::string& w) {
          corpus->add_lowered(w);
          raw->digest.word(w);
        },
        [&] {
          corpus->brk();
          raw->digest.brk();
        });
    ++raw->files;
    return;
  }
  bool conllu = ends_with(path, ".conllu");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      corpus->brk();
      continue;
    }
    if (conllu) {
      if (line[0] == '#') continue;
      size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      std::string id = line.substr(0, tab);
      if (id.find_first_of("-.") != std::string::npos) continue;  // multiword ranges, empty nodes
      size_t tab2 = line.find('\t', tab + 1);
      corpus->add(std::string_view(line).substr(tab + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab - 1));
    } else {
      std::istringstream ss(line);
      std::string word;
      ss >> word;
      if (word == "-DOCSTART-") {
        corpus->brk();
        continue;
      }
      corpus->add(word);
    }
  }
  corpus->brk();
}

void read_input(const std::string& path, Corpus* corpus, int* files, RawText* raw) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    std::cerr << "lede-clusters: cannot read \"" << path << "\"\n";
    std::exit(1);
  }
  if (S_ISDIR(st.st_mode)) {
    std::vector<std::string> names;
    if (DIR* d = opendir(path.c_str())) {
      while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
      }
      closedir(d);
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) read_input(path + "/" + name, corpus, files, raw);
  } else {
    read_file(path, corpus, raw);
    ++*files;
  }
}

struct Node {
  std::vector<uint32_t> members;
  uint32_t path;  // (1 << depth) | bits
};

// Spherical 2-means over rows of `vec` (dim columns, unit length). Returns false when it cannot
// split (all members alike).
bool split(const std::vector<float>& vec, size_t dim, const std::vector<uint32_t>& members,
           std::vector<uint32_t>* left, std::vector<uint32_t>* right) {
  auto dot = [&](const float* a, const float* b) {
    double s = 0;
    for (size_t k = 0; k < dim; ++k) s += double{a[k]} * b[k];
    return s;
  };
  std::vector<double> mean(dim, 0.0);
  for (uint32_t w : members)
    for (size_t k = 0; k < dim; ++k) mean[k] += vec[w * dim + k];
  std::vector<float> meanf(mean.begin(), mean.end());
  // Seeds: the member least like the mean, then the member least like that one.
  auto least_like = [&](const float* ref) {
    uint32_t best = members[0];
    double best_s = 1e300;
    for (uint32_t w : members) {
      double s = dot(&vec[w * dim], ref);
      if (s < best_s) {
        best_s = s;
        best = w;
      }
    }
    return best;
  };
  uint32_t a = least_like(meanf.data());
  uint32_t b = least_like(&vec[a * dim]);
  if (a == b) return false;
  std::vector<float> ca(vec.begin() + a * dim, vec.begin() + (a + 1) * dim);
  std::vector<float> cb(vec.begin() + b * dim, vec.begin() + (b + 1) * dim);
  std::vector<uint8_t> side(members.size(), 0);
  for (int iter = 0; iter < 12; ++iter) {
    bool changed = false;
    std::vector<double> sa(dim, 0.0), sb(dim, 0.0);
    size_t na = 0, nb = 0;
    for (size_t m = 0; m < members.size(); ++m) {
      const float* v = &vec[members[m] * dim];
      uint8_t s = dot(v, cb.data()) > dot(v, ca.data()) ? 1 : 0;
      if (s != side[m] || iter == 0) changed = true;
      side[m] = s;
      auto& acc = s ? sb : sa;
      for (size_t k = 0; k < dim; ++k) acc[k] += v[k];
      (s ? nb : na)++;
    }
    if (na == 0 || nb == 0) return false;
    auto normalise = [&](const std::vector<double>& acc, std::vector<float>* c) {
      double n = 0;
      for (double x : acc) n += x * x;
      n = std::sqrt(n);
      for (size_t k = 0; k < dim; ++k) (*c)[k] = static_cast<float>(n > 0 ? acc[k] / n : 0);
    };
    normalise(sa, &ca);
    normalise(sb, &cb);
    if (!changed) break;
  }
  left->clear();
  right->clear();
  for (size_t m = 0; m < members.size(); ++m) (side[m] ? right : left)->push_back(members[m]);
  return !left->empty() && !right->empty();
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = "lede-clusters";
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  int min_count = 3, context = 400, depth = 12;
  std::string out_path = "-";
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "lede-clusters: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--min-count") min_count = std::atoi(next().c_str());
    else if (a == "--context") context = std::atoi(next().c_str());
    else if (a == "--depth") depth = std::max(1, std::min(24, std::atoi(next().c_str())));
    else if (a == "--out") out_path = next();
    else if (a == "--help" || a == "-h" || (!a.empty() && a[0] == '-')) {
      std::cerr << "usage: lede-clusters [--min-count N] [--context N] [--depth N] [--out FILE] INPUT...\n";
      return a[0] == '-' && a != "--help" && a != "-h" ? 2 : 0;
    } else inputs.push_back(a);
  }
  if (inputs.empty()) {
    std::cerr << "lede-clusters: no input (files or folders of .txt, .conllu or CoNLL-2003 files)\n";
    return 2;
  }
  Corpus corpus;
  int files = 0;
  RawText raw;
  for (const auto& in : inputs) read_input(in, &corpus, &files, &raw);

  // Vocabulary: words seen min_count times, most frequent first (ties by spelling).
  std::vector<uint32_t> order;
  for (uint32_t w = 0; w < corpus.words.size(); ++w)
    if (corpus.counts[w] >= static_cast<uint64_t>(min_count)) order.push_back(w);
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    if (corpus.counts[x] != corpus.counts[y]) return corpus.counts[x] > corpus.counts[y];
    return corpus.words[x] < corpus.words[y];
  });
  std::vector<int32_t> row(corpus.words.size(), -1), ctx(corpus.words.size(), -1);
  for (size_t r = 0; r < order.size(); ++r) row[order[r]] = static_cast<int32_t>(r);
  size_t n_ctx = std::min<size_t>(static_cast<size_t>(context), order.size());
  for (size_t c = 0; c < n_ctx; ++c) ctx[order[c]] = static_cast<int32_t>(c);
  // Dimensions: left context words, right context words, plus "other"/"boundary" on each side.
  const size_t dim = 2 * (n_ctx + 2);
  std::vector<float> vec(order.size() * dim, 0.0f);
  const auto& s = corpus.stream;
  auto ctx_index = [&](size_t j) -> size_t {
    if (s[j] == Corpus::kBreak) return n_ctx + 1;
    return ctx[s[j]] >= 0 ? static_cast<size_t>(ctx[s[j]]) : n_ctx;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == Corpus::kBreak || row[s[i]] < 0) continue;
    float* v = &vec[static_cast<size_t>(row[s[i]]) * dim];
    v[i > 0 ? ctx_index(i - 1) : n_ctx + 1] += 1;
    v[(n_ctx + 2) + (i + 1 < s.size() ? ctx_index(i + 1) : n_ctx + 1)] += 1;
  }
  // PPMI weighting, then unit length.
  std::vector<double> col(dim, 0.0);
  double total = 0;
  for (size_t r = 0; r < order.size(); ++r)
    for (size_t k = 0; k < dim; ++k) {
      col[k] += vec[r * dim + k];
      total += vec[r * dim + k];
    }
  for (size_t r = 0; r < order.size(); ++r) {
    float* v = &vec[r * dim];
    double rs = 0;
    for (size_t k = 0; k < dim; ++k) rs += v[k];
    double n2 = 0;
    for (size_t k = 0; k < dim; ++k) {
      double p = v[k] > 0 ? std::log(v[k] * total / (rs * col[k])) : 0.0;
      v[k] = static_cast<float>(std::max(0.0, p));
      n2 += double{v[k]} * v[k];
    }
    double n = std::sqrt(n2);
    for (size_t k = 0; k < dim; ++k) v[k] = static_cast<float>(n > 0 ? v[k] / n : 0);
  }

  std::vector<uint32_t> path(order.size(), 1);
  std::vector<Node> level{{{}, 1}};
  for (uint32_t r = 0; r < order.size(); ++r) level[0].members.push_back(r);
  for (int d = 0; d < depth; ++d) {
    std::vector<Node> next;
    for (const Node& node : level) {
      std::vector<uint32_t> l, r;
      if (node.members.size() < 4 || !split(vec, dim, node.members, &l, &r)) continue;
      for (uint32_t w : l) path[w] = node.path << 1;
      for (uint32_t w : r) path[w] = (node.path << 1) | 1;
      next.push_back({std::move(l), node.path << 1});
      next.push_back({std::move(r), (node.path << 1) | 1});
    }
    level.swap(next);
  }

  std::ofstream file;
  if (out_path != "-") file.open(out_path);
  std::ostream& out = out_path == "-" ? std::cout : file;
  out << "# " << command << '\n';  // lede-train copies this line into the model's record
  if (raw.files > 0) {
    char digest[64];
    std::snprintf(digest, sizeof digest, "0x%016llx", static_cast<unsigned long long>(raw.digest.value()));
    out << "# raw text digest " << digest << " (" << raw.files << " files read through lede's tokenizer)\n";
  }
  for (size_t r = 0; r < order.size(); ++r) {
    std::string bits;
    for (int b = 30 - __builtin_clz(path[r]); b >= 0; --b) bits.push_back((path[r] >> b) & 1 ? '1' : '0');
    if (bits.empty()) bits = "0";
    out << bits << '\t' << corpus.words[order[r]] << '\t' << corpus.counts[order[r]] << '\n';
  }
  std::cerr << "lede-clusters: " << files << " files, " << corpus.stream.size() << " tokens, " << order.size()
            << " words clustered (count >= " << min_count << "), depth " << depth << "\n";
  return out ? 0 : 1;
}
