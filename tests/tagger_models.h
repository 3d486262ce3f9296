// Test helpers for the tagger's tests: the embedded model's bytes, models made from given weights
// (as lede-train writes them), random documents, and the BILOU well-formedness check.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tagger/labels.h"
#include "tagger/model.h"

namespace lede_test {

// A copy of the model compiled into the library.
std::vector<uint8_t> default_model_bytes();
// Rewrites the header checksum, so that a changed byte after it reaches the checks behind it.
void fix_checksum(std::vector<uint8_t>* bytes);
// Whether labels[0, n) is a label sequence the BILOU rules allow, as a whole sentence.
bool sequence_allowed(const uint8_t* labels, size_t n);

// Features' weights, stage by stage: key -> kLabels weights.
using StageWeights = std::map<uint32_t, std::array<int32_t, lede::ner::kLabels>>;
// The payload of a model of these weights and transitions (zeros when none are given), without
// clusters, as lede-train writes it (zero weights are left out).
std::string payload_of(const std::vector<StageWeights>& stages, const std::vector<int32_t>& transitions = {});
// The model of this payload (in a file with this build's header), which must load.
std::unique_ptr<lede::TaggerModel> load_payload(const std::string& payload);
std::unique_ptr<lede::TaggerModel> model_of(const std::vector<StageWeights>& stages);
// The weights as a model of them holds them: each feature's, every stage's, quantised to int8
// times a scale of the feature's (ner::quantise_feature), zero where that rounds to 0.
std::vector<StageWeights> as_stored(const std::vector<StageWeights>& stages);
// A one-stage model without clusters whose weights (random, seeded, within +-max_weight) are on
// the given feature keys: a model unlike the default one that still scores real features of real
// words.
std::unique_ptr<lede::TaggerModel> random_model(const std::vector<uint32_t>& keys, uint32_t seed,
                                                int max_weight = 2000);

// A document of words drawn from `vocabulary`: sentences of 1 to max_length tokens until there
// are at least `tokens` (the sentences' lengths drawn first, then the words).
void random_document(std::mt19937* rng, const std::vector<std::string>& vocabulary, uint32_t tokens,
                     uint32_t max_length, std::vector<std::string_view>* words,
                     std::vector<std::pair<uint32_t, uint32_t>>* sentences);

}  // namespace lede_test
