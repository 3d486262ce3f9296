// Paragraph and sentence segmentation over tokens.
#include "text/segment.h"

#include <utf8proc.h>

#include "text/utf8.h"

namespace lede {
namespace {

// How the gap between two tokens breaks the text.
enum class Gap { none, line, blank_line };

Gap classify_gap(std::string_view text, uint32_t from, uint32_t to) {
  int newlines = 0;
  for (uint32_t i = from; i < to;) {
    uint32_t len;
    char32_t c = decode_utf8(text, i, &len);
    if (c == 0x2029) return Gap::blank_line;  // PARAGRAPH SEPARATOR
    if (c == '\n' || c == 0x2028 || c == 0x85 || c == 0x0B || c == 0x0C) {
      ++newlines;
    } else if (c == '\r') {
      if (!(i + 1 < to && text[i + 1] == '\n')) ++newlines;  // CRLF counts once
    }
    i += len;
  }
  if (newlines >= 2) return Gap::blank_line;
  return newlines == 1 ? Gap::line : Gap::none;
}

Segment make_segment(const std::vector<Token>& tokens, uint32_t first, uint32_t end) {
  Segment s;
  s.first_token = first;
  s.end_token = end;
  s.span.start = tokens[first].span.start;
  s.span.end = tokens[end - 1].span.end;
  return s;
}

std::string_view token_text(std::string_view text, const Token& t) {
  return text.substr(t.span.start, t.span.end - t.span.start);
}

bool starts_upper_or_digit(std::string_view text, const Token& t) {
  uint32_t len;
  char32_t c = decode_utf8(text, t.span.start, &len);
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  // Titlecase, uppercase, and letters of scripts without case all may start a sentence.
  auto cat = utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->category;
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ||
         cat == UTF8PROC_CATEGORY_LO || cat == UTF8PROC_CATEGORY_ND;
}

bool starts_lower(std::string_view text, const Token& t) {
  unsigned char c = static_cast<unsigned char>(text[t.span.start]);
  return c >= 'a' && c <= 'z';
}

bool is_terminator(std::string_view w) {
  if (w.empty()) return false;
  if (w == "\xE2\x80\xA6") return true;  // …
  for (char c : w)
    if (c != '.' && c != '!' && c != '?') return false;
  return true;
}

bool is_closing(std::string_view text, const std::vector<Token>& tokens, uint32_t k) {
  std::string_view w = token_text(text, tokens[k]);
  if (w == ")" || w == "]" || w == "}") return true;
  if (tokens[k].kind != TokenKind::quote) return false;
  // Typographic closers; any other mark closes when glued to what precedes it.
  if (w == "\xE2\x80\x9D" || w == "\xE2\x80\x99" || w == "\xC2\xBB" || w == "\xE2\x80\xBA")
    return true;
  return !tokens[k].space_before;
}

// Abbreviations after which a capitalised word is usually a name, not a new sentence.
constexpr std::string_view kNeverFinal[] = {
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.",
    "Sgt.", "Cpl.", "Pvt.", "Pfc.", "Sen.", "Sens.", "Rep.", "Reps.", "Gov.", "Pres.", "Rev.",
    "Hon.", "Msgr.", "Supt.", "Det.", "Insp.", "Atty.", "St.", "Mt.", "Ft.", "No.", "Nos.",
    "Messrs.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.",
    "Nov.", "Dec.", "vs.", "cf.", "Fig.", "Vol.",
};

// Words that begin sentences far more often than they follow "U.S." or "Inc." mid-sentence.
constexpr std::string_view kSentenceStarters[] = {
    "A", "After", "All", "Also", "An", "And", "As", "At", "But", "By", "During", "For", "He",
    "Her", "His", "However", "I", "If", "In", "It", "Its", "Meanwhile", "More", "Most", "No",
    "Now", "On", "One", "Our", "She", "Since", "So", "Some", "That", "The", "Their", "There",
    "These", "They", "This", "Those", "Today", "We", "What", "When", "While", "Who", "With",
    "Yet", "You",
};

template <size_t N>
bool in_list(std::string_view w, const std::string_view (&list)[N]) {
  for (std::string_view s : list)
    if (w == s) return true;
  return false;
}

// Whether a sentence ends after token `last` (a terminator, closers already absorbed) when the
// next token is `next`.
bool breaks_before(std::string_view text, const std::vector<Token>& tokens, uint32_t term,
                   uint32_t next) {
  const Token& n = tokens[next];
  std::string_view nw = token_text(text, n);
  if (starts_lower(text, n)) return false;              // “…agreement.” he said
  if (nw == "," || nw == ";" || nw == ":" || nw == ")") return false;
  // Initials glued to the stop: "(R-S.C.)", "D-N.Y.", whose tokens are "R-S", ".", "C.".
  if (!n.space_before && n.kind == TokenKind::abbreviation) return false;
  const Token& t = tokens[term];
  std::string_view tw = token_text(text, t);
  if (t.kind == TokenKind::abbreviation) {
    if (in_list(tw, kNeverFinal)) return false;
    uint32_t letters = 0;
    for (char ch : tw)
      if (ch != '.') ++letters;
    if (letters == 1) return false;  // an initial: J. Smith
    // U.S. / Inc. / etc. end a sentence only before a typical sentence opener or a quote.
    return in_list(nw, kSentenceStarters) || n.kind == TokenKind::quote;
  }
  if (tw == "..." || tw == "\xE2\x80\xA6") {
    return n.space_before && starts_upper_or_digit(text, n) && nw != "I";
  }
  return starts_upper_or_digit(text, n) || n.kind == TokenKind::quote || n.kind == TokenKind::dash ||
         n.kind == TokenKind::emoji || n.kind == TokenKind::symbol || nw == "(" || nw == "[" ||
         n.kind == TokenKind::handle || n.kind == TokenKind::hashtag || n.kind == TokenKind::url;
}

}  // namespace

std::vector<Segment> find_paragraphs(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<Segment> out;
  if (tokens.empty()) return out;
  // Does the text separate paragraphs with blank lines anywhere?
  bool blank_lines = false;
  for (uint32_t k = 1; k < tokens.size() && !blank_lines; ++k)
    if (tokens[k].newline_before &&
        classify_gap(text, tokens[k - 1].span.end, tokens[k].span.start) == Gap::blank_line)
      blank_lines = true;
  uint32_t first = 0;
  for (uint32_t k = 1; k < tokens.size(); ++k) {
    if (!tokens[k].newline_before) continue;
    Gap g = classify_gap(text, tokens[k - 1].span.end, tokens[k].span.start);
    if (g == Gap::blank_line || (!blank_lines && g == Gap::line)) {
      out.push_back(make_segment(tokens, first, k));
      first = k;
    }
  }
  out.push_back(make_segment(tokens, first, static_cast<uint32_t>(tokens.size())));
  return out;
}

std::vector<Segment> find_sentences(std::string_view text, const std::vector<Token>& tokens,
                                    const std::vector<Segment>& paragraphs) {
  std::vector<Segment> out;
  for (const Segment& p : paragraphs) {
    uint32_t first = p.first_token;
    for (uint32_t k = p.first_token; k < p.end_token; ++k) {
      const Token& t = tokens[k];
      std::string_view w = token_text(text, t);
      bool term = (t.kind == TokenKind::punct && is_terminator(w)) ||
                  (t.kind == TokenKind::abbreviation);
      if (!term) continue;
      // Absorb further terminators ("?!") and closing quotes/brackets: ….” he said
      uint32_t last = k;
      while (last + 1 < p.end_token &&
             ((tokens[last + 1].kind == TokenKind::punct &&
               is_terminator(token_text(text, tokens[last + 1])) && !tokens[last + 1].space_before) ||
              is_closing(text, tokens, last + 1)))
        ++last;
      if (last + 1 >= p.end_token) break;  // the paragraph ends the sentence anyway
      if (breaks_before(text, tokens, k, last + 1)) {
        out.push_back(make_segment(tokens, first, last + 1));
        first = last + 1;
      }
      k = last;
    }
    if (first < p.end_token) out.push_back(make_segment(tokens, first, p.end_token));
  }
  return out;
}

size_t first_lines_end(std::string_view text, int lines) {
  int seen = 0;
  bool blank = true;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      if (!blank && ++seen >= lines) return i + 1;
      blank = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      blank = false;
    }
  }
  return text.size();
}

bool opens_line(std::string_view text, size_t at) {
  while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t' || text[at - 1] == '\r')) --at;
  return at == 0 || text[at - 1] == '\n';
}

}  // namespace lede
