// NFC and case folding through utf8proc, with an ASCII fast path (most tokens are ASCII).
#include "text/normalize.h"

#include <utf8proc.h>

#include <cstdlib>

#include "text/utf8.h"

namespace lede {
namespace {

bool is_ascii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

std::string map(std::string_view s, int options) {
  std::string clean;
  append_sanitized_utf8(s, &clean);  // utf8proc rejects invalid input; read it as U+FFFD
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(clean.data()),
                                    static_cast<utf8proc_ssize_t>(clean.size()), &out,
                                    static_cast<utf8proc_option_t>(options));
  if (n < 0) return clean;  // cannot happen on sanitised input; keep the text rather than lose it
  std::string result(reinterpret_cast<char*>(out), static_cast<size_t>(n));
  std::free(out);
  return result;
}

}  // namespace

std::string nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);
  return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string fold_case(std::string_view s) {
  if (is_ascii(s)) {
    std::string r(s);
    for (char& c : r)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return r;
  }
  return map(s, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
}

std::string fold_for_matching(std::string_view s) {
  if (is_ascii(s)) return fold_case(s);
  return map(s, UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
                    UTF8PROC_STRIPMARK);
}

}  // namespace lede
