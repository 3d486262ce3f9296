// The tagger stage of the pipeline: the names of an analysed text as mentions, with the titles
// before people's names and seats of government read as organisations.
#include <string>

#include "lexicon/cues.h"
#include "lexicon/lexicon.h"
#include "tagger/tagger.h"
#include "tagger/word_forms.h"

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

}  // namespace

std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences, const TaggerModel& model) {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  ranges.reserve(sentences.size());
  for (const Segment& s : sentences) ranges.emplace_back(s.first_token, s.end_token);
  std::vector<Mention> mentions;
  size_t sentence = 0;  // names come in text order
  for (const NameSpan& name : tag_document(model, ner::Words(text, tokens), ranges)) {
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
  return mentions;
}

}  // namespace lede
