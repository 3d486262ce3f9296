// The reported-speech cue model (core/src/quotes/cue_model.h): its file's reader refuses damaged
// files with a `lede: attribution model:` message, the writer and reader agree, and the embedded
// model finds the cues the hand-written patterns could not reach.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "quote_fixture.h"
#include "quotes/cue_model.h"
#include "quotes/reported.h"

using lede_test::QuoteFixture;
namespace q = lede::quotes;

namespace {

std::vector<uint8_t> bytes_of(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

std::string load_error(const std::vector<uint8_t>& bytes) {
  std::string error;
  auto model = q::CueModel::load(bytes.data(), bytes.size(), &error);
  return model ? "" : error;
}

// Rewrites the header's payload size and checksum after a test has changed the payload.
void fix_header(std::vector<uint8_t>* bytes) {
  const uint32_t size = static_cast<uint32_t>(bytes->size() - q::kCueModelHeaderSize);
  uint32_t h = 2166136261u;
  for (size_t i = q::kCueModelHeaderSize; i < bytes->size(); ++i) h = (h ^ (*bytes)[i]) * 16777619u;
  for (int i = 0; i < 4; ++i) {
    (*bytes)[24 + i] = static_cast<uint8_t>(size >> (8 * i));
    (*bytes)[28 + i] = static_cast<uint8_t>(h >> (8 * i));
  }
}

// The clauses the embedded model reports in a text, as "clause | speaker | cue".
std::vector<std::string> reported(const std::string& text) {
  QuoteFixture fx(text);
  std::vector<std::string> out;
  for (const q::ReportedClause& r :
       q::find_reported_speech(fx.ix(), std::vector<uint8_t>(fx.tokens.size(), 0), *fx.input->cue_model))
    out.push_back(fx.between(r.first, r.end) + " | " + fx.between(r.who.speaker.first, r.who.speaker.end) +
                  " | " + fx.between(r.who.cue_first, r.who.cue_end));
  return out;
}

}  // namespace

TEST_CASE("cue model: what the writer writes the reader reads back", "[quotes][cue-model]") {
  // Weights within -127..127 have the scale 1 and come back exactly.
  const std::vector<uint32_t> keys = {1, 7, 300, 4000000000u};
  const std::vector<int32_t> cue = {-5, 12, 0, 127}, right = {3, -7, 0, -100};
  const std::string file = q::write_cue_model(keys, cue, right);
  std::string error;
  auto model = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(model);
  CHECK(model->size() == 4);
  const q::CueScore s = model->score({1, 7, 8, 4000000000u});
  CHECK(s.cue == -5 + 12 + 127);
  CHECK(s.right == 3 - 7 - 100);
  CHECK_FALSE(model->ranks_sources());
}

TEST_CASE("cue model: weights are stored as integers times a scale per column", "[quotes][cue-model]") {
  // The cue column's largest is 2540: scale 20, so 2540 stays and 1000 is 50 x 20; 31 rounds to
  // 2 x 20 (half away from zero) and -9 to 0. The right column keeps its own scale (1).
  const std::string file = q::write_cue_model({11, 22, 33, 44}, {2540, 1000, 31, -9}, {1, -2, 3, -127});
  std::string error;
  auto model = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(model);
  CHECK(model->score({11}).cue == 2540);
  CHECK(model->score({22}).cue == 1000);
  CHECK(model->score({33}).cue == 40);
  CHECK(model->score({44}).cue == 0);
  CHECK(model->score({44}).right == -127);
  // Weights beyond what a scale of kMaxCueScale holds are clipped, not wrapped.
  const std::string huge = q::write_cue_model({5}, {2000000000}, {-2000000000});
  model = q::CueModel::load(reinterpret_cast<const uint8_t*>(huge.data()), huge.size(), &error);
  REQUIRE(model);
  CHECK(model->score({5}).cue == 127 * int64_t{q::kMaxCueScale});
  CHECK(model->score({5}).right == -127 * int64_t{q::kMaxCueScale});
  // The source section's weights take two bytes: 32767 levels, exact here.
  const std::string sources = q::write_cue_model({1}, {0}, {0}, {8, 9}, {18201, -1999});
  model = q::CueModel::load(reinterpret_cast<const uint8_t*>(sources.data()), sources.size(), &error);
  REQUIRE(model);
  CHECK(model->source_score({8}) == 18201);
  CHECK(model->source_score({9}) == -1999);
}

TEST_CASE("cue model: keys that share their stored bits are one feature, the stronger", "[quotes][cue-model]") {
  // Two keys whose spread keys differ only below the kept bits (the spread is one-to-one, so
  // they are found by inverting it).
  const uint32_t inverse = 0x0E8B2F51u;  // 0x9E3779B1's inverse mod 2^32: spread_cue_key undone
  REQUIRE(q::spread_cue_key(inverse) == 1);
  const uint32_t a = 0x12345600u * inverse, b = 0x123456FFu * inverse;
  const std::vector<uint32_t> keys = {std::min(a, b), std::max(a, b), 99};
  const std::vector<int32_t> cue = {a < b ? 10 : 90, a < b ? 90 : 10, 5}, right = {0, 0, 0};
  const std::string file = q::write_cue_model(keys, cue, right);
  std::string error;
  auto model = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(model);
  CHECK(model->size() == 2);
  CHECK(model->score({a}).cue == 90);
  CHECK(model->score({b}).cue == 90);
  CHECK(model->score({99}).cue == 5);
}

TEST_CASE("cue model: the source section is written and read back apart from the cues", "[quotes][cue-model]") {
  const std::string file = q::write_cue_model({1, 7}, {5, 6}, {0, 0}, {7, 90, 3000000000u}, {-40, 25, 127});
  std::string error;
  auto model = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(model);
  CHECK(model->ranks_sources());
  CHECK(model->size() == 2);
  CHECK(model->source_size() == 3);
  // Key 7 is in both sections with different weights: each score reads its own.
  CHECK(model->score({7}).cue == 6);
  CHECK(model->source_score({7, 90, 91}) == -40 + 25);
  CHECK(model->source_score({3000000000u, 1}) == 127);
}

TEST_CASE("cue model: feature values hash the same at run time as at compile time", "[quotes][cue-model]") {
  // value_hash is constexpr (the fixed values' hashes are constants); value_hash_fast hashes the
  // tokens' forms, eight bytes a load. A difference would give the run time other keys than
  // training.
  static_assert(q::value_hash("said") != q::value_hash("say"), "distinct values, distinct hashes");
  std::mt19937 rng(7);
  std::string s;
  for (size_t n = 0; n <= 40; ++n) {
    for (int trial = 0; trial < 20; ++trial) {
      s.assign(n, ' ');
      for (char& c : s) c = static_cast<char>(rng() & 0xFF);  // bytes above 0x7F too
      REQUIRE(q::value_hash_fast(s) == q::value_hash(s));
    }
  }
  CHECK(q::value_hash_fast("according") == q::value_hash("according"));
  CHECK(q::value_hash_fast("") == q::kNoValue);
  // A key depends on its template and on the order of its values.
  CHECK(q::feature_key(2, "said", "that") != q::feature_key(3, "said", "that"));
  CHECK(q::feature_key(2, "said", "that") != q::feature_key(2, "that", "said"));
  CHECK(q::feature_key(2, "said", "that") == q::feature_key(2, q::value_hash("said"), q::value_hash("that")));
}

TEST_CASE("cue model: damaged files are refused with a clear message", "[quotes][cue-model][hostile]") {
  // Three cue features whose stored keys (spread, top 24 bits) are 0x100001, 0x100002 and
  // 0x200000: payload = key bits (1 byte), the weights' width (1), the two scales (2), the high
  // deltas' byte count (1), the low bytes 01 02 00, the high deltas 0x1000 0 0x1000 (5 bytes),
  // 3 + 3 int8 weights; then the source section's width, scale and byte count (3).
  const uint32_t inverse = 0x0E8B2F51u;  // 0x9E3779B1's inverse mod 2^32: spread_cue_key undone
  REQUIRE(q::spread_cue_key(inverse) == 1);
  const std::vector<uint32_t> keys = {0x10000100u * inverse, 0x10000200u * inverse, 0x20000000u * inverse};
  const std::vector<uint8_t> good = bytes_of(q::write_cue_model(keys, {4, -4, 1}, {0, 2, -3}));
  REQUIRE(good.size() == q::kCueModelHeaderSize + 22);
  REQUIRE(load_error(good).empty());
  CHECK(load_error({}).find("lede: attribution model: file of 0 bytes") == 0);
  CHECK(load_error(std::vector<uint8_t>(good.begin(), good.begin() + 20)).find("shorter than its header") !=
        std::string::npos);
  std::vector<uint8_t> bad = good;
  bad[0] = 'X';
  CHECK(load_error(bad).find("bad magic number") != std::string::npos);
  bad = good;
  bad[8] = 2;
  CHECK(load_error(bad).find("format version 2, this build reads 3") != std::string::npos);
  bad = good;
  bad[12] = 7;
  CHECK(load_error(bad).find("feature scheme 7") != std::string::npos);
  bad = good;
  bad.push_back(0);
  CHECK(load_error(bad).find("payload of") != std::string::npos);
  bad = good;
  bad.back() ^= 0x40;
  CHECK(load_error(bad).find("checksum mismatch") != std::string::npos);
  // Behind a valid checksum: key bits out of range, a count the payload cannot hold, a weight
  // width or scale out of range, a cut section, keys out of order, bytes after the last feature.
  const size_t payload = q::kCueModelHeaderSize;
  bad = good;
  bad[payload] = 40;
  fix_header(&bad);
  CHECK(load_error(bad).find("key bits missing or not between 17 and 32") != std::string::npos);
  bad = good;
  bad[16] = 200;
  CHECK(load_error(bad).find("cannot fit") != std::string::npos);
  bad = good;
  bad[payload + 1] = 3;
  fix_header(&bad);
  CHECK(load_error(bad).find("cue section has weights of 3 bytes") != std::string::npos);
  bad = good;
  bad[payload + 2] = 0;  // the cue column's scale
  fix_header(&bad);
  CHECK(load_error(bad).find("cue section has a weight scale of 0") != std::string::npos);
  bad = good;
  bad[16] = 4;  // one cue feature more than written: its columns take the source section's bytes
  CHECK(load_error(bad).find("is cut short") != std::string::npos);
  bad = std::vector<uint8_t>(good.begin(), good.end() - 4);  // the source section and a weight gone
  fix_header(&bad);
  CHECK(load_error(bad).find("cue section is cut short") != std::string::npos);
  bad = good;
  std::swap(bad[payload + 5], bad[payload + 6]);  // the low bytes of two keys with the same top 16 bits
  fix_header(&bad);
  CHECK(load_error(bad).find("has a key out of order") != std::string::npos);
  bad = good;
  bad.push_back(0);
  fix_header(&bad);
  CHECK(load_error(bad).find("1 bytes after the last feature") != std::string::npos);
  // The source section: a count the payload cannot hold, and one entry more than written.
  const std::vector<uint8_t> with_sources = bytes_of(q::write_cue_model({1}, {4}, {0}, {5, 9}, {300, -300}));
  REQUIRE(load_error(with_sources).empty());
  bad = with_sources;
  bad[20] = 100;
  CHECK(load_error(bad).find("100 source features cannot fit") != std::string::npos);
  bad = with_sources;
  bad[20] = 3;
  CHECK(load_error(bad).find("source section is cut short") != std::string::npos);
}

TEST_CASE("cue model: random payload damage never crashes the loader", "[quotes][cue-model][hostile]") {
  std::string error;
  REQUIRE(q::CueModel::embedded(&error));
  std::vector<uint32_t> keys;
  std::vector<int32_t> weights;
  for (uint32_t k = 1; k < 400; ++k) {
    keys.push_back(k * 7919);
    weights.push_back(static_cast<int32_t>(k) - 200);
  }
  const std::vector<uint8_t> good = bytes_of(q::write_cue_model(keys, weights, weights));
  std::mt19937 rng(11);
  int refused = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<uint8_t> bytes = good;
    for (int k = 0; k < 3; ++k)
      bytes[q::kCueModelHeaderSize + rng() % (bytes.size() - q::kCueModelHeaderSize)] = static_cast<uint8_t>(rng());
    fix_header(&bytes);
    const std::string message = load_error(bytes);
    if (!message.empty()) {
      ++refused;
      CHECK(message.find("lede: attribution model: ") == 0);
    }
  }
  CHECK(refused > 0);
}

TEST_CASE("cue model: the embedded model finds cues beyond the speech verbs", "[quotes][cue-model]") {
  // A verb of argument with a bare complement (no "that").
  CHECK(reported("Clinton argued voters will reward her plan.") ==
        std::vector<std::string>{"voters will reward her plan | Clinton | argued"});
  // A post-posed subject after the cue.
  CHECK(reported("The bridge would reopen in May, said a ministry spokesman, Ann Lee.").size() == 1);
  // Two reported statements in one sentence, each with its own cue.
  const std::vector<std::string> two =
      reported("Ortiz said the bridge was safe, but the ministry warned that it would close in May.");
  REQUIRE(two.size() == 2);
  CHECK(two[0].find("| Ortiz | said") != std::string::npos);
  CHECK(two[1] == "that it would close in May | the ministry | warned");
}
