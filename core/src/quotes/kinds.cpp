// Kinds of quotations with marks (see kinds.h).
#include "quotes/kinds.h"

#include <string_view>

#include "lexicon/quote_words.h"
#include "quotes/phrases.h"

namespace lede {
namespace quotes {

bool looks_like_title(const TokenIndex& ix, uint32_t first, uint32_t end) {
  uint32_t words = 0;
  for (uint32_t i = first; i < end; ++i) {
    if (ix.lower[i] == "!" || ix.lower[i] == "?") return false;  // chants and questions, not titles
    if (ix.tokens[i].kind == TokenKind::punct || ix.tokens[i].kind == TokenKind::quote) continue;
    if (!ix.is_word(i) && ix.tokens[i].kind != TokenKind::number) return false;
    ++words;
    if (words > 6) return false;
    std::string_view w = ix.lower[i];
    bool function_word = is_function_word(w);
    if (!ix.upper_initial(i) && ix.tokens[i].kind != TokenKind::number && !(function_word && i > first))
      return false;
  }
  return words > 0;
}

QuoteKind kind_of(const TokenIndex& ix, const MarkSpan& s, uint32_t first, uint32_t end) {
  const uint32_t o = s.open;
  const uint32_t sf = ix.sentence_first[ix.sentence_of[o]];
  const uint32_t pf = ix.paragraph_first[ix.paragraph_of[o]];
  uint32_t content_words = 0;
  for (uint32_t i = first; i < end; ++i)
    if (ix.is_word(i) || ix.tokens[i].kind == TokenKind::number) ++content_words;
  const uint32_t last = s.closed ? s.close - 1 : end - 1;  // before any trimmed comma
  const bool ends_with_punct =
      ix.tokens[last].kind == TokenKind::punct &&
      (ix.lower[last] == "," || ix.lower[last] == "." || ix.lower[last] == "!" || ix.lower[last] == "?" ||
       ix.lower[last] == "\xE2\x80\xA6" || ix.lower[last] == "...");
  const bool starts_upper = ix.upper_initial(first) || ix.tokens[first].kind == TokenKind::number ||
                            ix.tokens[first].kind == TokenKind::quote;
  bool at_start = o == sf || o == pf || ix.tokens[o].newline_before;
  bool after_colon = false, after_comma = false;
  if (!at_start && o > 0) {
    uint32_t p = o - 1;
    if (ix.tokens[p].kind == TokenKind::dash || ix.is_punct(p, '(')) at_start = true;
    else if (ix.is_punct(p, ':')) after_colon = true;
    else if (ix.is_punct(p, ',')) after_comma = true;
    else if (ix.tokens[p].kind == TokenKind::quote) at_start = true;
  }
  if (!s.closed) return (at_start || after_colon || content_words >= 4) ? QuoteKind::direct : QuoteKind::partial;
  bool followed_by_break = true;  // the close is followed by punctuation, a cue, or nothing
  if (s.close + 1 < ix.paragraph_end[ix.paragraph_of[o]]) {
    uint32_t k = s.close + 1;
    followed_by_break = ix.tokens[k].kind == TokenKind::punct || ix.tokens[k].kind == TokenKind::dash ||
                        quote_cue_at(ix, k, nullptr);
  }
  if (at_start) return (ends_with_punct || followed_by_break || content_words >= 6) ? QuoteKind::direct
                                                                                      : QuoteKind::partial;
  if (after_colon) return (starts_upper || content_words >= 4) ? QuoteKind::direct : QuoteKind::partial;
  if (after_comma) return (starts_upper && content_words >= 3) ? QuoteKind::direct : QuoteKind::partial;
  return QuoteKind::partial;
}

}  // namespace quotes
}  // namespace lede
