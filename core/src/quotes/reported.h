// Reported speech without marks (`indirect` quotes): a reported clause and who reports it.
// Patterns, tried in this order in each sentence, the first match the sentence's only one:
// for each reporting cue of the sentence (one not already the cue of a direct quotation),
//   SPEAKER CUE [OBJECT] (that) CLAUSE        "Ortiz told reporters that the bridge …"
//   CLAUSE, SPEAKER CUE  (or SPEAKER, CUE, CLAUSE with the attribution in the middle)
//   CLAUSE, CUE SPEAKER                       "…, said the ministry."
// then SPEAKER's CLAIM-NOUN that CLAUSE ("Trump's claim that …"), then "according to SPEAKER,
// CLAUSE" / "CLAUSE, according to SPEAKER". Reported beliefs and intentions ("hopes that",
// "plans to") are reported speech too. The clause never includes the sentence's final
// punctuation, and a clause that is all quotation is left to the quotation.
#pragma once

#include <cstdint>
#include <vector>

#include "quotes/attribution.h"
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
std::vector<ReportedClause> find_reported_speech(const TokenIndex& ix, const std::vector<uint8_t>& cue_of_direct);

}  // namespace quotes
}  // namespace lede
