// Test helpers for the tagger's tests (tagger_models.h).
#include "tagger_models.h"

#include <catch2/catch.hpp>

#include "tagger/gazetteer.h"
#include "tagger/model_format.h"

namespace lede_test {

using namespace lede;

std::vector<uint8_t> default_model_bytes() {
  return std::vector<uint8_t>(default_model_data(), default_model_data() + default_model_size());
}

void fix_checksum(std::vector<uint8_t>* bytes) {
  const uint32_t sum = ner::model_checksum(bytes->data() + ner::kModelDigestOffset,
                                           bytes->size() - ner::kModelDigestOffset);
  for (int k = 0; k < 4; ++k) (*bytes)[ner::kModelChecksumOffset + k] = static_cast<uint8_t>(sum >> (8 * k));
}

bool sequence_allowed(const uint8_t* labels, size_t n) {
  int prev = ner::kLabels;
  for (size_t i = 0; i < n; ++i) {
    if (labels[i] >= ner::kLabels || !ner::transition_allowed(prev, labels[i])) return false;
    prev = labels[i];
  }
  return ner::transition_allowed(prev, ner::kLabels);
}

std::string payload_of(const std::vector<StageWeights>& stages, const std::vector<int32_t>& transitions) {
  constexpr int T = (ner::kLabels + 1) * (ner::kLabels + 1);
  std::string payload;
  ner::put_varint(&payload, ner::kLabels);
  ner::put_varint(&payload, 0);  // no clusters
  ner::Gazetteer().write(&payload);  // no name lists
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

std::vector<StageWeights> as_stored(const std::vector<StageWeights>& stages) {
  std::vector<const StageWeights*> pointers;
  for (const StageWeights& stage : stages) pointers.push_back(&stage);
  std::vector<StageWeights> stored(stages.size());
  for (const StageWeights& stage : stages) {
    for (const auto& feature : stage) {
      if (stored[0].count(feature.first) || feature.first == 0) continue;
      const auto bit_weights = ner::bit_weights_of(pointers, feature.first);
      const ner::QuantisedFeature q = ner::quantise_feature(bit_weights, ner::kMaxWeightLevel);
      for (auto& s : stored) s[feature.first] = {};
      size_t k = 0;
      for (const auto& bw : bit_weights) {
        if (!(q.mask >> bw.first & 1)) continue;
        stored[bw.first / ner::kLabels][feature.first][bw.first % ner::kLabels] = q.weights[k++] * q.scale;
      }
    }
  }
  return stored;
}

std::unique_ptr<TaggerModel> random_model(const std::vector<uint32_t>& keys, uint32_t seed, int max_weight) {
  std::mt19937 rng(seed);
  std::vector<int32_t> transitions;
  for (int k = 0; k < (ner::kLabels + 1) * (ner::kLabels + 1); ++k) transitions.push_back(int(rng() % 2001) - 1000);
  std::vector<StageWeights> stages(1);
  for (uint32_t key : keys) {
    std::array<int32_t, ner::kLabels> w{};
    uint32_t mask = 1 + rng() % ((1u << ner::kLabels) - 1);
    for (int y = 0; y < ner::kLabels; ++y) {
      if (mask >> y & 1) w[y] = int(rng() % (2 * max_weight + 1)) - max_weight;
    }
    stages[0][key] = w;
  }
  return load_payload(payload_of(stages, transitions));
}

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

}  // namespace lede_test
