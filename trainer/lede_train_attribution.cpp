// lede-train-attribution: trains the reported-speech cue model (core/src/quotes/cue_model.h) on
// PolNeAR's brat attributions and writes models/lede-attribution.bin.
//
//   lede-train-attribution --data DIR --out FILE [--epochs N] [--seed S] [--min-count N] [--min-feature N]
//                          [--min-rate R] [--threshold T]
//
// DIR is PolNeAR's folder (train/ and dev/ inside). Each text of DIR/train is analysed by lede
// (tokens, sentences, entities, quotation marks: what the quotes stage sees at run time). A token
// outside quotations is a positive example of `cue` when it lies in the Cue of an attribution whose
// Content has no quotation mark (reported speech), and then of `right` when that Content starts
// after the cue; the cue of a quotation is no example either way. Only words seen as such a cue at
// least --min-count times and in at least --min-rate of their occurrences in train (and colons)
// are candidates; the model lists them (its vocabulary keys). Features of fewer than
// --min-feature candidates are dropped. Two averaged perceptrons, one per output, over the same
// features; examples visited in an order shuffled by --seed each epoch. Weights are scaled by 1000
// and rounded, so the file is the same on every run with the same data and arguments; a token is a
// cue when its score is above --threshold (folded into the bias, so the run time compares with
// zero: a choice made on dev). Token-level figures are printed for train and, when DIR/dev
// exists, for dev.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "entities/facts.h"
#include "lede/lede.h"
#include "polnear_gold.h"
#include "quotes/cue_model.h"
#include "quotes/index.h"
#include "quotes/marks.h"

namespace fs = std::filesystem;
using lede::quotes::TokenIndex;

namespace {

struct Example {
  std::vector<uint32_t> keys;
  bool cue = false, right = false;
};

// One text's candidate tokens: their lower-case words and examples (labels from the gold).
struct TextExamples {
  std::vector<std::string> words;
  std::vector<Example> examples;
};

TextExamples examples_of(const lede::Analyzer& analyzer, const std::string& text,
                         const std::vector<polnear::GoldAttribution>& gold) {
  lede::Analysis a = analyzer.analyze(text);
  const lede::EntityFacts facts = lede::find_entity_facts(a.entities, a.tokens.size());
  lede::QuoteInput in{text, a.tokens, a.sentences, a.paragraphs, a.entities, facts};
  TokenIndex ix(in);
  lede::quotes::build_token_index(in, &ix);
  lede::quotes::mark_quoted(lede::quotes::pair_marks(ix), &ix);
  const std::vector<uint32_t> cp = polnear::code_point_offsets(text);
  TextExamples out;
  for (uint32_t t = 0; t < ix.n; ++t) {
    if (!lede::quotes::cue_candidate(ix, t)) continue;
    const uint32_t s = cp[a.tokens[t].span.start], e = cp[a.tokens[t].span.end];
    Example ex;
    bool cue_of_quotation = false;
    for (const polnear::GoldAttribution& g : gold) {
      if (!polnear::overlaps(g.cue, s, e) || g.content.empty()) continue;
      if (g.quoted) {
        cue_of_quotation = true;
        continue;
      }
      ex.cue = true;
      ex.right = g.content.front().start >= e;
    }
    // A quotation's cue is no example either way: at run time the quotation has it already.
    if (cue_of_quotation && !ex.cue) continue;
    lede::quotes::cue_features(ix, t, &ex.keys);
    out.words.emplace_back(ix.lower[t]);
    out.examples.push_back(std::move(ex));
  }
  return out;
}

// All texts of a split: every annotation file pairs with its text (several files may share one).
std::vector<TextExamples> read_split(const lede::Analyzer& analyzer, const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir / "attributions"))
    if (e.path().extension() == ".ann") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<TextExamples> out;
  for (const fs::path& ann_path : files) {
    std::string stem = ann_path.stem().string();
    const size_t us = stem.rfind('_');
    const fs::path text_path = dir / "text" / ((us == std::string::npos ? stem : stem.substr(0, us)) + ".txt");
    std::string ann, text;
    if (!polnear::read_file(ann_path, &ann) || !polnear::read_file(text_path, &text)) {
      std::fprintf(stderr, "lede-train-attribution: cannot read \"%s\"\n", text_path.string().c_str());
      continue;
    }
    out.push_back(examples_of(analyzer, text, polnear::parse_ann(ann)));
  }
  return out;
}

// An averaged perceptron over hashed keys (the averaging by the usual timestamp trick).
struct Perceptron {
  std::unordered_map<uint32_t, double> w, total;
  std::unordered_map<uint32_t, long> stamp;
  long now = 0;

  double score(const std::vector<uint32_t>& keys) const {
    double s = 0;
    for (uint32_t k : keys) {
      auto it = w.find(k);
      if (it != w.end()) s += it->second;
    }
    return s;
  }
  void update(const std::vector<uint32_t>& keys, double delta) {
    for (uint32_t k : keys) {
      total[k] += w[k] * static_cast<double>(now - stamp[k]);
      stamp[k] = now;
      w[k] += delta;
    }
  }
  void learn(const Example& ex, bool label) {
    ++now;
    const bool predicted = score(ex.keys) > 0;  // the bias key is always there: never all-zero

    if (predicted != label) update(ex.keys, label ? 1.0 : -1.0);
  }
  // The averaged weight of every key, scaled and rounded.
  std::map<uint32_t, int32_t> averaged() const {
    std::map<uint32_t, int32_t> out;
    for (const auto& [k, v] : w) {
      const double sum = total.at(k) + v * static_cast<double>(now - stamp.at(k));
      const long q = std::lround(1000.0 * sum / static_cast<double>(now));
      if (q != 0) out[k] = static_cast<int32_t>(q);
    }
    return out;
  }
};

struct Scores {
  long tp = 0, fp = 0, fn = 0, right_ok = 0, right_total = 0;
  void print(const char* split) const {
    const double p = tp + fp ? 100.0 * tp / (tp + fp) : 0, r = tp + fn ? 100.0 * tp / (tp + fn) : 0;
    std::printf("%-5s cue tokens: precision %5.1f%%  recall %5.1f%%  F1 %5.1f%%  (%ld true, %ld false, %ld missed);"
                "  content side right %5.1f%% (%ld/%ld)\n",
                split, p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, tp, fp, fn,
                right_total ? 100.0 * right_ok / right_total : 0, right_ok, right_total);
  }
};

Scores evaluate(const lede::quotes::CueModel& model, const std::vector<TextExamples>& texts) {
  Scores s;
  for (const TextExamples& t : texts)
    for (size_t i = 0; i < t.examples.size(); ++i) {
      const Example& ex = t.examples[i];
      const bool known = t.words[i] == ":" || model.knows_cue_word(t.words[i]);
      const lede::quotes::CueScore sc = model.score(ex.keys);
      const bool predicted = known && sc.cue > 0;
      if (predicted && ex.cue) ++s.tp;
      else if (predicted) ++s.fp;
      else if (ex.cue) ++s.fn;
      if (ex.cue) {
        ++s.right_total;
        if ((sc.right > 0) == ex.right) ++s.right_ok;
      }
    }
  return s;
}

int usage() {
  std::fprintf(stderr, "usage: lede-train-attribution --data DIR --out FILE [--epochs N] [--seed S] [--min-count N]\n"
               "       [--min-feature N] [--min-rate R] [--threshold T]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data, out_path;
  int epochs = 10, min_count = 2, min_feature = 20;
  int32_t threshold = 0;
  double min_rate = 0.05;
  unsigned long seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) data = argv[++i];
    else if (a == "--out" && i + 1 < argc) out_path = argv[++i];
    else if (a == "--epochs" && i + 1 < argc) epochs = std::atoi(argv[++i]);
    else if (a == "--seed" && i + 1 < argc) seed = std::strtoul(argv[++i], nullptr, 10);
    else if (a == "--min-count" && i + 1 < argc) min_count = std::atoi(argv[++i]);
    else if (a == "--min-feature" && i + 1 < argc) min_feature = std::atoi(argv[++i]);
    else if (a == "--threshold" && i + 1 < argc) threshold = std::atoi(argv[++i]);
    else if (a == "--min-rate" && i + 1 < argc) min_rate = std::atof(argv[++i]);
    else return usage();
  }
  if (data.empty() || out_path.empty() || epochs < 1) return usage();
  std::string error;
  auto analyzer = lede::Analyzer::create(&error);
  if (!analyzer) {
    std::fprintf(stderr, "lede-train-attribution: %s\n", error.c_str());
    return 1;
  }
  if (!fs::is_directory(fs::path(data) / "train" / "attributions")) {
    std::fprintf(stderr, "lede-train-attribution: no PolNeAR train split in \"%s\"\n", data.c_str());
    return 2;
  }
  std::vector<TextExamples> train = read_split(*analyzer, fs::path(data) / "train");
  // The vocabulary: words that were a reported statement's cue at least min_count times.
  // The vocabulary: words that were a reported statement's cue at least min_count times and in
  // at least min_rate of their occurrences ("the" of "said in the statement" is not).
  std::map<std::string, int> cue_count, seen;
  for (const TextExamples& t : train)
    for (size_t i = 0; i < t.examples.size(); ++i) {
      ++seen[t.words[i]];
      if (t.examples[i].cue) ++cue_count[t.words[i]];
    }
  for (auto it = cue_count.begin(); it != cue_count.end();)
    it = it->second < min_count || it->second < min_rate * seen[it->first] ? cue_count.erase(it) : std::next(it);
  std::vector<Example*> pool;
  for (TextExamples& t : train)
    for (size_t i = 0; i < t.examples.size(); ++i) {
      auto it = cue_count.find(t.words[i]);
      if (t.words[i] == ":" || it != cue_count.end()) pool.push_back(&t.examples[i]);
    }
  // Features of fewer than min_feature candidates are dropped before training: they would be
  // most of the file and teach little.
  std::unordered_map<uint32_t, int> feature_count;
  for (const Example* ex : pool)
    for (uint32_t k : ex->keys) ++feature_count[k];
  for (Example* ex : pool)
    ex->keys.erase(std::remove_if(ex->keys.begin(), ex->keys.end(),
                                  [&](uint32_t k) { return feature_count[k] < min_feature; }),
                   ex->keys.end());
  Perceptron cue, right;
  uint64_t state = seed * 6364136223846793005ull + 1442695040888963407ull;
  for (int e = 0; e < epochs; ++e) {
    for (size_t i = pool.size(); i > 1; --i) {  // Fisher-Yates with a fixed LCG: reproducible
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      std::swap(pool[i - 1], pool[(state >> 33) % i]);
    }
    for (const Example* ex : pool) {
      cue.learn(*ex, ex->cue);
      if (ex->cue) right.learn(*ex, ex->right);
    }
  }
  std::map<uint32_t, std::pair<int32_t, int32_t>> weights;
  for (const auto& [k, v] : cue.averaged()) weights[k].first = v;
  // The cue output's cut: the run time takes a score above zero, so the bias carries it.
  weights[1].first -= threshold;
  for (const auto& [k, v] : right.averaged()) weights[k].second = v;
  for (const auto& [word, n] : cue_count) weights.emplace(lede::quotes::cue_vocabulary_key(word), std::make_pair(0, 0));
  std::vector<uint32_t> keys;
  std::vector<int32_t> wc, wr;
  for (const auto& [k, v] : weights) {
    keys.push_back(k);
    wc.push_back(v.first);
    wr.push_back(v.second);
  }
  const std::string file = lede::quotes::write_cue_model(keys, wc, wr);
  std::ofstream out(out_path, std::ios::binary);
  out.write(file.data(), static_cast<std::streamsize>(file.size()));
  if (!out) {
    std::fprintf(stderr, "lede-train-attribution: cannot write \"%s\"\n", out_path.c_str());
    return 1;
  }
  out.close();
  auto model = lede::quotes::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  if (!model) {
    std::fprintf(stderr, "lede-train-attribution: %s\n", error.c_str());
    return 1;
  }
  std::printf("lede-train-attribution: %zu examples (%zu texts), %zu features, %zu bytes -> %s\n", pool.size(),
              train.size(), keys.size(), file.size(), out_path.c_str());
  evaluate(*model, train).print("train");
  if (fs::is_directory(fs::path(data) / "dev" / "attributions"))
    evaluate(*model, read_split(*analyzer, fs::path(data) / "dev")).print("dev");
  return 0;
}
