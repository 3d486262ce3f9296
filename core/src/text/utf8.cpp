// UTF-8 validation, sanitising and offset-unit conversion (see utf8.h).
#include "text/utf8.h"

#include <algorithm>
#include <numeric>

#include "text/bytes.h"

namespace lede {

namespace {

// Whether the eight bytes at p are all ASCII: text is mostly, and a run of it is passed eight
// bytes at a time.
inline bool ascii8(const char* p) { return !has_non_ascii(load_word8(p)); }

// The byte offset of the first invalid subpart at or after `from` (npos when there is none), and
// its length in *length. U+FFFD itself, spelled EF BF BD, is valid.
size_t next_invalid(std::string_view s, size_t from, uint32_t* length) {
  const size_t n = s.size();
  for (size_t i = from; i < n;) {
    while (i + 8 <= n && ascii8(s.data() + i)) i += 8;
    if (i >= n) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    if (decode_utf8(s, i, length) == kReplacement &&
        !(*length == 3 && s.compare(i, 3, "\xEF\xBF\xBD") == 0))
      return i;
    i += *length;
  }
  return std::string_view::npos;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  uint32_t len;
  return next_invalid(s, 0, &len) == std::string_view::npos;
}

void append_sanitized_utf8(std::string_view s, std::string* out) {
  size_t run = 0;  // the first byte not yet copied
  uint32_t len;
  for (size_t bad; (bad = next_invalid(s, run, &len)) != std::string_view::npos; run = bad + len) {
    out->append(s.data() + run, bad - run);
    out->append("\xEF\xBF\xBD");
  }
  out->append(s.data() + run, s.size() - run);
}

namespace {
// Units that the code point decoded at byte i occupies.
inline uint32_t units_of(char32_t cp, OffsetUnit unit) {
  return unit == OffsetUnit::utf16 && cp >= 0x10000 ? 2 : 1;
}
// Walks the text from byte *i to byte `target` (or its end), adding the units passed to *units.
inline void walk(std::string_view text, size_t target, OffsetUnit unit, size_t* i, uint32_t* units) {
  const size_t end = std::min(target, text.size());
  while (*i < end) {
    while (*i + 8 <= end && ascii8(text.data() + *i)) {  // a code point and a UTF-16 unit a byte
      *i += 8;
      *units += 8;
    }
    if (*i >= end) break;
    unsigned char b = static_cast<unsigned char>(text[*i]);
    if (b < 0x80) {
      ++*i;
      ++*units;
      continue;
    }
    uint32_t len;
    char32_t cp = decode_utf8(text, *i, &len);
    *i += len;
    *units += units_of(cp, unit);
  }
}
}  // namespace

std::vector<uint32_t> convert_offsets(std::string_view text, const std::vector<uint32_t>& offsets,
                                      OffsetUnit unit) {
  if (unit == OffsetUnit::utf8) return offsets;
  // Visit the requested offsets in increasing order while walking the text once: as they come
  // when they are sorted already (the writers' are), else in an order sorted here.
  std::vector<uint32_t> out(offsets.size());
  size_t i = 0;
  uint32_t units = 0;
  auto visit = [&](uint32_t k) {
    walk(text, offsets[k], unit, &i, &units);
    out[k] = units;
  };
  if (std::is_sorted(offsets.begin(), offsets.end())) {
    for (uint32_t k = 0; k < offsets.size(); ++k) visit(k);
    return out;
  }
  std::vector<uint32_t> order(offsets.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return offsets[a] < offsets[b]; });
  for (uint32_t k : order) visit(k);
  return out;
}

uint32_t text_length(std::string_view text, OffsetUnit unit) {
  if (unit == OffsetUnit::utf8) return static_cast<uint32_t>(text.size());
  size_t i = 0;
  uint32_t units = 0;
  walk(text, text.size(), unit, &i, &units);
  return units;
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
