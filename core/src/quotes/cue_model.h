// The learned part of reported speech: a linear model (an averaged perceptron, trained by
// lede-train-attribution on PolNeAR train) over features of one token and its neighbours, with two
// outputs per token:
//   cue   > 0: the token is (part of) the cue of a reported statement without marks: speech,
//              belief, intention and evaluation verbs, nouns ("allegations"), "according to",
//              a colon;
//   right > 0: that statement's content follows the cue (else it comes before it).
// A second section ranks the candidate sources of an attribution (sources.h): one weight per
// feature, the candidate with the highest sum speaks.
// Scores are integer sums of integer weights, so native and wasm give the same answers.
//
// Model file (little-endian):
//   offset 0   8 bytes  magic "LEDEATR" 0x1A
//          8   u32      format version (kCueModelVersion)
//         12   u32      feature scheme (kCueFeatureScheme: the templates of cue_features and
//                       source_features, and how their keys are hashed: feature_hash.h)
//         16   u32      cue feature count F
//         20   u32      source feature count G
//         24   u32      payload size in bytes
//         28   u32      checksum of the payload (FNV-1a over its bytes)
//         32   payload: key bits B (17 to 32), then the cue section and the source section, each:
//                       its weights' width in bytes (1 or 2; the writer's: cue 1, source 2), a
//                       scale per weight (cue and right, or source: varints, 1 to kMaxCueScale
//                       for 1 byte, kMaxCueScale / 256 for 2), the byte count of the keys' high
//                       deltas, then the columns, one entry per feature in stored key order
//                       (text/bytes.h's SortedWordColumns: the top B bits of spread_cue_key(key),
//                       strictly increasing, never 0):
//                         N x (B - 16 bits)  the keys' low parts, low_bytes(B) bytes each
//                         N varints          each key's top 16 bits minus the previous one's
//                         N x width bytes    per weight (cue, then right; or source): a signed
//                                            LE integer times its scale
// Version 2 wrote each feature as a record (key delta, zigzag varint weights): 90 KB, 85 KB
// gzipped, a quarter of the WebAssembly download. Version 3 (issue 24) keeps the keys' top 24
// bits and the weights in columns, the cue weights as int8: 47 KB gzipped. A key the model lacks
// may find a stored one with probability (keys stored) / 2^B, and a weight moves by at most half
// its column's scale.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/feature_hash.h"
#include "quotes/index.h"

namespace lede {
namespace quotes {

constexpr char kCueModelMagic[8] = {'L', 'E', 'D', 'E', 'A', 'T', 'R', 0x1A};
constexpr uint32_t kCueModelVersion = 3;
// The top bits of the feature keys the writer keeps (the file says how many), and the largest
// scale of a column of int8 weights (of int16 ones: 256 times less): the weights times the
// scale stay far inside int32.
constexpr int kCueKeyBits = 24;
constexpr uint32_t kMaxCueScale = 1u << 20;
// A feature key's place in the model: the key times an odd constant (one-to-one), whose top bits
// are kept and pick its slot. The bias key, 1, keeps top bits of its own.
constexpr uint32_t spread_cue_key(uint32_t key) { return key * 0x9E3779B1u; }
// Scheme 4: keys mixed from per-value hashes (feature_hash.h); 3 hashed the values' bytes per key.
constexpr uint32_t kCueFeatureScheme = 4;
constexpr size_t kCueModelHeaderSize = 32;

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
  // Whether the word (lower case; or its value_hash) was a cue anywhere in training: only such
  // tokens are scored.
  bool knows_cue_word(std::string_view lower) const { return knows_cue_word(value_hash(lower)); }
  bool knows_cue_word(uint32_t lower_hash) const;
  // A source candidate's score from its feature keys (source_features in sources.h).
  int64_t source_score(const std::vector<uint32_t>& keys) const;
  // The model has a source ranking section (a model without one keeps the patterns' speakers).
  bool ranks_sources() const { return source_count_ > 0; }
  size_t size() const { return count_; }
  size_t source_size() const { return source_count_; }

 private:
  // An open-addressed table (linear probing, key 0 marks a free slot, at most half full): one or
  // two probes a feature, where a search of the sorted keys took a dozen cache misses.
  // The weights are kept as the file's integer levels (8 bytes a slot; 12 with them times their
  // scales): a sum of levels times the column's scale is the sum of the weights.
  struct Slot {
    uint32_t key = 0;
    int16_t cue = 0, right = 0;  // the source section's one weight is in `cue`
  };
  // One open-addressed table; the cue section and the source section each have their own.
  // Slots hold the stored keys: the top bits of spread_cue_key(key) that the file kept (key_mask).
  struct Table {
    std::vector<Slot> slots;
    uint32_t shift = 32;
    uint32_t key_mask = ~0u;
    int64_t scale[2] = {0, 0};  // each weight column's (cue_model.h)
    void reserve(size_t count, int key_bits);
    const Slot* find(uint32_t key) const;
    // Where find(key) starts probing (for a prefetch).
    const Slot* first_slot(uint32_t key) const { return &slots[(spread_cue_key(key) & key_mask) >> shift]; }
    void insert(uint32_t stored, int16_t cue, int16_t right);
  };
  const Slot* find(uint32_t key) const { return cues_.find(key); }
  Table cues_, sources_;
  size_t count_ = 0, source_count_ = 0;
};

// Whether the token at t may be a reported statement's cue at all: a word or a colon outside
// quotations. Only candidates are scored, at run time and in training alike.
bool cue_candidate(const TokenIndex& ix, uint32_t t);

// The feature keys of token t (a candidate), appended to *keys (cleared first). Key 0 is never
// produced; the bias is key 1.
void cue_features(const TokenIndex& ix, uint32_t t, std::vector<uint32_t>* keys);

// The key that marks a word (lower case, or its value_hash) as one seen as a cue in training (it
// carries no weight).
uint32_t cue_vocabulary_key(uint32_t lower_hash);
inline uint32_t cue_vocabulary_key(std::string_view lower) { return cue_vocabulary_key(value_hash(lower)); }

// The model file for the given features and weights (the trainer's writer); no source keys: a
// model that leaves the speakers to the patterns. Each weight column is stored as integers (the
// cue section's int8, the source section's int16) times a scale, the smallest that keeps them
// within the width; features whose stored keys coincide are one, holding the weights of the one
// with the larger sum of |weights| (ties: the smaller key).
std::string write_cue_model(const std::vector<uint32_t>& keys, const std::vector<int32_t>& cue,
                            const std::vector<int32_t>& right, const std::vector<uint32_t>& source_keys = {},
                            const std::vector<int32_t>& source = {});

}  // namespace quotes
}  // namespace lede
