// lede-train's word-feature dropout (--word-dropout P): while a perceptron trains, each token
// occurrence of each epoch loses, with probability P, the features that name its word (its form,
// its lower-cased form, the word pairs and the position-class keys holding it; optionally its
// prefixes and suffixes, and its neighbours' keys that name it). On CoNLL the word's own features
// make the name lists', clusters' and shapes' redundant, so the model learns to ignore those; with
// the word hidden now and then it must weigh what carries over to names it never saw.
#pragma once
#include <cstdint>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "tagger/word_facts.h"

namespace lede_train {

// The words a feature key names, by their place from the key's token.
enum NamedWord : uint8_t {
  kNamesSelf = 1, kNamesPrev = 2, kNamesNext = 4, kNamesPrev2 = 8, kNamesNext2 = 16,
};

struct WordDropout {
  double p = 0;             // a token occurrence's chance of losing its word's features
  bool names_only = false;  // only tokens inside gold names may lose them
  bool neighbours = false;  // a hidden word is hidden from its neighbours' keys too
  bool affixes = false;     // its prefixes and suffixes count as naming it
  bool on() const { return p > 0; }
};

// The stage-1 keys of token i of sentence [a, b) that name words, each with the words it names
// (NamedWord bits), appended to *out: the templates of features.h and document_features.cpp that
// hold a word's form or normalised form (and, with affixes, its prefixes and suffixes). `words`
// are the facts of the document's words (WordFacts::compute with clusters), `self` their prefixes
// and suffixes. Keys of position classes are listed for every class, as the token's own is not
// known here.
void word_naming_keys(const std::vector<lede::ner::WordInfo>& words, const std::vector<lede::ner::SelfFacts>& self,
                      uint32_t a, uint32_t b, uint32_t i, bool affixes, std::vector<std::pair<uint32_t, uint8_t>>* out);

// Which words of the sentence of gold labels [gold, gold + n) are hidden this time: (*hidden)[i]
// gets the NamedWord bits of the words a key of token i must not name. Draws one number from rng
// per token when dropout is on, none when it is off (so p = 0 trains exactly as without it).
void choose_hidden(const WordDropout& dropout, const uint8_t* gold, size_t n, std::mt19937_64* rng,
                   std::vector<uint8_t>* hidden);

}  // namespace lede_train
