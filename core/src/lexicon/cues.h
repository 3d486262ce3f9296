// The hand-written lexicon of speech cues: reporting verbs in every form ("say", "says", "said",
// "saying") and the small closed word classes the attribution patterns need to find a cue's
// subject (pronouns, determiners, adverbs that may sit between a subject and its verb). The lists
// are core/data/speech_verbs.tsv, pronouns.tsv, cue_adverbs.txt, determiners.txt,
// phrase_boundaries.txt, speaker_nouns.txt and statement_nouns.txt (see word_table.h). All
// lookups take ASCII-lowercased words.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lede {

enum class CueForm : uint8_t {
  none,
  base,        // say (after "will", "to", "did")
  present,     // says
  past,        // said (also the participle where identical)
  participle,  // written, told (after has/had/was)
  gerund,      // saying
};

struct CueVerb {
  CueForm form = CueForm::none;
  bool takes_object = false;  // tell, ask, inform: "told reporters that ..."
  bool reporting = true;      // may introduce reported speech (indirect quotes); false for verbs
                              // that only attach to quoted words ("described", "welcomed")
  bool belief = false;        // reports a belief or an intention ("hopes", "plans"), never a
                              // quotation's cue
};

// The reporting verb `lower` names, or form == none.
CueVerb lookup_cue_verb(std::string_view lower);

// he/him/his/himself -> male; she/her -> female; it/its -> thing (organisation);
// they/them/their -> plural; I/we/you etc. -> none (first/second person never resolves).
enum class PronounKind : uint8_t { none, male, female, thing, plural };
PronounKind lookup_pronoun(std::string_view lower);

// Words that may stand between a subject and its cue verb: "Trump also said", "she has since
// said", "he would later write", "it had repeatedly warned".
bool is_cue_adverb_or_auxiliary(std::string_view lower);

// the, a, an, this, that, these, those, his, her, its, their, our, my, your, some, another.
bool is_determiner(std::string_view lower);

// Closed-class words that end a noun phrase when walking over it: prepositions, conjunctions,
// relative pronouns, common verbs. A speaker phrase never crosses one.
bool is_phrase_boundary_word(std::string_view lower);

// Nouns that denote a speaker when they head a phrase ("a spokesman", "the official").
bool is_speaker_noun(std::string_view lower);

// Nouns that make a statement the cue itself: "a Kremlin statement", "in a tweet".
bool is_statement_noun(std::string_view lower);

// ASCII lower-casing (the lexicons are ASCII; other bytes are copied).
std::string ascii_lower(std::string_view s);

}  // namespace lede
