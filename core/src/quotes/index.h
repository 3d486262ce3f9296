// A read-only index over one text's tokens for the quotation patterns: each token's lower-cased
// form and cue-verb entry, its sentence and paragraph (as token ranges), the entity mention
// covering it, whether it lies inside a quotation, and which paragraphs are headlines. Built once
// per text (build_token_index), completed by the quotation marks (mark_quoted in marks.h), then
// only read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "entities/facts.h"
#include "lede/lede.h"
#include "lexicon/cues.h"

namespace lede {
namespace quotes {
class CueModel;
struct SourceTraceEntry;
}  // namespace quotes

// What the quotes stage reads: the text, its tokens, sentences and paragraphs, the merged
// entities and the facts worked out about them, and the attribution model. Nothing else of an
// analysis.
struct QuoteInput {
  std::string_view text;
  const std::vector<Token>& tokens;
  const std::vector<Segment>& sentences;
  const std::vector<Segment>& paragraphs;
  const std::vector<Entity>& entities;
  const EntityFacts& facts;
  // The reported-speech cue model (quotes/cue_model.h); none: no reported speech is found.
  const quotes::CueModel* cue_model = nullptr;
  // For the trainer only (lede-train-attribution): when set, receives each quote's source
  // candidates and their features, by quote id (quotes/sources.h).
  std::vector<quotes::SourceTraceEntry>* source_trace = nullptr;
};

namespace quotes {

constexpr uint32_t kNone = UINT32_MAX;
// Every search around a quotation or cue looks at most this many tokens away, so that a
// pathological sentence (100,000 marks, no full stop) is still processed in linear time.
constexpr uint32_t kWindow = 64;
// The longest phrase a speaker is taken to be, in tokens.
constexpr uint32_t kMaxPhrase = 12;

// The lower-cased forms of the word and punctuation tokens (ASCII letters lowered, so each the
// size of its token), each at its token's own offset in a buffer of the text's size: a token's
// form is read from its span, no view kept a token (16 bytes a token). Empty for other tokens.
class LowerForms {
 public:
  explicit LowerForms(const std::vector<Token>& tokens) : tokens_(tokens) {}
  LowerForms(const LowerForms&) = delete;
  LowerForms& operator=(const LowerForms&) = delete;
  std::string_view operator[](uint32_t i) const {
    const Token& t = tokens_[i];
    constexpr unsigned kLowered = (1u << static_cast<unsigned>(TokenKind::word)) |
                                  (1u << static_cast<unsigned>(TokenKind::abbreviation)) |
                                  (1u << static_cast<unsigned>(TokenKind::punct));
    if (!((1u << static_cast<unsigned>(t.kind)) & kLowered)) return {};
    return std::string_view(buffer.data() + t.span.start, t.span.end - t.span.start);
  }
  std::string buffer;

 private:
  const std::vector<Token>& tokens_;
};

// The entity mention covering a token, or none: each column reads the token's mention (the last
// of the entities' mentions over it) in one table, rather than three numbers kept a token.
struct CoveringMention {
  uint32_t entity, first, end;
};
template <uint32_t CoveringMention::*Field>
class MentionColumn {
 public:
  MentionColumn(const std::vector<uint32_t>& mention_of, const std::vector<CoveringMention>& mentions)
      : mention_of_(mention_of), mentions_(mentions) {}
  MentionColumn(const MentionColumn&) = delete;
  MentionColumn& operator=(const MentionColumn&) = delete;
  uint32_t operator[](uint32_t i) const {
    const uint32_t m = mention_of_[i];
    return m == UINT32_MAX ? UINT32_MAX : mentions_[m].*Field;
  }

 private:
  const std::vector<uint32_t>& mention_of_;
  const std::vector<CoveringMention>& mentions_;
};

struct TokenIndex {
  std::string_view text;
  const std::vector<Token>& tokens;
  const std::vector<Entity>& entities;
  const EntityFacts& facts;
  uint32_t n = 0;  // tokens
  LowerForms lower{tokens};
  // Each token's lower form's value_hash (quotes/feature_hash.h), computed once for the cue and
  // source features (of the empty form: kNoValue).
  std::vector<uint32_t> lower_hash;
  std::vector<CueVerb> cue_verb;        // the lexicon entry of each word, looked up once
  // Sentences and paragraphs as token ranges; tokens outside any segment get a range of their own.
  std::vector<uint32_t> sentence_first, sentence_end, paragraph_first, paragraph_end;
  std::vector<uint32_t> sentence_of, paragraph_of;
  // The mention covering each token (an index into `mentions`, or kNone).
  std::vector<uint32_t> mention_of;
  std::vector<CoveringMention> mentions;
  MentionColumn<&CoveringMention::entity> entity_at{mention_of, mentions};  // its entity, or kNone
  MentionColumn<&CoveringMention::first> mention_first{mention_of, mentions};  // its first token
  MentionColumn<&CoveringMention::end> mention_end{mention_of, mentions};
  std::vector<uint8_t> quoted;          // inside a top-level quotation (marks included)
  std::vector<uint8_t> headline;        // per paragraph: written in Title Case
  // Commas and quotation-mark tokens before each token (n + 1 entries): how many lie in a range,
  // in constant time (the cue model's features).
  std::vector<uint32_t> commas_before, marks_before;

  explicit TokenIndex(const QuoteInput& in)
      : text(in.text), tokens(in.tokens), entities(in.entities), facts(in.facts) {}
  TokenIndex(const TokenIndex&) = delete;  // lower and the mention columns refer to its members
  TokenIndex& operator=(const TokenIndex&) = delete;

  std::string_view tok(uint32_t i) const {
    return text.substr(tokens[i].span.start, tokens[i].span.end - tokens[i].span.start);
  }
  bool is_word(uint32_t i) const {
    TokenKind k = tokens[i].kind;
    return k == TokenKind::word || k == TokenKind::abbreviation;
  }
  // Read from the span directly (asked for nearly every token while the index is built and by
  // every pattern after it).
  bool is_punct(uint32_t i, char c) const {
    const Span& s = tokens[i].span;
    return tokens[i].kind == TokenKind::punct && s.end - s.start == 1 && text[s.start] == c;
  }
  // A word starting with a capital letter (any script whose letters case-fold).
  bool upper_initial(uint32_t i) const;
  EntityType entity_type(uint32_t entity) const { return entities[entity].type; }
  // The token at i is a possessive: the clitic 's, or the apostrophe glued to a word's final s
  // ("the Clintons' plan", "Sanders’ campaign manager") that no quotation took for its mark.
  bool possessive(uint32_t i) const {
    if (lower[i] == "'s" || lower[i] == "\xE2\x80\x99s") return true;
    if (tokens[i].kind != TokenKind::quote || quoted[i] || i == 0 || tokens[i].space_before || !is_word(i - 1))
      return false;
    const std::string_view t = tok(i), w = lower[i - 1];
    return (t == "'" || t == "\xE2\x80\x99") && !w.empty() && w.back() == 's';
  }
};

// Fills everything but `quoted` (which the quotation marks decide).
void build_token_index(const QuoteInput& in, TokenIndex* index);

}  // namespace quotes
}  // namespace lede
