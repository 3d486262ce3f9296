// The attribution patterns' closed word lists (see quote_words.h), looked up in the tables
// tools/gen-lexicon.py compiles from core/data/noun_like_verbs.txt, infinitive_verbs.txt,
// claim_nouns.txt, of_phrase_heads.txt, person_roles.txt, organisation_nouns.txt, person_nouns.txt,
// not_speakers.txt, ly_not_adverbs.txt and function_words.txt.
#include "lexicon/quote_words.h"

#include "lexicon/coref_lexicon.h"
#include "lexicon/cues.h"
#include "lexicon/generated_tables.h"

namespace lede {

bool noun_like_verb(std::string_view w) { return lexicon::contains(lexicon::kNounLikeVerbs, w); }

bool wants_infinitive(std::string_view w) { return lexicon::contains(lexicon::kInfinitiveVerbs, w); }

bool is_claim_noun(std::string_view w) { return lexicon::contains(lexicon::kClaimNouns, w); }

bool heads_of_phrase(std::string_view w) {
  return lexicon::contains(lexicon::kOfPhraseHeads, w) || is_speaker_noun(w) || is_office_title(w);
}

bool is_organisation_noun(std::string_view w) { return lexicon::contains(lexicon::kOrganisationNouns, w); }
bool is_person_noun(std::string_view w) { return lexicon::contains(lexicon::kPersonNouns, w); }

bool is_person_role(std::string_view w) {
  if (lexicon::contains(lexicon::kPersonRoles, w)) return true;
  Gender unused;
  return is_office_title(w) ||
         (is_title_word(w, &unused) && !is_title_modifier(w) && w.find('.') == std::string_view::npos);
}

bool not_a_speaker(std::string_view w) {
  if (lexicon::contains(lexicon::kNotSpeakers, w)) return true;
  // Manner adverbs ("formally said"), but for nouns in -ly.
  return w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0 &&
         !lexicon::contains(lexicon::kLyNotAdverbs, w);
}

bool is_function_word(std::string_view w) {
  static const lexicon::KeyShapes shapes(lexicon::kFunctionWords);
  return shapes.contains(w);
}

}  // namespace lede
