// lede-train's word-feature dropout (trainer/word_dropout.h): the keys said to name a word are
// those that change with the word, and which words a training step hides.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "tagger/document_features.h"
#include "tagger/word_facts.h"
#include "word_dropout.h"

using namespace lede;

namespace {

std::set<uint32_t> keys_of(const ner::DocumentFeatures& features, size_t i) {
  std::vector<uint32_t> keys;
  features.stage1_keys(i, &keys);
  return std::set<uint32_t>(keys.begin(), keys.end());
}

}  // namespace

TEST_CASE("word dropout: the keys that name a word are the keys that change with it", "[trainer]") {
  // Two made-up words with the same facts but their forms (shape, length, capitalisation, no
  // lexicon category, no cluster), at a sentence's start, after a colon and in the middle: the keys
  // of each token that differ between the two documents are exactly those word_naming_keys lists,
  // affixes included, as naming a word that was swapped. A template added or changed in
  // features.cpp or document_features.cpp without word_naming_keys fails here.
  const std::vector<std::string> sentences_a = {"Zorblat met Kim in Paris .",
                                                "They said Zorblat would go to the market today .",
                                                "He said : Zorblat left early .", "Zorblat"};
  std::vector<std::string> words_a, words_b;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  for (const std::string& s : sentences_a) {
    const uint32_t a = static_cast<uint32_t>(words_a.size());
    for (size_t p = 0, q; p < s.size(); p = q + 1) {
      q = std::min(s.find(' ', p), s.size());
      words_a.push_back(s.substr(p, q - p));
      words_b.push_back(words_a.back() == "Zorblat" ? "Quimbex" : words_a.back());
    }
    sentences.emplace_back(a, static_cast<uint32_t>(words_a.size()));
  }
  const ner::ClusterTable& clusters = ner::ClusterTable::none();
  ner::WordFacts facts;
  std::vector<ner::WordInfo> info(words_a.size());
  std::vector<ner::SelfFacts> self(words_a.size());
  for (size_t i = 0; i < words_a.size(); ++i) facts.compute(words_a[i], &clusters, &info[i], &self[i]);
  ner::WordInfo quimbex;
  facts.compute("Quimbex", &clusters, &quimbex, nullptr);
  const ner::WordInfo& zorblat = info[0];
  REQUIRE(zorblat.form != quimbex.form);
  REQUIRE(zorblat.short_shape == quimbex.short_shape);
  REQUIRE(zorblat.cap == quimbex.cap);
  REQUIRE(zorblat.length == quimbex.length);
  REQUIRE(zorblat.lex == quimbex.lex);

  std::vector<std::string_view> views_a(words_a.begin(), words_a.end()), views_b(words_b.begin(), words_b.end());
  ner::DocumentFeatures features_a, features_b;
  features_a.build(views_a, sentences, nullptr);
  features_b.build(views_b, sentences, nullptr);
  int changed = 0;
  for (auto [a, b] : sentences) {
    for (uint32_t i = a; i < b; ++i) {
      // The words swapped around token i, as NamedWord bits.
      uint8_t swapped = 0;
      const int offsets[] = {0, -1, 1, -2, 2};
      for (int k = 0; k < 5; ++k) {
        const long j = static_cast<long>(i) + offsets[k];
        if (j >= a && j < b && words_a[j] != words_b[j]) swapped |= static_cast<uint8_t>(1u << k);
      }
      std::vector<std::pair<uint32_t, uint8_t>> naming;
      lede_train::word_naming_keys(info, self, a, b, i, true, &naming);
      const std::set<uint32_t> keys_a = keys_of(features_a, i), keys_b = keys_of(features_b, i);
      std::set<uint32_t> differ, named_swapped;
      for (uint32_t k : keys_a)
        if (!keys_b.count(k)) differ.insert(k);
      for (auto [key, names] : naming)
        if ((names & swapped) && keys_a.count(key)) named_swapped.insert(key);
      INFO("token " << i << " (" << words_a[i] << ")");
      CHECK(differ == named_swapped);
      changed += !differ.empty();
    }
  }
  // Every token within two of a swapped word, in its sentence.
  CHECK(changed == 3 + 5 + 5 + 1);
}

TEST_CASE("word dropout: which words a step hides", "[trainer]") {
  std::mt19937 labels_rng(7);
  std::vector<uint8_t> gold(10000);
  for (uint8_t& g : gold) g = labels_rng() % 3 == 0 ? static_cast<uint8_t>(1 + labels_rng() % 16) : 0;
  std::vector<uint8_t> hidden;

  SECTION("off: nothing hidden, and the generator not drawn from") {
    lede_train::WordDropout off;
    std::mt19937_64 rng(5), fresh(5);
    lede_train::choose_hidden(off, gold.data(), gold.size(), &rng, &hidden);
    CHECK(hidden == std::vector<uint8_t>(gold.size(), 0));
    CHECK(rng() == fresh());
  }
  SECTION("the same seed hides the same words, about p of them") {
    lede_train::WordDropout dropout;
    dropout.p = 0.2;
    std::mt19937_64 rng(5), again(5), other(6);
    std::vector<uint8_t> hidden_again, hidden_other;
    lede_train::choose_hidden(dropout, gold.data(), gold.size(), &rng, &hidden);
    lede_train::choose_hidden(dropout, gold.data(), gold.size(), &again, &hidden_again);
    lede_train::choose_hidden(dropout, gold.data(), gold.size(), &other, &hidden_other);
    CHECK(hidden == hidden_again);
    CHECK(hidden != hidden_other);
    const auto n = std::count(hidden.begin(), hidden.end(), lede_train::kNamesSelf);
    CHECK(n > 1800);
    CHECK(n < 2200);
  }
  SECTION("names only: words outside gold names are never hidden") {
    lede_train::WordDropout dropout;
    dropout.p = 0.5;
    dropout.names_only = true;
    std::mt19937_64 rng(5);
    lede_train::choose_hidden(dropout, gold.data(), gold.size(), &rng, &hidden);
    int in_names = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      CHECK((hidden[i] == 0 || gold[i] != 0));
      in_names += hidden[i] != 0;
    }
    CHECK(in_names > 0);
  }
  SECTION("neighbours: a hidden word is hidden from the two words either side") {
    lede_train::WordDropout dropout;
    dropout.p = 0.3;
    dropout.neighbours = true;
    std::mt19937_64 rng(5);
    const size_t n = 50;
    lede_train::choose_hidden(dropout, gold.data(), n, &rng, &hidden);
    auto dropped = [&](long j) { return j >= 0 && j < static_cast<long>(n) && (hidden[j] & lede_train::kNamesSelf); };
    for (long i = 0; i < static_cast<long>(n); ++i) {
      INFO("token " << i);
      CHECK(static_cast<bool>(hidden[i] & lede_train::kNamesPrev) == dropped(i - 1));
      CHECK(static_cast<bool>(hidden[i] & lede_train::kNamesNext) == dropped(i + 1));
      CHECK(static_cast<bool>(hidden[i] & lede_train::kNamesPrev2) == dropped(i - 2));
      CHECK(static_cast<bool>(hidden[i] & lede_train::kNamesNext2) == dropped(i + 2));
    }
  }
}
