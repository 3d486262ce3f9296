// Who speaks a quotation with marks: the attribution patterns around it, one function each
// (attribution.cpp), tried in a fixed order by attribute_quoted. The speaker is the subject of
// the cue: “…,” X said / “…,” said X / X said: “…” / X said, “…” / X: “…” / X told Y: “…” /
// “…” ― X (a byline); an appositive is skipped ("Dmitriev, a senior aide, said") unless it is
// the person ("Trump's attorney, Alan Garten, said": Garten); a transcript's label opening the
// quotation ("“PENCE: Well, …”") speaks; for quoted words, the nearest cue of
// the sentence ("X's claim that …" makes X the speaker). A participle ("…, saying") takes the
// subject of its clause. A colon with no cue before it hands the quotation to the last person
// named before it.
#pragma once

#include <cstdint>

#include "quotes/index.h"
#include "quotes/marks.h"
#include "quotes/phrases.h"

namespace lede {
namespace quotes {

// A speaker phrase and the cue tokens [cue_first, cue_end) that name it.
struct Attribution {
  Phrase speaker;
  uint32_t cue_first = kNone, cue_end = kNone;
  bool has_cue() const { return cue_first != kNone; }
};

// A transcript's speaker label at `first`: one to three words in capitals ("PENCE", "MR. SMITH",
// "JAKE TAPPER") followed by a colon before `limit`. Returns the colon's token, or kNone.
uint32_t transcript_label_end(const TokenIndex& ix, uint32_t first, uint32_t limit);

// The first attribution pattern that matches around the quotation, or an empty one.
Attribution attribute_quoted(const TokenIndex& ix, const MarkSpan& quotation);

// For a quotation with no cue around it (the stage decides when these apply):
// the previous sentence's subject when it names a person or organisation ("Sanders identified X
// as Y. “The younger people are ...”"), else an empty phrase;
Phrase subject_of_previous_sentence(const TokenIndex& ix, uint32_t open);
// the subject of the quoted words' own sentence before the opening mark, when it names a person
// or organisation (any phrase in a headline: "Obama Sees ‘…’") or is a pronoun, else empty.
Phrase subject_before_quoted_words(const TokenIndex& ix, uint32_t open);
// Whether the phrase holds a person or organisation the tagger found.
bool names_someone(const TokenIndex& ix, Phrase sp);

}  // namespace quotes
}  // namespace lede
