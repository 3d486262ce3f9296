// Quotations, their cues and their speakers.
//
// 1. Quotation marks are paired in one left-to-right pass with a tiny stack (at most one open mark
//    per family: double “”"„«», single ‘’'‚‹›, CJK 「」『』), so any input pairs in linear time.
//    A mark's direction comes from its glyph and its spacing; a closing single mark with nothing
//    open is an apostrophe (the Clintons’ plan). Single-quote openings expire at the end of their
//    sentence; double-quote openings at the end of their paragraph, unless the next paragraph
//    opens with the same family (a quotation running over several paragraphs: each paragraph's
//    part is its own quote and they share one speaker). An unclosed mark that opens a paragraph
//    quotes to the paragraph's end; any other unclosed mark is dropped, so a stray mark never
//    swallows the article. Marks nested inside a quotation stay part of its text.
// 2. Kinds: `direct` when the quotation stands as a statement of its own (it opens the sentence
//    or follows a colon or a comma, or is followed by its cue); `partial` for quoted words inside
//    the writer's sentence; short Title Case quotations with no cue around them are taken to be
//    titles of shows or books and are not reported. `indirect` quotes are reported clauses
//    without marks: SPEAKER CUE (that) CLAUSE, "according to SPEAKER, CLAUSE", "CLAUSE, SPEAKER
//    said"; their span is the reported clause.
//    Reported beliefs and intentions ("hopes that", "plans to") are indirect quotes too; those
//    verbs never attach to quotations.
// 3. Speakers are the subject of the cue: “…,” X said / “…,” said X / X said: “…” / X said, “…” /
//    X: “…” / X told Y that … / “…” ― X (a byline); an appositive is skipped ("Dmitriev, a
//    senior aide, said") unless it is the person ("Trump's attorney, Alan Garten, said": Garten);
//    a common-noun subject runs on over "of" to its head ("74 percent of voters", "the head of
//    the agency"); for quoted words, the nearest cue of the sentence ("X's claim that …" makes X
//    the speaker). A participle ("…, saying") takes the subject of its clause. A colon with no cue
//    before it hands the quotation to the last person named before it. Pronouns resolve to the
//    nearest compatible entity outside quotations, preferring the first one of the nearest
//    sentence (its subject): he/she by the gender of titles and first names, it/they to
//    organisations. A title standing alone ("the mayor", "the senator" after "Sen. …") is the one
//    person the article names with that office, if that person is the last one named before it
//    (a role such as "the candidate" is not resolved). A phrase headed by a person's role is not
//    the place, nationality or person in it ("the Florida senator", "Trump's campaign manager");
//    an organisation speaks through its people ("a Kremlin spokesman"). A quotation without a
//    cue inherits the speaker of the quotation before it in its paragraph, or of the previous
//    paragraph's last attribution when it fills its own paragraph; a quotation opening its
//    sentence with no cue continues the previous sentence's subject; quoted words in a sentence
//    without any cue go to the sentence's subject. Both fallbacks need that subject to name a
//    person or organisation. `speaker.mention` is the phrase at the cue (possibly the pronoun).
// Every search around a quotation or cue is bounded (a few dozen tokens), so the whole stage runs
// in time linear in the text whatever its marks.
#pragma once

#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

std::vector<Quote> find_quotes(std::string_view text, const Analysis& analysis);

}  // namespace lede
