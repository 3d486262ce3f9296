// Quotations, their cues and their speakers: the quotes stage. Its room:
//   index.{h,cpp}        a read-only index over the tokens (and QuoteInput, what the stage reads)
//   marks.{h,cpp}        quotation marks paired into quotations
//   kinds.{h,cpp}        direct or partial; titles of shows and books that are not quotations
//   phrases.{h,cpp}      cues and the noun phrases around them
//   attribution.{h,cpp}  one function per attribution pattern around a quotation with marks
//   reported.{h,cpp}     reported speech without marks, one function per pattern
//   cue_model.{h,cpp}    the attribution model: reported-speech cues and the source ranking
//   sources.{h,cpp}      the candidate speakers of a cue, ranked by the model
//   speakers.{h,cpp}     speaker phrases resolved to entities
//   quotes.{h,cpp}       the stage, top to bottom
//
// 1. Quotation marks: see marks.h.
// 2. Kinds: `direct` when the quotation stands as a statement of its own (it opens the sentence
//    or follows a colon or a comma, or is followed by its cue); `partial` for quoted words inside
//    the writer's sentence; short Title Case quotations with no cue around them are taken to be
//    titles of shows or books and are not reported. `indirect` quotes are reported clauses
//    without marks (reported.h); their span is the reported clause.
//    Reported beliefs and intentions ("hopes that", "plans to") are indirect quotes too; those
//    verbs never attach to quotations.
// 3. Speakers: the attribution patterns (attribution.h) find the speaker's phrase; where there
//    is a cue, that phrase is one candidate among those around the cue and the learned ranking
//    (sources.h) picks one; speakers.h resolves it to an entity. A quotation without a cue inherits the speaker of the quotation
//    before it in its paragraph, or of the previous paragraph's last attribution when it fills
//    its own paragraph; a quotation opening its sentence with no cue continues the previous
//    sentence's subject; quoted words in a sentence without any cue go to the sentence's subject.
//    Both fallbacks need that subject to name a person or organisation. Each part of a quotation
//    running over several paragraphs shares one speaker.
// Every search around a quotation or cue is bounded (a few dozen tokens), so the whole stage runs
// in time linear in the text whatever its marks.
#pragma once

#include <vector>

#include "lede/lede.h"
#include "quotes/index.h"

namespace lede {

// The quotations of a text, in text order, numbered from 0. `input.facts` must be the facts of
// `input.entities` (entities/facts.h).
std::vector<Quote> find_quotes(const QuoteInput& input);

}  // namespace lede
