// The learned part of reported speech: a linear model (an averaged perceptron, trained by
// lede-train-attribution on PolNeAR train) over features of one token and its neighbours, with two
// outputs per token:
//   cue   > 0: the token is (part of) the cue of a reported statement without marks: speech,
//              belief, intention and evaluation verbs, nouns ("allegations"), "according to",
//              a colon;
//   right > 0: that statement's content follows the cue (else it comes before it).
// Scores are integer sums of integer weights, so native and wasm give the same answers.
//
// Model file (little-endian):
//   offset 0   8 bytes  magic "LEDEATR" 0x1A
//          8   u32      format version (kCueModelVersion)
//         12   u32      feature scheme (kCueFeatureScheme: the templates of cue_features)
//         16   u32      feature count F
//         20   u32      payload size in bytes
//         24   u32      checksum of the payload (FNV-1a over its bytes)
//         28   payload: F x (key delta from the previous key, varint; cue weight, right weight,
//                       zigzag varints), keys strictly increasing from 0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/index.h"

namespace lede {
namespace quotes {

constexpr char kCueModelMagic[8] = {'L', 'E', 'D', 'E', 'A', 'T', 'R', 0x1A};
constexpr uint32_t kCueModelVersion = 1;
constexpr uint32_t kCueFeatureScheme = 1;
constexpr size_t kCueModelHeaderSize = 28;

struct CueScore {
  int64_t cue = 0, right = 0;
};

class CueModel {
 public:
  // Parses a model file; on failure returns null and sets *error to a "lede: attribution model:
  // ..." message naming what is wrong.
  static std::unique_ptr<CueModel> load(const uint8_t* data, size_t size, std::string* error);
  // The model compiled into the library (models/lede-attribution.bin), parsed once.
  static const CueModel* embedded(std::string* error);

  // The two scores of a token from its feature keys (cue_features).
  CueScore score(const std::vector<uint32_t>& keys) const;
  // Whether the word (lower case) was a cue anywhere in training: only such tokens are scored.
  bool knows_cue_word(std::string_view lower) const;
  size_t size() const { return count_; }

 private:
  // An open-addressed table (linear probing, key 0 marks a free slot, at most half full): one or
  // two probes a feature, where a search of the sorted keys took a dozen cache misses.
  struct Slot {
    uint32_t key = 0;
    int32_t cue = 0, right = 0;
  };
  const Slot* find(uint32_t key) const;
  void insert(uint32_t key, int32_t cue, int32_t right);
  std::vector<Slot> slots_;
  uint32_t shift_ = 32;
  size_t count_ = 0;
};

// Whether the token at t may be a reported statement's cue at all: a word or a colon outside
// quotations. Only candidates are scored, at run time and in training alike.
bool cue_candidate(const TokenIndex& ix, uint32_t t);

// The feature keys of token t (a candidate), appended to *keys (cleared first). Key 0 is never
// produced; the bias is key 1.
void cue_features(const TokenIndex& ix, uint32_t t, std::vector<uint32_t>* keys);

// The key that marks `lower` as a word seen as a cue in training (it carries no weight).
uint32_t cue_vocabulary_key(std::string_view lower);

// The model file for the given features and weights (the trainer's writer), keys increasing.
std::string write_cue_model(const std::vector<uint32_t>& keys, const std::vector<int32_t>& cue,
                            const std::vector<int32_t>& right);

}  // namespace quotes
}  // namespace lede
