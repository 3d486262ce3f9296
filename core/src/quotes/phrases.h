// Cues and the phrases around them: where a word is a speech cue, and the noun phrases that are
// a cue's subject or follow it. Every search is bounded (kWindow, kMaxPhrase tokens).
#pragma once

#include <cstdint>

#include "lexicon/cues.h"
#include "quotes/index.h"

namespace lede {
namespace quotes {

// Tokens [first, end) of a phrase; empty when nothing was found.
struct Phrase {
  uint32_t first = 0, end = 0;
  bool ok() const { return end > first; }
};

// The word at i is a speech cue where it stands (not a noun after a determiner, not passive,
// not "called on", not a capitalised name mid-sentence); sets *verb to its entry when given.
bool cue_at(const TokenIndex& ix, uint32_t i, CueVerb* verb);
// A cue that may introduce a quotation: beliefs and intentions ("hopes", "plans") never do.
bool quote_cue_at(const TokenIndex& ix, uint32_t i, CueVerb* verb);
// "according to" starts at i, outside quotations.
bool according_at(const TokenIndex& ix, uint32_t i);

// A noun phrase starting at k: a pronoun, a run of capitalised words (names with their titles),
// or a determiner with the words after it. Never crosses `limit`, punctuation or a cue verb.
Phrase np_right(const TokenIndex& ix, uint32_t k, uint32_t limit);
// The subject of the cue at c: the phrase ending just before it (adverbs and auxiliaries
// skipped), jumping over an appositive ("Dmitriev, a senior aide, said"); never before
// lower_bound.
Phrase subject_left(const TokenIndex& ix, uint32_t c, uint32_t lower_bound, int depth = 0);
// The subject of a cue. A participle ("..., writing", "on Facebook writing") takes the subject of
// its clause, not the word before it.
Phrase cue_subject(const TokenIndex& ix, uint32_t c, CueForm form, uint32_t lower_bound);
// The speaker after an inverted cue whose next token is k ("said X", "noted NBC's Dante Chinni",
// "said spokeswoman Ann Lee", "said 9/11 widow Terry Strada", "said former South Carolina Gov.
// Jim Hodges", "said one of the witnesses"): a noun phrase, a possessor's name ('s) with the name
// after it, a determiner phrase with "of" and the phrase after it (not a named one), a role word
// with the name after it, or up to eight words of a description (lower-case words, "of",
// numbers, places, titles) before a person's name. Never crosses `limit`.
Phrase speaker_after_inverted_cue(const TokenIndex& ix, uint32_t k, uint32_t limit);
// The first name, pronoun or determiner phrase in [from, to) outside quotations: the subject of
// the sentence for participle cues ("Trump ..., writing that") and coordinated verbs.
Phrase first_np(const TokenIndex& ix, uint32_t from, uint32_t to);

}  // namespace quotes
}  // namespace lede
