// Source selection, learned: who a quotation or reported statement with a cue is attributed to.
// The attribution patterns (attribution.h, reported.h) propose one speaker phrase; here it is one
// candidate among the others of the cue's sentence, near the cue and outside the content: the
// cue's subject (subject_left), the phrase after the cue ("…, said spokeswoman Ann Lee"), the
// sentence's first phrase, every person and organisation named, every subject pronoun, every
// phrase a determiner opens. Each
// candidate's features (where it came from, what it is, its side of the cue and distance, how
// many candidates stand between, its head word, its neighbours, the cue word) are scored by the
// ranking part of the attribution model (cue_model.h: an averaged perceptron trained by
// lede-train-attribution on PolNeAR train, the gold source's candidate against the others); the
// best-scoring candidate speaks. Integer weights, so native and wasm choose alike. Bounded: at
// most kMaxSourceCandidates candidates, within 40 tokens of the cue (kSourceReach in sources.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lede/lede.h"
#include "quotes/cue_model.h"
#include "quotes/index.h"
#include "quotes/phrases.h"

namespace lede {
namespace quotes {

constexpr size_t kMaxSourceCandidates = 24;

// What is attributed: its kind, content tokens [first, end) and cue tokens, and the phrase the
// hand-written patterns chose (possibly empty).
struct SourceSite {
  QuoteKind kind = QuoteKind::direct;
  uint32_t first = 0, end = 0;
  uint32_t cue_first = kNone, cue_end = kNone;
  Phrase rule;
};

// Where a candidate came from (bits; a phrase proposed twice carries both).
enum SourceOrigin : uint32_t {
  kFromRule = 1,          // the attribution pattern's speaker
  kFromSubject = 2,       // the phrase ending before the cue (subject_left)
  kFromAfterCue = 4,      // the phrase right after the cue
  kFromSentenceStart = 8, // the sentence's first phrase (first_np)
  kFromEntity = 16,       // a person or organisation the tagger found
  kFromPronoun = 32,      // a subject pronoun
  kFromNominal = 64,      // a phrase opened by a determiner ("the newspaper", "a spokesman")
};

struct SourceCandidate {
  Phrase phrase;
  uint32_t origins = 0;
};

// The candidates of a site in a fixed order (the pattern's first), no two with the same tokens.
std::vector<SourceCandidate> source_candidates(const TokenIndex& ix, const SourceSite& site);

// The feature keys of candidate i of `all`, appended to *keys (cleared first).
void source_features(const TokenIndex& ix, const SourceSite& site, const std::vector<SourceCandidate>& all,
                     size_t i, std::vector<uint32_t>* keys);

// best_source's answer when the best candidate is a common-noun phrase or a number ("doubling",
// "a feature") scoring below the model's no-speaker threshold: no speaker beats a junk word.
constexpr size_t kNoSpeaker = SIZE_MAX - 1;

// The index of the best-scoring candidate (the first of equals), kNoSpeaker, or SIZE_MAX when
// there are no candidates.
size_t best_source(const TokenIndex& ix, const SourceSite& site, const std::vector<SourceCandidate>& all,
                   const CueModel& model);

// The key under which the model's source section keeps its no-speaker threshold (a weight no
// feature template produces; absent or 0: every attribution with candidates gets a speaker).
uint32_t no_speaker_key();

// For the trainer: one attributed quotation's candidates as byte spans and feature keys, indexed
// like the quotes of the analysis (an empty entry where no candidates were weighed).
struct SourceTraceEntry {
  std::vector<Span> spans;
  std::vector<uint32_t> origins;  // SourceOrigin bits
  std::vector<std::vector<uint32_t>> keys;
};
using SourceTrace = std::vector<SourceTraceEntry>;

}  // namespace quotes
}  // namespace lede
