// The tagger stage of the pipeline: the names of an analysed text as mentions, with the titles
// before people's names and seats of government read as organisations.
#include <string>

#include "lexicon/cues.h"
#include "lexicon/lexicon.h"
#include "tagger/tagger.h"
#include "tagger/word_forms.h"
#include "text/segment.h"

namespace lede {

namespace {

uint16_t phrase_categories(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                           uint32_t end) {
  uint64_t h = kLexiconHashSeed;
  std::string lower;
  for (uint32_t k = first; k < end; ++k) {
    const Token& t = tokens[k];
    if (t.kind != TokenKind::word && t.kind != TokenKind::abbreviation) return 0;
    lower.clear();
    ner::lower_word(text.substr(t.span.start, t.span.end - t.span.start), &lower);
    h = lexicon_phrase_extend(h, lexicon_word_hash(lower));
  }
  return lexicon_lookup(h);
}

bool is_title(std::string_view text, const std::vector<Token>& tokens, uint32_t first, uint32_t end) {
  return (phrase_categories(text, tokens, first, end) & kLexTitle) != 0;
}

// A personal pronoun written as one ("She", "he"; not "IT" or "US" in capitals): never a name,
// though a tagger may read a capitalised one opening a sentence as one.
bool is_pronoun(std::string_view text, const Token& t) {
  const std::string_view w = text.substr(t.span.start, t.span.end - t.span.start);
  if (w.size() < 2 || w.size() > 4 || t.kind != TokenKind::word) return false;
  for (size_t k = 1; k < w.size(); ++k)
    if (w[k] < 'a' || w[k] > 'z') return false;
  std::string lower;
  ner::lower_word(w, &lower);
  return lookup_pronoun(lower) != PronounKind::none || lower == "we" || lower == "you" || lower == "us";
}

// A word written in capitals ("PORT", "ELLIS", "O'HARE"): letters, all upper case, at least one.
bool is_capitals_word(std::string_view text, const Token& t) {
  if (t.kind != TokenKind::word) return false;
  bool letter = false;
  for (size_t k = t.span.start; k < t.span.end; ++k) {
    const char c = text[k];
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') letter = true;
    else if (static_cast<unsigned char>(c) < 0x80 && c != '-' && c != '\'' && c != '.') return false;
  }
  return letter;
}

bool is_capitalised(std::string_view text, const Token& t) {
  return (t.kind == TokenKind::word || t.kind == TokenKind::abbreviation) && text[t.span.start] >= 'A' &&
         text[t.span.start] <= 'Z';
}

// A news dateline ("PORT ELLIS, Norland —", "PORT HURON, Mich. (AP) —"): at the start of one of
// the article's first lines (a headline, a byline and a date may come before), one to four words
// in capitals, a comma, one to three capitalised words, an agency in brackets or not, and the
// dateline's dash. Written so only for the place a story was filed from and its region, which are
// places whatever the tagger read: a town it does not know is missed ("PORT ELLIS") or cut
// ("HURON"). The place's mentions are replaced by one over the capitals, and the region is given
// one when the tagger found none over it (its type is the entities stage's to settle). At most one
// dateline; the search stops after the first lines.
void read_dateline(std::string_view text, const std::vector<Token>& tokens, std::vector<Mention>* mentions) {
  const size_t first_lines = first_lines_end(text, kDatelineLines + 1);
  const uint32_t n = static_cast<uint32_t>(tokens.size());
  for (uint32_t t = 0; t < n && tokens[t].span.start < first_lines; ++t) {
    if (!opens_line(text, tokens[t].span.start)) continue;
    uint32_t k = t;
    while (k < n && k - t < 4 && is_capitals_word(text, tokens[k])) ++k;
    if (k == t || k + 2 >= n || tokens[k].kind != TokenKind::punct || text[tokens[k].span.start] != ',') continue;
    uint32_t r = k + 1;
    while (r < n && r - (k + 1) < 3 && is_capitalised(text, tokens[r])) ++r;
    if (r == k + 1 || r >= n) continue;
    uint32_t d = r;
    if (tokens[d].kind == TokenKind::punct && text[tokens[d].span.start] == '(') {
      while (d < n && d - r < 5 && !(tokens[d].kind == TokenKind::punct && text[tokens[d].span.start] == ')')) ++d;
      if (d >= n || d - r >= 5) continue;
      ++d;
    }
    const bool dash = d < n && (tokens[d].kind == TokenKind::dash ||
                                (tokens[d].kind == TokenKind::punct && text[tokens[d].span.start] == '-'));
    if (!dash) continue;
    auto make = [&](uint32_t first, uint32_t end) {
      Mention m;
      m.first_token = first;
      m.end_token = end;
      m.type = EntityType::LOC;
      m.span = {tokens[first].span.start, tokens[end - 1].span.end};
      return m;
    };
    auto overlaps = [](const Mention& m, uint32_t first, uint32_t end) { return m.first_token < end && first < m.end_token; };
    std::vector<Mention> out;
    out.reserve(mentions->size() + 2);
    bool region_named = false;
    for (const Mention& m : *mentions) region_named |= overlaps(m, k + 1, r);
    bool place_added = false, region_added = region_named;
    for (Mention& m : *mentions) {
      if (!place_added && m.first_token >= t) {
        out.push_back(make(t, k));
        place_added = true;
      }
      if (!region_added && m.first_token >= r) {
        out.push_back(make(k + 1, r));
        region_added = true;
      }
      if (!overlaps(m, t, k)) out.push_back(std::move(m));
    }
    if (!place_added) out.push_back(make(t, k));
    if (!region_added) out.push_back(make(k + 1, r));
    *mentions = std::move(out);
    return;
  }
}

}  // namespace

std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences, const TaggerModel& model) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  ranges.reserve(sentences.size());
  for (const Segment& s : sentences) ranges.emplace_back(s.first_token, s.end_token);
  std::vector<Mention> mentions;
  size_t sentence = 0;  // names come in text order
  for (NameSpan name : tag_document(model, ner::Words(text, tokens), ranges)) {
    // A name never runs over a line break: "Krystal Correa\n“He …" (a name on a line of its own,
    // its words on the next) is the name before it.
    for (uint32_t k = name.first_token + 1; k < name.end_token; ++k)
      if (text.substr(tokens[k - 1].span.end, tokens[k].span.start - tokens[k - 1].span.end).find('\n') !=
          std::string_view::npos) {
        name.end_token = k;
        break;
      }
    if (name.end_token == name.first_token + 1 && is_pronoun(text, tokens[name.first_token])) continue;
    Mention m;
    m.first_token = name.first_token;
    m.end_token = name.end_token;
    m.type = name.type;
    m.span = {tokens[name.first_token].span.start, tokens[name.end_token - 1].span.end};
    // CoNLL tags seats of government as places ("the Kremlin said"); in news they act as the
    // government itself, which lede reports as ORG (OntoNotes does the same).
    if (m.type == EntityType::LOC && name.end_token - name.first_token <= kLexiconMaxPhraseWords &&
        (phrase_categories(text, tokens, name.first_token, name.end_token) & kLexGovernment)) {
      m.type = EntityType::ORG;
    }
    if (name.type == EntityType::PERSON) {
      // The longest run of one or two title words right before the name, within its sentence.
      while (sentence + 1 < ranges.size() && ranges[sentence].second <= name.first_token) ++sentence;
      uint32_t sentence_start = ranges.empty() ? 0 : ranges[sentence].first;
      for (uint32_t len = 2; len >= 1; --len) {
        if (name.first_token < sentence_start + len) continue;
        uint32_t a = name.first_token - len;
        if (is_title(text, tokens, a, name.first_token)) {
          m.title = std::string(text.substr(tokens[a].span.start, tokens[name.first_token - 1].span.end -
                                                                     tokens[a].span.start));
          break;
        }
      }
    }
    mentions.push_back(std::move(m));
  }
  read_dateline(text, tokens, &mentions);
  return mentions;
}

}  // namespace lede
