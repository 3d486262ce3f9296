// Reported speech without marks (`indirect` quotes): a reported clause and who reports it.
// The cues are the learned model's (cue_model.h): every token of a sentence it scores as a cue
// (not already the cue of a direct quotation) reports a clause, so a sentence may hold several.
// A cue inside such a clause is part of it and, reporting forward, reports its own clause inside
// it too (a nested statement: "Ortiz said the ministry warned the bridge would close"), when it
// is a reporting verb of the lexicon or a word the model is sure of; an attribution closing the
// sentence after a comma ("…, according to a campaign aide.", "…, sources said.") reports all
// before it, and the inner clauses end at the comma. For each cue, the patterns, those on
// the side the model puts the content tried first:
//   SPEAKER CUE [OBJECT] (that) CLAUSE        "Ortiz told reporters that the bridge …"
//   CLAUSE, SPEAKER CUE  (or SPEAKER, CUE, CLAUSE with the attribution in the middle)
//   CLAUSE, CUE SPEAKER                       "…, said the ministry."
//   CUE-ING WORDS, SPEAKER VERB …             "Citing an unfounded theory, Trump accused …"
// and when none matches, the clause on the model's side ("He said raising the limit was …"). "according
// to SPEAKER, CLAUSE" / "CLAUSE, according to SPEAKER" wherever they stand; SPEAKER's CLAIM-NOUN
// that CLAUSE ("Trump's claim that …") in a sentence with no cue. Reported beliefs and intentions ("hopes that",
// "plans to") are reported speech too. The clause never includes the sentence's final
// punctuation, and a clause that is all quotation is left to the quotation.
#pragma once

#include <cstdint>
#include <vector>

#include "quotes/attribution.h"
#include "quotes/cue_model.h"
#include "quotes/index.h"

namespace lede {
namespace quotes {

// A reported clause, tokens [first, end), and its speaker and cue.
struct ReportedClause {
  uint32_t first = 0, end = 0;
  Attribution who;
};

// The reported clauses of the text, in sentence order. `cue_of_direct` marks the tokens that are
// the cue of a direct quotation: they report that quotation, not a clause.
std::vector<ReportedClause> find_reported_speech(const TokenIndex& ix, const std::vector<uint8_t>& cue_of_direct,
                                                 const CueModel& model);

}  // namespace quotes
}  // namespace lede
