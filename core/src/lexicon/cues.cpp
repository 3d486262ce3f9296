// Speech-cue lookups (see cues.h) over the tables tools/gen-lexicon.py compiles from
// core/data/speech_verbs.tsv, pronouns.tsv and the closed word classes' lists.
#include "lexicon/cues.h"

#include "lexicon/generated_tables.h"
#include "lexicon/word_table.h"

namespace lede {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Asked for every word token; an unlisted word (most) costs its hash and one or two slots.
CueVerb lookup_cue_verb(std::string_view lower) {
  static const lexicon::KeyShapes shapes(lexicon::kSpeechVerbs);
  const int row = shapes.find_row(lower);
  return row < 0 ? CueVerb{} : lexicon::kSpeechVerbsRows[row];
}

PronounKind lookup_pronoun(std::string_view lower) {
  static const lexicon::KeyShapes shapes(lexicon::kPronouns);
  const int row = shapes.find_row(lower);
  return row < 0 ? PronounKind::none : lexicon::kPronounsRows[row];
}

bool is_cue_adverb_or_auxiliary(std::string_view lower) {
  return lexicon::contains(lexicon::kCueAdverbs, lower);
}
bool is_determiner(std::string_view lower) {
  static const lexicon::KeyShapes shapes(lexicon::kDeterminers);
  return shapes.contains(lower);
}
bool is_phrase_boundary_word(std::string_view lower) {
  return lexicon::contains(lexicon::kPhraseBoundaries, lower);
}
bool is_speaker_noun(std::string_view lower) { return lexicon::contains(lexicon::kSpeakerNouns, lower); }
bool is_statement_noun(std::string_view lower) {
  return lexicon::contains(lexicon::kStatementNouns, lower);
}

}  // namespace lede
