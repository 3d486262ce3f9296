// One text taken through the quotes stage's index and marks, for the tests of its modules:
// tokens, sentences and paragraphs from the text stage, entities only when a test adds them
// (no tagger), the token index with the quotations marked, the embedded attribution model.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "entities/facts.h"
#include "lede/lede.h"
#include "quotes/cue_model.h"
#include "quotes/index.h"
#include "quotes/marks.h"
#include "text/segment.h"
#include "text/tokenize.h"

namespace lede_test {

struct QuoteFixture {
  std::string text;
  std::vector<lede::Token> tokens;
  std::vector<lede::Segment> sentences, paragraphs;
  std::vector<lede::Entity> entities;
  lede::EntityFacts facts;
  std::unique_ptr<lede::QuoteInput> input;
  std::unique_ptr<lede::quotes::TokenIndex> index;
  std::vector<lede::quotes::MarkSpan> spans;

  explicit QuoteFixture(std::string t) : text(std::move(t)) {
    tokens = lede::tokenize(text);
    paragraphs = lede::find_paragraphs(text, tokens);
    sentences = lede::find_sentences(text, tokens, paragraphs);
    rebuild();
  }

  // The facts, index and marks again, after a test has added entities.
  void rebuild() {
    facts = lede::find_entity_facts(entities, tokens.size());
    input.reset(new lede::QuoteInput{text, tokens, sentences, paragraphs, entities, facts,
                                     lede::quotes::CueModel::embedded(nullptr)});
    index.reset(new lede::quotes::TokenIndex(*input));
    lede::quotes::build_token_index(*input, index.get());
    spans = lede::quotes::pair_marks(*index);
    lede::quotes::mark_quoted(spans, index.get());
  }

  // Adds an entity with one mention, the tokens from `first` to `last` (words, first occurrence).
  void add_entity(const std::string& first, const std::string& last, lede::EntityType type,
                  const std::string& title = "") {
    lede::Entity e;
    e.type = type;
    lede::Mention m;
    m.type = type;
    m.first_token = token(first);
    m.end_token = token(last) + 1;
    m.span = {tokens[m.first_token].span.start, tokens[m.end_token - 1].span.end};
    m.title = title;
    e.mentions.push_back(m);
    e.name = between(m.first_token, m.end_token);
    entities.push_back(e);
    rebuild();
  }

  const lede::quotes::TokenIndex& ix() const { return *index; }

  // The index of the token whose text is `word` (its nth occurrence, from 0).
  uint32_t token(const std::string& word, int nth = 0) const {
    for (uint32_t i = 0; i < tokens.size(); ++i)
      if (text.compare(tokens[i].span.start, tokens[i].span.end - tokens[i].span.start, word) == 0 && nth-- == 0)
        return i;
    return UINT32_MAX;
  }

  // The text of tokens [first, end).
  std::string between(uint32_t first, uint32_t end) const {
    if (first >= end) return "";
    return text.substr(tokens[first].span.start, tokens[end - 1].span.end - tokens[first].span.start);
  }
};

}  // namespace lede_test
