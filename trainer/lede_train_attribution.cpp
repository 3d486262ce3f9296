// lede-train-attribution: trains the attribution model (core/src/quotes/cue_model.h: the
// reported-speech cues and the source ranking of quotes/sources.h) on PolNeAR's brat attributions
// and writes models/lede-attribution.bin.
//
//   lede-train-attribution --data DIR --out FILE [--epochs N] [--seed S] [--seeds K] [--min-count N] [--min-feature N]
//                          [--min-rate R] [--threshold T] [--source-epochs N] [--min-source-feature N]
//                          [--no-speaker-below T]
//
// DIR is PolNeAR's folder (train/ and dev/ inside). Each text of DIR/train is analysed by lede
// (tokens, sentences, entities, quotation marks: what the quotes stage sees at run time). A token
// outside quotations is a positive example of `cue` when it lies in the Cue of an attribution whose
// Content has no quotation mark (reported speech), and then of `right` when that Content starts
// after the cue; the cue of a quotation is no example either way. Only words seen as such a cue at
// least --min-count times and in at least --min-rate of their occurrences in train (and colons)
// are candidates; the model lists them (its vocabulary keys). Features of fewer than
// --min-feature candidates are dropped. Two averaged perceptrons, one per output, over the same
// features; examples visited in an order shuffled by --seed each epoch. With --seeds K (default 1)
// both models are trained K times, with seeds S to S+K-1, and the runs' weights averaged: one
// run's figures move about a point with the seed alone. Weights are scaled by 1000
// and rounded, so the file is the same on every run with the same data and arguments; a token is a
// cue when its score is above --threshold (folded into the bias, so the run time compares with
// zero: a choice made on dev). Token-level figures are printed for train and, when DIR/dev
// exists, for dev.
// Then the source ranking (see "Source ranking" below): the quotations the new cue model finds,
// each with a gold Source, their candidates ranked by a perceptron for --source-epochs epochs
// over features seen at least --min-source-feature times; its accuracy printed beside the
// patterns' own choice. --no-speaker-below (a choice made on dev) is stored with the weights: a
// common-noun phrase or number winning below it gives no speaker.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "entities/facts.h"
#include "lede/lede.h"
#include "polnear_gold.h"
#include "quotes/cue_model.h"
#include "quotes/index.h"
#include "quotes/marks.h"
#include "quotes/quotes.h"
#include "quotes/sources.h"

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

// All texts of a split with their gold attributions: every annotation file pairs with its text
// (several files may share one).
std::vector<std::pair<std::string, std::vector<polnear::GoldAttribution>>> read_texts(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir / "attributions"))
    if (e.path().extension() == ".ann") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::string, std::vector<polnear::GoldAttribution>>> out;
  for (const fs::path& ann_path : files) {
    std::string stem = ann_path.stem().string();
    const size_t us = stem.rfind('_');
    const fs::path text_path = dir / "text" / ((us == std::string::npos ? stem : stem.substr(0, us)) + ".txt");
    std::string ann, text;
    if (!polnear::read_file(ann_path, &ann) || !polnear::read_file(text_path, &text)) {
      std::fprintf(stderr, "lede-train-attribution: cannot read \"%s\"\n", text_path.string().c_str());
      continue;
    }
    out.emplace_back(std::move(text), polnear::parse_ann(ann));
  }
  return out;
}

std::vector<TextExamples> read_split(const lede::Analyzer& analyzer, const fs::path& dir) {
  std::vector<TextExamples> out;
  for (const auto& [text, gold] : read_texts(dir)) out.push_back(examples_of(analyzer, text, gold));
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

// ---------------------------------------------------------------------------------------------
// Source ranking (quotes/sources.h). Each text is analysed and its quotations found with the
// cue model just trained; every gold attribution with a Source is matched to lede's quotation of
// the same kind that overlaps its Content most (as lede-polnear-eval does), and that quotation's
// candidates become one ranking example: the candidates overlapping the Source are right (or, for
// a relative pronoun Source "who", the phrase ending right before it: its antecedent).

struct SourceGroup {
  std::vector<std::vector<uint32_t>> keys;
  std::vector<uint8_t> right;
  bool rule_right = false;  // the pattern's phrase was a right candidate
};

bool antecedent_of_relative(const polnear::GoldAttribution& g, uint32_t end) {
  std::string s = g.source_text;
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (g.source.size() != 1 || (s != "who" && s != "which" && s != "that")) return false;
  return end <= g.source[0].start && g.source[0].start - end <= 3;
}

void source_groups_of(const lede::Analyzer& analyzer, const lede::quotes::CueModel& model, const std::string& text,
                      const std::vector<polnear::GoldAttribution>& gold, std::vector<SourceGroup>* out) {
  lede::Analysis a = analyzer.analyze(text);
  const lede::EntityFacts facts = lede::find_entity_facts(a.entities, a.tokens.size());
  lede::quotes::SourceTrace trace;
  lede::QuoteInput in{text, a.tokens, a.sentences, a.paragraphs, a.entities, facts, &model, &trace};
  const std::vector<lede::Quote> quotes = lede::find_quotes(in);
  const std::vector<uint32_t> cp = polnear::code_point_offsets(text);
  for (const polnear::GoldAttribution& g : gold) {
    if (g.source.empty()) continue;
    size_t best = SIZE_MAX;
    uint32_t best_overlap = 0;
    for (size_t i = 0; i < quotes.size(); ++i) {
      if ((quotes[i].kind != lede::QuoteKind::indirect) != g.verbatim()) continue;
      const uint32_t s = cp[quotes[i].span.start], e = cp[quotes[i].span.end];
      uint32_t ov = 0;
      for (const polnear::Range& r : g.content)
        if (r.start < e && s < r.end) ov += std::min(e, r.end) - std::max(s, r.start);
      if (polnear::better_match(ov, quotes[i].span.end - quotes[i].span.start, best_overlap,
                                best == SIZE_MAX ? 0 : quotes[best].span.end - quotes[best].span.start)) {
        best_overlap = ov;
        best = i;
      }
    }
    if (best == SIZE_MAX || best >= trace.size() || trace[best].spans.size() < 2) continue;
    const lede::quotes::SourceTraceEntry& entry = trace[best];
    SourceGroup group;
    bool any = false;
    for (size_t i = 0; i < entry.spans.size(); ++i) {
      const uint32_t s = cp[entry.spans[i].start], e = cp[entry.spans[i].end];
      const bool right = polnear::overlaps(g.source, s, e) || antecedent_of_relative(g, e);
      group.right.push_back(right);
      any = any || right;
      if (right && (entry.origins[i] & lede::quotes::kFromRule)) group.rule_right = true;
    }
    if (!any) continue;
    group.keys = entry.keys;
    out->push_back(std::move(group));
  }
}

std::vector<SourceGroup> read_source_groups(const lede::Analyzer& analyzer, const lede::quotes::CueModel& model,
                                            const fs::path& dir) {
  std::vector<SourceGroup> out;
  for (const auto& [text, gold] : read_texts(dir)) source_groups_of(analyzer, model, text, gold, &out);
  return out;
}

size_t top_candidate(const Perceptron& p, const SourceGroup& g, bool among_right) {
  size_t best = SIZE_MAX;
  double best_score = 0;
  for (size_t i = 0; i < g.keys.size(); ++i) {
    if (among_right && !g.right[i]) continue;
    const double s = p.score(g.keys[i]);
    if (best == SIZE_MAX || s > best_score) {
      best = i;
      best_score = s;
    }
  }
  return best;
}

// Weights of several training runs summed, then their mean rounded half away from zero (so the
// file does not depend on anything but the runs).
struct WeightSum {
  std::map<uint32_t, int64_t> sum;
  void add(const std::map<uint32_t, int32_t>& w) {
    for (const auto& [k, v] : w) sum[k] += v;
  }
  std::map<uint32_t, int32_t> mean(int runs) const {
    std::map<uint32_t, int32_t> out;
    for (const auto& [k, v] : sum) {
      const int64_t m = (2 * (v < 0 ? -v : v) + runs) / (2 * runs);
      out[k] = static_cast<int32_t>(v < 0 ? -m : m);
    }
    return out;
  }
};

// A ranking perceptron: when the top candidate is wrong, the best right one gains and it loses.
std::map<uint32_t, int32_t> train_sources(std::vector<SourceGroup>* groups, int epochs, uint64_t state,
                                          int min_feature) {
  std::unordered_map<uint32_t, int> feature_count;
  for (const SourceGroup& g : *groups)
    for (const auto& keys : g.keys)
      for (uint32_t k : keys) ++feature_count[k];
  for (SourceGroup& g : *groups)
    for (auto& keys : g.keys)
      keys.erase(std::remove_if(keys.begin(), keys.end(), [&](uint32_t k) { return feature_count[k] < min_feature; }),
                 keys.end());
  std::vector<SourceGroup*> pool;
  for (SourceGroup& g : *groups) pool.push_back(&g);
  Perceptron p;
  for (int e = 0; e < epochs; ++e) {
    for (size_t i = pool.size(); i > 1; --i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      std::swap(pool[i - 1], pool[(state >> 33) % i]);
    }
    for (const SourceGroup* g : pool) {
      ++p.now;
      const size_t top = top_candidate(p, *g, false);
      if (g->right[top]) continue;
      const size_t want = top_candidate(p, *g, true);
      p.update(g->keys[want], 1.0);
      p.update(g->keys[top], -1.0);
    }
  }
  return p.averaged();
}

void print_source_accuracy(const char* split, const lede::quotes::CueModel& model,
                           const std::vector<SourceGroup>& groups) {
  size_t right = 0, rule = 0;
  for (const SourceGroup& g : groups) {
    size_t best = SIZE_MAX;
    int64_t best_score = 0;
    for (size_t i = 0; i < g.keys.size(); ++i) {
      const int64_t s = model.source_score(g.keys[i]);
      if (best == SIZE_MAX || s > best_score) {
        best = i;
        best_score = s;
      }
    }
    right += g.right[best];
    rule += g.rule_right;
  }
  const double n = groups.empty() ? 1.0 : static_cast<double>(groups.size());
  std::printf("%-5s sources: ranked right %5.1f%%, the patterns' phrase right %5.1f%% (%zu attributions with a"
              " right candidate among two or more)\n",
              split, 100.0 * right / n, 100.0 * rule / n, groups.size());
}

int usage() {
  std::fprintf(stderr, "usage: lede-train-attribution --data DIR --out FILE [--epochs N] [--seed S] [--seeds K] [--min-count N]\n"
               "       [--min-feature N] [--min-rate R] [--threshold T] [--source-epochs N] [--min-source-feature N]\n"
               "       [--no-speaker-below T]\n");
  return 2;
}

struct Options {
  std::string data, out_path;
  int epochs = 10, min_count = 2, min_feature = 20, source_epochs = 10, min_source_feature = 5;
  int32_t no_speaker_below = 0;
  int32_t threshold = 0;
  double min_rate = 0.05;
  unsigned long seed = 1;
  int seeds = 1;
};

bool parse_options(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) return false;
    if (a == "--data") o->data = argv[++i];
    else if (a == "--out") o->out_path = argv[++i];
    else if (a == "--epochs") o->epochs = std::atoi(argv[++i]);
    else if (a == "--seed") o->seed = std::strtoul(argv[++i], nullptr, 10);
    else if (a == "--seeds") o->seeds = std::atoi(argv[++i]);
    else if (a == "--min-count") o->min_count = std::atoi(argv[++i]);
    else if (a == "--min-feature") o->min_feature = std::atoi(argv[++i]);
    else if (a == "--threshold") o->threshold = std::atoi(argv[++i]);
    else if (a == "--min-rate") o->min_rate = std::atof(argv[++i]);
    else if (a == "--source-epochs") o->source_epochs = std::atoi(argv[++i]);
    else if (a == "--min-source-feature") o->min_source_feature = std::atoi(argv[++i]);
    else if (a == "--no-speaker-below") o->no_speaker_below = std::atoi(argv[++i]);
    else return false;
  }
  return !o->data.empty() && !o->out_path.empty() && o->epochs >= 1 && o->source_epochs >= 1 && o->seeds >= 1 &&
         o->seeds <= 100;
}

// The cue section: its keys (vocabulary keys included) and two weights each, in key order.
struct CueWeights {
  std::vector<uint32_t> keys;
  std::vector<int32_t> cue, right;
  size_t examples = 0;
};

CueWeights train_cues(std::vector<TextExamples>* train, const Options& o) {
  // The vocabulary: words that were a reported statement's cue at least min_count times and in
  // at least min_rate of their occurrences ("the" of "said in the statement" is not).
  std::map<std::string, int> cue_count, seen;
  for (const TextExamples& t : *train)
    for (size_t i = 0; i < t.examples.size(); ++i) {
      ++seen[t.words[i]];
      if (t.examples[i].cue) ++cue_count[t.words[i]];
    }
  for (auto it = cue_count.begin(); it != cue_count.end();)
    it = it->second < o.min_count || it->second < o.min_rate * seen[it->first] ? cue_count.erase(it) : std::next(it);
  std::vector<Example*> pool;
  for (TextExamples& t : *train)
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
                                  [&](uint32_t k) { return feature_count[k] < o.min_feature; }),
                   ex->keys.end());
  // One run per seed (--seeds of them from --seed on), each in its own order; the runs' averaged
  // weights are averaged again.
  WeightSum cue_sum, right_sum;
  for (int run = 0; run < o.seeds; ++run) {
    Perceptron cue, right;
    uint64_t state = (o.seed + static_cast<uint64_t>(run)) * 6364136223846793005ull + 1442695040888963407ull;
    for (int e = 0; e < o.epochs; ++e) {
      for (size_t i = pool.size(); i > 1; --i) {  // Fisher-Yates with a fixed LCG: reproducible
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        std::swap(pool[i - 1], pool[(state >> 33) % i]);
      }
      for (const Example* ex : pool) {
        cue.learn(*ex, ex->cue);
        if (ex->cue) right.learn(*ex, ex->right);
      }
    }
    cue_sum.add(cue.averaged());
    right_sum.add(right.averaged());
  }
  std::map<uint32_t, std::pair<int32_t, int32_t>> weights;
  for (const auto& [k, v] : cue_sum.mean(o.seeds)) weights[k].first = v;
  // The cue output's cut: the run time takes a score above zero, so the bias carries it.
  weights[1].first -= o.threshold;
  for (const auto& [k, v] : right_sum.mean(o.seeds)) weights[k].second = v;
  for (const auto& [word, n] : cue_count) weights.emplace(lede::quotes::cue_vocabulary_key(word), std::make_pair(0, 0));
  CueWeights out;
  out.examples = pool.size();
  for (const auto& [k, v] : weights) {
    out.keys.push_back(k);
    out.cue.push_back(v.first);
    out.right.push_back(v.second);
  }
  return out;
}

std::unique_ptr<lede::quotes::CueModel> load_or_complain(const std::string& file) {
  std::string error;
  auto model = lede::quotes::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  if (!model) std::fprintf(stderr, "lede-train-attribution: %s\n", error.c_str());
  return model;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse_options(argc, argv, &o)) return usage();
  std::string error;
  // Only tokens, sentences and names are read from the analysis: the attribution model being
  // replaced (which may be of another feature scheme) is not loaded.
  auto analyzer = lede::Analyzer::create_without_attribution(&error);
  if (!analyzer) {
    std::fprintf(stderr, "lede-train-attribution: %s\n", error.c_str());
    return 1;
  }
  const fs::path train_dir = fs::path(o.data) / "train", dev_dir = fs::path(o.data) / "dev";
  if (!fs::is_directory(train_dir / "attributions")) {
    std::fprintf(stderr, "lede-train-attribution: no PolNeAR train split in \"%s\"\n", o.data.c_str());
    return 2;
  }
  const bool has_dev = fs::is_directory(dev_dir / "attributions");
  std::vector<TextExamples> train = read_split(*analyzer, train_dir);
  const CueWeights cw = train_cues(&train, o);
  // The source ranking learns from the quotations the new cue model finds.
  auto cue_only = load_or_complain(lede::quotes::write_cue_model(cw.keys, cw.cue, cw.right));
  if (!cue_only) return 1;
  std::vector<SourceGroup> source_train = read_source_groups(*analyzer, *cue_only, train_dir);
  const size_t source_examples = source_train.size();
  WeightSum source_sum;
  for (int run = 0; run < o.seeds; ++run)
    source_sum.add(train_sources(&source_train, o.source_epochs,
                                 (o.seed + static_cast<uint64_t>(run)) * 2862933555777941757ull + 3037000493ull,
                                 o.min_source_feature));
  std::map<uint32_t, int32_t> sw = source_sum.mean(o.seeds);
  // A common-noun phrase or number that wins below this score is no speaker (quotes/sources.h).
  if (o.no_speaker_below != 0) sw[lede::quotes::no_speaker_key()] = o.no_speaker_below;
  std::vector<uint32_t> source_keys;
  std::vector<int32_t> source_weights;
  for (const auto& [k, v] : sw) {
    source_keys.push_back(k);
    source_weights.push_back(v);
  }
  const std::string file = lede::quotes::write_cue_model(cw.keys, cw.cue, cw.right, source_keys, source_weights);
  std::ofstream out(o.out_path, std::ios::binary);
  out.write(file.data(), static_cast<std::streamsize>(file.size()));
  if (!out) {
    std::fprintf(stderr, "lede-train-attribution: cannot write \"%s\"\n", o.out_path.c_str());
    return 1;
  }
  out.close();
  auto model = load_or_complain(file);
  if (!model) return 1;
  std::printf("lede-train-attribution: %zu cue examples (%zu texts), %zu cue features; %zu source examples, %zu source"
              " features; %zu bytes -> %s\n",
              cw.examples, train.size(), cw.keys.size(), source_examples, source_keys.size(), file.size(),
              o.out_path.c_str());
  evaluate(*model, train).print("train");
  if (has_dev) evaluate(*model, read_split(*analyzer, dev_dir)).print("dev");
  print_source_accuracy("train", *model, read_source_groups(*analyzer, *model, train_dir));
  if (has_dev) print_source_accuracy("dev", *model, read_source_groups(*analyzer, *model, dev_dir));
  return 0;
}
