// Word normalisation and lower-casing for the tagger's features.
#include "tagger/word_forms.h"

#include <utf8proc.h>

#include <cstdlib>

#include "text/utf8.h"

namespace lede {
namespace ner {

namespace {

void append_utf8(char32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t len = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
}

}  // namespace

void normalize_word(std::string_view word, std::string* out) {
  if (word == "``" || word == "''") {
    out->push_back('"');
    return;
  }
  size_t i = 0;
  while (i < word.size()) {
    // A run of ASCII appended at once (push_back is a call a byte in libc++'s wasm build).
    size_t ascii = i;
    while (ascii < word.size() && static_cast<unsigned char>(word[ascii]) < 0x80) ++ascii;
    if (ascii > i) {
      out->append(word.data() + i, ascii - i);
      i = ascii;
      continue;
    }
    uint32_t len;
    char32_t cp = decode_utf8(word, i, &len);
    switch (cp) {
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2039: case 0x203A:
      case 0x02BC:
        out->push_back('\'');
        break;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
        out->push_back('"');
        break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        out->push_back('-');
        break;
      case 0x2026:
        out->append("...");
        break;
      case 0x00A0:
        out->push_back(' ');
        break;
      default:
        append_utf8(cp, out);
    }
    i += len;
  }
}

void lower_word(std::string_view s, std::string* out) {
  bool ascii = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const size_t at = out->size();
    out->resize(at + s.size());
    char* lower = &(*out)[at];
    for (size_t k = 0; k < s.size(); ++k) {
      const char c = s[k];
      lower[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
    }
    return;
  }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t len = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                      static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                                      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                                     UTF8PROC_CASEFOLD));
  if (len >= 0 && mapped) {
    out->append(reinterpret_cast<const char*>(mapped), static_cast<size_t>(len));
  } else {
    out->append(s.data(), s.size());  // unreachable for sanitised input; keep the word as it is
  }
  free(mapped);
}

}  // namespace ner
}  // namespace lede
