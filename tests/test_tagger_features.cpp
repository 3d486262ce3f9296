// The tagger's features (tagger/features.h, document_features.h): the parts of a word alone, the
// document-level keys from per-word aggregates, and the phrase lookup the phrase matches rely on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <map>
#include <numeric>
#include <random>

#include "lexicon/lexicon.h"
#include "tagger/document_features.h"
#include "tagger/features.h"
#include "tagger/tagger.h"
#include "tagger_models.h"

using namespace lede;
using namespace lede_test;

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
          ner::neighbour_part_keys(part, w, &keys);
          CHECK(keys.size() == 1);
          ++checked;
        }
      }
    }
  }
  CHECK(checked == 14 * 2 * 2 * 2);
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

TEST_CASE("tagger: a Title Case first line says nothing of how the body writes its words", "[tagger]") {
  // "Poll" in the body, capitalised mid-sentence: whether the document writes it so elsewhere is
  // one of its keys. A Title Case headline's "Poll" is no such evidence (it is capitalised because
  // every word of the line is), as an ALL-CAPS headline's never was; the same words with a word of
  // more than four letters in lower case ("defeats") are a sentence, and count.
  auto body_poll_keys = [](std::vector<std::string_view> first_line) {
    std::vector<std::string_view> words = first_line;
    const uint32_t a = static_cast<uint32_t>(words.size());
    for (std::string_view w : {"The", "Poll", "was", "close", "."}) words.push_back(w);
    const std::vector<std::pair<uint32_t, uint32_t>> sentences = {{0, a}, {a, static_cast<uint32_t>(words.size())}};
    ner::DocumentFeatures f;
    f.build(words, sentences, nullptr);
    std::vector<uint32_t> keys;
    f.stage1_keys(a + 1, &keys);
    std::sort(keys.begin(), keys.end());
    return keys;
  };
  const auto headline = body_poll_keys({"Trump", "Defeats", "Clinton", "in", "Poll", "."});
  const auto sentence = body_poll_keys({"Trump", "defeats", "Clinton", "in", "Poll", "."});
  const auto capitals = body_poll_keys({"TRUMP", "DEFEATS", "CLINTON", "IN", "POLL", "."});
  CHECK(headline != sentence);
  // They differ in that key alone (the line's other words reach "Poll" only through its
  // occurrence's neighbours, the same in both), and the body's "Poll" after a Title Case headline
  // has the key it has after an ALL-CAPS one: capitalised nowhere else mid-sentence.
  std::vector<uint32_t> headline_only, sentence_only;
  std::set_difference(headline.begin(), headline.end(), sentence.begin(), sentence.end(),
                      std::back_inserter(headline_only));
  std::set_difference(sentence.begin(), sentence.end(), headline.begin(), headline.end(),
                      std::back_inserter(sentence_only));
  REQUIRE(headline_only.size() == 1);
  REQUIRE(sentence_only.size() == 1);
  CHECK(std::binary_search(capitals.begin(), capitals.end(), headline_only[0]));
  CHECK_FALSE(std::binary_search(capitals.begin(), capitals.end(), sentence_only[0]));
}
