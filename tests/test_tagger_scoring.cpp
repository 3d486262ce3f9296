// The tagger's scoring (tagger/scoring.h, weight_sums.h, and the stage-2 part kept between the
// stages in tagger.cpp): every score the sum of its keys' weights, vector or scalar sums, with or
// without the word cache.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "tagger/document_features.h"
#include "tagger/tagger.h"
#include "tagger/weight_sums.h"
#include "tagger_models.h"

using namespace lede;
using namespace lede_test;

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
  // Weights of every kind a record can hold: one label or all of them, the extremes, keys in
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
    const std::vector<StageWeights> stored = as_stored(*stages);
    std::vector<int32_t> expected(words.size() * S * ner::kLabels, 0);
    for (size_t i = 0; i < words.size(); ++i) {
      for (int s = 0; s < S; ++s) {
        for (uint32_t key : token_keys[i]) {
          auto found = stored[s].find(key);
          if (found == stored[s].end()) continue;
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
  const std::vector<StageWeights> stored = as_stored(two);
  const std::vector<int32_t> scores = tag_document_scores(*model, words, sentences);
  const size_t n = words.size();
  for (size_t i = 0; i < n; ++i) {
    std::array<int32_t, ner::kLabels> expected{};
    for (uint32_t key : keys2[i]) {
      auto found = stored[1].find(key);
      if (found == stored[1].end()) continue;
      for (int y = 0; y < ner::kLabels; ++y) expected[y] += found->second[y];
    }
    INFO("token " << i << " " << words[i] << (features.stage2_self_only(i) ? " (its label's key only)" : ""));
    const int32_t* got = scores.data() + (n + i) * 2 * ner::kLabels;
    CHECK(std::vector<int32_t>(got, got + ner::kLabels) == std::vector<int32_t>(expected.begin(), expected.end()));
  }
}
