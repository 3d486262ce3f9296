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
  const std::vector<uint32_t> keys = {1, 7, 300, 4000000000u};
  const std::vector<int32_t> cue = {-5, 12, 0, 2000000000}, right = {3, -7, 0, -2000000000};
  const std::string file = q::write_cue_model(keys, cue, right);
  std::string error;
  auto model = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(model);
  CHECK(model->size() == 4);
  const q::CueScore s = model->score({1, 7, 8, 4000000000u});
  CHECK(s.cue == -5 + 12 + 2000000000);
  CHECK(s.right == 3 - 7 - 2000000000);
  CHECK_FALSE(model->ranks_sources());
}

TEST_CASE("cue model: the source section is written and read back apart from the cues", "[quotes][cue-model]") {
  const std::string file = q::write_cue_model({1, 7}, {5, 6}, {0, 0}, {7, 90, 3000000000u}, {-40, 25, 1000000});
  std::string error;
  auto model = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(model);
  CHECK(model->ranks_sources());
  CHECK(model->size() == 2);
  CHECK(model->source_size() == 3);
  // Key 7 is in both sections with different weights: each score reads its own.
  CHECK(model->score({7}).cue == 6);
  CHECK(model->source_score({7, 90, 91}) == -40 + 25);
  CHECK(model->source_score({3000000000u, 1}) == 1000000);
}

TEST_CASE("cue model: damaged files are refused with a clear message", "[quotes][cue-model][hostile]") {
  const std::vector<uint8_t> good = bytes_of(q::write_cue_model({1, 9, 70}, {4, -4, 1}, {0, 2, -3}));
  REQUIRE(load_error(good).empty());
  CHECK(load_error({}).find("lede: attribution model: file of 0 bytes") == 0);
  CHECK(load_error(std::vector<uint8_t>(good.begin(), good.begin() + 20)).find("shorter than its header") !=
        std::string::npos);
  std::vector<uint8_t> bad = good;
  bad[0] = 'X';
  CHECK(load_error(bad).find("bad magic number") != std::string::npos);
  bad = good;
  bad[8] = 9;
  CHECK(load_error(bad).find("format version 9, this build reads 2") != std::string::npos);
  bad = good;
  bad[12] = 7;
  CHECK(load_error(bad).find("feature scheme 7") != std::string::npos);
  bad = good;
  bad.push_back(0);
  CHECK(load_error(bad).find("payload of") != std::string::npos);
  bad = good;
  bad.back() ^= 0x40;
  CHECK(load_error(bad).find("checksum mismatch") != std::string::npos);
  // Behind a valid checksum: a count the payload cannot hold, a cut payload, a key out of order,
  // a weight beyond 31 bits, bytes after the last feature.
  bad = good;
  bad[16] = 200;
  CHECK(load_error(bad).find("cannot fit") != std::string::npos);
  bad = bytes_of(q::write_cue_model({1, 9, 70}, {4000, -4000, 1000}, {0, 2, -3}));  // 4 bytes each
  bad[16] = 4;
  CHECK(load_error(bad).find("feature 3 of 4 is cut short") != std::string::npos);
  bad = good;
  bad[q::kCueModelHeaderSize + 3] = 0;  // the second key's delta
  fix_header(&bad);
  CHECK(load_error(bad).find("feature 1 has a key out of order") != std::string::npos);
  bad = bytes_of(q::write_cue_model({1}, {0}, {0}));
  bad.resize(q::kCueModelHeaderSize + 1);
  for (uint8_t b : {0xFE, 0xFF, 0xFF, 0xFF, 0x7F}) bad.push_back(b);  // 2^35 - 2, zigzag
  bad.push_back(0);
  fix_header(&bad);
  CHECK(load_error(bad).find("weight out of range") != std::string::npos);
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
  CHECK(load_error(bad).find("source feature 2 of 3 is cut short") != std::string::npos);
  bad = with_sources;
  bad[q::kCueModelHeaderSize + 6] = 0;  // the second source key's delta (after 3 + 3 bytes)
  fix_header(&bad);
  CHECK(load_error(bad).find("source feature 1 has a key out of order") != std::string::npos);
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
  CHECK(two[1] == "it would close in May | the ministry | warned");
}
