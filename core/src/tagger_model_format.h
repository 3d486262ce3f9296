// The tagger's model file format, shared by the loader (tagger.cpp) and the writer (lede-train).
//
//   offset 0   8 bytes  magic "LEDENER" 0x1A
//          8   u32 LE   format version (kModelFormatVersion)
//         12   u32 LE   feature scheme (ner::kFeatureScheme: the feature templates it was trained with)
//         16   u32 LE   payload size in bytes
//         20   u32 LE   checksum: FNV-1a (32-bit) of the payload
//         24   payload, all integers LEB128 varints (signed ones zigzag-encoded):
//     labels (must be ner::kLabels)
//     cluster count C; C x (word hash delta from the previous, cluster path)
//     stage count S (1 or 2); per stage:
//       (kLabels+1)^2 transition weights (signed)
//       feature count F; F x key delta (strictly increasing keys, the first from 0)
//       F x (label mask, non-zero, < 2^kLabels; then one signed weight per set bit, |w| <= 32767)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace lede {
namespace ner {

constexpr char kModelMagic[8] = {'L', 'E', 'D', 'E', 'N', 'E', 'R', 0x1A};
constexpr uint32_t kModelFormatVersion = 1;
constexpr size_t kModelHeaderSize = 24;

inline uint32_t model_checksum(const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 16777619u;
  }
  return h;
}

inline void put_u32(std::string* out, uint32_t v) {
  for (int k = 0; k < 4; ++k) out->push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}
inline uint32_t get_u32(const uint8_t* p) {
  return uint32_t{p[0]} | (uint32_t{p[1]} << 8) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 24);
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
  bool varint(uint64_t* v) {
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
  bool at_end() const { return p_ == end_; }
  const uint8_t* position() const { return p_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  bool failed() const { return failed_; }

 private:
  bool fail() {
    failed_ = true;
    p_ = end_;
    return false;
  }
  const uint8_t* p_;
  const uint8_t* end_;
  bool failed_ = false;
};

}  // namespace ner
}  // namespace lede
