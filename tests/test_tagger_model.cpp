// The tagger's model file and loader (tagger/model_format.h, tagger/model.{h,cpp}): the embedded
// model, damaged, foreign, old and other-lists files refused with a clear error and without a read
// outside the bytes, the feature table finding every key, in-place and trusted loads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <random>
#include <set>

#include "lexicon/lexicon.h"
#include "support.h"
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
  CHECK_FALSE(TaggerModel::load_in_place(other.data(), other.size(), &error));
  refused_for_lists(error);
  // The trusted load (the WebAssembly package's own file) skips the checksum, not the lists.
  CHECK_FALSE(TaggerModel::load_in_place(other.data(), other.size(), &error, /*trusted=*/true));
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

TEST_CASE("tagger: models of other format versions are refused, version 3 with how to retrain", "[tagger]") {
  // A version-3 file of the same payload, as lede wrote them before models recorded their lists: a
  // header of 24 bytes, the checksum of the payload alone.
  const std::vector<uint8_t> good = default_model_bytes();
  const std::string payload(reinterpret_cast<const char*>(good.data()) + ner::kModelHeaderSize,
                            good.size() - ner::kModelHeaderSize);
  std::string v3(ner::kModelMagic, sizeof ner::kModelMagic);
  ner::put_u32(&v3, 3);
  ner::put_u32(&v3, ner::kFeatureScheme);
  ner::put_u32(&v3, static_cast<uint32_t>(payload.size()));
  ner::put_u32(&v3, ner::model_checksum(reinterpret_cast<const uint8_t*>(payload.data()), payload.size()));
  v3 += payload;
  for (bool trusted : {false, true}) {
    std::string error;
    CHECK_FALSE(TaggerModel::load_in_place(reinterpret_cast<const uint8_t*>(v3.data()), v3.size(), &error, trusted));
    INFO(error);
    CHECK(error.rfind("lede: model: format version 3 is not supported (this lede reads version " +
                          std::to_string(ner::kModelFormatVersion),
                      0) == 0);
    CHECK(error.find("retrain it with scripts/train-ner") != std::string::npos);
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
  two_as_one[4] = 1;  // the stage count (labels, no clusters, no lists (2 bytes), then it)
  two_as_one.erase(5 + 18 * 18, 18 * 18);  // one stage's transitions (zeros, one byte each)
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
