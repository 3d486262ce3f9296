// The lexicon's lookups as they were implemented before the word lists became data (7a6bd95):
// the same functions as core/src/lexicon/*.h and the tokenizer's two lists, in namespace
// lede::oracle, for tests/test_lexicon.cpp to ask both for every word and compare.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lexicon/coref_lexicon.h"
#include "lexicon/cues.h"
#include "lexicon/lexicon.h"

namespace lede {
namespace oracle {

// lexicon.cpp: the tagger's phrase lists.
uint16_t lexicon_lookup(uint64_t phrase_hash);
uint16_t lexicon_lookup(uint64_t phrase_hash, bool* continues);
uint64_t lexicon_digest();

// cues.cpp
CueVerb lookup_cue_verb(std::string_view lower);
PronounKind lookup_pronoun(std::string_view lower);
bool is_cue_adverb_or_auxiliary(std::string_view lower);
bool is_determiner(std::string_view lower);
bool is_phrase_boundary_word(std::string_view lower);
bool is_speaker_noun(std::string_view lower);
bool is_statement_noun(std::string_view lower);
std::string ascii_lower(std::string_view s);

// coref_lexicon.cpp
bool is_title_word(std::string_view folded, Gender* gender);
bool is_title_modifier(std::string_view folded);
bool is_office_title(std::string_view folded);
std::string_view title_in_full(std::string_view folded);
bool is_legal_form(std::string_view folded);
Gender first_name_gender(std::string_view folded);
std::string_view alias_canonical(std::string_view folded);
bool is_name_stopword(std::string_view folded);
bool is_generational_suffix(std::string_view folded);

// quote_words.cpp
bool noun_like_verb(std::string_view w);
bool wants_infinitive(std::string_view w);
bool is_claim_noun(std::string_view w);
bool heads_of_phrase(std::string_view w);
bool is_person_role(std::string_view w);
bool not_a_speaker(std::string_view w);
bool is_function_word(std::string_view w);

// tokenize_words.cpp: text/tokenize.cpp's abbreviations (case-sensitive, without the full stop)
// and the suffixes that make "Amazon.com" one word.
bool is_abbreviation(std::string_view w);
bool is_domain_suffix(std::string_view w);

}  // namespace oracle
}  // namespace lede
