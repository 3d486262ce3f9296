// The named-entity tagger: model loading (refusing damaged files without crashing), decoding
// invariants, the conlleval-equivalent scorer, and recall on the sample article's names.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>

#include "../eval/conll_score.h"
#include "lede/lede.h"
#include "lexicon/lexicon.h"
#include "text/segment.h"
#include "support.h"
#include "tagger/tagger.h"
#include "tagger/tagger_model_format.h"
#include "text/tokenize.h"

namespace {

using namespace lede;

std::vector<uint8_t> default_model_bytes() {
  return std::vector<uint8_t>(default_model_data(), default_model_data() + default_model_size());
}

// Rewrites the header checksum so that a mutated payload reaches the parser itself.
void fix_checksum(std::vector<uint8_t>* bytes) {
  uint32_t sum = ner::model_checksum(bytes->data() + ner::kModelHeaderSize,
                                     bytes->size() - ner::kModelHeaderSize);
  for (int k = 0; k < 4; ++k) (*bytes)[20 + k] = static_cast<uint8_t>(sum >> (8 * k));
}

bool sequence_allowed(const uint8_t* labels, size_t n) {
  int prev = ner::kLabels;
  for (size_t i = 0; i < n; ++i) {
    if (labels[i] >= ner::kLabels || !ner::transition_allowed(prev, labels[i])) return false;
    prev = labels[i];
  }
  return ner::transition_allowed(prev, ner::kLabels);
}

}  // namespace

TEST_CASE("tagger: the embedded default model loads, its checksum intact", "[tagger]") {
  // load() checks the checksum, which load_default() (what analyzers use) takes as read.
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  CHECK(error.empty());
  CHECK(model->feature_count() > 10000);
  CHECK(default_model_size() <= 6u * 1024 * 1024);
}

TEST_CASE("tagger: truncated models are refused at every 4 KB boundary", "[tagger]") {
  std::vector<uint8_t> bytes = default_model_bytes();
  std::vector<size_t> sizes = {0, 1, 8, 23, 24, 25, bytes.size() - 1};
  for (size_t s = 4096; s < bytes.size(); s += 4096) sizes.push_back(s);
  for (size_t s : sizes) {
    std::string error;
    // A fresh copy of exactly s bytes, so that ASan sees any read past the end.
    std::vector<uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<long>(s));
    auto model = TaggerModel::load(prefix.empty() ? nullptr : prefix.data(), s, &error);
    INFO("size " << s);
    CHECK(!model);
    CHECK(error.rfind("lede: model: ", 0) == 0);
    if (s >= ner::kModelHeaderSize) CHECK(error.find("truncated") != std::string::npos);
  }
}

TEST_CASE("tagger: corrupted, foreign and wrong-version models are refused", "[tagger]") {
  const std::vector<uint8_t> good = default_model_bytes();
  std::string error;

  std::vector<uint8_t> bytes = good;
  bytes[0] = 'X';
  CHECK(!TaggerModel::load(bytes.data(), bytes.size(), &error));
  CHECK(error.find("bad magic") != std::string::npos);

  bytes = good;
  bytes[8] = static_cast<uint8_t>(ner::kModelFormatVersion + 1);
  CHECK(!TaggerModel::load(bytes.data(), bytes.size(), &error));
  CHECK(error.find("format version") != std::string::npos);

  bytes = good;
  bytes[12] ^= 0x40;
  CHECK(!TaggerModel::load(bytes.data(), bytes.size(), &error));
  CHECK(error.find("feature scheme") != std::string::npos);

  bytes = good;
  bytes.push_back(0);
  CHECK(!TaggerModel::load(bytes.data(), bytes.size(), &error));
  CHECK(error.find("trailing") != std::string::npos);

  for (size_t pos : {size_t{24}, size_t{100}, good.size() / 2, good.size() - 1}) {
    bytes = good;
    bytes[pos] ^= 0x5A;
    CHECK(!TaggerModel::load(bytes.data(), bytes.size(), &error));
    CHECK(error.find("checksum") != std::string::npos);
  }
}

TEST_CASE("tagger: payload mutations behind a valid checksum never crash the loader", "[tagger]") {
  const std::vector<uint8_t> good = default_model_bytes();
  std::mt19937 rng(7);
  int refused = 0;
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint8_t> bytes = good;
    // Mostly early bytes (labels, cluster table, transitions, counts), where a damaged field
    // changes how everything after it is read.
    size_t span = trial % 2 ? 256 : bytes.size() - ner::kModelHeaderSize;
    for (int k = 0; k < 3; ++k) {
      size_t pos = ner::kModelHeaderSize + rng() % std::min(span, bytes.size() - ner::kModelHeaderSize);
      bytes[pos] = static_cast<uint8_t>(rng());
    }
    fix_checksum(&bytes);
    std::string error;
    auto model = TaggerModel::load(bytes.data(), bytes.size(), &error);
    if (!model) {
      ++refused;
      CHECK(!error.empty());
    } else {
      // A model that parses must tag without trouble.
      std::vector<std::string_view> words = {"Putin", "met", "Trump", "in", "Helsinki", "."};
      auto labels = tag_document_labels(*model, words, {{0, 6}});
      CHECK(sequence_allowed(labels.data(), labels.size()));
    }
  }
  WARN("mutated models refused: " << refused << " of 200");
}

TEST_CASE("tagger: Viterbi never emits a forbidden label sequence", "[tagger]") {
  constexpr int L = ner::kLabels;
  std::mt19937 rng(42);
  std::vector<int32_t> delta;
  std::vector<uint8_t> back;
  for (int trial = 0; trial < 2000; ++trial) {
    size_t n = 1 + rng() % 12;
    std::vector<int32_t> em(n * L), tr((L + 1) * (L + 1));
    // Random scores, with the forbidden transitions often the most attractive ones.
    for (auto& v : em) v = static_cast<int32_t>(rng() % 20001) - 10000;
    for (int a = 0; a <= L; ++a)
      for (int b = 0; b <= L; ++b)
        tr[a * (L + 1) + b] = ner::transition_allowed(a, b) ? static_cast<int32_t>(rng() % 2001) - 1000 : 1000000;
    std::vector<uint8_t> out(n);
    ner::viterbi<int32_t>(em.data(), n, tr.data(), out.data(), &delta, &back);
    INFO("trial " << trial);
    REQUIRE(sequence_allowed(out.data(), n));
  }
}

TEST_CASE("tagger: the runtime's Viterbi decides as the generic one does, ties included", "[tagger]") {
  // The int32 decoder keeps its scores in a layout of its own and finds the best predecessor again
  // on the way back; the generic one keeps back pointers. Same labels, whatever the scores: small
  // ranges make ties common, which both must break towards the lowest label.
  constexpr int L = ner::kLabels;
  std::mt19937 rng(1234);
  std::vector<int32_t> delta;
  std::vector<double> delta_d;
  std::vector<uint8_t> back;
  int differ = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const size_t n = 1 + rng() % 40;
    const int range = trial % 3 == 0 ? 3 : trial % 3 == 1 ? 50 : 200000;
    std::vector<int32_t> em(n * L), tr((L + 1) * (L + 1));
    for (auto& v : em) v = static_cast<int32_t>(rng() % (2 * range + 1)) - range;
    for (int a = 0; a <= L; ++a)
      for (int b = 0; b <= L; ++b)
        tr[a * (L + 1) + b] = ner::transition_allowed(a, b) ? static_cast<int32_t>(rng() % (2 * range + 1)) - range : 0;
    std::vector<double> em_d(em.begin(), em.end()), tr_d(tr.begin(), tr.end());
    std::vector<uint8_t> fast(n), generic(n);
    ner::viterbi<int32_t>(em.data(), n, tr.data(), fast.data(), &delta, &back);
    ner::viterbi<double>(em_d.data(), n, tr_d.data(), generic.data(), &delta_d, &back);
    if (fast != generic) ++differ;
  }
  CHECK(differ == 0);
}

TEST_CASE("tagger: whole documents decode to well-formed names", "[tagger]") {
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  std::mt19937 rng(3);
  const char* vocabulary[] = {"The", "President", "Putin", "said", "New", "York", "Corp.", "\xE2\x80\x9C",
                              "\xE2\x80\x9D", "Ukraine", "'s", "of", "and", "KIEV", "Reuters", "-", "1996",
                              "Zelenskyy", "Bank", "\xFF\xFE", "", "U.S.", "European", "Union", "."};
  for (int trial = 0; trial < 300; ++trial) {
    size_t n = rng() % 60;
    std::vector<std::string_view> words;
    for (size_t i = 0; i < n; ++i) words.push_back(vocabulary[rng() % (sizeof vocabulary / sizeof *vocabulary)]);
    std::vector<std::pair<uint32_t, uint32_t>> sentences;
    for (uint32_t a = 0; a < n;) {
      uint32_t b = std::min<uint32_t>(static_cast<uint32_t>(n), a + 1 + static_cast<uint32_t>(rng() % 15));
      sentences.emplace_back(a, b);
      a = b;
    }
    auto labels = tag_document_labels(*model, words, sentences);
    REQUIRE(labels.size() == n);
    for (auto [a, b] : sentences) REQUIRE(sequence_allowed(labels.data() + a, b - a));
    for (const NameSpan& s : tag_document(*model, words, sentences)) {
      REQUIRE(s.first_token < s.end_token);
      REQUIRE(s.end_token <= n);
    }
  }
}

TEST_CASE("tagger: the scorer counts chunks as conlleval does (IOB1 gold, IOB2 guesses)", "[tagger]") {
  // Gold "I-PER I-PER" is one chunk, "I-LOC B-LOC" two; the guess gets the first and one LOC.
  eval::ConllScorer s;
  s.add_token("-DOCSTART-", "O", "O");
  s.add_boundary();
  s.add_token("Peter", "I-PER", "B-PER");
  s.add_token("Blackburn", "I-PER", "I-PER");
  s.add_token("in", "O", "O");
  s.add_token("Bonn", "I-LOC", "B-LOC");
  s.add_token("Cologne", "B-LOC", "I-LOC");
  s.add_token("and", "O", "O");
  s.add_token("Paris", "I-LOC", "B-LOC");
  s.add_boundary();
  s.finish();
  CHECK(s.total().gold == 4);
  CHECK(s.total().guessed == 3);
  CHECK(s.total().correct == 2);
  CHECK(s.tokens() == 8);
  CHECK(s.types().at("LOC").correct == 1);
  CHECK(s.report().find("FB1:  57.14") != std::string::npos);
}

TEST_CASE("tagger: names in the sample article are found with their type", "[tagger][data]") {
  std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the sample-article recall check is skipped");
    return;
  }
  std::string text = lede_test::read_file(data + "/seed/article.txt");
  nlohmann::json gold = nlohmann::json::parse(lede_test::read_file(data + "/seed/gold.json"));
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  // The tagger stage exactly as analyze() runs it, on the core's own tokens.
  std::vector<Token> tokens = tokenize(text);
  std::vector<Segment> paragraphs = find_paragraphs(text, tokens);
  std::vector<Segment> sentences = find_sentences(text, tokens, paragraphs);
  std::vector<Mention> mentions = find_mentions(text, tokens, sentences, *model);
  std::set<std::pair<std::string, std::string>> found;
  for (const Mention& m : mentions) {
    found.emplace(entity_type_name(m.type), text.substr(m.span.start, m.span.end - m.span.start));
  }
  // And what the whole analyzer reports, entity merging included (informational).
  auto analyzer = Analyzer::create(&error);
  REQUIRE(analyzer);
  Analysis analysis = analyzer->analyze(text);
  std::set<std::pair<std::string, std::string>> found_entities;
  for (const Entity& e : analysis.entities) {
    for (const Mention& m : e.mentions)
      found_entities.emplace(entity_type_name(e.type), text.substr(m.span.start, m.span.end - m.span.start));
  }

  int total = 0, hits = 0, entity_hits = 0;
  std::string missed;
  for (const auto& entry : gold["entities"]) {
    std::string type = entry[0], name = entry[1];
    if (type == "MISC") continue;
    ++total;
    // "For 'Downing Street', ORG or LOC are both accepted" (gold.json type_notes).
    auto ok = [&](const std::set<std::pair<std::string, std::string>>& set) {
      if (set.count({type, name})) return true;
      return name == "Downing Street" && (set.count({"ORG", name}) || set.count({"LOC", name}));
    };
    if (ok(found)) {
      ++hits;
    } else {
      missed += " " + type + ":" + name;
    }
    if (ok(found_entities)) ++entity_hits;
  }
  double recall = 100.0 * hits / total;
  WARN("sample article: tagger recall " << hits << "/" << total << " = " << recall << "% (missed:"
                                        << missed << "); after entity merging " << entity_hits << "/" << total);
  CHECK(recall >= 90.0);
}

TEST_CASE("tagger: the embedded model is models/lede-ner.bin", "[tagger]") {
  std::string file = lede_test::read_file(std::string(LEDE_SOURCE_DIR) + "/models/lede-ner.bin");
  REQUIRE(file.size() == default_model_size());
  CHECK(std::memcmp(file.data(), default_model_data(), file.size()) == 0);
}

TEST_CASE("tagger: CoNLL-2003 dev F1 with the embedded model", "[tagger][data]") {
  // Guards the features against drifting from the model (a lexicon or feature edit without
  // retraining shows up here); models/MODEL.md records the exact figure.
  std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the CoNLL dev check is skipped");
    return;
  }
  std::istringstream in(lede_test::read_file(data + "/conll2003/eng.testa"));
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  eval::ConllScorer scorer;
  std::vector<std::string> words, gold;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  auto flush = [&]() {
    std::vector<std::string_view> views(words.begin(), words.end());
    std::vector<uint8_t> labels = tag_document_labels(*model, views, sentences);
    for (auto [a, b] : sentences) {
      for (uint32_t i = a; i < b; ++i) {
        int y = labels[i];
        std::string tag = y == 0 ? "O"
                                 : std::string(ner::label_part(y) == ner::kPartB || ner::label_part(y) == ner::kPartU
                                                   ? "B-"
                                                   : "I-") +
                                       ner::type_name(ner::label_type(y));
        scorer.add_token(words[i], gold[i], tag);
      }
      scorer.add_boundary();
    }
    words.clear();
    gold.clear();
    sentences.clear();
  };
  uint32_t start = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string x; cols >> x;) c.push_back(x);
    if (c.empty()) {
      if (words.size() > start) sentences.emplace_back(start, static_cast<uint32_t>(words.size()));
      start = static_cast<uint32_t>(words.size());
      continue;
    }
    if (c[0] == "-DOCSTART-") {
      if (words.size() > start) sentences.emplace_back(start, static_cast<uint32_t>(words.size()));
      flush();
      start = 0;
      scorer.add_token(c[0], "O", "O");
      continue;
    }
    words.push_back(c[0]);
    gold.push_back(c.back());
  }
  if (words.size() > start) sentences.emplace_back(start, static_cast<uint32_t>(words.size()));
  flush();
  scorer.finish();
  double f1 = eval::ConllScorer::f1(scorer.total());
  WARN("CoNLL-2003 dev (eng.testa) F1 " << f1 << "\n" << scorer.report());
  CHECK(f1 >= 91.0);
}

namespace {

// Features' weights, stage by stage: key -> kLabels weights.
using StageWeights = std::map<uint32_t, std::array<int32_t, ner::kLabels>>;

// The payload of a model of these weights and transitions (zeros when none are given), without
// clusters, as lede-train writes it (zero weights are left out).
std::string payload_of(const std::vector<StageWeights>& stages, const std::vector<int32_t>& transitions = {}) {
  constexpr int T = (ner::kLabels + 1) * (ner::kLabels + 1);
  std::string payload;
  ner::put_varint(&payload, ner::kLabels);
  ner::put_varint(&payload, 0);  // no clusters
  ner::put_varint(&payload, stages.size());
  for (size_t k = 0; k < stages.size() * T; ++k) ner::put_signed(&payload, k < transitions.size() ? transitions[k] : 0);
  std::vector<const StageWeights*> features;
  for (const StageWeights& stage : stages) features.push_back(&stage);
  ner::put_features(&payload, features);
  return payload;
}

std::unique_ptr<TaggerModel> load_payload(const std::string& payload) {
  const std::string file = ner::model_file_of(payload);
  std::string error;
  auto model = TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  INFO(error);
  REQUIRE(model);
  return model;
}

std::unique_ptr<TaggerModel> model_of(const std::vector<StageWeights>& stages) { return load_payload(payload_of(stages)); }

// A one-stage model without clusters whose weights (random, seeded) are on the given feature keys:
// a model unlike the default one that still scores real features of real words.
std::unique_ptr<TaggerModel> random_model(const std::vector<uint32_t>& keys, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<int32_t> transitions;
  for (int k = 0; k < (ner::kLabels + 1) * (ner::kLabels + 1); ++k) transitions.push_back(int(rng() % 2001) - 1000);
  std::vector<StageWeights> stages(1);
  for (uint32_t key : keys) {
    std::array<int32_t, ner::kLabels> w{};
    uint32_t mask = 1 + rng() % ((1u << ner::kLabels) - 1);
    for (int y = 0; y < ner::kLabels; ++y) {
      if (mask >> y & 1) w[y] = int(rng() % 4001) - 2000;
    }
    stages[0][key] = w;
  }
  return load_payload(payload_of(stages, transitions));
}

// A document of words drawn from `vocabulary`: sentences of 1 to max_length tokens until there
// are at least `tokens` (the sentences' lengths drawn first, then the words).
void random_document(std::mt19937* rng, const std::vector<std::string>& vocabulary, uint32_t tokens,
                     uint32_t max_length, std::vector<std::string_view>* words,
                     std::vector<std::pair<uint32_t, uint32_t>>* sentences) {
  for (uint32_t a = 0; a < tokens;) {
    const uint32_t b = a + 1 + static_cast<uint32_t>((*rng)() % max_length);
    sentences->emplace_back(a, b);
    a = b;
  }
  for (uint32_t i = 0; i < sentences->back().second; ++i) words->push_back(vocabulary[(*rng)() % vocabulary.size()]);
}

}  // namespace

TEST_CASE("tagger: the default model loads in place with the same features", "[tagger]") {
  std::string error;
  auto copied = TaggerModel::load(default_model_data(), default_model_size(), &error);
  auto in_place = TaggerModel::load_default(&error);
  REQUIRE(copied);
  REQUIRE(in_place);
  CHECK(in_place->feature_count() == copied->feature_count());
  std::vector<std::string_view> words = {"Vladimir", "Putin", "met", "Angela", "Merkel", "in", "Berlin", "."};
  CHECK(tag_document_scores(*in_place, words, {{0, 8}}) == tag_document_scores(*copied, words, {{0, 8}}));
}

TEST_CASE("tagger: every feature is found with its own record, and no other key", "[tagger]") {
  // Keys of four kinds: random ones; runs whose spread keys are consecutive, so that each run's
  // keys share a home slot and all but one lie past it; a run at the very top of the spread key
  // range, whose keys go past the last home slot, more of them than the loader first makes room
  // for (so that it grows the table); and keys 1 and the one spreading to 1. The inverse of the
  // spread constant makes the last three.
  constexpr uint32_t kUnspread = 0x0E8B2F51u;  // 0x9E3779B1 * 0x0E8B2F51 = 1 (mod 2^32)
  static_assert(ner::spread_key(kUnspread) == 1, "the inverse");
  std::mt19937 rng(20261128);
  std::set<uint32_t> keys;
  while (keys.size() < 3000) keys.insert(1 + rng() % 0xFFFFFFFEu);
  for (int run = 0; run < 20; ++run) {
    const uint32_t start = rng();
    for (uint32_t k = 0; k < 12; ++k) keys.insert((start + k) * kUnspread);
  }
  for (uint32_t k = 1; k <= 150; ++k) keys.insert((0u - k) * kUnspread);
  keys.insert(1);
  keys.insert(kUnspread);
  keys.erase(0);
  StageWeights weights;
  for (uint32_t key : keys) {
    std::array<int32_t, ner::kLabels> w{};
    w[key % ner::kLabels] = static_cast<int32_t>(key % 30000) + 1;  // says which key it is for
    weights[key] = w;
  }
  auto model = model_of({weights});
  REQUIRE(model->feature_count() == keys.size());
  auto weight_of = [](const uint8_t* record) {
    int16_t w;
    std::memcpy(&w, record + 2 * ner::kRecordMaskWords, 2);
    return w;
  };
  for (uint32_t key : keys) {
    INFO("key " << key);
    REQUIRE(model->may_have(key));
    const uint8_t* record = model->find(key);
    REQUIRE(record);
    CHECK(weight_of(record) == static_cast<int32_t>(key % 30000) + 1);
  }
  // Keys not in the model, including ones sharing a run's home slots and spreading past the top.
  int absent = 0;
  for (uint32_t k = 0; k < 200000; ++k) {
    const uint32_t key = k < 100 ? (0u - 151 - k) * kUnspread : rng();
    if (keys.count(key)) continue;
    ++absent;
    CHECK_FALSE(model->find(key));
  }
  CHECK(absent > 199000);
  CHECK_FALSE(model->find(0));  // key 0 is never a feature (its spread key marks an empty slot)
}

// Key 0 cannot be stored; the writer leaves it out rather than write a file the loader refuses.
TEST_CASE("tagger: a feature on key 0 is left out of the model file", "[tagger]") {
  std::array<int32_t, ner::kLabels> w{};
  w[3] = 7;
  auto model = model_of({{{0, w}, {5, w}}});
  CHECK(model->feature_count() == 1);
  CHECK(model->find(5));
  CHECK_FALSE(model->find(0));
}

TEST_CASE("tagger: damaged weight records are refused with a clear error", "[tagger]") {
  // Two stages; keys 5 (first stage only), 9 (both), 12 (second only), whose records are in spread
  // key order: 5, 12, 9.
  std::array<int32_t, ner::kLabels> a{}, b{}, c{};
  a[0] = 7;
  b[3] = -32767;
  b[16] = 32767;
  c[1] = 1;
  const std::vector<StageWeights> stages = {{{5, a}, {9, b}}, {{9, c}, {12, a}}};
  const std::string good = payload_of(stages);
  const size_t words = (3 + 1) + (3 + 3) + (3 + 1);
  const size_t records = good.size() - ner::kRecordTailBytes - 2 * words;
  auto refused = [](const std::string& payload, const char* why) {
    const std::string file = ner::model_file_of(payload);
    std::string error;
    INFO(why);
    CHECK(!TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error));
    INFO(error);
    CHECK(error.find(why) != std::string::npos);
  };
  REQUIRE(ner::spread_key(5) < ner::spread_key(12));
  REQUIRE(ner::spread_key(12) < ner::spread_key(9));
  REQUIRE(load_payload(good)->feature_count() == 3);
  std::string bad = good;
  bad[records] = bad[records + 1] = 0;  // key 5's mask: no label
  refused(bad, "bad label mask");
  bad = good;
  bad[records + 4] = 0x04;  // bit 34: a third stage
  refused(bad, "bad label mask");
  bad = good;
  bad[records + 6] = 0;  // key 5's weight: -32768
  bad[records + 7] = static_cast<char>(0x80);
  refused(bad, "weight out of range");
  bad = good;
  bad[bad.size() - 1] = 1;
  refused(bad, "not zero");
  bad = good;
  bad[records + 8 + 8 + 1] = static_cast<char>(0xFF);  // key 9, the last, claims eight more weights
  refused(bad, "records end before");
  bad = good;
  // The feature count, key byte count and record word count, one byte each, then the keys.
  std::string deltas;
  ner::put_varint(&deltas, ner::spread_key(5));
  ner::put_varint(&deltas, ner::spread_key(12) - ner::spread_key(5));
  ner::put_varint(&deltas, ner::spread_key(9) - ner::spread_key(12));
  const size_t keys_at = records - deltas.size();
  REQUIRE(good.compare(keys_at, deltas.size(), deltas) == 0);
  REQUIRE(static_cast<size_t>(good[keys_at - 3]) == 3);
  REQUIRE(static_cast<size_t>(good[keys_at - 2]) == deltas.size());
  REQUIRE(static_cast<size_t>(good[keys_at - 1]) == words);
  bad[keys_at - 1] = static_cast<char>(words + 1);  // a word more than the features use
  bad.insert(records + 2 * words, 2, '\0');
  refused(bad, "record words after");
  bad = good;
  bad[keys_at - 2] = static_cast<char>(deltas.size() + 1);  // a key byte more than the keys take
  bad.insert(records, 1, '\0');
  refused(bad, "do not fill their bytes");
  bad = good;
  bad[keys_at - 2] = static_cast<char>(deltas.size() - 1);  // the last key's last byte left out
  bad.erase(records - 1, 1);
  refused(bad, "payload ends inside the feature keys");
  bad = good;
  bad[keys_at - 2] = 0x7F;  // more key bytes than the payload has
  refused(bad, "payload ends inside the feature keys");
  // One stage declared: the second stage's bits are foreign.
  bad = payload_of({stages[0], stages[1]});
  const std::string one = payload_of({stages[0]});
  CHECK(load_payload(one)->stage_count() == 1);
  std::string two_as_one = bad;
  two_as_one[2] = 1;  // the stage count (labels, no clusters, then it)
  two_as_one.erase(3 + 18 * 18, 18 * 18);  // one stage's transitions (zeros, one byte each)
  refused(two_as_one, "bad label mask");
}

TEST_CASE("tagger: a model loaded in place uses its bytes where they are; trusted skips two checks", "[tagger]") {
  std::array<int32_t, ner::kLabels> a{}, b{};
  a[0] = 7;
  b[3] = -32767;
  const std::string good = ner::model_file_of(payload_of({{{5, a}, {9, b}}}));
  const auto* bytes = reinterpret_cast<const uint8_t*>(good.data());
  std::string error;
  auto copied = TaggerModel::load(bytes, good.size(), &error);
  auto in_place = TaggerModel::load_in_place(bytes, good.size(), &error);
  auto trusted = TaggerModel::load_in_place(bytes, good.size(), &error, /*trusted=*/true);
  REQUIRE(copied);
  REQUIRE(in_place);
  REQUIRE(trusted);
  auto inside = [&](const uint8_t* p) { return p >= bytes && p < bytes + good.size(); };
  for (uint32_t key : {5u, 9u}) {
    INFO("key " << key);
    REQUIRE(copied->find(key));
    CHECK_FALSE(inside(copied->find(key)));
    CHECK(inside(in_place->find(key)));
    CHECK(inside(trusted->find(key)));
    CHECK(std::memcmp(copied->find(key), in_place->find(key), 2 * (ner::kRecordMaskWords + 1)) == 0);
  }
  CHECK_FALSE(in_place->find(7));
  // A changed byte the checksum sees, and a weight of -32768: refused unless trusted.
  const size_t records = good.size() - ner::kRecordTailBytes - 2 * ((3 + 1) + (3 + 1));
  std::string changed = good;
  changed[records + 6] = 1;  // key 5's weight
  std::string at_limit = ner::model_file_of(payload_of({{{5, a}, {9, b}}}));
  at_limit[records + 6] = 0;
  at_limit[records + 7] = static_cast<char>(0x80);
  std::vector<uint8_t> fixed(at_limit.begin(), at_limit.end());
  fix_checksum(&fixed);
  for (const std::vector<uint8_t>& bad : {std::vector<uint8_t>(changed.begin(), changed.end()), fixed}) {
    CHECK_FALSE(TaggerModel::load_in_place(bad.data(), bad.size(), &error));
    CHECK(error.rfind("lede: model: ", 0) == 0);
    auto taken = TaggerModel::load_in_place(bad.data(), bad.size(), &error, /*trusted=*/true);
    REQUIRE(taken);
    CHECK(taken->find(5) >= bad.data());
    CHECK(taken->find(5) < bad.data() + bad.size());
  }
}

TEST_CASE("tagger: damaged bytes trusted in place give an error or a model, never a read outside them",
          "[tagger][hostile]") {
  // The trusted load skips the checksum and the weights' range: what it still checks (header,
  // counts, masks, the records' extent) must keep any damage inside the bytes. Under the
  // sanitizers (CI) a read outside them is a failure. The damaged copy is exactly the file's
  // size, so ASan sees the first byte past it.
  std::vector<uint8_t> good = default_model_bytes();
  std::mt19937 rng(2026);
  const std::vector<std::string_view> words = {"Vladimir", "Putin", "met", "Angela", "Merkel", "in", "Berlin", "."};
  int loaded = 0, refused = 0;
  for (int round = 0; round < 48; ++round) {
    std::vector<uint8_t> bad = good;
    // Mostly in the records (the bulk of the file, where the skipped checks were), some anywhere.
    const size_t from = round % 4 == 0 ? 0 : good.size() / 4;
    for (int k = 0; k < 1 + round % 8; ++k) {
      const size_t at = from + rng() % (bad.size() - from);  // two statements: a fixed order of draws
      bad[at] ^= static_cast<uint8_t>(1 + rng() % 255);
    }
    auto copy = std::make_unique<uint8_t[]>(bad.size());
    std::memcpy(copy.get(), bad.data(), bad.size());
    std::string error;
    auto model = TaggerModel::load_in_place(copy.get(), bad.size(), &error, /*trusted=*/true);
    INFO("round " << round << ": " << error);
    if (!model) {
      CHECK(error.rfind("lede: model: ", 0) == 0);
      ++refused;
      continue;
    }
    ++loaded;
    const std::vector<uint8_t> labels = tag_document_labels(*model, words, {{0, 8}});
    CHECK(sequence_allowed(labels.data(), labels.size()));
  }
  // Most damage is refused (a changed mask moves every record after it); some, in the weights,
  // goes unseen: the rounds that load are the point of the test.
  CHECK(loaded > 0);
  CHECK(refused > 0);
}

TEST_CASE("tagger: the word cache changes no score, whatever its size and however models alternate",
          "[tagger]") {
  // Documents of words drawn from a small vocabulary (so that words repeat within and across
  // documents, and neighbours vary), with words too long to be cached and invalid UTF-8.
  std::mt19937 rng(11);
  const std::vector<std::string> vocabulary = {
      "The", "President", "Putin", "said", "New", "York", "Corp.", "\xE2\x80\x9C", "\xE2\x80\x9D", "Ukraine",
      "'s", "of", "and", "KIEV", "Reuters", "-", "1996", "Zelenskyy", "Bank", "\xFF\xFE", "", "U.S.", "European",
      "Union", ".", "Washington", "told", "reporters", "Mr.", "Trump", "Kremlin", "Moscow", "ministry", "Berlin",
      "Internationalisierungsbestrebungen", "Donaudampfschifffahrtsgesellschaftskapitän", "\"", "Merkel", "on"};
  struct Document {
    std::vector<std::string_view> words;
    std::vector<std::pair<uint32_t, uint32_t>> sentences;
  };
  std::vector<Document> documents(60);
  for (Document& d : documents) {
    size_t n = rng() % 200;
    for (size_t i = 0; i < n; ++i) d.words.push_back(vocabulary[rng() % vocabulary.size()]);
    for (uint32_t a = 0; a < n;) {
      uint32_t b = std::min<uint32_t>(static_cast<uint32_t>(n), a + 1 + static_cast<uint32_t>(rng() % 25));
      d.sentences.emplace_back(a, b);
      a = b;
    }
  }
  std::string error;
  auto default_model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(default_model);
  // A second model over the documents' own features, used for every third document.
  ner::DocumentFeatures features;
  std::vector<uint32_t> keys;
  for (const Document& d : documents) {
    features.build(d.words, d.sentences, nullptr);
    for (size_t i = 0; i < d.words.size(); ++i) features.stage1_keys(i, &keys);
  }
  auto other_model = random_model(keys, 5);

  // Labels and, more sensitive, every score behind them, document after document.
  auto tag_all = [&]() {
    std::vector<std::vector<uint8_t>> out;
    for (size_t k = 0; k < documents.size(); ++k) {
      const TaggerModel& model = k % 3 == 2 ? *other_model : *default_model;
      out.push_back(tag_document_labels(model, documents[k].words, documents[k].sentences));
      std::vector<int32_t> scores = tag_document_scores(model, documents[k].words, documents[k].sentences);
      out.emplace_back(reinterpret_cast<const uint8_t*>(scores.data()),
                       reinterpret_cast<const uint8_t*>(scores.data() + scores.size()));
    }
    return out;
  };
  set_word_cache_entries(0);
  const auto uncached = tag_all();
  CHECK(word_cache_bytes() == 0);
  // The models disagree (else alternating them would prove nothing).
  size_t differ = 0;
  for (size_t k = 2; k < documents.size(); k += 3) {
    differ += tag_document_labels(*default_model, documents[k].words, documents[k].sentences) != uncached[2 * k];
  }
  CHECK(differ > 0);
  // The first document whose labels or scores differ from those without a cache (-1: none), so
  // that a failure names it rather than printing every score.
  auto first_difference = [&](const std::vector<std::vector<uint8_t>>& cached) {
    for (size_t k = 0; k < cached.size(); ++k) {
      if (k >= uncached.size() || cached[k] != uncached[k]) return static_cast<long>(k / 2);
    }
    return cached.size() == uncached.size() ? -1L : static_cast<long>(uncached.size() / 2);
  };
  // Two entries: most words go uncached, and entries change hands all the time. From 2 to 256:
  // the cache grows, keeping its words, between documents.
  const std::pair<size_t, size_t> sizes[] = {{2, 2}, {16, 16}, {256, 256}, {256, 2}, {kDefaultWordCacheEntries, kStartWordCacheEntries}};
  for (auto [entries, start] : sizes) {
    INFO(entries << " entries, " << start << " at the start");
    set_word_cache_entries(entries, start);  // and empties it
    CHECK(first_difference(tag_all()) == -1);
    CHECK(word_cache_bytes() > 0);
    // And again, with what the first pass left in the cache.
    CHECK(first_difference(tag_all()) == -1);
    if (start == 2 && entries == 256) CHECK(word_cache_entries() > start);  // the others stay
  }
  set_word_cache_entries(kDefaultWordCacheEntries);
}

TEST_CASE("tagger: the word cache starts small and doubles as it misses, up to its full size", "[tagger]") {
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  // Documents of 100 words each, 5000 distinct words in all.
  std::vector<std::string> vocabulary;
  for (int k = 0; k < 5000; ++k) vocabulary.push_back("Word" + std::to_string(k));
  std::mt19937 rng(5);
  auto document = [&]() {
    std::vector<std::string_view> words;
    for (int k = 0; k < 100; ++k) words.push_back(vocabulary[rng() % vocabulary.size()]);
    return words;
  };
  const std::vector<std::pair<uint32_t, uint32_t>> sentences = {{0, 50}, {50, 100}};
  // By default: the start size after one article.
  set_word_cache_entries(kDefaultWordCacheEntries);
  tag_document_labels(*model, document(), sentences);
  CHECK(word_cache_entries() == std::min(kStartWordCacheEntries, kDefaultWordCacheEntries));
  // 16 at first; each size kept until it has missed four times its entries, then doubled.
  set_word_cache_entries(1000, 16);  // 512 in full
  std::vector<size_t> seen = {word_cache_entries()};
  size_t misses_at_least = 0;
  tag_document_labels(*model, document(), sentences);
  const size_t start_bytes = word_cache_bytes();
  for (int d = 1; d < 200; ++d) {
    tag_document_labels(*model, document(), sentences);
    if (word_cache_entries() != seen.back()) {
      misses_at_least += 4 * seen.back();
      CHECK(word_cache_entries() == 2 * seen.back());
      CHECK(static_cast<size_t>(d) * 100 >= misses_at_least);  // no sooner than four times its size
      seen.push_back(word_cache_entries());
    }
  }
  CHECK(seen == std::vector<size_t>{16, 32, 64, 128, 256, 512});
  CHECK(word_cache_bytes() > start_bytes);  // its tags grew with it
  set_word_cache_entries(kDefaultWordCacheEntries);
}

// Stage 2's scores: the tagger looks a stage2_self_only token's one key up once a label for the
// whole document, the other tokens' keys one by one.
TEST_CASE("tagger: a token's stage-2 scores are the sums of its stage-2 keys' weights", "[tagger]") {
  std::mt19937 rng(31);
  const std::vector<std::string> vocabulary = {"The", "president", "Putin", "said", "NEW", "york", "Corp.", "of",
                                               "-", "1996", "U.S.", ".", "\"", "merkel", "Merkel", "iPhone", "eBay"};
  std::vector<std::string_view> words;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  random_document(&rng, vocabulary, 300, 25, &words, &sentences);
  ner::DocumentFeatures features;
  features.build(words, sentences, nullptr);
  auto weights = [&]() {
    std::array<int32_t, ner::kLabels> w{};
    for (int y = 0; y < ner::kLabels; ++y) w[y] = rng() % 3 == 0 ? static_cast<int32_t>(rng() % 20001) - 10000 : 0;
    w[rng() % ner::kLabels] = 1 + static_cast<int32_t>(rng() % 100);
    return w;
  };
  // Stage 1 on every stage-1 key, so that the labels vary; the labels it gives are stage 2's input.
  std::vector<StageWeights> two(2);
  for (size_t i = 0; i < words.size(); ++i) {
    std::vector<uint32_t> keys;
    features.stage1_keys(i, &keys);
    for (uint32_t key : keys) two[0].emplace(key, weights());
  }
  const std::vector<uint8_t> labels = tag_document_labels(*model_of({two[0]}), words, sentences);
  features.add_predictions(labels, false);
  // Stage 2 on most of the keys the tokens have (some labels' own keys left out, some others).
  std::vector<std::vector<uint32_t>> keys2(words.size());
  int self_only = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    features.stage2_keys(i, &keys2[i]);
    REQUIRE(keys2[i].size() >= 1);
    CHECK(keys2[i][0] == ner::DocumentFeatures::stage2_self_key(labels[i]));
    if (features.stage2_self_only(i)) {
      CHECK(keys2[i].size() == 1);
      ++self_only;
    }
    for (uint32_t key : keys2[i]) {
      if (key % 5 != 0) two[1].emplace(key, weights());
    }
  }
  REQUIRE(self_only > 50);
  REQUIRE(self_only < static_cast<int>(words.size()) - 50);
  auto model = model_of(two);
  const std::vector<int32_t> scores = tag_document_scores(*model, words, sentences);
  const size_t n = words.size();
  for (size_t i = 0; i < n; ++i) {
    std::array<int32_t, ner::kLabels> expected{};
    for (uint32_t key : keys2[i]) {
      auto found = two[1].find(key);
      if (found == two[1].end()) continue;
      for (int y = 0; y < ner::kLabels; ++y) expected[y] += found->second[y];
    }
    INFO("token " << i << " " << words[i] << (features.stage2_self_only(i) ? " (its label's key only)" : ""));
    const int32_t* got = scores.data() + (n + i) * 2 * ner::kLabels;
    CHECK(std::vector<int32_t>(got, got + ner::kLabels) == std::vector<int32_t>(expected.begin(), expected.end()));
  }
}

TEST_CASE("tagger: document-level keys from per-word aggregates are those of visiting every occurrence",
          "[tagger]") {
  // Words of every frequency: the first of the vocabulary hundreds of times (past the 12 and 64
  // occurrences the keys visit), the last a few times; one word in three forms.
  std::mt19937 rng(47);
  std::vector<std::string> vocabulary = {"Putin", "PUTIN", "putin", "The", "the", "Kim", "Jong", "Un", "UN",
                                         "said", ".", "\"", "of", "New", "NEW", "new"};
  for (int k = 0; k < 40; ++k) vocabulary.push_back("Name" + std::to_string(k));
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  for (uint32_t a = 0; a < 5000;) {
    const uint32_t b = a + 1 + static_cast<uint32_t>(rng() % 30);
    sentences.emplace_back(a, b);
    a = b;
  }
  const size_t n = sentences.back().second;
  std::vector<std::string_view> words;
  std::map<std::string_view, int> count;
  for (size_t i = 0; i < n; ++i) {
    words.push_back(vocabulary[std::min(rng() % vocabulary.size(), rng() % vocabulary.size())]);
    ++count[words.back()];
  }
  REQUIRE(count["Putin"] + count["PUTIN"] + count["putin"] > 3 * 64);
  int some = 0, few = 0;
  for (const auto& [word, c] : count) {
    some += c > 12 && c <= 64;
    few += c <= 12;
  }
  REQUIRE(some >= 5);
  REQUIRE(few >= 2);
  // Random names as the first stage's labels, twice: most capitalised words begin one, mostly of
  // a type of their own (so that how a word's other occurrences were labelled varies by word).
  auto random_labels = [&]() {
    std::vector<ner::LabelSpan> spans;
    for (auto [a, b] : sentences) {
      for (uint32_t i = a; i < b;) {
        const char c = words[i].empty() ? ' ' : words[i][0];
        if (c < 'A' || c > 'Z' || rng() % 3 == 0) {
          ++i;
          continue;
        }
        const uint32_t end = std::min<uint32_t>(b, i + 1 + static_cast<uint32_t>(rng() % 2));
        const int type = rng() % 4 ? c % ner::kTypes : static_cast<int>(rng() % ner::kTypes);
        spans.push_back({i, end, type});
        i = end + static_cast<uint32_t>(rng() % 2);
      }
    }
    std::vector<uint8_t> labels(n, 0);
    ner::spans_to_labels(spans, 0, labels.data());
    return labels;
  };
  const std::vector<uint8_t> labels[2] = {random_labels(), random_labels()};
  REQUIRE(labels[0] != labels[1]);

  ner::DocumentFeatures aggregated, visiting;
  visiting.set_aggregates(false);
  aggregated.build(words, sentences, nullptr);
  visiting.build(words, sentences, nullptr);
  for (size_t i = 0; i < n; ++i) {
    INFO("token " << i << " " << words[i]);
    CHECK(std::vector<uint32_t>(aggregated.stage1_begin(i), aggregated.stage1_end(i)) ==
          std::vector<uint32_t>(visiting.stage1_begin(i), visiting.stage1_end(i)));
  }
  // Asked for in a random order (any token may be the one an aggregate is worked out for), under
  // one labelling and then another (the first one's aggregates must not be used).
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  for (const std::vector<uint8_t>& l : labels) {
    aggregated.add_predictions(l, false);
    visiting.add_predictions(l, false);
    for (uint32_t i : order) {
      INFO("token " << i << " " << words[i]);
      std::vector<uint32_t> got, expected;
      aggregated.stage1_keys(i, &got);
      visiting.stage1_keys(i, &expected);
      CHECK(got == expected);
      got.clear();
      expected.clear();
      aggregated.stage2_keys(i, &got);
      visiting.stage2_keys(i, &expected);
      CHECK(got == expected);
    }
  }
  // As the trainer has them: every token's stage-2 keys at once, in document order.
  aggregated.add_predictions(labels[0], true);
  visiting.add_predictions(labels[0], true);
  size_t document_keys = 0;
  for (size_t i = 0; i < n; ++i) {
    INFO("token " << i << " " << words[i]);
    const std::vector<uint32_t> got(aggregated.stage2_begin(i), aggregated.stage2_end(i));
    CHECK(got == std::vector<uint32_t>(visiting.stage2_begin(i), visiting.stage2_end(i)));
    document_keys += got.size() > 2;
  }
  CHECK(document_keys > n / 4);
}

TEST_CASE("tagger: the parts said to have one key have one for every word and the sentence edge", "[tagger]") {
  // The word cache keeps such a part as its one key's record: a second key would be lost.
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  ner::DocumentFeatures features;
  int checked = 0;
  for (const char* word : {"Putin", "the", "U.S.", "1996", "\xE2\x80\x9C", "\xFF", "", "Zelenskyy", "said",
                           "Donaudampfschifffahrtsgesellschaftskapitän", "New", "York", "European", "Mr."}) {
    for (const ner::ClusterTable* clusters : {&model->clusters(), static_cast<const ner::ClusterTable*>(nullptr)}) {
      const ner::WordInfo info = features.word_info(word, clusters);
      for (int part = 0; part < ner::kWordKeyParts; ++part) {
        if (!(ner::kOneKeyParts & (1u << part))) continue;
        for (const ner::WordInfo* w : {&info, static_cast<const ner::WordInfo*>(nullptr)}) {
          INFO(word << " part " << part << (w ? "" : " (sentence edge)"));
          std::vector<uint32_t> keys;
          ner::DocumentFeatures::neighbour_part_keys(part, w, &keys);
          CHECK(keys.size() == 1);
          ++checked;
        }
      }
    }
  }
  CHECK(checked == 14 * 2 * 2 * 2);
}

TEST_CASE("tagger: a token's scores are the sums of its features' weights, one or two stages", "[tagger]") {
  std::mt19937 rng(23);
  const std::vector<std::string> vocabulary = {"The", "President", "Putin", "said", "New", "York", "Corp.", "of",
                                               "KIEV", "Reuters", "-", "1996", "U.S.", ".", "told", "Mr.", "\"",
                                               "Merkel", "on", "\xFF", "Donaudampfschifffahrtsgesellschaftskapitän"};
  std::vector<std::string_view> words;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  random_document(&rng, vocabulary, 400, 30, &words, &sentences);
  ner::DocumentFeatures features;
  features.build(words, sentences, nullptr);
  std::vector<std::vector<uint32_t>> token_keys(words.size());
  std::set<uint32_t> distinct;
  for (size_t i = 0; i < words.size(); ++i) {
    features.stage1_keys(i, &token_keys[i]);
    distinct.insert(token_keys[i].begin(), token_keys[i].end());
  }
  // Weights of every kind a record can hold: one label or all of them, the int16 extremes, keys in
  // the first stage only, the second only or both, and keys no token has.
  auto weights = [&]() {
    std::array<int32_t, ner::kLabels> w{};
    const int kind = static_cast<int>(rng() % 4);
    for (int y = 0; y < ner::kLabels; ++y) {
      if (kind == 0 ? y == static_cast<int>(rng() % ner::kLabels) : kind == 1 || rng() % 4 == 0) {
        const int32_t v = rng() % 8 == 0 ? (rng() % 2 ? 32767 : -32767) : static_cast<int32_t>(rng() % 65535) - 32767;
        w[y] = v != 0 ? v : 1;
      }
    }
    if (std::all_of(w.begin(), w.end(), [](int32_t v) { return v == 0; })) w[rng() % ner::kLabels] = -5;
    return w;
  };
  for (int k = 0; k < 500; ++k) distinct.insert(static_cast<uint32_t>(rng() | 1));
  std::vector<StageWeights> two(2);
  for (uint32_t key : distinct) {
    const int where = static_cast<int>(rng() % 3);  // 0: first stage, 1: second, 2: both
    if (where != 1) two[0][key] = weights();
    if (where != 0) two[1][key] = weights();
  }
  std::vector<StageWeights> one;
  one = {two[0]};
  for (const std::vector<StageWeights>* stages : {&one, &two}) {
    const int S = static_cast<int>(stages->size());
    auto model = model_of(*stages);
    REQUIRE(model->stage_count() == S);
    std::vector<int32_t> expected(words.size() * S * ner::kLabels, 0);
    for (size_t i = 0; i < words.size(); ++i) {
      for (int s = 0; s < S; ++s) {
        for (uint32_t key : token_keys[i]) {
          auto found = (*stages)[s].find(key);
          if (found == (*stages)[s].end()) continue;
          for (int y = 0; y < ner::kLabels; ++y) expected[(i * S + s) * ner::kLabels + y] += found->second[y];
        }
      }
    }
    for (bool scalar : {false, true}) {
      for (size_t entries : {size_t{0}, kDefaultWordCacheEntries}) {
        INFO(S << " stages, " << (scalar ? "scalar" : "vector") << " sums, word cache of " << entries);
        set_scalar_weight_sums(scalar);
        set_word_cache_entries(entries);
        std::vector<int32_t> scores = tag_document_scores(*model, words, sentences);
        REQUIRE(scores.size() >= expected.size());
        CHECK(std::equal(expected.begin(), expected.end(), scores.begin()));
      }
    }
  }
  set_scalar_weight_sums(false);
  set_word_cache_entries(kDefaultWordCacheEntries);
}

TEST_CASE("lexicon: a phrase lookup says whether longer phrases begin with it", "[tagger]") {
  auto lookup = [](std::initializer_list<const char*> words, bool* continues) {
    uint64_t h = kLexiconHashSeed;
    for (const char* w : words) h = lexicon_phrase_extend(h, lexicon_word_hash(w));
    return lexicon_lookup(h, continues);
  };
  bool more = false;
  CHECK((lookup({"united", "states"}, &more) & kLexCountry) != 0);
  CHECK(more);  // "united states of america"
  CHECK(lookup({"united", "states", "of"}, &more) == 0);
  CHECK(more);
  CHECK((lookup({"united", "states", "of", "america"}, &more) & kLexCountry) != 0);
  CHECK_FALSE(more);
  CHECK(lookup({"sri"}, &more) == 0);
  CHECK(more);  // "sri lanka"
  CHECK((lookup({"new", "york"}, &more) & kLexCity) != 0);
  CHECK(more);  // "new york city"
  CHECK(lookup({"zebra", "crossing"}, &more) == 0);
  CHECK_FALSE(more);
  // A phrase in several lists carries each list's category, and says that it continues if a
  // longer phrase of any list begins with it.
  CHECK(lookup({"georgia"}, &more) == (kLexCountry | kLexRegion));
  CHECK_FALSE(more);
  CHECK(lookup({"washington"}, &more) == (kLexCity | kLexRegion));
  CHECK(more);  // "washington post"
  CHECK(lookup({"washington", "post"}, &more) == kLexMedia);
  // The one-argument form gives the same categories.
  uint64_t h = lexicon_phrase_extend(lexicon_phrase_extend(kLexiconHashSeed, lexicon_word_hash("sri")),
                                     lexicon_word_hash("lanka"));
  CHECK(lexicon_lookup(h) == lookup({"sri", "lanka"}, &more));
  CHECK((lexicon_lookup(h) & kLexCountry) != 0);
}
