// The hashes the attribution model's features are made of (feature scheme 4): a hash of each
// value (a word, a class name, a count bucket), and a feature's key mixed from its template and
// the hashes of its two values. A word's hash is computed once per token (TokenIndex::lower_hash)
// and mixed into each of the few dozen keys a cue candidate has; scheme 3 hashed the words' bytes
// again for every key (FNV-1a, a multiply a byte), a quarter of the reported-speech stage's time.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace lede {
namespace quotes {

// A value's hash: eight bytes at a time (little-endian, on every platform), then mixed. Constexpr,
// so that the hashes of the fixed values ("<edge>", "before", "2-3") are constants.
constexpr uint32_t value_hash(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(s.size()) * 0xC2B2AE3D27D4EB4Full);
  for (size_t i = 0; i < s.size(); i += 8) {
    uint64_t w = 0;
    for (size_t k = 0; k < 8 && i + k < s.size(); ++k) w |= uint64_t{static_cast<unsigned char>(s[i + k])} << (8 * k);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  h *= 0xC4CEB9FE1A85EC53ull;
  return static_cast<uint32_t>(h >> 32);
}

// value_hash at run time, eight bytes a load (the same hashes: tests/test_quote_cue_model.cpp
// checks).
inline uint32_t value_hash_fast(std::string_view s) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (static_cast<uint64_t>(s.size()) * 0xC2B2AE3D27D4EB4Full);
  const char* p = s.data();
  size_t left = s.size();
  for (; left >= 8; p += 8, left -= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  if (left > 0) {
    uint64_t w = 0;
    for (size_t k = 0; k < left; ++k) w |= uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  h *= 0xC4CEB9FE1A85EC53ull;
  return static_cast<uint32_t>(h >> 32);
}

// The hash of the empty value (a template with one value has it as its second).
constexpr uint32_t kNoValue = value_hash("");

// Two values' hashes as one (a value made of two: "before" and "per").
constexpr uint32_t pair_hash(uint32_t a, uint32_t b) {
  uint64_t h = (uint64_t{a} << 32 | b) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
  return static_cast<uint32_t>(h >> 32) ^ static_cast<uint32_t>(h);
}

// The key of a feature: its template's number and its two values' hashes (murmur3's 64-bit
// finaliser over the three); never 0 (no feature) or 1 (the bias).
constexpr uint32_t feature_key(uint8_t template_id, uint32_t a, uint32_t b = kNoValue) {
  uint64_t h = (uint64_t{a} << 32 | b) ^ (uint64_t{template_id} * 0x9E3779B97F4A7C15ull);
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  const uint32_t key = static_cast<uint32_t>(h);
  return key < 2 ? key + 2 : key;
}

// The same from the values themselves.
constexpr uint32_t feature_key(uint8_t template_id, std::string_view a, std::string_view b = {}) {
  return feature_key(template_id, value_hash(a), value_hash(b));
}

// A count as a feature value: 0, 1, 2-3, 4-7, 8-15, 16+ (distances, lengths, ranks), and its hash.
constexpr std::string_view count_bucket(uint32_t n) {
  return n == 0 ? "0" : n == 1 ? "1" : n < 4 ? "2-3" : n < 8 ? "4-7" : n < 16 ? "8-15" : "16+";
}
constexpr uint32_t count_bucket_hash(uint32_t n) {
  constexpr uint32_t kBuckets[6] = {value_hash("0"),   value_hash("1"),    value_hash("2-3"),
                                    value_hash("4-7"), value_hash("8-15"), value_hash("16+")};
  return kBuckets[n == 0 ? 0 : n == 1 ? 1 : n < 4 ? 2 : n < 8 ? 3 : n < 16 ? 4 : 5];
}

}  // namespace quotes
}  // namespace lede
