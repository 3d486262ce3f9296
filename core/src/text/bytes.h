// Little-endian integers and LEB128 varints in byte strings, written and read back with bounds
// checks: the coding of both model files (tagger/model_format.h, quotes/cue_model.h), in the
// lowest room that both the tagger and the quotes stage may include.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace lede {

inline void put_u32(std::string* out, uint32_t v) {
  for (int k = 0; k < 4; ++k) out->push_back(static_cast<char>((v >> (8 * k)) & 0xFF));
}
inline void put_u16(std::string* out, uint32_t v) {
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
  // The next n bytes, stepped over; false (and failed) when fewer remain.
  bool take(uint64_t n, const uint8_t** at) {
    if (n > remaining()) return fail();
    *at = p_;
    p_ += n;
    return true;
  }
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

}  // namespace lede
