// UTF-8 validation, sanitising and offset-unit conversion (see utf8.h).
#include "utf8.h"

#include <algorithm>
#include <numeric>

namespace lede {

bool is_valid_utf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t len;
    if (decode_utf8(s, i, &len) == kReplacement) {
      // U+FFFD itself is valid when spelled EF BF BD.
      if (!(len == 3 && s.compare(i, 3, "\xEF\xBF\xBD") == 0)) return false;
    }
    i += len;
  }
  return true;
}

void append_sanitized_utf8(std::string_view s, std::string* out) {
  size_t i = 0, run = 0;  // [run, i) is valid and not yet copied
  const size_t n = s.size();
  while (i < n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    uint32_t len;
    char32_t cp = decode_utf8(s, i, &len);
    if (cp == kReplacement && !(len == 3 && s.compare(i, 3, "\xEF\xBF\xBD") == 0)) {
      out->append(s.data() + run, i - run);
      out->append("\xEF\xBF\xBD");
      run = i + len;
    }
    i += len;
  }
  out->append(s.data() + run, n - run);
}

namespace {
// Units that the code point decoded at byte i occupies.
inline uint32_t units_of(char32_t cp, OffsetUnit unit) {
  return unit == OffsetUnit::utf16 && cp >= 0x10000 ? 2 : 1;
}
}  // namespace

std::vector<uint32_t> convert_offsets(std::string_view text, const std::vector<uint32_t>& offsets,
                                      OffsetUnit unit) {
  if (unit == OffsetUnit::utf8) return offsets;
  // Visit the requested offsets in increasing order while walking the text once.
  std::vector<uint32_t> order(offsets.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return offsets[a] < offsets[b]; });
  std::vector<uint32_t> out(offsets.size());
  size_t i = 0;
  uint32_t units = 0;
  const size_t n = text.size();
  for (uint32_t k : order) {
    const size_t target = offsets[k];
    while (i < target && i < n) {
      unsigned char b = static_cast<unsigned char>(text[i]);
      if (b < 0x80) {
        ++i;
        ++units;
        continue;
      }
      uint32_t len;
      char32_t cp = decode_utf8(text, i, &len);
      i += len;
      units += units_of(cp, unit);
    }
    out[k] = units;
  }
  return out;
}

uint32_t text_length(std::string_view text, OffsetUnit unit) {
  return convert_offsets(text, {static_cast<uint32_t>(text.size())}, unit)[0];
}

bool parse_offset_unit(std::string_view name, OffsetUnit* unit) {
  if (name == "utf8") *unit = OffsetUnit::utf8;
  else if (name == "utf16") *unit = OffsetUnit::utf16;
  else if (name == "codepoint") *unit = OffsetUnit::codepoint;
  else return false;
  return true;
}

const char* offset_unit_name(OffsetUnit unit) {
  switch (unit) {
    case OffsetUnit::utf8: return "utf8";
    case OffsetUnit::utf16: return "utf16";
    case OffsetUnit::codepoint: return "codepoint";
  }
  return "codepoint";
}

}  // namespace lede
