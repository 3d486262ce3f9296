// The model's own name lists (tagger/gazetteer.h): their section of the model file, the malformed
// sections the loader refuses, and the matches the features see (case-insensitive, multi-word,
// by position in the match).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tagger/document_features.h"
#include "tagger/features.h"
#include "tagger/gazetteer.h"
#include "tagger/model_format.h"
#include "tagger/tagger.h"
#include "tagger_models.h"

using namespace lede;

namespace {

uint32_t key_of(std::initializer_list<std::string_view> words) {
  ner::DocumentFeatures f;
  uint64_t h = ner::Gazetteer::kSeed;
  for (std::string_view w : words) h = ner::Gazetteer::extend(h, f.word_info(w, nullptr).lower);
  return ner::Gazetteer::key(h);
}

ner::Gazetteer sample_lists() {
  ner::Gazetteer g;
  g.set_lists({"city", "place", "company"});
  REQUIRE(g.add(key_of({"Brisbane"}), 0));
  REQUIRE(g.add(key_of({"Bay", "of", "Bengal"}), 1));
  REQUIRE(g.add(key_of({"Procter", "&", "Gamble"}), 2));
  REQUIRE(g.add(key_of({"Brisbane"}), 1));  // in two lists
  return g;
}

// The payload of a model with no clusters, these lists' section bytes, and no stages' worth of
// anything after them but what the loader must still read.
std::string payload_with_lists(const std::string& section) {
  std::string payload;
  ner::put_varint(&payload, ner::kLabels);
  ner::put_varint(&payload, 0);  // no clusters
  payload += section;
  ner::put_varint(&payload, 1);  // one stage
  for (int k = 0; k < (ner::kLabels + 1) * (ner::kLabels + 1); ++k) ner::put_signed(&payload, 0);
  std::vector<const lede_test::StageWeights*> stages;
  lede_test::StageWeights none;
  stages.push_back(&none);
  ner::put_features(&payload, stages);
  return payload;
}

std::string load_error(const std::string& section) {
  const std::string file = ner::model_file_of(payload_with_lists(section));
  std::string error;
  auto model = TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  CHECK(!model);
  return error;
}

// The list keys (T_LIST: part * 32 + list) among token i's stage-1 keys.
std::vector<uint32_t> list_keys(const ner::DocumentFeatures& f, size_t i) {
  std::vector<uint32_t> keys, out;
  f.stage1_keys(i, &keys);
  for (uint32_t part = 0; part < 4; ++part)
    for (uint32_t list = 0; list < 3; ++list)
      if (std::count(keys.begin(), keys.end(), ner::make_key(ner::T_LIST, part * 32 + list)))
        out.push_back(part * 32 + list);
  return out;
}

}  // namespace

TEST_CASE("gazetteer: the section round-trips through a model file", "[tagger][gazetteer]") {
  ner::Gazetteer g = sample_lists();
  std::string section;
  g.write(&section);
  const std::string file = ner::model_file_of(payload_with_lists(section));
  std::string error;
  auto model = TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  INFO(error);
  REQUIRE(model);
  const ner::Gazetteer& read = model->gazetteer();
  CHECK(read.lists() == std::vector<std::string>{"city", "place", "company"});
  CHECK(read.size() == 3);
  CHECK(read.lookup(key_of({"Brisbane"})) == 3);
  CHECK(read.lookup(key_of({"BRISBANE"})) == 3);  // the keys are of lower-cased words
  CHECK(read.lookup(key_of({"Bay", "of", "Bengal"})) == 2);
  CHECK(read.lookup(key_of({"Bay", "of"})) == 0);
  CHECK(read.entries() == g.entries());
  CHECK(read.list_sizes() == std::vector<size_t>{1, 2, 1});
}

TEST_CASE("gazetteer: malformed sections are refused with a clear error", "[tagger][gazetteer]") {
  std::string good;
  sample_lists().write(&good);
  auto section = [](std::initializer_list<uint64_t> varints, const std::string& names = "") {
    std::string s;
    auto it = varints.begin();
    ner::put_varint(&s, *it++);
    s += names;
    for (; it != varints.end(); ++it) ner::put_varint(&s, *it);
    return s;
  };
  // 17 lists: more than a model may have.
  CHECK_THAT(load_error(section({17})), Catch::Contains("name lists' section is malformed (list count)"));
  // One list whose name runs past the payload.
  CHECK_THAT(load_error(section({1, 200})), Catch::Contains("(list name)"));
  // One list "a"; key bits out of range.
  const std::string list_a = section({1}, std::string("\x01" "a", 2));
  CHECK_THAT(load_error(list_a + section({16})), Catch::Contains("(key bits)"));
  CHECK_THAT(load_error(list_a + section({33})), Catch::Contains("(key bits)"));
  // 24 key bits (one low byte each): entry count, column byte counts, low bytes, high deltas,
  // list bits. An entry with a bit of a list that does not exist.
  CHECK_THAT(load_error(list_a + section({24, 1, 1, 1, 7, 5, 2})), Catch::Contains("(list bits)"));
  // Two entries with the same key; a first key of 0 (an empty slot's).
  CHECK_THAT(load_error(list_a + section({24, 2, 2, 2, 7, 7, 5, 0, 1, 1})), Catch::Contains("(keys out of order)"));
  CHECK_THAT(load_error(list_a + section({24, 1, 1, 1, 0, 0, 1})), Catch::Contains("(keys out of order)"));
  // With 20 key bits a low byte holds 4: one with more is refused.
  CHECK_THAT(load_error(list_a + section({20, 1, 1, 1, 0x1F, 5, 1})), Catch::Contains("(keys out of order)"));
  // Columns longer than their entries.
  CHECK_THAT(load_error(list_a + section({24, 1, 2, 1, 7, 5, 0, 1})), Catch::Contains("(bytes after the last entry)"));
  CHECK_THAT(load_error(list_a + section({24, 1, 1, 2, 7, 5, 1, 1})), Catch::Contains("(bytes after the last entry)"));
  // A count of entries the payload cannot hold; columns running past it.
  CHECK_THAT(load_error(list_a + section({24, 1000000})), Catch::Contains("(entry count)"));
  CHECK_THAT(load_error(list_a + section({24, 1, 100000, 1, 7, 5, 1})), Catch::Contains("(truncated)"));
  // The good section with fewer key bits loads; with 24, keys differing only below them are one.
  ner::Gazetteer fewer;
  fewer.set_lists({"a"}, 24);
  REQUIRE(fewer.add(0x12345601u, 0));
  REQUIRE(fewer.add(0x123456FFu, 0));
  REQUIRE(fewer.add(0x000000FFu, 0));  // its top 24 bits are 0: not stored
  CHECK(fewer.size() == 1);
  CHECK(fewer.lookup(0x12345680u) == 1);
  CHECK(fewer.lookup(0x12345780u) == 0);
  CHECK(fewer.lookup(0x000000FFu) == 0);
  // Every truncation of a good section fails cleanly (the stages after it are then misread, or
  // the section itself is short): never a crash.
  for (size_t n = 0; n < good.size(); ++n) {
    const std::string file = ner::model_file_of(payload_with_lists(good.substr(0, n)));
    std::string error;
    auto model = TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
    CHECK((!model && error.rfind("lede: model: ", 0) == 0));
  }
}

TEST_CASE("gazetteer: matches are case-insensitive, multi-word, and start at a capitalised word",
          "[tagger][gazetteer]") {
  ner::Gazetteer g = sample_lists();
  ner::DocumentFeatures f;
  f.set_gazetteer(&g);
  const uint32_t B = 0, I = 32, L = 64, U = 96;
  std::vector<std::string_view> words = {"BRISBANE", ",", "Bay", "of", "Bengal", "and", "Procter", "&", "Gamble",
                                         "in", "brisbane", "bay", "of", "bengal"};
  f.build(words, {{0, static_cast<uint32_t>(words.size())}}, nullptr);
  CHECK(list_keys(f, 0) == std::vector<uint32_t>{U + 0, U + 1});  // a dateline's ALL CAPS
  CHECK(list_keys(f, 2) == std::vector<uint32_t>{B + 1});
  CHECK(list_keys(f, 3) == std::vector<uint32_t>{I + 1});
  CHECK(list_keys(f, 4) == std::vector<uint32_t>{L + 1});
  CHECK(list_keys(f, 6) == std::vector<uint32_t>{B + 2});
  CHECK(list_keys(f, 7) == std::vector<uint32_t>{I + 2});
  CHECK(list_keys(f, 8) == std::vector<uint32_t>{L + 2});
  // In lower case a word does not begin a match: "bay of bengal" is not a name there.
  for (size_t i : {9, 10, 11, 12, 13}) CHECK(list_keys(f, i).empty());
  // Without lists, no list keys at all.
  ner::DocumentFeatures plain;
  plain.build(words, {{0, static_cast<uint32_t>(words.size())}}, nullptr);
  for (size_t i = 0; i < words.size(); ++i) CHECK(list_keys(plain, i).empty());
}

TEST_CASE("gazetteer: the embedded model carries its lists", "[tagger][gazetteer]") {
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  const ner::Gazetteer& g = model->gazetteer();
  const std::vector<std::string>& lists = g.lists();
  for (const char* name : {"city", "country", "person", "company", "trained-org"})
    CHECK(std::find(lists.begin(), lists.end(), name) != lists.end());
  auto bit = [&](const char* name) {
    return 1u << (std::find(lists.begin(), lists.end(), name) - lists.begin());
  };
  CHECK((g.lookup(key_of({"Brisbane"})) & bit("city")));
  CHECK((g.lookup(key_of({"Christopher", "Columbus"})) & bit("person")));
  CHECK((g.lookup(key_of({"Uber"})) & bit("company")));
}
