// The tagger's word cache (tagger/word_cache.{h,cpp}): no score changes, whatever its size and
// however models alternate; it starts small and doubles as it misses.
#include <catch2/catch.hpp>

#include <random>

#include "tagger/document_features.h"
#include "tagger/tagger.h"
#include "tagger_models.h"

using namespace lede;
using namespace lede_test;

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

TEST_CASE("tagger: the word cache keeps exact scores when a word's sums do not fit its 16 bits", "[tagger]") {
  // A model with weights up to +-30,000: a word's dozen or so self keys sum far past 16 bits, so
  // such words must go uncached (their keys scored at each occurrence) for the scores to stay.
  std::mt19937 rng(23);
  std::vector<std::string> vocabulary;
  for (int k = 0; k < 300; ++k) vocabulary.push_back((k % 3 ? "word" : "Name") + std::to_string(k));
  std::vector<std::string_view> words;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  random_document(&rng, vocabulary, 2000, 30, &words, &sentences);
  ner::DocumentFeatures features;
  std::vector<uint32_t> keys;
  features.build(words, sentences, nullptr);
  for (size_t i = 0; i < words.size(); ++i) features.stage1_keys(i, &keys);
  auto model = random_model(keys, 7, 30000);

  set_word_cache_entries(0);
  const std::vector<int32_t> uncached = tag_document_scores(*model, words, sentences);
  size_t wide = 0;
  for (int32_t score : uncached) wide += score > INT16_MAX || score < INT16_MIN;
  CHECK(wide > uncached.size() / 4);  // the model really is one of wide sums
  set_word_cache_entries(kDefaultWordCacheEntries);
  CHECK(tag_document_scores(*model, words, sentences) == uncached);
  CHECK(tag_document_scores(*model, words, sentences) == uncached);  // from a full cache
}
