// The tagger's model file format, shared by the loader (model.cpp) and the writer (lede-train).
//
//   offset 0   8 bytes  magic "LEDENER" 0x1A
//          8   u32 LE   format version (kModelFormatVersion)
//         12   u32 LE   feature scheme (ner::kFeatureScheme: the feature templates it was trained with)
//         16   u32 LE   payload size in bytes
//         20   u32 LE   checksum of the rest of the file, lexicon digest and payload (model_checksum)
//         24   u64 LE   lexicon digest (lede::lexicon_digest() of the build that trained it: the word
//                       lists its features were computed from)
//         32   payload: first LEB128 varints (signed ones zigzag-encoded):
//     labels (must be ner::kLabels)
//     cluster count C; C x (word hash delta from the previous, cluster path)
//     the model's name lists (tagger/gazetteer.h)
//     stage count S (1 or 2); S x (kLabels+1)^2 transition weights (signed)
//     feature count F; key byte count K; record word count R
//   then K bytes: F x spread key delta (the spread keys, spread_key(key), strictly increasing, the
//   first from 0: so no key spreads to 0, and key 0 is never a feature)
//   then R little-endian int16 words: F records, one per key in spread key order, laid out as the
//   tagger uses them (TaggerModel::find): a label mask in 3 words (bit s * kLabels + y: stage s,
//   label y; non-zero, < 2^(S * kLabels)), then one weight per set bit in bit order,
//   |w| <= 32767; then 16 zero bytes (room for the tagger's 16-byte reads past the last record).
// Version 1 had each stage's keys and varint weights apart; the loader then had to merge and
// decode them, which was most of a cold start in WebAssembly. Version 2 had the keys in key order:
// the loader's table (TaggerModel::find), whose slots go by spread key, was filled in random order
// after a pass of its own over the keys; version 3 wrote them as the table has them. Version 4 (the
// same payload) records the lexicon digest: the lists feed the features (lexicon categories, phrase
// matches), so a model is only right with the lists it was trained with, and is refused with
// others rather than silently scoring wrong features. Version 5 adds the model's own name lists
// after the clusters (issue 21).
#pragma once

#include <cinttypes>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "lexicon/lexicon.h"
#include "tagger/features.h"
#include "tagger/labels.h"

namespace lede {
namespace ner {

constexpr char kModelMagic[8] = {'L', 'E', 'D', 'E', 'N', 'E', 'R', 0x1A};
constexpr uint32_t kModelFormatVersion = 5;

// A feature key's place in the model: the key times an odd constant (a one-to-one map of 32-bit
// words), whose high bits pick its slot in the loader's table.
constexpr uint32_t spread_key(uint32_t key) { return key * 0x9E3779B1u; }
constexpr int kRecordMaskWords = 3;
constexpr size_t kRecordTailBytes = 16;
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

inline void put_u32(std::string* out, uint32_t v) {
  for (int k = 0; k < 4; ++k) out->push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}
inline void put_i16(std::string* out, int v) {
  out->push_back(static_cast<char>(v & 0xFF));
  out->push_back(static_cast<char>((v >> 8) & 0xFF));
}
inline uint32_t get_u32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
}
inline void put_u64(std::string* out, uint64_t v) {
  put_u32(out, static_cast<uint32_t>(v));
  put_u32(out, static_cast<uint32_t>(v >> 32));
}
inline uint64_t get_u64(const uint8_t* p) { return uint64_t{get_u32(p)} | (uint64_t{get_u32(p + 4)} << 32); }
// A lexicon digest as the loader's messages and MODEL.md write it: 0x and 16 hex digits.
inline std::string digest_text(uint64_t digest) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%016" PRIx64, digest);
  return text;
}
inline void put_varint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
inline void put_signed(std::string* out, int64_t v) {
  put_varint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
}

// Bounds-checked reading of the payload: every read fails (and stays failed) past the end.
class PayloadReader {
 public:
  PayloadReader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  // Inlined into the loader's loops: called there a few hundred thousand times, a varint function
  // of its own made V8 optimise the loader in the background during a page's cold start.
  [[gnu::always_inline]] bool varint(uint64_t* v) {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) return fail();
      uint8_t b = *p_++;
      result |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) {
        *v = result;
        return true;
      }
    }
    return fail();
  }
  bool signed_varint(int64_t* v) {
    uint64_t u;
    if (!varint(&u)) return false;
    *v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
    return true;
  }
  // Steps over n bytes (n <= remaining()).
  void skip(size_t n) { p_ += n; }
  const uint8_t* position() const { return p_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }

 private:
  bool fail() {
    p_ = end_;
    return false;
  }
  const uint8_t* p_;
  const uint8_t* end_;
};

// Appends the features of these stages as the format has them (feature count, key bytes, record
// word count, keys, records, zero tail). stages[s]: stage s's features, a map from key to kLabels
// weights in label order (std::map<uint32_t, std::array<int-like, kLabels>>), zeros meaning none.
template <typename StageMap>
void put_features(std::string* payload, const std::vector<const StageMap*>& stages) {
  // Key 0 (a hash that comes one time in 2^32) cannot be stored: its spread key 0 marks an empty
  // slot. Such a feature is left out; the tagger finds no weights for it.
  std::set<std::pair<uint32_t, uint32_t>> keys;  // (spread key, key)
  for (const StageMap* stage : stages) {
    for (const auto& feature : *stage) {
      if (feature.first != 0) keys.insert({spread_key(feature.first), feature.first});
    }
  }
  std::string deltas;
  uint32_t previous = 0;
  for (const auto& k : keys) {
    put_varint(&deltas, k.first - previous);
    previous = k.first;
  }
  std::string records;
  for (const auto& k : keys) {
    const uint32_t key = k.second;
    uint64_t mask = 0;
    std::string weights;
    for (size_t s = 0; s < stages.size(); ++s) {
      auto found = stages[s]->find(key);
      if (found == stages[s]->end()) continue;
      for (int y = 0; y < kLabels; ++y) {
        if (found->second[y] == 0) continue;
        mask |= uint64_t{1} << (s * kLabels + y);
        put_i16(&weights, static_cast<int>(found->second[y]));
      }
    }
    for (int w = 0; w < kRecordMaskWords; ++w) put_i16(&records, static_cast<int>((mask >> (16 * w)) & 0xFFFF));
    records += weights;
  }
  put_varint(payload, keys.size());
  put_varint(payload, deltas.size());
  put_varint(payload, records.size() / 2);
  *payload += deltas;
  *payload += records;
  payload->append(kRecordTailBytes, '\0');
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
