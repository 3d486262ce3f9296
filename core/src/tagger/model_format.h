// The tagger's model file format, shared by the loader (model.cpp) and the writer (lede-train).
//
//   offset 0   8 bytes  magic "LEDENER" 0x1A
//          8   u32 LE   format version (kModelFormatVersion)
//         12   u32 LE   feature scheme (ner::kFeatureScheme: the feature templates it was trained with)
//         16   u32 LE   payload size in bytes
//         20   u32 LE   checksum of the rest of the file, lexicon digest and payload (model_checksum)
//         24   u64 LE   lexicon digest (lede::lexicon_digest() of the build that trained it: the word
//                       lists its features were computed from)
//         32   payload: LEB128 varints (signed ones zigzag-encoded) and byte columns:
//     labels (must be ner::kLabels)
//     clusters: count C, then when C > 0: P distinct cluster paths (varint each, non-zero, < 2^32),
//       the byte counts of the two varint columns below, C x u16 LE (the word hashes' low halves),
//       C varints (each hash's high half minus the previous one's: the hashes strictly increase),
//       C varints (each word's path, as an index into the P paths)
//     the model's name lists (tagger/gazetteer.h)
//     stage count S (1 or 2); S x (kLabels+1)^2 transition weights (signed)
//     features: count F; key bits B (kMinKeyBits to 32); M distinct label masks (varint each: bit
//       s * kLabels + y for stage s, label y; non-zero, < 2^(S * kLabels)); the byte counts of the
//       two varint columns below and the weight count W; then the columns, one entry per feature
//       in key order (the top B bits of spread_key(key), strictly increasing, never 0):
//       F x (B - 16 bits)  the keys' low parts, in low_bytes(B) bytes LE each
//       F varints      each key's top 16 bits minus the previous one's (the first's from 0)
//       F varints      its label mask, as an index into the M masks
//       F bytes        its scale s, 1 to 255
//       W bytes        int8 weights, -127 to 127 and never 0: for each feature one per bit of its
//                      mask in bit order, each standing for s times its value (|w| <= 32385)
// Columns rather than records: each holds one kind of value (key bits that are noise, small
// deltas, a few frequent masks, scales, weights), which gzip and brotli compress far better than
// the same bytes interleaved. The loader decodes them into the records TaggerModel::find returns
// (model.h), so the scoring loops read what they read before.
// Version 1 had each stage's keys and varint weights apart; the loader then had to merge and
// decode them, which was most of a cold start in WebAssembly. Version 2 had the keys in key order:
// the loader's table (TaggerModel::find), whose slots go by spread key, was filled in random order
// after a pass of its own over the keys; version 3 wrote them as the table has them. Version 4
// records the lexicon digest: the lists feed the features (lexicon categories, phrase matches), so
// a model is only right with the lists it was trained with, and is refused with others rather than
// silently scoring wrong features. Version 5 (issue 21) stores int8 weights with a scale per
// feature, the masks as indices into a table and the keys and clusters as columns: the model of
// 1.33 MB (0.94 MB gzipped) became one of 0.86 MB (0.61 MB gzipped), trained with --levels 15;
// it also carries the model's own name lists after the clusters (tagger/gazetteer.h). Version 6
// (issue 24, a smaller download) keeps only the top B bits of each feature key and name-list
// phrase key (lede-train --key-bits): the bits below are random, so no compressor shrinks them,
// and they only tell apart keys that the top bits already tell apart but for a few. The cost: a
// key the model lacks matches a stored one with probability (keys stored) / 2^B.
#pragma once

#include <algorithm>
#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lexicon/lexicon.h"
#include "text/bytes.h"
#include "tagger/features.h"
#include "tagger/labels.h"

namespace lede {
namespace ner {

// The byte coding (text/bytes.h), by the names the tagger's code and tests have always used.
using lede::get_u32;
using lede::get_u64;
using lede::key_bits_mask;
using lede::low_bytes;
using lede::PayloadReader;
using lede::put_signed;
using lede::put_u16;
using lede::put_u32;
using lede::put_u64;
using lede::put_varint;
using lede::SortedWordColumns;
using lede::SortedWordReader;

constexpr char kModelMagic[8] = {'L', 'E', 'D', 'E', 'N', 'E', 'R', 0x1A};
constexpr uint32_t kModelFormatVersion = 6;

// A feature key's place in the model: the key times an odd constant (a one-to-one map of 32-bit
// words), whose high bits pick its slot in the loader's table.
constexpr uint32_t spread_key(uint32_t key) { return key * 0x9E3779B1u; }
// Keys stored with their top `bits` bits (kMinKeyBits to 32, the file says how many; key_bits_mask
// keeps them). 0 stays an empty slot: a key whose top bits are all 0 is not stored (one in 2^B).
constexpr int kMinKeyBits = 17;
// The records TaggerModel::find returns (model.h): a label mask in 3 little-endian 16-bit words,
// then one int16 weight per set bit; after the last, 16 zero bytes (room for the tagger's 16-byte
// reads past it).
constexpr int kRecordMaskWords = 3;
constexpr size_t kRecordTailBytes = 16;
// A stored weight is a scale (1 to 255) times an int8 (-127 to 127): so at most this much.
constexpr int kMaxWeightLevel = 127;
constexpr int kMaxWeightScale = 255;
constexpr int32_t kMaxWeight = kMaxWeightLevel * kMaxWeightScale;
constexpr size_t kModelHeaderSize = 32;
constexpr size_t kModelChecksumOffset = 20;
// Where the checksummed bytes begin: the lexicon digest, then the payload.
constexpr size_t kModelDigestOffset = 24;

// FNV-1a over little-endian 32-bit words (then the last 0-3 bytes one at a time): a quarter of the
// steps of the bytewise hash. A file's checksum is that of its bytes from kModelDigestOffset on.
inline uint32_t model_checksum(const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  size_t i = 0;
  for (; i + 4 <= size; i += 4) {
    h ^= uint32_t{data[i]} | (uint32_t{data[i + 1]} << 8) | (uint32_t{data[i + 2]} << 16) |
         (uint32_t{data[i + 3]} << 24);
    h *= 16777619u;
  }
  for (; i < size; ++i) {
    h ^= data[i];
    h *= 16777619u;
  }
  return h;
}

// A lexicon digest as the loader's messages and MODEL.md write it: 0x and 16 hex digits.
inline std::string digest_text(uint64_t digest) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%016" PRIx64, digest);
  return text;
}
// Reads what put_sizes and append wrote for `count` words of `bits` kept bits: the two byte
// counts (and, when extra_count is given, one more varint the writer put between them and the
// columns), then the low parts and readers over the high deltas and the second column. False when
// the payload ends first.
inline bool take_word_columns(PayloadReader* r, uint64_t count, const uint8_t** low, PayloadReader* high_deltas,
                              PayloadReader* column, uint64_t* extra_count = nullptr, int bits = 32) {
  uint64_t high_bytes, column_bytes;
  if (!r->varint(&high_bytes) || !r->varint(&column_bytes)) return false;
  if (extra_count && !r->varint(extra_count)) return false;
  const uint8_t *a, *b;
  if (!r->take(static_cast<uint64_t>(low_bytes(bits)) * count, low) || !r->take(high_bytes, &a) ||
      !r->take(column_bytes, &b)) {
    return false;
  }
  *high_deltas = PayloadReader(a, static_cast<size_t>(high_bytes));
  *column = PayloadReader(b, static_cast<size_t>(column_bytes));
  return true;
}

// Values as indices into a table of the distinct ones, the most frequent first (so that the
// commonest indices take one byte), ties in value order: the same input, the same bytes.
template <typename T>
std::vector<T> table_of_distinct(const std::vector<T>& values, std::string* indices) {
  std::map<T, size_t> counts;
  for (const T& v : values) ++counts[v];
  std::vector<std::pair<size_t, T>> order;
  for (const auto& c : counts) order.push_back({c.second, c.first});
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<T> table;
  std::map<T, size_t> index;
  for (const auto& o : order) {
    index[o.second] = table.size();
    table.push_back(o.second);
  }
  for (const T& v : values) put_varint(indices, index[v]);
  return table;
}

// Appends a cluster table as the format has it: entries (word hash, path), hashes strictly
// increasing, paths non-zero.
inline void put_clusters(std::string* payload, const std::vector<std::pair<uint32_t, uint32_t>>& entries) {
  put_varint(payload, entries.size());
  if (entries.empty()) return;
  SortedWordColumns hashes;
  std::vector<uint32_t> paths;
  for (const auto& e : entries) {
    hashes.add(e.first);
    paths.push_back(e.second);
  }
  std::string indices;
  const std::vector<uint32_t> distinct = table_of_distinct(paths, &indices);
  put_varint(payload, distinct.size());
  for (uint32_t path : distinct) put_varint(payload, path);
  hashes.put_sizes(payload, indices);
  hashes.append(payload, indices);
}

// A feature's weights (in units of the stored weights, |w| <= kMaxWeight) as the format stores
// them: a scale s and one int8 q per weight, q = w / s rounded half away from zero, s the smallest
// that keeps every |q| <= levels (at most kMaxWeightLevel: fewer levels, fewer distinct bytes to
// compress). Weights that round to 0 are left out (their mask bits cleared).
struct QuantisedFeature {
  uint64_t mask = 0;
  int scale = 1;
  std::vector<int8_t> weights;
};
inline QuantisedFeature quantise_feature(const std::vector<std::pair<int, int32_t>>& bit_weights, int levels) {
  int32_t largest = 0;
  for (const auto& bw : bit_weights) largest = std::max(largest, bw.second < 0 ? -bw.second : bw.second);
  QuantisedFeature q;
  q.scale = std::max(1, std::min(kMaxWeightScale, (largest + levels - 1) / levels));
  for (const auto& bw : bit_weights) {
    const int32_t magnitude = bw.second < 0 ? -bw.second : bw.second;
    const int32_t level = std::min(levels, (2 * magnitude + q.scale) / (2 * q.scale));
    if (level == 0) continue;
    q.mask |= uint64_t{1} << bw.first;
    q.weights.push_back(static_cast<int8_t>(bw.second < 0 ? -level : level));
  }
  return q;
}

// A feature's non-zero weights in every stage, as (mask bit, weight) in bit order, clamped to
// +-kMaxWeight. StageMap: see put_features.
template <typename StageMap>
std::vector<std::pair<int, int32_t>> bit_weights_of(const std::vector<const StageMap*>& stages, uint32_t key) {
  std::vector<std::pair<int, int32_t>> bit_weights;
  for (size_t s = 0; s < stages.size(); ++s) {
    auto found = stages[s]->find(key);
    if (found == stages[s]->end()) continue;
    for (int y = 0; y < kLabels; ++y) {
      const int64_t w = std::max<int64_t>(-kMaxWeight, std::min<int64_t>(kMaxWeight, found->second[y]));
      if (w != 0) bit_weights.push_back({static_cast<int>(s) * kLabels + y, static_cast<int32_t>(w)});
    }
  }
  return bit_weights;
}

// The features to store, as (stored key, key): keys whose top `key_bits` bits of their spread key
// are the same are one stored key, holding the weights of the one with the larger sum of |stored
// weights| (ties: the smaller key), so that the loader finds that one for all of them. Keys whose
// stored key would be 0 are left out (0 marks an empty slot): the tagger finds no weights for
// them, and so are features whose largest |weight| in any stage is under min_largest (see
// put_features). StageMap: see put_features.
template <typename StageMap>
std::map<uint32_t, uint32_t> stored_keys(const std::vector<const StageMap*>& stages, int levels, int key_bits,
                                         int32_t min_largest) {
  std::map<uint32_t, std::pair<int64_t, uint32_t>> best;  // stored key -> (weight sum, key)
  for (const StageMap* stage : stages) {
    for (const auto& feature : *stage) {
      const uint32_t stored = spread_key(feature.first) & key_bits_mask(key_bits);
      if (stored == 0) continue;
      const std::vector<std::pair<int, int32_t>> bit_weights = bit_weights_of(stages, feature.first);
      int32_t largest = 0;
      for (const auto& bw : bit_weights) largest = std::max(largest, bw.second < 0 ? -bw.second : bw.second);
      if (largest < min_largest) continue;
      const QuantisedFeature q = quantise_feature(bit_weights, levels);
      if (q.mask == 0) continue;
      int64_t sum = 0;
      for (int8_t w : q.weights) sum += int64_t{q.scale} * (w < 0 ? -w : w);
      auto [at, inserted] = best.insert({stored, {sum, feature.first}});
      if (!inserted && (sum > at->second.first || (sum == at->second.first && feature.first < at->second.second))) {
        at->second = {sum, feature.first};
      }
    }
  }
  std::map<uint32_t, uint32_t> out;
  for (const auto& b : best) out.emplace_hint(out.end(), b.first, b.second.second);
  return out;
}

// Appends the features of these stages as the format has them. stages[s]: stage s's features, a
// map from key to kLabels weights in label order (std::map<uint32_t, std::array<int-like,
// kLabels>>, |w| <= kMaxWeight), zeros meaning none; levels: the largest |int8| used (see
// quantise_feature); key_bits: the top bits of the keys kept (kMinKeyBits to 32, see
// stored_keys); min_largest: a feature whose largest |weight| (in any stage) is under this is
// left out whole (lede-train --feature-prune), as is one whose weights all round to 0. Returns
// the number of features written.
template <typename StageMap>
size_t put_features(std::string* payload, const std::vector<const StageMap*>& stages, int levels = kMaxWeightLevel,
                    int key_bits = 32, int32_t min_largest = 0) {
  SortedWordColumns spread(key_bits);
  std::vector<uint64_t> masks;
  std::string scales, weights;
  for (const auto& k : stored_keys(stages, levels, key_bits, min_largest)) {
    const QuantisedFeature q = quantise_feature(bit_weights_of(stages, k.second), levels);
    spread.add(k.first);
    masks.push_back(q.mask);
    scales.push_back(static_cast<char>(q.scale));
    for (int8_t w : q.weights) weights.push_back(static_cast<char>(w));
  }
  std::string mask_indices;
  const std::vector<uint64_t> distinct = table_of_distinct(masks, &mask_indices);
  put_varint(payload, masks.size());
  put_varint(payload, static_cast<uint64_t>(key_bits));
  put_varint(payload, distinct.size());
  for (uint64_t mask : distinct) put_varint(payload, mask);
  spread.put_sizes(payload, mask_indices);
  put_varint(payload, weights.size());
  spread.append(payload, mask_indices);
  *payload += scales;
  *payload += weights;
  return masks.size();
}

// A whole model file: the header (this lede's format version and feature scheme, the lists'
// digest, by default this build's, the checksum) and the payload.
inline std::string model_file_of(const std::string& payload, uint64_t digest = lexicon_digest()) {
  std::string file(kModelMagic, sizeof kModelMagic);
  put_u32(&file, kModelFormatVersion);
  put_u32(&file, kFeatureScheme);
  put_u32(&file, static_cast<uint32_t>(payload.size()));
  put_u32(&file, 0);  // the checksum, once the bytes it covers are written
  put_u64(&file, digest);
  file += payload;
  const uint32_t sum = model_checksum(reinterpret_cast<const uint8_t*>(file.data()) + kModelDigestOffset,
                                      file.size() - kModelDigestOffset);
  for (int k = 0; k < 4; ++k) file[kModelChecksumOffset + k] = static_cast<char>((sum >> (8 * k)) & 0xFF);
  return file;
}

}  // namespace ner
}  // namespace lede
