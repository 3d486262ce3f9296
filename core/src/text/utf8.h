// UTF-8 decoding that never fails: an invalid sequence reads as U+FFFD, one replacement per maximal
// invalid subpart (the WHATWG / TextDecoder rule), and every offset stays a byte offset into the
// original text. Also the one-pass conversion of byte offsets to UTF-16 or code point units.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at byte i of s (i < s.size()). Sets *length to the number of
// bytes consumed (1..4). Invalid input yields kReplacement.
inline char32_t decode_utf8(std::string_view s, size_t i, uint32_t* length) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char b0 = p[i];
  if (b0 < 0x80) {
    *length = 1;
    return b0;
  }
  // Lead byte: number of continuation bytes and the valid range of the first one (Unicode Table 3-7).
  int need;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t cp;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1; cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2; cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3; cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    *length = 1;
    return kReplacement;
  }
  size_t j = i + 1;
  for (int k = 0; k < need; ++k, ++j) {
    if (j >= n || p[j] < lo || p[j] > hi) {
      *length = static_cast<uint32_t>(j - i);  // the maximal subpart consumed so far
      return kReplacement;
    }
    cp = (cp << 6) | (p[j] & 0x3F);
    lo = 0x80;
    hi = 0xBF;
  }
  *length = static_cast<uint32_t>(need + 1);
  return cp;
}

// True when s is entirely valid UTF-8.
bool is_valid_utf8(std::string_view s);

// Appends s to out with every invalid subpart replaced by U+FFFD (EF BF BD).
void append_sanitized_utf8(std::string_view s, std::string* out);

// Converts byte offsets to `unit` in one pass over the text. `offsets` must hold byte offsets that
// fall on code point boundaries (as every span boundary does); they may come in any order and
// repeat. Returns the converted values in the same order.
std::vector<uint32_t> convert_offsets(std::string_view text, const std::vector<uint32_t>& offsets,
                                      OffsetUnit unit);

// Length of the whole text in `unit`.
uint32_t text_length(std::string_view text, OffsetUnit unit);

}  // namespace lede
