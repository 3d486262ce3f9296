// Little-endian integers, LEB128 varints and sorted key columns in byte strings, written and read
// back with bounds checks: the coding of both model files (tagger/model_format.h,
// quotes/cue_model.h), in the lowest room that both the tagger and the quotes stage may include;
// and the tests that pass over text eight bytes at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
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

// Eight bytes of text at a time, for the loops that pass over plain bytes (UTF-8 checks, JSON
// strings): a word of eight bytes in the machine's order, and tests true when any of its bytes is
// of a kind. Each test is exact for the eight bytes as a whole (Bit Twiddling Hacks' "has a byte
// less than n" and "has a zero byte"), whatever their order in the word.
inline uint64_t load_word8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}
constexpr uint64_t kEachByte = 0x0101010101010101ull, kHighBits = 0x8080808080808080ull;
// A byte below n (n at most 128): below 0x20 are the control characters.
constexpr bool has_byte_below(uint64_t w, uint8_t n) { return ((w - kEachByte * n) & ~w & kHighBits) != 0; }
constexpr bool has_byte(uint64_t w, uint8_t c) { return has_byte_below(w ^ (kEachByte * c), 1); }
constexpr bool has_non_ascii(uint64_t w) { return (w & kHighBits) != 0; }
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

// The mask that keeps a word's top `bits` bits (1 to 32).
constexpr uint32_t key_bits_mask(int bits) { return bits >= 32 ? ~0u : ~((1u << (32 - bits)) - 1); }
// The bytes a word's part below its top 16 bits takes when its top `bits` bits are kept: 1 or 2.
constexpr int low_bytes(int bits) { return (bits - 16 + 7) / 8; }

// Strictly increasing 32-bit words (the tagger's spread keys and cluster word hashes, the
// attribution model's feature keys) of which only the top `bits` count, as two columns: the parts
// below the top 16 bits, noise that no compressor shrinks, low_bytes(bits) bytes each; and the
// differences of the top 16 bits, mostly 0 to 3, one byte each that compresses to a few bits.
// Words must differ in their top bits. In a tagger model the words go with a second varint column
// of one entry per word (cluster paths, mask indices, list bits): first the byte counts of the
// high deltas and of that column (put_sizes), then the low parts, the high deltas and the column
// (append); tagger/model_format.h's take_word_columns reads them back.
struct SortedWordColumns {
  explicit SortedWordColumns(int bits = 32) : bits_(bits) {}
  std::string low, high_deltas;
  void add(uint32_t word) {
    const uint32_t part = (word & 0xFFFF) >> (32 - bits_);
    for (int k = 0; k < low_bytes(bits_); ++k) low.push_back(static_cast<char>((part >> (8 * k)) & 0xFF));
    put_varint(&high_deltas, (word >> 16) - previous_high_);
    previous_high_ = word >> 16;
  }
  void put_sizes(std::string* payload, const std::string& column) const {
    put_varint(payload, high_deltas.size());
    put_varint(payload, column.size());
  }
  void append(std::string* payload, const std::string& column) const {
    *payload += low;
    *payload += high_deltas;
    *payload += column;
  }

 private:
  int bits_;
  uint32_t previous_high_ = 0;
};

// Reads the words SortedWordColumns wrote (the top `bits` bits of each, the rest 0).
class SortedWordReader {
 public:
  SortedWordReader(const uint8_t* low, PayloadReader high_deltas, int bits)
      : low_(low), high_deltas_(high_deltas), low_bytes_(low_bytes(bits)), shift_(32 - bits) {}
  // The next word; false when the column ends, a low part has bits beyond the kept ones, or it is
  // not above the previous word (the first may be anything). Inlined into the loader's loops.
  [[gnu::always_inline]] bool next(uint32_t* word) {
    uint64_t delta;
    if (!high_deltas_.varint(&delta)) return false;
    high_ += delta;
    if (high_ > 0xFFFF) return false;
    uint64_t part = low_[0];
    if (low_bytes_ == 2) part |= uint64_t{low_[1]} << 8;
    low_ += low_bytes_;
    if ((part << shift_) > 0xFFFF) return false;
    const uint64_t w = (high_ << 16) | (part << shift_);
    if (started_ && w <= previous_) return false;
    started_ = true;
    previous_ = w;
    *word = static_cast<uint32_t>(w);
    return true;
  }
  bool high_deltas_used() const { return high_deltas_.remaining() == 0; }

 private:
  const uint8_t* low_;
  PayloadReader high_deltas_;
  int low_bytes_, shift_;
  uint64_t high_ = 0, previous_ = 0;
  bool started_ = false;
};

}  // namespace lede
