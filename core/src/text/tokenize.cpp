// Tokenizer. One forward scan over the text; each branch below consumes one token. Every lookahead
// is bounded (at most a few dozen bytes, or the token being built), so the cost is linear in the
// input even for a ten-million-character line without spaces.
#include "text/tokenize.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstring>

#include "lexicon/tokenizer_words.h"
#include "text/utf8.h"

namespace lede {
namespace {

enum class Cls : uint8_t {
  space,
  letter,
  digit,
  mark,       // combining marks attach to what precedes them
  han,        // ideographs: one token each (no spaces between CJK words)
  quote,
  dash,       // – — ― ‒ and the ASCII hyphen-minus outside a word
  apostrophe, // ' ’ (also quotation marks; decided by context)
  period,
  punct,
  symbol,
  emoji,
  format,     // zero-width joiners, soft hyphen, BOM
  other,
};

bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace

bool is_quotation_mark(char32_t c) {
  switch (c) {
    case '"': case '\'': case 0x00AB: case 0x00BB: case 0x2018: case 0x2019: case 0x201A:
    case 0x201B: case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2039: case 0x203A:
    case 0x300C: case 0x300D: case 0x300E: case 0x300F: case 0x301D: case 0x301E: case 0x301F:
    case 0xFF02: case 0xFF07:
      return true;
    default:
      return false;
  }
}

namespace {

// The class of an ASCII character, as the rules below it read: built once at compile time into
// kAscii, so that classify() answers ASCII (nearly every character of English news) with one load
// instead of a chain of comparisons.
constexpr Cls ascii_class(char32_t c) {
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return Cls::space;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Cls::letter;
  if (c >= '0' && c <= '9') return Cls::digit;
  if (c == '\'') return Cls::apostrophe;
  if (c == '"') return Cls::quote;
  if (c == '-') return Cls::dash;
  if (c == '.') return Cls::period;
  if (c < 0x20 || c == 0x7F) return Cls::other;
  if (c == '$' || c == '%' || c == '&' || c == '+' || c == '=' || c == '<' || c == '>' ||
      c == '^' || c == '`' || c == '|' || c == '~')
    return Cls::symbol;
  return Cls::punct;  // ! # * , / : ; ? @ [ \ ] _ { } ( )
}

struct AsciiClasses {
  Cls of[0x80];
  constexpr AsciiClasses() : of() {
    for (char32_t c = 0; c < 0x80; ++c) of[c] = ascii_class(c);
  }
};
constexpr AsciiClasses kAscii;

// For scan_word's inner loop, every byte value: kWordLetter for ASCII letters but n and N (which
// may begin "n't"), kWordDigit for ASCII digits, 0 for the rest (which take the full decode).
constexpr uint8_t kWordLetter = 1, kWordDigit = 2;
struct WordBytes {
  uint8_t of[0x100];
  constexpr WordBytes() : of() {
    for (int b = 0; b < 0x80; ++b) {
      const Cls k = ascii_class(static_cast<char32_t>(b));
      if (k == Cls::letter && b != 'n' && b != 'N') of[b] = kWordLetter;
      if (k == Cls::digit) of[b] = kWordDigit;
    }
  }
};
constexpr WordBytes kWordBytes;

// Everything beyond ASCII: a few characters by hand, the rest by utf8proc's properties. Out of
// line, so that classify() below inlines as one comparison and one load wherever it is called.
[[gnu::noinline]] Cls classify_beyond_ascii(char32_t c) {
  if (c == 0x2019) return Cls::apostrophe;
  if (is_quotation_mark(c)) return Cls::quote;
  if (is_han(c)) return Cls::han;
  if (c == 0x2026) return Cls::punct;  // …
  if (c == 0x200D || c == 0x200C || c == 0x00AD || c == 0xFEFF || c == 0x2060) return Cls::format;
  if (c == 0x200B) return Cls::space;
  const utf8proc_property_t* p = utf8proc_get_property(static_cast<utf8proc_int32_t>(c));
  if (p->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC ||
      p->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR)
    return c >= 0x2000 ? Cls::emoji : Cls::symbol;  // © ® are pictographic but read as symbols
  switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
      return Cls::letter;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return Cls::mark;
    case UTF8PROC_CATEGORY_ND: return Cls::digit;
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return Cls::symbol;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      return Cls::space;
    case UTF8PROC_CATEGORY_PD: return Cls::dash;
    case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PO: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
      return Cls::punct;
    case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return Cls::symbol;
    case UTF8PROC_CATEGORY_CF: return Cls::format;
    default: return Cls::other;  // controls, unassigned, private use, surrogates, U+FFFD's kin
  }
}

inline Cls classify(char32_t c) { return c < 0x80 ? kAscii.of[c] : classify_beyond_ascii(c); }

bool is_newline(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x0B || c == 0x0C ||
         c == 0x85;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : t_(text), n_(text.size()), next_at_(find_at(0)) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    out.reserve(n_ / 5 + 16);
    bool space = false, newline = false;
    size_t i = 0;
    while (i < n_) {
      if (t_[i] == ' ') {  // most of the gaps between tokens, without decoding or classifying
        space = true;
        ++i;
        continue;
      }
      uint32_t len;
      char32_t c = at(i, &len);
      Cls k = classify(c);
      if (k == Cls::space || k == Cls::format) {  // joiners inside words are consumed by scan_word
        space = true;
        newline = newline || is_newline(c);
        i += len;
        continue;
      }
      Token tok;
      tok.span.start = static_cast<uint32_t>(i);
      size_t end = scan(i, c, len, k, out, space, &tok.kind);
      tok.span.end = static_cast<uint32_t>(end);
      tok.space_before = space || out.empty();
      tok.newline_before = newline;
      out.push_back(tok);
      space = newline = false;
      i = end;
    }
    return out;
  }

 private:
  std::string_view t_;
  size_t n_;
  // The next '@' at or after the scan (n_ for none): found by one forward search of the text, so
  // that most words skip the e-mail check.
  mutable size_t next_at_;
  size_t find_at(size_t i) const {
    const void* p = i < n_ ? std::memchr(t_.data() + i, '@', n_ - i) : nullptr;
    return p ? static_cast<size_t>(static_cast<const char*>(p) - t_.data()) : n_;
  }
  size_t next_at(size_t i) const {
    if (next_at_ < i) next_at_ = find_at(i);
    return next_at_;
  }

  char32_t at(size_t i, uint32_t* len) const { return decode_utf8(t_, i, len); }
  char32_t at(size_t i) const {
    uint32_t len;
    return i < n_ ? decode_utf8(t_, i, &len) : 0;
  }
  size_t next(size_t i) const {
    uint32_t len;
    decode_utf8(t_, i, &len);
    return i + len;
  }
  Cls cls_at(size_t i) const { return i < n_ ? classify(at(i)) : Cls::space; }
  bool ascii_at(size_t i, char ch) const { return i < n_ && t_[i] == ch; }
  bool is_alnum_at(size_t i) const {
    Cls k = cls_at(i);
    return k == Cls::letter || k == Cls::digit;
  }
  // Apostrophe (straight or right single quotation mark) at i; its byte length, or 0.
  size_t apostrophe_at(size_t i) const {
    if (ascii_at(i, '\'')) return 1;
    // Byte by byte rather than a compare() call: asked after every n inside a word (for n't).
    if (i + 3 <= n_ && t_[i] == '\xE2' && t_[i + 1] == '\x80' && t_[i + 2] == '\x99') return 3;
    return 0;
  }
  bool starts_with_icase(size_t i, const char* s) const {
    size_t m = std::strlen(s);
    if (i + m > n_) return false;
    for (size_t k = 0; k < m; ++k) {
      char a = t_[i + k];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (a != s[k]) return false;
    }
    return true;
  }

  // Consumes combining marks, variation selectors and joiners that follow position i.
  [[gnu::noinline]] size_t attach_marks(size_t i) const {
    while (i < n_) {
      char32_t c = at(i);
      Cls k = classify(c);
      if (k == Cls::mark || ((c == 0x200D || c == 0x00AD) && is_alnum_at(next(i)))) {
        i = next(i);
        continue;
      }
      break;
    }
    return i;
  }

  size_t scan(size_t i, char32_t c, uint32_t len, Cls k, const std::vector<Token>& out,
              bool space, TokenKind* kind) {
    // URLs and e-mail addresses first: they contain characters that would otherwise split them.
    // The second byte first: words like "he", "was" and "with" are common, URLs are not.
    const char second = i + 1 < n_ ? static_cast<char>(t_[i + 1] | 0x20) : '\0';
    if ((((c == 'h' || c == 'H') && second == 't') || ((c == 'w' || c == 'W') && second == 'w')) &&
        (starts_with_icase(i, "http://") || starts_with_icase(i, "https://") ||
         starts_with_icase(i, "www."))) {
      size_t e = scan_url(i);
      if (e > i + 4) {
        *kind = TokenKind::url;
        return e;
      }
    }
    // scan_email's own first test, here where it costs no call: an '@' within 64 bytes.
    if ((k == Cls::letter || k == Cls::digit) && next_at(i) - i <= 64) {
      size_t e = scan_email(i);
      if (e) {
        *kind = TokenKind::email;
        return e;
      }
    }
    const bool glued = !space && !out.empty() && out.back().span.end == i;
    switch (k) {
      case Cls::letter:
      case Cls::mark:
        return scan_word(i, kind);
      case Cls::digit:
        return scan_number(i, kind);
      case Cls::han:
        *kind = TokenKind::word;
        return attach_marks(i + len);
      case Cls::apostrophe:
        return scan_apostrophe(i, len, glued, out, kind);
      case Cls::quote:
        *kind = TokenKind::quote;
        return i + len;
      case Cls::dash: {
        // A run of the same dash ("--", "———") is one token.
        size_t e = i + len;
        while (e + len <= n_ && t_.compare(e, len, t_.substr(i, len)) == 0) e += len;
        *kind = TokenKind::dash;
        return e;
      }
      case Cls::period: {
        size_t e = i + 1;
        while (e < n_ && t_[e] == '.') ++e;  // "..." is one token
        *kind = TokenKind::punct;
        return e;
      }
      case Cls::emoji:
        *kind = TokenKind::emoji;
        return scan_grapheme(i);
      case Cls::punct:
        return scan_punct(i, c, len, glued, kind);
      case Cls::symbol:
        *kind = TokenKind::symbol;
        return attach_marks(i + len);
      default:
        *kind = TokenKind::other;
        return attach_marks(i + len);
    }
  }

  // Punctuation: a handle (@name), a hashtag, a keycap emoji, or one character.
  [[gnu::noinline]] size_t scan_punct(size_t i, char32_t c, uint32_t len, bool glued, TokenKind* kind) const {
    if (c == '@' && !glued) {
      size_t e = i + 1;
      while (e < n_ && e - i <= 40 &&
             ((t_[e] >= 'a' && t_[e] <= 'z') || (t_[e] >= 'A' && t_[e] <= 'Z') ||
              (t_[e] >= '0' && t_[e] <= '9') || t_[e] == '_'))
        ++e;
      if (e > i + 1) {
        *kind = TokenKind::handle;
        return e;
      }
    }
    if (c == '#' && !glued) {
      size_t e = i + 1;
      bool letter = false;
      while (e < n_) {
        Cls ke = cls_at(e);
        if (ke == Cls::letter || ke == Cls::mark) letter = true;
        else if (!(ke == Cls::digit || t_[e] == '_')) break;
        e = next(e);
      }
      if (letter) {
        *kind = TokenKind::hashtag;
        return e;
      }
    }
    // Keycap emoji: # or * followed by U+FE0F? U+20E3.
    if ((c == '#' || c == '*') && keycap_follows(i + 1)) {
      *kind = TokenKind::emoji;
      return scan_grapheme(i);
    }
    *kind = TokenKind::punct;
    return i + len;
  }

  bool keycap_follows(size_t j) const {
    if (j + 3 <= n_ && t_.compare(j, 3, "\xEF\xB8\x8F") == 0) j += 3;  // U+FE0F
    return j + 3 <= n_ && t_.compare(j, 3, "\xE2\x83\xA3") == 0;      // U+20E3
  }

  // One extended grapheme cluster (emoji ZWJ sequences, flags, skin tones, keycaps).
  [[gnu::noinline]] size_t scan_grapheme(size_t i) const {
    utf8proc_int32_t state = 0;
    uint32_t len;
    char32_t prev = at(i, &len);
    size_t e = i + len;
    while (e < n_) {
      char32_t c = at(e, &len);
      if (utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(prev),
                                           static_cast<utf8proc_int32_t>(c), &state))
        break;
      prev = c;
      e += len;
    }
    return e;
  }

  [[gnu::noinline]] size_t scan_url(size_t i) const {
    size_t e = i;
    int parens = 0;
    while (e < n_) {
      uint32_t len;
      char32_t c = at(e, &len);
      Cls k = classify(c);
      if (k == Cls::space || k == Cls::quote || c == '<' || c == '>' || c == 0x2019 ||
          c == kReplacement || k == Cls::other)
        break;
      if (c == '(') ++parens;
      if (c == ')') {
        if (parens == 0) break;
        --parens;
      }
      e += len;
    }
    // Sentence punctuation after a URL is not part of it.
    while (e > i && std::strchr(".,;:!?'", t_[e - 1]) != nullptr) --e;
    return e;
  }

  // An e-mail address starting at i, or 0. Local part and domain lengths are bounded (RFC 5321:
  // 64 and 255), which keeps the lookahead constant per token.
  [[gnu::noinline]] size_t scan_email(size_t i) const {
    auto local = [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
             ch == '.' || ch == '_' || ch == '%' || ch == '+' || ch == '-';
    };
    if (next_at(i) - i > 64) return 0;  // the local part would be too long, or there is no '@'
    size_t e = i;
    while (e < n_ && e - i < 64 && local(t_[e])) ++e;
    if (e == i || e >= n_ || t_[e] != '@' || t_[e - 1] == '.') return 0;
    size_t d = e + 1, last_dot = 0;
    while (d < n_ && d - e < 255) {
      char ch = t_[d];
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          ch == '-') {
        ++d;
      } else if (ch == '.' && d + 1 < n_ && is_alnum_at(d + 1) && t_[d - 1] != '.') {
        last_dot = d++;
      } else {
        break;
      }
    }
    if (last_dot == 0 || d - last_dot < 3) return 0;  // needs a dot and a 2+ letter suffix
    return d;
  }

  // Clitics split off a word, PTB style: 's 're 've 'll 'd 'm (and n't, handled by the caller).
  // Returns the clitic's byte length starting at the apostrophe, or 0.
  [[gnu::noinline]] size_t clitic_at(size_t j) const {
    size_t a = apostrophe_at(j);
    if (!a) return 0;
    size_t r = j + a, e = r;
    while (e < n_ && e - r < 3 && ((t_[e] >= 'a' && t_[e] <= 'z') || (t_[e] >= 'A' && t_[e] <= 'Z')))
      ++e;
    if (e == r || is_alnum_at(e) || cls_at(e) == Cls::mark) return 0;
    char lower[3];
    for (size_t q = r; q < e; ++q) lower[q - r] = static_cast<char>(t_[q] | 0x20);
    const std::string_view clitic(lower, e - r);
    if (clitic == "s" || clitic == "re" || clitic == "ve" || clitic == "ll" || clitic == "d" || clitic == "m")
      return e - j;
    return 0;
  }
  // "n't" starting at j (n, apostrophe, t, then no letter); its length or 0.
  size_t negation_at(size_t j) const {
    if (!(ascii_at(j, 'n') || ascii_at(j, 'N'))) return 0;
    size_t a = apostrophe_at(j + 1);
    if (!a) return 0;
    size_t q = j + 1 + a;
    if (!(ascii_at(q, 't') || ascii_at(q, 'T'))) return 0;
    if (is_alnum_at(q + 1) || cls_at(q + 1) == Cls::mark) return 0;
    return q + 1 - j;
  }

  size_t scan_word(size_t i, TokenKind* kind) {
    *kind = TokenKind::word;
    if (size_t neg = negation_at(i)) return i + neg;
    size_t e = i;
    bool only_letters = true;  // no digits, hyphens or apostrophes: candidates for abbreviations
    uint8_t ascii_seen = 0;    // kWordLetter | kWordDigit bits of the bytes the fast path took
    while (e < n_) {
      // ASCII letters and digits, the bulk of every word, a byte at a time without decoding.
      const auto b = static_cast<unsigned char>(t_[e]);
      if (const uint8_t w = kWordBytes.of[b]) {
        ascii_seen |= w;
        ++e;
        continue;
      }
      // Any other ASCII byte but n, N, a hyphen or an apostrophe (the cases below) ends the word:
      // the space or punctuation after nearly every word, without the decode.
      if (b < 0x80 && b != 'n' && b != 'N' && b != '-' && b != '\'') break;
      uint32_t len;
      char32_t c = at(e, &len);
      Cls k = classify(c);
      if (k == Cls::letter || k == Cls::mark || k == Cls::digit) {
        if (k == Cls::digit) only_letters = false;
        // "don't": the word stops before "n't".
        if ((c == 'n' || c == 'N') && e > i && negation_at(e)) break;
        e += len;
        continue;
      }
      if ((c == 0x200D || c == 0x200C || c == 0x00AD) && is_alnum_at(e + len)) {
        e += len;
        continue;
      }
      if ((c == '-' || c == 0x2010 || c == 0x2011) && e > i && is_alnum_at(e + len)) {
        only_letters = false;
        e += len;
        continue;
      }
      if (k == Cls::apostrophe && e > i) {
        if (clitic_at(e)) break;
        if (cls_at(e + len) == Cls::letter) {  // O'Brien, y'all
          only_letters = false;
          e += len;
          continue;
        }
      }
      break;
    }
    if (ascii_seen & kWordDigit) only_letters = false;
    return e < n_ && t_[e] == '.' ? word_before_period(i, e, only_letters, kind) : e;
  }

  // scan_word's end for a word [i, e) followed by a period: an abbreviation takes the period
  // ("U.S.", "Dr."), a domain name its suffix ("Amazon.com"). Out of line: most words are not
  // followed by one.
  [[gnu::noinline]] size_t word_before_period(size_t i, size_t e, bool only_letters, TokenKind* kind) const {
    if (only_letters) {
      // Dotted letter groups: U.S.  J.R.R.  Ph.D.  e.g.  a.m.
      size_t seg_start = i, j = e, groups = 0;
      while (j < n_ && t_[j] == '.' && j - seg_start <= 2 * 4) {
        ++groups;
        size_t k2 = j + 1, letters = 0;
        while (k2 < n_ && cls_at(k2) == Cls::letter && letters < 3) {
          k2 = next(k2);
          ++letters;
        }
        if (letters == 0 || letters > 2 || k2 >= n_ || t_[k2] != '.') break;
        seg_start = j + 1;
        j = k2;
      }
      size_t word_letters = 0;  // counted up to 3: only "one" and "at most two" matter below
      for (size_t q = i; q < e && word_letters < 3; q = next(q)) ++word_letters;
      if (groups >= 2 && word_letters <= 2) {
        *kind = TokenKind::abbreviation;
        return j + 1;
      }
      std::string_view w = t_.substr(i, e - i);
      bool initial = word_letters == 1 && is_upper(at(i)) && !(e + 1 < n_ && t_[e + 1] == '.');
      if (is_abbreviation(w) || initial) {
        *kind = TokenKind::abbreviation;
        return e + 1;
      }
    }
    // Domain suffixes (core/data/domain_suffixes.txt) are lower-case ASCII letters: after a
    // sentence's last word a space follows, and no suffix can match.
    if (e > i && e + 1 < n_ && t_[e + 1] >= 'a' && t_[e + 1] <= 'z') {
      // Domain names written as words: Amazon.com, gov.uk.
      // Asked at the end of nearly every sentence: the first byte rules out most suffixes (all,
      // when a space follows) before any compare() call.
      for (std::string_view suffix : domain_suffixes()) {
        size_t m = suffix.size();
        if (m > 0 && t_[e + 1] == suffix[0] && t_.compare(e + 1, m, suffix) == 0 && !is_alnum_at(e + 1 + m))
          return e + 1 + m;
      }
    }
    return e;
  }

  static bool is_upper(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    return utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->category ==
           UTF8PROC_CATEGORY_LU;
  }

  [[gnu::noinline]] size_t scan_number(size_t i, TokenKind* kind) {
    *kind = TokenKind::number;
    size_t e = i;
    while (e < n_) {
      Cls k = cls_at(e);
      if (k == Cls::digit) {
        e = next(e);
        continue;
      }
      // Separators between digits: 1,000  3.5  10:30  1/2 is left to the slash.
      if ((t_[e] == ',' || t_[e] == '.' || t_[e] == ':') && cls_at(e + 1) == Cls::digit) {
        ++e;
        continue;
      }
      break;
    }
    // Plural years and ordinals stay numbers: 1990s, 21st, 3rd.
    size_t s = e;
    while (s < n_ && ((t_[s] >= 'a' && t_[s] <= 'z') || (t_[s] >= 'A' && t_[s] <= 'Z')) &&
           s - e < 3)
      ++s;
    std::string_view suffix = t_.substr(e, s - e);
    if (!is_alnum_at(s) && !(s < n_ && t_[s] == '-') &&
        (suffix == "s" || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"))
      return s;
    // Letters or a hyphen after the digits make it a word: 30-day, 3D, 5G, 12.5m.
    bool joined = false;
    while (e < n_) {
      if (is_alnum_at(e) || cls_at(e) == Cls::mark) {
        e = next(e);
        joined = true;
      } else if ((t_[e] == '-' || at(e) == 0x2010 || at(e) == 0x2011) && is_alnum_at(next(e))) {
        e = next(e);
        joined = true;
      } else {
        break;
      }
    }
    if (joined) *kind = TokenKind::word;
    return e;
  }

  [[gnu::noinline]] size_t scan_apostrophe(size_t i, uint32_t len, bool glued, const std::vector<Token>& out,
                                           TokenKind* kind) {
    // 's 're 've 'll 'd 'm glued to a preceding word.
    if (glued && out.back().kind == TokenKind::word) {
      if (size_t cl = clitic_at(i)) {
        *kind = TokenKind::word;
        return i + cl;
      }
    }
    // '90s, '22: an elided century.
    if (!glued && cls_at(i + len) == Cls::digit && cls_at(i + len + 1) == Cls::digit &&
        cls_at(i + len + 2) != Cls::digit) {
      size_t e = i + len + 2;
      if (e < n_ && t_[e] == 's' && !is_alnum_at(e + 1)) ++e;
      if (!is_alnum_at(e)) {
        *kind = TokenKind::number;
        return e;
      }
    }
    // rock 'n' roll
    if (!glued && (ascii_at(i + len, 'n') || ascii_at(i + len, 'N'))) {
      size_t a = apostrophe_at(i + len + 1);
      if (a && !is_alnum_at(i + len + 1 + a)) {
        *kind = TokenKind::word;
        return i + len + 1 + a;
      }
    }
    *kind = TokenKind::quote;
    // '' (two ASCII apostrophes, a typewriter's double quotation mark, as in the New York Times'
    // archive text): one mark, so that it pairs as a double one. Three or more stay single marks
    // (an inner quotation closing beside an outer one).
    if (ascii_at(i, '\'') && ascii_at(i + 1, '\'') && !ascii_at(i + 2, '\'') && (i == 0 || t_[i - 1] != '\''))
      return i + 2;
    return i + len;
  }
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Scanner(text).run(); }

}  // namespace lede
