// lede-train: trains the named-entity tagger on CoNLL-2003 files and writes a model file.
//
// Averaged structured perceptron (Collins 2002) over BILOU labels, two stages: stage 1 uses local
// and document-context features; stage 2 adds how stage 1 labelled the same words elsewhere in
// the document. Stage 2 trains on jackknifed stage-1 output (each fold tagged by a stage-1 model
// that never saw it), so that it learns how far to trust stage 1 on unseen text. Only the first
// column (the word) of the CoNLL files is used: at run time there is no POS tagger or chunker.
// With --seeds K each perceptron is trained K times in K visiting orders and the runs' averaged
// weights are averaged (one model's held-out figures move 1-3 F1 with the seed alone). With
// --word-dropout P a token occurrence loses its word's features with probability P at each step
// (word_dropout.h), so that the lists, clusters and shapes learn to stand without it.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <zlib.h>

#include "../eval/conll_score.h"
#include "name_lists.h"
#include "tagger/document_features.h"
#include "tagger/model_format.h"
#include "tagger/tagger.h"
#include "tagger/viterbi.h"
#include "tagger/word_forms.h"
#include "word_dropout.h"

namespace {

using namespace lede;
using namespace lede::ner;

struct Document {
  std::vector<std::string> words;
  std::vector<std::string> lines;      // the original lines, for scoring
  std::vector<std::string> gold_tags;  // last column
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  std::vector<uint8_t> gold;           // BILOU
  int weight = 1;                      // times each sentence is seen per epoch (--extra FILE*W)
  // Feature indices per stage: idx[s][off[s][i] .. off[s][i+1]).
  std::vector<uint32_t> idx[2], off[2];
};

// Chunks of an IOB1/IOB2 tag sequence (conlleval's reading).
void tags_to_spans(const std::vector<std::string>& tags, uint32_t a, uint32_t b, std::vector<LabelSpan>* out) {
  int open_type = -1;
  uint32_t open_start = 0;
  auto type_of = [](const std::string& t) -> int {
    std::string_view ty = std::string_view(t).substr(2);
    for (int k = 0; k < kTypes; ++k)
      if (ty == type_name(k)) return k;
    return -1;
  };
  for (uint32_t i = a; i < b; ++i) {
    const std::string& t = tags[i];
    int type = t.size() > 2 ? type_of(t) : -1;
    bool begin = t.size() > 2 && t[0] == 'B';
    if (open_type >= 0 && (type != open_type || begin)) {
      out->push_back({open_start, i, open_type});
      open_type = -1;
    }
    if (type >= 0 && open_type < 0) {
      open_type = type;
      open_start = i;
    }
  }
  if (open_type >= 0) out->push_back({open_start, b, open_type});
}

bool read_conll(const std::string& path, std::vector<Document>* docs) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  Document* doc = nullptr;
  uint32_t sentence_start = 0;
  auto close_sentence = [&]() {
    if (doc && doc->words.size() > sentence_start) {
      doc->sentences.emplace_back(sentence_start, static_cast<uint32_t>(doc->words.size()));
    }
    if (doc) sentence_start = static_cast<uint32_t>(doc->words.size());
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::istringstream ss(line);
    std::vector<std::string> cols;
    std::string c;
    while (ss >> c) cols.push_back(c);
    if (cols.empty()) {
      close_sentence();
      continue;
    }
    if (cols[0] == "-DOCSTART-" || !doc) {
      close_sentence();
      docs->emplace_back();
      doc = &docs->back();
      sentence_start = 0;
      if (cols[0] == "-DOCSTART-") continue;
    }
    doc->words.push_back(cols[0]);
    doc->lines.push_back(line);
    doc->gold_tags.push_back(cols.back());
  }
  close_sentence();
  for (Document& d : *docs) {
    d.gold.assign(d.words.size(), 0);
    std::vector<LabelSpan> spans;
    for (auto [a, b] : d.sentences) tags_to_spans(d.gold_tags, a, b, &spans);
    spans_to_labels(spans, 0, d.gold.data());
  }
  return true;
}

// Feature keys -> dense indices, with occurrence counts.
struct Vocabulary {
  std::unordered_map<uint32_t, uint32_t> index;
  std::vector<uint32_t> keys;
  std::vector<uint32_t> counts;
  uint32_t id(uint32_t key) {
    auto [it, inserted] = index.emplace(key, static_cast<uint32_t>(keys.size()));
    if (inserted) {
      keys.push_back(key);
      counts.push_back(0);
    }
    counts[it->second]++;
    return it->second;
  }
};

constexpr int L = kLabels;
constexpr int T = (L + 1) * (L + 1);

struct Weights {
  std::vector<double> w;   // F x L
  std::vector<double> tr;  // T
};

// Averaged perceptron with integer updates: w is the current weight, u the sum of c*update, so the
// average over all steps is w - u/c (Daume's trick, no per-step copying).
class Perceptron {
 public:
  // named[f]: the words feature f names (word_dropout.h), read when dropout is on.
  Perceptron(size_t features, const lede_train::WordDropout& dropout, const std::vector<uint8_t>& named)
      : w_(features * L, 0), u_(features * L, 0), tw_(T, 0), tu_(T, 0), dropout_(dropout), named_(named) {}

  void train(const std::vector<const Document*>& docs, int stage, int epochs, uint64_t seed) {
    std::vector<std::pair<const Document*, uint32_t>> order;
    for (const Document* d : docs)
      for (int r = 0; r < d->weight; ++r)
        for (uint32_t s = 0; s < d->sentences.size(); ++s) order.emplace_back(d, s);
    std::mt19937_64 rng(seed);
    // Dropout draws from a generator of its own, so that the visiting order is the same with it.
    drop_rng_.seed(seed ^ 0x6A09E667F3BCC908ull);
    std::vector<int32_t> em, delta;
    std::vector<uint8_t> back, pred;
    for (int e = 0; e < epochs; ++e) {
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
      for (const auto& [d, s] : order) step(*d, d->sentences[s], stage, &em, &delta, &back, &pred);
    }
  }

  Weights averaged() const {
    Weights out;
    out.w.resize(w_.size());
    out.tr.resize(T);
    double c = static_cast<double>(c_);
    for (size_t k = 0; k < w_.size(); ++k) out.w[k] = w_[k] - u_[k] / c;
    for (int k = 0; k < T; ++k) out.tr[k] = tw_[k] - tu_[k] / c;
    return out;
  }

 private:
  void step(const Document& d, std::pair<uint32_t, uint32_t> s, int stage, std::vector<int32_t>* em,
            std::vector<int32_t>* delta, std::vector<uint8_t>* back, std::vector<uint8_t>* pred) {
    auto [a, b] = s;
    size_t n = b - a;
    const uint8_t* gold = d.gold.data() + a;
    lede_train::choose_hidden(dropout_, gold, n, &drop_rng_, &hidden_);
    // Whether the k-th feature of token i names a word hidden at this step.
    auto hidden = [&](size_t i, uint32_t k) { return hidden_[i] && (named_[d.idx[stage][k]] & hidden_[i]); };
    em->assign(n * L, 0);
    for (size_t i = 0; i < n; ++i) {
      int32_t* sc = em->data() + i * L;
      for (uint32_t k = d.off[stage][a + i]; k < d.off[stage][a + i + 1]; ++k) {
        if (hidden(i, k)) continue;
        const int32_t* row = w_.data() + size_t{d.idx[stage][k]} * L;
        for (int y = 0; y < L; ++y) sc[y] += row[y];
      }
    }
    pred->resize(n);
    viterbi<int32_t>(em->data(), n, tw_.data(), pred->data(), delta, back);
    bool same = std::equal(pred->begin(), pred->end(), gold);
    if (!same) {
      for (size_t i = 0; i < n; ++i) {
        if ((*pred)[i] == gold[i]) continue;
        for (uint32_t k = d.off[stage][a + i]; k < d.off[stage][a + i + 1]; ++k) {
          if (hidden(i, k)) continue;
          size_t base = size_t{d.idx[stage][k]} * L;
          update(base + gold[i], 1);
          update(base + (*pred)[i], -1);
        }
      }
      int pg = L, pp = L;
      for (size_t i = 0; i <= n; ++i) {
        int g = i < n ? gold[i] : L, p = i < n ? (*pred)[i] : L;
        if (g != p || pg != pp) {
          tupdate(pg * (L + 1) + g, 1);
          tupdate(pp * (L + 1) + p, -1);
        }
        pg = g;
        pp = p;
      }
    }
    ++c_;
  }
  void update(size_t k, int d) {
    w_[k] += d;
    u_[k] += static_cast<int64_t>(c_) * d;
  }
  void tupdate(size_t k, int d) {
    tw_[k] += d;
    tu_[k] += static_cast<int64_t>(c_) * d;
  }

  std::vector<int32_t> w_;
  std::vector<int64_t> u_;
  std::vector<int32_t> tw_;
  std::vector<int64_t> tu_;
  int64_t c_ = 1;
  const lede_train::WordDropout& dropout_;
  const std::vector<uint8_t>& named_;
  std::mt19937_64 drop_rng_;
  std::vector<uint8_t> hidden_;
};

// Seeds of a training run after the first, when several are averaged (--seeds): far from the
// few the folds and the stages take (seed + fold, seed + 1000).
constexpr uint64_t kRunStride = 1000003;

// Weights averaged over `runs` perceptrons, each trained by `train(seed)` with its run's seed.
// One run's weights are returned as they are, so --seeds 1 writes the model of before.
template <class Train>
Weights averaged_runs(int runs, uint64_t seed, Train train) {
  Weights sum = train(seed);
  for (int r = 1; r < runs; ++r) {
    const Weights w = train(seed + kRunStride * static_cast<uint64_t>(r));
    for (size_t k = 0; k < sum.w.size(); ++k) sum.w[k] += w.w[k];
    for (size_t k = 0; k < sum.tr.size(); ++k) sum.tr[k] += w.tr[k];
  }
  if (runs > 1) {
    for (double& v : sum.w) v /= runs;
    for (double& v : sum.tr) v /= runs;
  }
  return sum;
}

// Decodes a document with unquantised weights (for the jackknife).
std::vector<uint8_t> decode(const Weights& W, const Document& d, int stage) {
  std::vector<double> em(d.words.size() * L, 0.0), delta;
  std::vector<uint8_t> back, out(d.words.size(), 0);
  for (size_t i = 0; i < d.words.size(); ++i) {
    double* sc = em.data() + i * L;
    for (uint32_t k = d.off[stage][i]; k < d.off[stage][i + 1]; ++k) {
      const double* row = W.w.data() + size_t{d.idx[stage][k]} * L;
      for (int y = 0; y < L; ++y) sc[y] += row[y];
    }
  }
  for (auto [a, b] : d.sentences) viterbi<double>(em.data() + size_t{a} * L, b - a, W.tr.data(), out.data() + a, &delta, &back);
  return out;
}

// A training file beside the main one: another corpus in CoNLL columns, whose sentences are seen
// `weight` times an epoch (a small corpus can then count for more than its size).
struct ExtraCorpus {
  std::string path;
  int weight = 1;
  size_t documents = 0, tokens = 0;
};

struct Options {
  std::string data;
  std::string train_file, dev_file, out = "models/lede-ner.bin", record;
  std::vector<ExtraCorpus> extra;
  long extra_docs = -1;    // each --extra corpus's first this many documents only (-1: all)
  std::string gazetteer;   // "list<TAB>phrase" lines to compile into the model (--gazetteer)
  int trained_min = 2;     // a training-data name enters the model's lists when seen this often
  // The lists learnt from the training data (--trained TYPE[=LIST,...]): one per type, with the
  // name lists that join it; none given: the organisations alone. A type given twice: the last.
  std::vector<std::pair<std::string, std::vector<std::string>>> trained;
  int train_weight = 1;    // times each sentence of --train is seen per epoch
  int epochs1 = 12, epochs2 = 12, folds = 5, threads = 2, min_count = 2;
  uint64_t seed = 20260101;
  int seeds = 1;           // training runs averaged (--seeds): run r uses the seeds plus r * kRunStride
  double prune = 0.0;  // drop weights smaller than this fraction of the largest
  double feature_prune = 0.0;  // drop features whose largest weight is smaller than this fraction of it
  double clip = 1.0;   // the fraction of the largest weight that maps to the largest stored one (larger ones clamp)
  int levels = kMaxWeightLevel;  // the largest int8 a feature's weights are stored as (model_format.h)
  int key_bits = 32;       // the top bits of feature keys the model keeps (model_format.h)
  int list_key_bits = 32;  // and of its name lists' phrase keys (tagger/gazetteer.h)
  bool one_stage = false;
  lede_train::WordDropout dropout;  // --word-dropout P and its --word-dropout-* variants
};

// Copies a document's feature keys for `stage` (stage 1 = index 1: its keys plus stage 2's) as
// vocabulary indices.
void collect_features(Document* d, DocumentFeatures* f, Vocabulary* vocab, int stage) {
  d->idx[stage].clear();
  d->off[stage].assign(1, 0);
  for (size_t i = 0; i < d->words.size(); ++i) {
    if (stage == 1) {
      for (const uint32_t* k = f->stage1_begin(i); k != f->stage1_end(i); ++k) d->idx[1].push_back(vocab->id(*k));
      for (const uint32_t* k = f->stage2_begin(i); k != f->stage2_end(i); ++k) d->idx[1].push_back(vocab->id(*k));
    } else {
      for (const uint32_t* k = f->stage1_begin(i); k != f->stage1_end(i); ++k) d->idx[0].push_back(vocab->id(*k));
    }
    d->off[stage].push_back(static_cast<uint32_t>(d->idx[stage].size()));
  }
}

// Drops features seen fewer than min_count times from the index lists (their weights stay 0).
void apply_cutoff(std::vector<Document>* docs, const Vocabulary& vocab, int stage, uint32_t min_count) {
  for (Document& d : *docs) {
    std::vector<uint32_t> idx, off(1, 0);
    for (size_t i = 0; i < d.words.size(); ++i) {
      for (uint32_t k = d.off[stage][i]; k < d.off[stage][i + 1]; ++k) {
        uint32_t f = d.idx[stage][k];
        if (vocab.counts[f] >= min_count) idx.push_back(f);
      }
      off.push_back(static_cast<uint32_t>(idx.size()));
    }
    d.idx[stage].swap(idx);
    d.off[stage].swap(off);
  }
}

// For each feature of the vocabulary, the words it names (word_dropout.h's NamedWord bits), from
// every training token's keys that name words.
std::vector<uint8_t> naming_bits(const std::vector<Document>& docs, const Vocabulary& vocab,
                                 const ClusterTable& clusters, bool affixes) {
  std::vector<uint8_t> named(vocab.keys.size(), 0);
  WordFacts facts;
  std::vector<WordInfo> info;
  std::vector<SelfFacts> self;
  std::vector<std::pair<uint32_t, uint8_t>> keys;
  for (const Document& d : docs) {
    info.assign(d.words.size(), WordInfo());
    self.assign(d.words.size(), SelfFacts());
    for (size_t i = 0; i < d.words.size(); ++i) facts.compute(d.words[i], &clusters, &info[i], &self[i]);
    for (auto [a, b] : d.sentences) {
      for (uint32_t i = a; i < b; ++i) {
        keys.clear();
        lede_train::word_naming_keys(info, self, a, b, i, affixes, &keys);
        for (auto [key, bits] : keys) {
          auto it = vocab.index.find(key);
          if (it != vocab.index.end()) named[it->second] |= bits;
        }
      }
    }
  }
  return named;
}

// lists[di % lists.size()]: the name lists document di's features see (its jackknife fold's).
void build_features(std::vector<Document>* docs, Vocabulary* vocab, const ClusterTable& clusters, int stage,
                    const std::vector<std::vector<uint8_t>>* stage1_labels, const std::vector<Gazetteer>& lists) {
  DocumentFeatures f;
  for (size_t di = 0; di < docs->size(); ++di) {
    Document& d = (*docs)[di];
    f.set_gazetteer(&lists[di % lists.size()]);
    std::vector<std::string_view> views(d.words.begin(), d.words.end());
    f.build(views, d.sentences, &clusters);
    if (stage == 1) f.add_predictions((*stage1_labels)[di]);
    collect_features(&d, &f, vocab, stage);
  }
}

// A stage quantised: its transitions, and its features' non-zero weights by key.
struct QuantisedStage {
  std::vector<int64_t> transitions;
  std::map<uint32_t, std::array<long, L>> features;
};

long quantise(double w, double scale, long top) { return std::max(-top, std::min(top, std::lround(w * scale))); }

// The weights in the units the file stores: the largest (times clip) at levels x the largest
// scale, so that a feature holding it is stored at its full levels (put_features), weights under
// `prune` of it dropped.
QuantisedStage quantise_stage(const Weights& W, const Vocabulary& vocab, double prune, double clip, int levels) {
  QuantisedStage out;
  double maxabs = 0;
  for (double v : W.w) maxabs = std::max(maxabs, std::fabs(v));
  const long top = long{levels} * kMaxWeightScale;
  double scale = maxabs > 0 ? top / (maxabs * clip) : 1.0;
  for (int k = 0; k < T; ++k) out.transitions.push_back(static_cast<int64_t>(std::llround(W.tr[k] * scale)));
  size_t F = W.w.size() / L;
  long min_q = std::lround(prune * top);
  for (size_t f = 0; f < F; ++f) {
    std::array<long, L> q;
    bool any = false;
    for (int y = 0; y < L; ++y) {
      q[y] = quantise(W.w[f * L + y], scale, top);
      if (std::labs(q[y]) < min_q) q[y] = 0;
      any = any || q[y] != 0;
    }
    if (any) out.features[vocab.keys[f]] = q;
  }
  return out;
}

// The model file (format in core/src/tagger/model_format.h): one feature per key, with the weights
// of every stage that has the key, as int8 times a scale of the feature's (put_features).
std::string model_file(const std::vector<Weights>& stages, const Vocabulary& vocab, const ClusterTable& clusters,
                       const Gazetteer& lists, const Options& o, std::vector<size_t>* kept, size_t* stored) {
  std::vector<QuantisedStage> quantised;
  for (const Weights& W : stages) {
    quantised.push_back(quantise_stage(W, vocab, o.prune, o.clip, o.levels));
    kept->push_back(quantised.back().features.size());
  }
  std::string payload;
  put_varint(&payload, L);
  put_clusters(&payload, clusters.entries);
  lists.write(&payload);
  put_varint(&payload, stages.size());
  for (const QuantisedStage& q : quantised) {
    for (int64_t t : q.transitions) put_signed(&payload, t);
  }
  std::vector<const std::map<uint32_t, std::array<long, L>>*> features;
  for (const QuantisedStage& q : quantised) features.push_back(&q.features);
  *stored = put_features(&payload, features, o.levels, o.key_bits,
                         static_cast<int32_t>(std::lround(o.feature_prune * o.levels * kMaxWeightScale)));
  return model_file_of(payload);
}

// Every name of the training documents: its words' phrase key, its document and type.
std::vector<lede_train::TrainedName> trained_names_of(const std::vector<Document>& docs) {
  std::vector<lede_train::TrainedName> out;
  DocumentFeatures f;
  std::vector<LabelSpan> spans;
  std::vector<std::string_view> words;
  for (size_t di = 0; di < docs.size(); ++di) {
    const Document& d = docs[di];
    spans.clear();
    for (auto [a, b] : d.sentences) tags_to_spans(d.gold_tags, a, b, &spans);
    for (const LabelSpan& s : spans) {
      if (s.end - s.first > static_cast<uint32_t>(Gazetteer::kMaxWords)) continue;
      words.assign(d.words.begin() + s.first, d.words.begin() + s.end);
      out.push_back({lede_train::phrase_key(&f, words), static_cast<uint32_t>(di), s.type});
    }
  }
  return out;
}

// MODEL.md's line on the model's name lists: each list's entries, the section's bytes (raw and
// deflated at level 9: hashed keys hardly compress, and the download counts them) and its digest.
std::string lists_record(const Gazetteer& lists, const std::string& path, int trained_min) {
  std::string section;
  lists.write(&section);
  uLongf deflated = compressBound(section.size());
  std::string packed(deflated, '\0');
  if (compress2(reinterpret_cast<Bytef*>(&packed[0]), &deflated, reinterpret_cast<const Bytef*>(section.data()),
                section.size(), 9) != Z_OK) {
    deflated = 0;
  }
  std::ostringstream out;
  out << "- Name lists (" << (path.empty() ? std::string("no --gazetteer") : "`" + path + "`")
      << "; trained-TYPE: the training data's names seen "
      << (trained_min == 1 ? std::string("once or more") : "at least " + std::to_string(trained_min) + " times")
      << ", mostly as TYPE, with the lists --trained adds to them): ";
  std::vector<size_t> sizes = lists.list_sizes();
  for (size_t k = 0; k < sizes.size(); ++k) out << (k ? ", " : "") << lists.lists()[k] << " " << sizes[k];
  out << "; " << lists.size() << " phrases, " << section.size() << " bytes in the model (" << deflated
      << " deflated), digest " << digest_text(model_checksum(reinterpret_cast<const uint8_t*>(section.data()),
                                                                section.size()))
      << "\n";
  return out.str();
}

std::string iob2(uint8_t label) {
  if (label == 0) return "O";
  int part = label_part(label);
  return std::string(part == kPartB || part == kPartU ? "B-" : "I-") + type_name(label_type(label));
}

// Tags the dev documents with the written model through the runtime code and scores them.
eval::ConllScorer score(const TaggerModel& model, const std::vector<Document>& docs) {
  eval::ConllScorer scorer;
  for (const Document& d : docs) {
    scorer.add_token("-DOCSTART-", "O", "O");
    scorer.add_boundary();
    std::vector<std::string_view> views(d.words.begin(), d.words.end());
    std::vector<uint8_t> labels = tag_document_labels(model, views, d.sentences);
    for (auto [a, b] : d.sentences) {
      for (uint32_t i = a; i < b; ++i) scorer.add_token(d.words[i], d.gold_tags[i], iob2(labels[i]));
      scorer.add_boundary();
    }
  }
  scorer.finish();
  return scorer;
}

ClusterTable read_clusters(const std::string& path, std::string* command, std::string* raw_text) {
  // "path<TAB>word<TAB>count" lines (the format of Liang's wcluster), path a bit string; a first
  // line "# command" says how lede-clusters made the file, and a "# raw text digest ..." line what
  // lede's tokenizer made of its raw text (trainer/cluster_text.h).
  ClusterTable table;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] == '#') {
      const std::string comment = line.substr(std::min(line.size(), line.find_first_not_of("# ")));
      if (comment.rfind("raw text digest ", 0) == 0) {
        *raw_text = comment;
      } else if (command->empty()) {
        *command = comment;
      }
      continue;
    }
    std::istringstream ss(line);
    std::string bits, word;
    if (!(ss >> bits >> word)) continue;
    if (bits.size() > 30) bits.resize(30);
    uint32_t p = 1;
    for (char c : bits) p = (p << 1) | (c == '1');
    std::string norm, lower;
    normalize_word(word, &norm);
    lower_word(norm, &lower);
    table.entries.emplace_back(cluster_word_hash(lower), p);
  }
  std::sort(table.entries.begin(), table.entries.end());
  table.entries.erase(std::unique(table.entries.begin(), table.entries.end(),
                                  [](const auto& x, const auto& y) { return x.first == y.first; }),
                      table.entries.end());
  return table;
}

// "FILE" or "FILE*WEIGHT" (--extra); false, saying why, on a bad weight.
bool parse_extra(const std::string& v, ExtraCorpus* e) {
  size_t star = v.rfind('*');
  e->path = v.substr(0, star);
  if (star == std::string::npos) return true;
  char* end = nullptr;
  long w = std::strtol(v.c_str() + star + 1, &end, 10);
  if (*end != '\0' || w < 1 || w > 100) {
    std::cerr << "lede-train: --extra takes FILE or FILE*WEIGHT with a weight from 1 to 100, not \"" << v << "\"\n";
    return false;
  }
  e->weight = static_cast<int>(w);
  return true;
}

// The training documents: --train's, then each --extra corpus's, each with its weight (and the
// corpus's document and token counts recorded for MODEL.md).
bool read_training(Options* o, std::vector<Document>* train) {
  if (!read_conll(o->train_file, train)) {
    std::cerr << "lede-train: cannot read \"" << o->train_file << "\"\n";
    return false;
  }
  for (Document& d : *train) d.weight = o->train_weight;
  for (ExtraCorpus& e : o->extra) {
    std::vector<Document> docs;
    if (!read_conll(e.path, &docs)) {
      std::cerr << "lede-train: cannot read \"" << e.path << "\"\n";
      return false;
    }
    if (o->extra_docs >= 0 && docs.size() > static_cast<size_t>(o->extra_docs)) docs.resize(o->extra_docs);
    e.documents = docs.size();
    for (Document& d : docs) {
      d.weight = e.weight;
      e.tokens += d.words.size();
      train->push_back(std::move(d));
    }
  }
  return true;
}

// The model's name lists (the last) after each jackknife fold's: the organisations of the training
// data, which the gazetteers cover worst (issue 21), are learnt from it, but a document's features
// only see those of the other folds, as at run time the tagger meets names its lists may not have.
bool name_lists_by_fold(const Options& o, const std::vector<Document>& train, std::vector<Gazetteer>* out) {
  lede_train::NameLists name_lists;
  if (!o.gazetteer.empty()) {
    std::string error;
    if (!lede_train::read_name_lists(o.gazetteer, &name_lists, &error)) {
      std::cerr << "lede-train: " << error << "\n";
      return false;
    }
  }
  std::vector<lede_train::TrainedName> trained_names = trained_names_of(train);
  std::vector<lede_train::TrainedList> trained_lists;
  auto trained = o.trained;
  if (trained.empty()) trained.push_back({"org", {}});
  for (const auto& [type, with] : trained) {
    lede_train::TrainedList t;
    t.name = "trained-" + type;
    // labels.h's type order: PER, ORG, LOC, MISC.
    t.type = type == "per" ? 0 : type == "org" ? 1 : type == "loc" ? 2 : type == "misc" ? 3 : -1;
    if (t.type < 0) {
      std::cerr << "lede-train: --trained: no type \"" << type << "\" (per, org, loc, misc)\n";
      return false;
    }
    for (const std::string& name : with) {
      const auto at = std::find(name_lists.names.begin(), name_lists.names.end(), name);
      if (at == name_lists.names.end()) {
        std::cerr << "lede-train: --trained: no list \"" << name << "\" in the name lists\n";
        return false;
      }
      t.also.push_back(static_cast<int>(at - name_lists.names.begin()));
    }
    trained_lists.push_back(std::move(t));
  }
  if (name_lists.names.size() + trained_lists.size() > static_cast<size_t>(Gazetteer::kMaxLists)) {
    std::cerr << "lede-train: " << name_lists.names.size() << " name lists and " << trained_lists.size()
              << " learnt from the training data: more than " << Gazetteer::kMaxLists << "\n";
    return false;
  }
  const int list_folds = std::max(1, o.folds);
  for (int t = 0; t <= list_folds; ++t) {
    out->push_back(lede_train::fold_gazetteer(name_lists, trained_lists, trained_names, o.trained_min, list_folds, t,
                                              o.list_key_bits));
  }
  return true;
}

// Stage 1 on each jackknife fold's complement and (the last) on everything, in parallel.
std::vector<Weights> train_stage1(const Options& o, const std::vector<Document>& train, size_t features,
                                  const std::vector<uint8_t>& named, int folds) {
  std::vector<Weights> fold_weights(folds + 1);
  std::vector<std::thread> pool;
  std::atomic<int> next_task{0};
  auto worker = [&]() {
    for (int t; (t = next_task++) <= folds;) {
      std::vector<const Document*> part;
      for (size_t di = 0; di < train.size(); ++di)
        if (t == folds || static_cast<int>(di % folds) != t) part.push_back(&train[di]);
      fold_weights[t] = averaged_runs(o.seeds, o.seed + t, [&](uint64_t seed) {
        Perceptron p(features, o.dropout, named);
        p.train(part, 0, o.epochs1, seed);
        return p.averaged();
      });
    }
  };
  for (int k = 0; k < o.threads; ++k) pool.emplace_back(worker);
  for (auto& th : pool) th.join();
  return fold_weights;
}

// MODEL.md's words on --word-dropout (said only when it is on, so that other models' records stay).
std::string dropout_record(const lede_train::WordDropout& dropout) {
  std::ostringstream out;
  out << "; word dropout: " << dropout.p << " (" << (dropout.names_only ? "tokens of names" : "every token");
  if (dropout.neighbours) out << ", neighbours' keys too";
  if (dropout.affixes) out << ", prefixes and suffixes too";
  out << ")";
  return out.str();
}

void usage() {
  std::cerr << "usage: lede-train [--data DIR] [--train FILE] [--dev FILE] [--clusters FILE] [--out FILE]\n"
               "                  [--record FILE.md] [--epochs1 N] [--epochs2 N] [--folds K] [--seed S] [--seeds K]\n"
               "                  [--min-count N] [--prune F] [--feature-prune F] [--clip F] [--levels N] [--key-bits N]\n"
               "                  [--list-key-bits N] [--threads N] [--one-stage]\n"
               "                  [--word-dropout P] [--word-dropout-names] [--word-dropout-neighbours]\n"
               "                  [--word-dropout-affixes]\n"
               "                  [--train-weight N] [--extra FILE[*WEIGHT]]... [--extra-docs N] [--gazetteer FILE]\n"
               "                  [--trained-min N]\n"
               "                  [--trained TYPE[=LIST,...]]...\n"
               "Defaults: --data $LEDE_DATA or ../shared/data; train conll2003/eng.train, dev conll2003/eng.testa.\n";
}

}  // namespace

// Reads the command line into *o (and the clusters file's path). Returns -1 to go on, else the
// exit code (0 after --help, 2 for a bad argument).
int parse_options(int argc, char** argv, Options* out, std::string* clusters_path) {
  Options& o = *out;
  const char* env = std::getenv("LEDE_DATA");
  o.data = env && *env ? env : "../shared/data";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "lede-train: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--data") o.data = next();
    else if (a == "--train") o.train_file = next();
    else if (a == "--dev") o.dev_file = next();
    else if (a == "--clusters") *clusters_path = next();
    else if (a == "--out") o.out = next();
    else if (a == "--record") o.record = next();
    else if (a == "--epochs1") o.epochs1 = std::atoi(next().c_str());
    else if (a == "--epochs2") o.epochs2 = std::atoi(next().c_str());
    else if (a == "--folds") o.folds = std::atoi(next().c_str());
    else if (a == "--seed") o.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--seeds") o.seeds = std::max(1, std::min(100, std::atoi(next().c_str())));
    else if (a == "--min-count") o.min_count = std::atoi(next().c_str());
    else if (a == "--prune") o.prune = std::atof(next().c_str());
    else if (a == "--feature-prune") o.feature_prune = std::atof(next().c_str());
    else if (a == "--clip") o.clip = std::atof(next().c_str());
    else if (a == "--levels") o.levels = std::atoi(next().c_str());
    else if (a == "--key-bits") o.key_bits = std::atoi(next().c_str());
    else if (a == "--list-key-bits") o.list_key_bits = std::atoi(next().c_str());
    else if (a == "--threads") o.threads = std::max(1, std::atoi(next().c_str()));
    else if (a == "--one-stage") o.one_stage = true;
    else if (a == "--word-dropout") o.dropout.p = std::atof(next().c_str());
    else if (a == "--word-dropout-names") o.dropout.names_only = true;
    else if (a == "--word-dropout-neighbours") o.dropout.neighbours = true;
    else if (a == "--word-dropout-affixes") o.dropout.affixes = true;
    else if (a == "--gazetteer") o.gazetteer = next();
    else if (a == "--trained-min") o.trained_min = std::max(1, std::atoi(next().c_str()));
    else if (a == "--trained") {
      // TYPE or TYPE=LIST,LIST
      const std::string v = next();
      const size_t eq = v.find('=');
      std::vector<std::string> with;
      for (size_t p = eq == std::string::npos ? v.size() : eq + 1; p < v.size();) {
        size_t comma = v.find(',', p);
        if (comma == std::string::npos) comma = v.size();
        if (comma > p) with.push_back(v.substr(p, comma - p));
        p = comma + 1;
      }
      // A type given again is given anew (scripts/ner-seeds adds options to the recorded ones).
      const std::string type = v.substr(0, eq);
      auto same = std::find_if(o.trained.begin(), o.trained.end(), [&](const auto& t) { return t.first == type; });
      if (same != o.trained.end()) same->second = with;
      else o.trained.emplace_back(type, with);
    }
    else if (a == "--extra-docs") {
      const std::string v = next();
      char* end = nullptr;
      o.extra_docs = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || o.extra_docs < 0) {
        std::cerr << "lede-train: --extra-docs takes a number of documents, 0 or more, not \"" << v << "\"\n";
        return 2;
      }
    } else if (a == "--train-weight") o.train_weight = std::max(1, std::min(100, std::atoi(next().c_str())));
    else if (a == "--extra") {
      o.extra.emplace_back();
      if (!parse_extra(next(), &o.extra.back())) return 2;
    } else if (a == "--help" || a == "-h") {
      usage();
      return 0;
    } else {
      std::cerr << "lede-train: unknown argument \"" << a << "\"\n";
      usage();
      return 2;
    }
  }
  return -1;
}

int main(int argc, char** argv) {
  Options o;
  std::string clusters_path;
  std::string command = "lede-train";
  for (int i = 1; i < argc; ++i) command += std::string(" ") + argv[i];
  if (int code = parse_options(argc, argv, &o, &clusters_path); code >= 0) return code;
  if (o.levels < 1 || o.levels > kMaxWeightLevel) {
    std::cerr << "lede-train: --levels " << o.levels << " is not between 1 and " << kMaxWeightLevel << "\n";
    return 2;
  }
  for (auto [name, bits] : {std::pair{"--key-bits", o.key_bits}, std::pair{"--list-key-bits", o.list_key_bits}}) {
    if (bits < kMinKeyBits || bits > 32) {
      std::cerr << "lede-train: " << name << " " << bits << " is not between " << kMinKeyBits << " and 32\n";
      return 2;
    }
  }
  if (!(o.dropout.p >= 0 && o.dropout.p < 1)) {
    std::cerr << "lede-train: --word-dropout " << o.dropout.p << " is not at least 0 and under 1\n";
    return 2;
  }
  if (o.train_file.empty()) o.train_file = o.data + "/conll2003/eng.train";
  if (o.dev_file.empty()) o.dev_file = o.data + "/conll2003/eng.testa";
  auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&]() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };

  std::vector<Document> train, dev;
  if (!read_training(&o, &train)) return 1;
  if (!read_conll(o.dev_file, &dev)) {
    std::cerr << "lede-train: cannot read \"" << o.dev_file << "\"\n";
    return 1;
  }
  ClusterTable clusters;
  std::string clusters_command, clusters_raw_text;
  if (!clusters_path.empty()) {
    clusters = read_clusters(clusters_path, &clusters_command, &clusters_raw_text);
    if (clusters.entries.empty()) {
      std::cerr << "lede-train: no clusters in \"" << clusters_path << "\"\n";
      return 1;
    }
  }
  size_t train_tokens = 0, main_documents = train.size();
  for (auto& d : train) train_tokens += d.words.size();
  for (const ExtraCorpus& e : o.extra) main_documents -= e.documents;
  std::fprintf(stderr, "lede-train: %zu documents, %zu tokens; %zu clusters\n", train.size(), train_tokens,
               clusters.entries.size());

  std::vector<Gazetteer> fold_lists;
  if (!name_lists_by_fold(o, train, &fold_lists)) return 1;
  const Gazetteer model_lists = fold_lists.back();
  fold_lists.pop_back();

  Vocabulary vocab;
  build_features(&train, &vocab, clusters, 0, nullptr, fold_lists);
  apply_cutoff(&train, vocab, 0, static_cast<uint32_t>(o.min_count));
  std::fprintf(stderr, "lede-train: stage 1: %zu features (%.1fs)\n", vocab.keys.size(), elapsed());
  std::vector<uint8_t> named;
  if (o.dropout.on()) named = naming_bits(train, vocab, clusters, o.dropout.affixes);

  // Stage 1 on everything, and on each jackknife fold, in parallel.
  std::vector<const Document*> all;
  for (auto& d : train) all.push_back(&d);
  int folds = o.one_stage ? 0 : o.folds;
  std::vector<Weights> fold_weights = train_stage1(o, train, vocab.keys.size(), named, folds);
  std::vector<Weights> stages;
  stages.push_back(std::move(fold_weights[folds]));
  std::fprintf(stderr, "lede-train: stage 1 trained (%.1fs)\n", elapsed());

  if (!o.one_stage) {
    std::vector<std::vector<uint8_t>> jack(train.size());
    for (size_t di = 0; di < train.size(); ++di) jack[di] = decode(fold_weights[di % folds], train[di], 0);
    fold_weights.clear();
    build_features(&train, &vocab, clusters, 1, &jack, fold_lists);
    apply_cutoff(&train, vocab, 1, static_cast<uint32_t>(o.min_count));
    std::fprintf(stderr, "lede-train: stage 2: %zu features (%.1fs)\n", vocab.keys.size(), elapsed());
    // Stage 2's own keys name no word.
    if (o.dropout.on()) named.resize(vocab.keys.size(), 0);
    stages.push_back(averaged_runs(o.seeds, o.seed + 1000, [&](uint64_t seed) {
      Perceptron p(vocab.keys.size(), o.dropout, named);
      p.train(all, 1, o.epochs2, seed);
      return p.averaged();
    }));
    // Stage 1's rows must cover the grown vocabulary.
    stages[0].w.resize(vocab.keys.size() * L, 0.0);
    std::fprintf(stderr, "lede-train: stage 2 trained (%.1fs)\n", elapsed());
  }

  std::vector<size_t> kept;
  size_t stored = 0;
  std::string bytes = model_file(stages, vocab, clusters, model_lists, o, &kept, &stored);
  double train_seconds = elapsed();
  {
    std::ofstream out(o.out, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
      std::cerr << "lede-train: cannot write \"" << o.out << "\"\n";
      return 1;
    }
  }
  std::string error;
  auto model = TaggerModel::load(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &error);
  if (!model) {
    std::cerr << "lede-train: the written model does not load: " << error << "\n";
    return 1;
  }
  eval::ConllScorer scorer = score(*model, dev);
  std::string report = scorer.report();
  std::fprintf(stderr, "lede-train: wrote %s (%zu bytes; features kept:", o.out.c_str(), bytes.size());
  for (size_t k : kept) std::fprintf(stderr, " %zu", k);
  std::fprintf(stderr, "; stored: %zu) in %.1fs\n", stored, train_seconds);
  std::cout << "dev (" << o.dev_file << "):\n" << report;

  if (!o.record.empty()) {
    std::ofstream md(o.record);
    md << "# " << o.out << "\n\n"
       << "Named-entity tagger model written by `lede-train` (trainer/lede_train.cpp). Do not edit by hand:\n"
       << "retrain with the command below and commit the model and this file together (`scripts/train-ner`\n"
       << "runs the clusters step and this command from a fresh build).\n\n"
       << "- Command (run from the repository root): `" << command << "`\n"
       << "- Training data: `" << o.train_file << "` (" << main_documents << " documents, weight " << o.train_weight << "; first column only)";
    for (const ExtraCorpus& e : o.extra)
      md << ", `" << e.path << "` (" << e.documents << " documents, " << e.tokens << " tokens, weight " << e.weight
         << ")";
    md << "; " << train_tokens << " tokens in all\n"
       << "- Development data: `" << o.dev_file << "` (used to choose epochs and settings)\n"
       << "- Word clusters: " << (clusters_path.empty() ? std::string("none") : "`" + clusters_path + "`") << " ("
       << clusters.entries.size() << " words"
       << (clusters_command.empty() ? std::string() : "; made first with `" + clusters_command + "`")
       << (clusters_raw_text.empty() ? std::string() : "; " + clusters_raw_text) << ")\n"
       << "- Seed: " << o.seed << (o.seeds > 1 ? " (" + std::to_string(o.seeds) + " runs averaged)" : std::string()) << "; epochs: stage 1 " << o.epochs1 << ", stage 2 "
       << (o.one_stage ? 0 : o.epochs2) << "; jackknife folds: " << folds << "; feature count cutoff: "
       << o.min_count << "; prune: " << o.prune << "; feature prune: " << o.feature_prune << "; clip: " << o.clip
       << "; weight levels: " << o.levels
       << "; key bits: features " << o.key_bits << ", name lists " << o.list_key_bits
       << (o.dropout.on() ? dropout_record(o.dropout) : std::string()) << "\n"
       << "- Format version " << kModelFormatVersion << ", feature scheme " << kFeatureScheme
       << ", word lists' digest " << digest_text(lexicon_digest()) << " (`lede::lexicon_digest()`: a model is refused by a build"
       << " whose lists differ); " << bytes.size() << " bytes; features kept per stage:";
    for (size_t k : kept) md << " " << k;
    md << "; stored (both stages' features by key, after --feature-prune): " << stored << "\n"
       << lists_record(model_lists, o.gazetteer, o.trained_min);
    md << "- Training time: " << static_cast<int>(train_seconds + 0.5) << " s with " << o.threads
       << " threads\n\n"
       << "## Development score (conlleval's numbers, through the runtime tagger)\n\n```\n" << report << "```\n";
  }
  return 0;
}
