// Why the tagger labelled a token as it did: its scores split by the parts of its stage-1 keys
// (the word itself, each neighbour, the shapes around it, the rest of the sentence and document)
// and the stage-2 keys, recomputed key by key from the model, and the labels each stage's Viterbi
// picks from them. For finding what a model learnt wrong ("Trump said ..." read as no name: the
// bias and the sentence-initial shape outweigh what the word's cluster and the name lists say),
// not for tagging: it is slow, and the tagger's own path is what tests compare it with.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tagger/labels.h"
#include "tagger/model.h"

namespace lede {
namespace eval {

// The parts in the order of ner::KeyParts' bits (self, prev, next, prev2, next2, shape, context).
constexpr int kExplainedParts = 7;
const char* part_name(int part);

struct TokenExplanation {
  std::string word;
  // Stage-1 keys, part by part: how many there were, how many the model has, and their sums of
  // the first stage's lanes (the stage's label scores) and of the second stage's lanes (what
  // these keys add to the second stage's scores, in a two-stage model).
  std::array<int, kExplainedParts> keys{}, found{};
  std::array<std::array<int32_t, ner::kLabels>, kExplainedParts> stage1{}, stage2_part{};
  // The stage-2 keys' sums (none in a one-stage model).
  int stage2_keys = 0, stage2_found = 0;
  std::array<int32_t, ner::kLabels> stage2{};
  uint8_t stage1_label = 0, label = 0;  // Viterbi's over each stage's sums
};

// Each token of `text` (lede's tokens and sentences) explained with `model`; without `lists`, as
// if the model had no name lists (what they add is the difference: not what the tagger does).
std::vector<TokenExplanation> explain_tagging(const TaggerModel& model, std::string_view text, bool lists = true);

// A label's name ("O", "B-PER", "U-LOC").
std::string label_name(int label);

}  // namespace eval
}  // namespace lede
