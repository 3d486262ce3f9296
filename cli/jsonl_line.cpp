// A JSONL line's "text" member without the JSON library (see jsonl_line.h).
#include "jsonl_line.h"

#include <cstdint>
#include <cstring>

#include "text/bytes.h"

namespace lede_cli {

namespace {

constexpr size_t kNone = std::string_view::npos;

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// The index just past the closing mark of the string literal opening at s[i] ('"'), or kNone.
size_t string_end(std::string_view s, size_t i) {
  for (size_t j = i + 1; j < s.size();) {
    const void* hit = std::memchr(s.data() + j, '"', s.size() - j);
    if (!hit) return kNone;
    const size_t q = static_cast<size_t>(static_cast<const char*>(hit) - s.data());
    size_t backslashes = 0;
    while (q - backslashes > i + 1 && s[q - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return q + 1;
    j = q + 1;
  }
  return kNone;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The four hex digits at s[i, i + 4) as a number, or -1.
int32_t hex4(std::string_view s, size_t i) {
  if (i + 4 > s.size()) return -1;
  int32_t v = 0;
  for (size_t k = i; k < i + 4; ++k) {
    const int d = hex_digit(s[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

void put_utf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out->append(b, 4);
  }
}

}  // namespace

bool decode_json_string(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size());
  size_t run = 0;  // the start of the bytes not yet copied
  for (size_t i = 0; i < s.size();) {
    // Eight bytes at a time while none is a control character or a backslash.
    for (; i + 8 <= s.size(); i += 8) {
      const uint64_t w = lede::load_word8(s.data() + i);
      if (lede::has_byte_below(w, 0x20) || lede::has_byte(w, '\\')) break;
    }
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '\\') {
      ++i;
      continue;
    }
    if (c < 0x20) return false;  // a control character must be escaped
    out->append(s.data() + run, i - run);
    if (i + 1 >= s.size()) return false;
    const char e = s[i + 1];
    i += 2;
    switch (e) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        const int32_t unit = hex4(s, i);
        if (unit < 0) return false;
        i += 4;
        uint32_t cp = static_cast<uint32_t>(unit);
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (i + 6 > s.size() || s[i] != '\\' || s[i + 1] != 'u') return false;
          const int32_t low = hex4(s, i + 2);
          if (low < 0xDC00 || low > 0xDFFF) return false;
          i += 6;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00);
        }
        put_utf8(cp, out);
        break;
      }
      default: return false;
    }
    run = i;
  }
  out->append(s.data() + run, s.size() - run);
  return true;
}

bool split_text_member(std::string_view line, std::string* text, std::string* rest) {
  size_t i = skip_space(line, 0);
  if (i >= line.size() || line[i] != '{') return false;
  ++i;
  int depth = 1;
  bool expect_key = true;  // the next string at depth 1 is a member's key
  size_t value_first = kNone, value_end = kNone;
  while (i < line.size() && depth > 0) {
    const char c = line[i];
    if (c == '"') {
      const size_t end = string_end(line, i);
      if (end == kNone) return false;
      if (depth == 1 && expect_key) {
        const std::string_view key = line.substr(i + 1, end - i - 2);
        if (key.find('\\') != kNone) return false;  // an escaped key: the library decides
        i = skip_space(line, end);
        if (i >= line.size() || line[i] != ':') return false;
        i = skip_space(line, i + 1);
        expect_key = false;
        if (key == "text") {
          if (value_first != kNone || i >= line.size() || line[i] != '"') return false;  // twice, or not a string
          value_first = i;
          value_end = string_end(line, i);
          if (value_end == kNone) return false;
          i = value_end;
        }
        continue;
      }
      i = end;
      continue;
    }
    if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 1) {
      expect_key = true;
    }
    ++i;
  }
  if (depth != 0 || value_first == kNone) return false;
  if (!decode_json_string(line.substr(value_first + 1, value_end - value_first - 2), text)) return false;
  rest->assign(line.substr(0, value_first));
  rest->append("\"\"");
  rest->append(line.substr(value_end));
  return true;
}

}  // namespace lede_cli
