// Mentions and their titles (see mentions.h).
#include "entities/mentions.h"

#include "lexicon/coref_lexicon.h"
#include "text/normalize.h"

namespace lede {
namespace {

std::string_view token_text(std::string_view text, const Token& t) {
  return text.substr(t.span.start, t.span.end - t.span.start);
}

bool starts_upper(std::string_view w) {
  return !w.empty() && ((w[0] >= 'A' && w[0] <= 'Z') || static_cast<unsigned char>(w[0]) >= 0x80);
}

bool is_possessive(std::string_view w) {
  return w == "'s" || w == "\xE2\x80\x99s" || w == "'S" || w == "\xE2\x80\x99S" || w == "'" ||
         w == "\xE2\x80\x99";
}

}  // namespace

std::string single_spaced(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string mention_surface(std::string_view text, const Mention& m) {
  return single_spaced(text.substr(m.span.start, m.span.end - m.span.start));
}

void separate_title(std::string_view text, const std::vector<Token>& tokens, Mention* m) {
  auto folded = [&](uint32_t i) { return fold_case(token_text(text, tokens[i])); };
  while (m->end_token > m->first_token + 1 && is_possessive(token_text(text, tokens[m->end_token - 1])))
    --m->end_token;
  uint32_t title_first = m->first_token, title_end = m->first_token;
  if (m->type == EntityType::PERSON) {
    uint32_t i = m->first_token;
    while (i + 1 < m->end_token) {
      std::string w = folded(i);
      if (!(is_title_word(w, nullptr) || is_title_modifier(w))) break;
      ++i;
    }
    title_end = i;
    if (title_end > m->first_token) m->first_token = title_end;
    if (title_end == title_first && m->first_token > 0 &&
        is_title_word(folded(m->first_token - 1), nullptr)) {
      // The title precedes the span: "President Putin", "Prime Minister Theresa May".
      title_end = m->first_token;
      title_first = m->first_token - 1;
      if (title_first > 0 && is_title_modifier(folded(title_first - 1)) &&
          starts_upper(token_text(text, tokens[title_first - 1])))
        --title_first;
    }
  }
  if (title_end > title_first)
    m->title = single_spaced(text.substr(tokens[title_first].span.start,
                                         tokens[title_end - 1].span.end - tokens[title_first].span.start));
  m->span.start = tokens[m->first_token].span.start;
  m->span.end = tokens[m->end_token - 1].span.end;
}

}  // namespace lede
