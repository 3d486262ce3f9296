// The tagger's model file and loader (tagger/model_format.h, tagger/model.{h,cpp}): the embedded
// model, damaged, foreign, old and other-lists files refused with a clear error and without a read
// outside the bytes, the feature table finding every key, int8 weights and their scales, trusted
// loads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

#include "lexicon/lexicon.h"
#include "support.h"
#include "tagger/gazetteer.h"
#include "tagger/model_format.h"
#include "tagger/tagger.h"
#include "tagger_models.h"

using namespace lede;
using namespace lede_test;

TEST_CASE("tagger: the embedded default model loads, its checksum intact", "[tagger]") {
  // load() checks the checksum, which load_default() (what analyzers use) takes as read.
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  CHECK(error.empty());
  CHECK(model->feature_count() > 10000);
  CHECK(default_model_size() <= 6u * 1024 * 1024);
}

TEST_CASE("tagger: the embedded model is models/lede-ner.bin", "[tagger]") {
  std::string file = lede_test::read_file(std::string(LEDE_SOURCE_DIR) + "/models/lede-ner.bin");
  REQUIRE(file.size() == default_model_size());
  CHECK(std::memcmp(file.data(), default_model_data(), file.size()) == 0);
}

TEST_CASE("tagger: the model records the word lists it was trained with", "[tagger]") {
  const std::vector<uint8_t> bytes = default_model_bytes();
  REQUIRE(bytes.size() > ner::kModelHeaderSize);
  CHECK(ner::get_u32(bytes.data() + 8) == ner::kModelFormatVersion);
  CHECK(ner::get_u64(bytes.data() + ner::kModelDigestOffset) == lexicon_digest());
}

TEST_CASE("tagger: a model trained with other word lists is refused, saying so and how to retrain", "[tagger]") {
  const std::vector<uint8_t> good = default_model_bytes();
  std::vector<uint8_t> other = good;
  other[ner::kModelDigestOffset + 3] ^= 0x10;  // another digest, as another list of words would give
  const uint64_t other_digest = ner::get_u64(other.data() + ner::kModelDigestOffset);
  REQUIRE(other_digest != lexicon_digest());
  std::string error;
  // Unsealed, the change reads as damage: the checksum covers the digest.
  CHECK_FALSE(TaggerModel::load(other.data(), other.size(), &error));
  CHECK(error.find("checksum mismatch") != std::string::npos);
  // Sealed, as a model trained with other lists is.
  fix_checksum(&other);
  auto refused_for_lists = [&](const std::string& message) {
    INFO(message);
    CHECK(message.rfind("lede: model: trained with other word lists", 0) == 0);
    CHECK(message.find(ner::digest_text(other_digest)) != std::string::npos);
    CHECK(message.find(ner::digest_text(lexicon_digest())) != std::string::npos);
    CHECK(message.find("retrain it with scripts/train-ner") != std::string::npos);
  };
  CHECK_FALSE(TaggerModel::load(other.data(), other.size(), &error));
  refused_for_lists(error);
  // The trusted load (the WebAssembly package's own file) skips the checksum, not the lists.
  CHECK_FALSE(TaggerModel::load(other.data(), other.size(), &error, /*trusted=*/true));
  refused_for_lists(error);
  CHECK_FALSE(Analyzer::create_from_model(other.data(), other.size(), &error));
  refused_for_lists(error);
  // The trainer's writer with another digest gives the same refusal.
  const std::string payload(reinterpret_cast<const char*>(good.data()) + ner::kModelHeaderSize,
                            good.size() - ner::kModelHeaderSize);
  const std::string written = ner::model_file_of(payload, other_digest);
  CHECK_FALSE(TaggerModel::load(reinterpret_cast<const uint8_t*>(written.data()), written.size(), &error));
  refused_for_lists(error);
  CHECK(std::vector<uint8_t>(written.begin(), written.end()) == other);
  // And with this build's, the model itself.
  CHECK(ner::model_file_of(payload) == std::string(good.begin(), good.end()));
}

TEST_CASE("tagger: models of other format versions are refused, versions 3 to 5 with how to retrain", "[tagger]") {
  const std::vector<uint8_t> good = default_model_bytes();
  const std::string payload(reinterpret_cast<const char*>(good.data()) + ner::kModelHeaderSize,
                            good.size() - ner::kModelHeaderSize);
  // A version-3 file, as lede wrote them before models recorded their lists: a header of 24
  // bytes, the checksum of the payload alone.
  std::string v3(ner::kModelMagic, sizeof ner::kModelMagic);
  ner::put_u32(&v3, 3);
  ner::put_u32(&v3, ner::kFeatureScheme);
  ner::put_u32(&v3, static_cast<uint32_t>(payload.size()));
  ner::put_u32(&v3, ner::model_checksum(reinterpret_cast<const uint8_t*>(payload.data()), payload.size()));
  v3 += payload;
  // A version-4 header (int16 records), sealed as such a file was.
  std::vector<uint8_t> v4 = good;
  v4[8] = 4;
  fix_checksum(&v4);
  // A version-5 header (32-bit keys), likewise.
  std::vector<uint8_t> v5 = good;
  v5[8] = 5;
  fix_checksum(&v5);
  for (bool trusted : {false, true}) {
    for (const auto& old : {std::make_pair(3, std::vector<uint8_t>(v3.begin(), v3.end())), std::make_pair(4, v4),
                            std::make_pair(5, v5)}) {
      std::string error;
      CHECK_FALSE(TaggerModel::load(old.second.data(), old.second.size(), &error, trusted));
      INFO(error);
      CHECK(error.rfind("lede: model: format version " + std::to_string(old.first) +
                            " is not supported (this lede reads version 6",
                        0) == 0);
      CHECK(error.find("retrain it with scripts/train-ner") != std::string::npos);
    }
  }
  std::vector<uint8_t> newer = good;
  newer[8] = static_cast<uint8_t>(ner::kModelFormatVersion + 1);
  std::string error;
  CHECK_FALSE(TaggerModel::load(newer.data(), newer.size(), &error));
  CHECK(error.find("written by a newer lede") != std::string::npos);
}

TEST_CASE("tagger: truncated models are refused at every 4 KB boundary", "[tagger]") {
  std::vector<uint8_t> bytes = default_model_bytes();
  std::vector<size_t> sizes = {0, 1, 8, 23, 24, 25, ner::kModelHeaderSize - 1, ner::kModelHeaderSize,
                               ner::kModelHeaderSize + 1, bytes.size() - 1};
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

TEST_CASE("tagger: the default model loaded trusted has the same features", "[tagger]") {
  std::string error;
  auto checked = TaggerModel::load(default_model_data(), default_model_size(), &error);
  auto trusted = TaggerModel::load_default(&error);
  REQUIRE(checked);
  REQUIRE(trusted);
  CHECK(trusted->feature_count() == checked->feature_count());
  std::vector<std::string_view> words = {"Vladimir", "Putin", "met", "Angela", "Merkel", "in", "Berlin", "."};
  CHECK(tag_document_scores(*trusted, words, {{0, 8}}) == tag_document_scores(*checked, words, {{0, 8}}));
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
    w[key % ner::kLabels] = static_cast<int32_t>(key % 127) + 1;  // says which key it is for (scale 1)
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
    CHECK(weight_of(record) == static_cast<int32_t>(key % 127) + 1);
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

TEST_CASE("tagger: a feature's weights are stored as int8 times a scale of its own", "[tagger]") {
  // The smallest scale that keeps every |int8| <= 127 (or the levels asked for), rounding half
  // away from zero, weights that round to 0 left out.
  ner::QuantisedFeature q = ner::quantise_feature({{0, 1000}, {3, -381}, {20, 3}}, ner::kMaxWeightLevel);
  CHECK(q.scale == 8);  // 1000 / 127 = 7.9
  CHECK(q.mask == ((1u << 0) | (1u << 3)));
  CHECK(q.weights == std::vector<int8_t>{125, -48});  // -381 / 8 = -47.6; 3 / 8 rounds to 0
  q = ner::quantise_feature({{0, 1000}, {3, -381}, {20, 3}}, 15);
  CHECK(q.scale == 67);
  CHECK(q.weights == std::vector<int8_t>{15, -6});
  q = ner::quantise_feature({{5, 12}, {6, -4}}, ner::kMaxWeightLevel);  // small weights: scale 1, exact
  CHECK(q.scale == 1);
  CHECK(q.weights == std::vector<int8_t>{12, -4});
  q = ner::quantise_feature({{1, ner::kMaxWeight}, {2, -ner::kMaxWeight}}, ner::kMaxWeightLevel);
  CHECK(q.scale == ner::kMaxWeightScale);
  CHECK(q.weights == std::vector<int8_t>{127, -127});
  // Through the file and the loader: the records hold scale x int8.
  std::array<int32_t, ner::kLabels> a{}, b{};
  a[0] = 1000;
  a[3] = -381;
  b[16] = 2;
  b[1] = 40000;  // past the largest storable weight: clamped
  auto model = model_of({{{5, a}, {9, b}}});
  auto weights = [](const uint8_t* record) {
    uint64_t mask = 0;
    for (int w = 0; w < ner::kRecordMaskWords; ++w) mask |= uint64_t{record[2 * w]} << (16 * w) | uint64_t{record[2 * w + 1]} << (16 * w + 8);
    std::vector<std::pair<int, int>> out;
    const uint8_t* p = record + 2 * ner::kRecordMaskWords;
    for (; mask; mask &= mask - 1, p += 2) {
      int16_t v;
      std::memcpy(&v, p, 2);
      out.push_back({__builtin_ctzll(mask), v});
    }
    return out;
  };
  REQUIRE(model->find(5));
  CHECK(weights(model->find(5)) == std::vector<std::pair<int, int>>{{0, 1000}, {3, -384}});
  CHECK(weights(model->find(9)) == std::vector<std::pair<int, int>>{{1, ner::kMaxWeight}});  // 2 rounds to 0
  // A feature without weights is left out.
  CHECK(model_of({{{5, a}, {7, {}}}})->feature_count() == 1);
}

namespace {

// A payload of one stage (zero transitions, no name lists) whose cluster table and feature section
// are given as their bytes, so that each can be damaged on its own.
std::string payload_with(const std::string& clusters, const std::string& features, int stages = 1) {
  std::string payload;
  ner::put_varint(&payload, ner::kLabels);
  payload += clusters;
  ner::Gazetteer().write(&payload);  // no name lists
  ner::put_varint(&payload, static_cast<uint64_t>(stages));
  payload.append(static_cast<size_t>(stages) * (ner::kLabels + 1) * (ner::kLabels + 1), '\0');
  return payload + features;
}

// A feature section, field by field (model_format.h); the byte counts are the columns' own unless
// given.
struct FeatureSection {
  uint64_t count = 2;
  uint64_t key_bits = 32;
  std::vector<uint64_t> masks = {1, 72};  // label 0; labels 3 and 6
  std::string low = std::string("\x02\x00\x04\x00", 4), high = "\x01\x02", indices = std::string("\x00\x01", 2),
              scales = "\x03\x05", weights = "\x07\xFE\x7F";  // 7; -2, 127
  int64_t high_bytes = -1, index_bytes = -1, weight_count = -1;
  std::string bytes() const {
    std::string out;
    ner::put_varint(&out, count);
    ner::put_varint(&out, key_bits);
    ner::put_varint(&out, masks.size());
    for (uint64_t m : masks) ner::put_varint(&out, m);
    ner::put_varint(&out, high_bytes >= 0 ? static_cast<uint64_t>(high_bytes) : high.size());
    ner::put_varint(&out, index_bytes >= 0 ? static_cast<uint64_t>(index_bytes) : indices.size());
    ner::put_varint(&out, weight_count >= 0 ? static_cast<uint64_t>(weight_count) : weights.size());
    return out + low + high + indices + scales + weights;
  }
};

// A cluster table, likewise: hashes 0x00010002 and 0x00030001, both of path 5.
struct ClusterSection {
  uint64_t count = 2;
  std::vector<uint64_t> paths = {5};
  std::string low = std::string("\x02\x00\x01\x00", 4), high = "\x01\x02", indices = std::string("\x00\x00", 2);
  std::string bytes() const {
    std::string out;
    ner::put_varint(&out, count);
    ner::put_varint(&out, paths.size());
    for (uint64_t p : paths) ner::put_varint(&out, p);
    ner::put_varint(&out, high.size());
    ner::put_varint(&out, indices.size());
    return out + low + high + indices;
  }
};

constexpr uint32_t kUnspreadConstant = 0x0E8B2F51u;  // 0x9E3779B1 * 0x0E8B2F51 = 1 (mod 2^32)

void refused(const std::string& payload, const std::string& why) {
  const std::string file = ner::model_file_of(payload);
  for (bool trusted : {false, true}) {
    std::string error;
    INFO(why << (trusted ? " (trusted)" : ""));
    CHECK_FALSE(TaggerModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error, trusted));
    INFO(error);
    CHECK(error.rfind("lede: model: ", 0) == 0);
    CHECK(error.find(why) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("tagger: damaged feature columns are refused with a clear error", "[tagger]") {
  const FeatureSection good;
  const std::string no_clusters(1, '\0');
  {
    auto model = load_payload(payload_with(no_clusters, good.bytes()));
    REQUIRE(model->feature_count() == 2);
    const uint8_t* first = model->find(0x00010002u * kUnspreadConstant);
    const uint8_t* second = model->find(0x00030004u * kUnspreadConstant);
    REQUIRE(first);
    REQUIRE(second);
    auto word = [](const uint8_t* p, int k) { return static_cast<int16_t>(p[2 * k] | p[2 * k + 1] << 8); };
    CHECK((word(first, 0) == 1 && word(first, 1) == 0 && word(first, 2) == 0 && word(first, 3) == 21));
    CHECK((word(second, 0) == 72 && word(second, 3) == -10 && word(second, 4) == 635));
  }
  auto with = [&](auto change) {
    FeatureSection f = good;
    change(&f);
    return payload_with(no_clusters, f.bytes());
  };
  refused(with([](FeatureSection* f) { f->masks.clear(); }), "bad label mask count");
  refused(with([](FeatureSection* f) { f->masks[0] = 0; }), "bad label mask");
  refused(with([](FeatureSection* f) { f->masks[0] = uint64_t{1} << ner::kLabels; }), "bad label mask");  // stage 2's
  refused(with([](FeatureSection* f) { f->masks[0] = uint64_t{1} << 34; }), "bad label mask");
  refused(with([](FeatureSection* f) { f->indices[1] = 2; }), "label mask index is out of range");
  refused(with([](FeatureSection* f) { f->scales[1] = 0; }), "weight scale is 0");
  refused(with([](FeatureSection* f) { f->weights[1] = 0; }), "feature weight out of range");
  refused(with([](FeatureSection* f) { f->weights[1] = static_cast<char>(0x80); }), "feature weight out of range");
  refused(with([](FeatureSection* f) { f->weights.pop_back(); }), "the weights end before the last feature's");
  refused(with([](FeatureSection* f) { f->weights += '\x01'; }), "bytes after the last feature's");
  refused(with([](FeatureSection* f) { f->high += '\x00'; }), "bytes after the last feature's");
  refused(with([](FeatureSection* f) { f->indices += '\x00'; }), "bytes after the last feature's");
  refused(with([](FeatureSection* f) { f->high = std::string("\x01\x00", 2); f->low[2] = 1; }),  // 0x00010001 after 0x00010002
          "feature keys are not strictly increasing");
  refused(with([](FeatureSection* f) { f->high = std::string("\x01\x00", 2); f->low[2] = 2; }),  // the same key twice
          "feature keys are not strictly increasing");
  refused(with([](FeatureSection* f) { f->high = std::string("\x00\x03", 2); f->low[0] = 0; }),  // spread key 0
          "feature keys are not strictly increasing");
  refused(with([](FeatureSection* f) { f->high = "\x01\x80\x80\x04"; }), "feature keys are not strictly increasing");  // past 2^32
  refused(with([](FeatureSection* f) { f->count = 1000; }), "feature count 1000 is too large");
  refused(with([](FeatureSection* f) { f->high_bytes = 60; }), "payload ends inside the feature columns");
  refused(with([](FeatureSection* f) { f->weight_count = 60; }), "payload ends inside the feature weights");
  refused(payload_with(no_clusters, good.bytes() + '\0'), "1 bytes after the weights");
  std::string cut = good.bytes();
  cut.pop_back();
  refused(payload_with(no_clusters, cut), "payload ends inside the feature weights");
  // A one-stage mask in a two-stage model is fine; a two-stage one in a one-stage model is not.
  FeatureSection two = good;
  two.masks[1] = uint64_t{1} << (ner::kLabels + 4) | 8;
  CHECK(load_payload(payload_with(no_clusters, two.bytes(), 2))->stage_count() == 2);
  refused(payload_with(no_clusters, two.bytes(), 1), "bad label mask");
}

// Format 6: a file may keep only the top bits of the spread keys (lede-train --key-bits); keys
// alike in those are one feature, the one with the larger weights.
TEST_CASE("tagger: feature keys kept to their top bits", "[tagger]") {
  const std::string no_clusters(1, '\0');
  std::array<int32_t, ner::kLabels> small{}, large{}, other{};
  small[1] = 3;
  large[2] = -90;
  other[4] = 11;
  const uint32_t a = 0x00010201u * kUnspreadConstant, b = 0x000102F0u * kUnspreadConstant;
  const uint32_t c = 0x7F000000u * kUnspreadConstant, zero = 0x000000FFu * kUnspreadConstant;
  const lede_test::StageWeights stage = {{a, small}, {b, large}, {c, other}, {zero, other}};
  std::string section;
  ner::put_features(&section, std::vector<const lede_test::StageWeights*>{&stage}, ner::kMaxWeightLevel, 24);
  auto model = load_payload(payload_with(no_clusters, section));
  CHECK(model->feature_count() == 2);  // a and b are one; zero's top 24 bits are 0, an empty slot's
  REQUIRE(model->find(a));
  CHECK(model->find(a) == model->find(b));
  CHECK(static_cast<int16_t>(model->find(a)[6] | model->find(a)[7] << 8) == -90);  // b's weight
  CHECK(model->find(c));
  CHECK(model->find(0x7F0000FFu * kUnspreadConstant) == model->find(c));  // alike in the top 24 bits
  CHECK_FALSE(model->find(0x7F000100u * kUnspreadConstant));
  CHECK_FALSE(model->find(zero));
  // 24 bits: one low byte a key.
  FeatureSection f;
  f.key_bits = 24;
  f.low = "\x02\x04";
  auto read = load_payload(payload_with(no_clusters, f.bytes()));
  CHECK(read->find(0x00010200u * kUnspreadConstant));
  CHECK(read->find(0x000102FFu * kUnspreadConstant));
  CHECK(read->find(0x00030400u * kUnspreadConstant));
  CHECK_FALSE(read->find(0x00010300u * kUnspreadConstant));
  f.key_bits = 16;
  refused(payload_with(no_clusters, f.bytes()), "bad feature key bit count");
  f.key_bits = 33;
  refused(payload_with(no_clusters, f.bytes()), "bad feature key bit count");
  f.key_bits = 20;  // a low byte holds 4 bits
  f.low = "\x02\x14";
  refused(payload_with(no_clusters, f.bytes()), "feature keys are not strictly increasing");
  f.low = "\x02";
  refused(payload_with(no_clusters, f.bytes()), "payload ends inside the feature");
}

// lede-train --feature-prune: a feature whose largest weight in every stage is under the bound is
// left out whole, however many weights it has; one weight at the bound keeps all of its feature's.
TEST_CASE("tagger: features whose largest weight is small are left out whole", "[tagger]") {
  const std::string no_clusters(1, '\0');
  std::array<int32_t, ner::kLabels> weak{}, strong{}, weak_here{};
  for (int y = 0; y < ner::kLabels; ++y) weak[y] = y % 2 ? 99 : -99;
  strong[3] = 100;
  strong[5] = -7;
  weak_here[1] = 20;
  const lede_test::StageWeights stage1 = {{11, weak}, {12, strong}, {13, weak_here}};
  const lede_test::StageWeights stage2 = {{13, strong}};
  std::string section;
  const size_t written = ner::put_features(
      &section, std::vector<const lede_test::StageWeights*>{&stage1, &stage2}, ner::kMaxWeightLevel, 32, 100);
  CHECK(written == 2);
  auto model = load_payload(payload_with(no_clusters, section, 2));
  CHECK(model->feature_count() == 2);
  CHECK_FALSE(model->find(11));
  REQUIRE(model->find(12));
  CHECK(static_cast<int16_t>(model->find(12)[8] | model->find(12)[9] << 8) == -7);  // kept with its feature
  CHECK(model->find(13));  // weak in stage 1, strong in stage 2: kept
}

TEST_CASE("tagger: damaged cluster tables are refused with a clear error", "[tagger]") {
  const ClusterSection good;
  const std::string features = FeatureSection().bytes();
  {
    auto model = load_payload(payload_with(good.bytes(), features));
    CHECK(model->clusters().lookup(0x00010002u) == 5);
    CHECK(model->clusters().lookup(0x00030001u) == 5);
    CHECK(model->clusters().lookup(0x00030002u) == 0);
  }
  auto with = [&](auto change) {
    ClusterSection c = good;
    change(&c);
    return payload_with(c.bytes(), features);
  };
  refused(with([](ClusterSection* c) { c->paths[0] = 0; }), "bad cluster path");
  refused(with([](ClusterSection* c) { c->paths[0] = uint64_t{1} << 32; }), "bad cluster path");
  refused(with([](ClusterSection* c) { c->paths = {5, 6, 7}; }), "bad cluster path count");
  refused(with([](ClusterSection* c) { c->indices[1] = 1; }), "bad cluster table (a path index)");
  refused(with([](ClusterSection* c) { c->high = std::string("\x01\x00", 2); }), "word hashes not increasing");
  refused(with([](ClusterSection* c) { c->indices += '\x00'; }), "bytes after the last entry");
  refused(with([](ClusterSection* c) { c->count = 100000; }), "bad cluster count");
  refused(with([](ClusterSection* c) { c->low.pop_back(); }), "");  // the columns shift: refused somewhere
}

TEST_CASE("tagger: the trusted load skips only the checksum; no model keeps the file's bytes", "[tagger]") {
  std::array<int32_t, ner::kLabels> a{}, b{};
  a[0] = 7;
  b[3] = -127;
  const std::string good = ner::model_file_of(payload_of({{{5, a}, {9, b}}}));
  auto copy = std::make_unique<uint8_t[]>(good.size());
  std::memcpy(copy.get(), good.data(), good.size());
  std::string error;
  auto checked = TaggerModel::load(copy.get(), good.size(), &error);
  auto trusted = TaggerModel::load(copy.get(), good.size(), &error, /*trusted=*/true);
  REQUIRE(checked);
  REQUIRE(trusted);
  copy.reset();  // under ASan, a model reading the file's bytes now fails the test
  for (const auto* model : {checked.get(), trusted.get()}) {
    REQUIRE(model->find(5));
    REQUIRE(model->find(9));
    CHECK(model->find(5)[2 * ner::kRecordMaskWords] == 7);
    CHECK_FALSE(model->find(7));
  }
  // The last byte is key 9's weight: changed, the checksum sees it, and only the checksum.
  std::vector<uint8_t> changed(good.size());
  std::memcpy(changed.data(), good.data(), good.size());
  const size_t last = changed.size() - 1;
  changed[last] = 0x10;
  CHECK_FALSE(TaggerModel::load(changed.data(), changed.size(), &error));
  CHECK(error.find("checksum mismatch") != std::string::npos);
  auto taken = TaggerModel::load(changed.data(), changed.size(), &error, /*trusted=*/true);
  REQUIRE(taken);
  CHECK(taken->find(9)[2 * ner::kRecordMaskWords] == 0x10);
  // A weight the format cannot hold is refused trusted too.
  changed[last] = 0x80;
  CHECK_FALSE(TaggerModel::load(changed.data(), changed.size(), &error, /*trusted=*/true));
  CHECK(error.find("feature weight out of range") != std::string::npos);
}

TEST_CASE("tagger: damaged bytes loaded trusted give an error or a model, never a read outside them",
          "[tagger][hostile]") {
  // The trusted load skips the checksum: what it still checks (header, counts, masks, columns,
  // weights) must keep any damage inside the bytes. Under the
  // sanitizers (CI) a read outside them is a failure. The damaged copy is exactly the file's
  // size, so ASan sees the first byte past it.
  std::vector<uint8_t> good = default_model_bytes();
  std::mt19937 rng(2026);
  const std::vector<std::string_view> words = {"Vladimir", "Putin", "met", "Angela", "Merkel", "in", "Berlin", "."};
  int loaded = 0, refused = 0;
  for (int round = 0; round < 48; ++round) {
    std::vector<uint8_t> bad = good;
    // Mostly in the feature columns (the bulk of the file), some anywhere.
    const size_t from = round % 4 == 0 ? 0 : good.size() / 4;
    for (int k = 0; k < 1 + round % 8; ++k) {
      const size_t at = from + rng() % (bad.size() - from);  // two statements: a fixed order of draws
      bad[at] ^= static_cast<uint8_t>(1 + rng() % 255);
    }
    auto copy = std::make_unique<uint8_t[]>(bad.size());
    std::memcpy(copy.get(), bad.data(), bad.size());
    std::string error;
    auto model = TaggerModel::load(copy.get(), bad.size(), &error, /*trusted=*/true);
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
  // Most damage is refused (a changed varint shifts its column); some, in the low key halves,
  // scales and weights, goes unseen: the rounds that load are the point of the test.
  CHECK(loaded > 0);
  CHECK(refused > 0);
}
