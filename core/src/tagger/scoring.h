// Scoring tokens: the weights of a token's feature keys looked up in the model and summed per
// label, with the lookups of consecutive tokens overlapped (score_tokens) so that the cache misses
// of a model of a few MB do not queue.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tagger/model.h"
#include "tagger/weight_sums.h"

namespace lede {

// At most kMaxKeyGroups groups.
constexpr int kMaxKeyGroups = 64;
// Scores of groups of keys: sums[g * stride + (s - first_stage) * L + y] for stages s >= first_stage,
// group g being keys [ends[g - 1], ends[g]) (from keys[0] for g = 0), one table lookup per key
// serving every stage.
void score_key_groups(const TaggerModel& model, const uint32_t* keys, const size_t* ends, int n_groups,
                      int first_stage, int32_t* sums, size_t stride);
// The same for one group: sums[(s - first_stage) * L + y].
void score_keys(const TaggerModel& model, const uint32_t* begin, const uint32_t* end, int first_stage,
                int32_t* sums);

// One token's keys on their way through the model's table (score_tokens).
struct Lookup {
  static constexpr size_t kMaxKeys = 256;  // more (never in practice) are scored the plain way
  static constexpr size_t kMaxKnown = 4;   // records the caller found already (the word cache's)
  size_t n_present = 0, n_known = 0, n_found = 0;
  bool plain = false;
  std::vector<uint32_t> keys;  // only when plain
  uint32_t present[kMaxKeys];
  const uint8_t* found[kMaxKnown + kMaxKeys];  // the known records first
};

// What score_tokens works in, kept from one call to the next: one token's keys, and the lookups of
// the three tokens under way.
struct TokenScoring {
  std::vector<uint32_t> keys;
  Lookup lookups[3];
};

template <typename KeysOf, typename Use>
void score_tokens(const TaggerModel& model, uint32_t a, uint32_t b, int first_stage, TokenScoring* ws,
                  KeysOf keys_of, Use use) {
  constexpr int L = ner::kLabels;
  const int lanes = (model.stage_count() - first_stage) * L;
  for (uint32_t t = a; t < b + 2; ++t) {
    if (t < b) {
      Lookup& l = ws->lookups[t % 3];
      ws->keys.clear();
      l.n_known = keys_of(t, &ws->keys, l.found);
      for (size_t k = 0; k < l.n_known; ++k) __builtin_prefetch(l.found[k]);
      l.plain = ws->keys.size() > Lookup::kMaxKeys;
      if (l.plain) {
        l.keys = ws->keys;
      } else {
        l.n_present = 0;
        for (uint32_t k : ws->keys) {
          if (!model.may_have(k)) continue;
          __builtin_prefetch(model.slot_address(k));
          l.present[l.n_present++] = k;
        }
      }
    }
    if (t > a && t - 1 < b) {
      Lookup& l = ws->lookups[(t - 1) % 3];
      l.n_found = l.n_known;
      if (!l.plain) {
        for (size_t p = 0; p < l.n_present; ++p) {
          const uint8_t* record = model.find(l.present[p]);
          if (!record) continue;
          __builtin_prefetch(record);
          l.found[l.n_found++] = record;
        }
      }
    }
    if (t >= a + 2) {
      const uint32_t i = t - 2;
      Lookup& l = ws->lookups[i % 3];
      int32_t sums[2 * L];
      if (l.plain) {
        score_keys(model, l.keys.data(), l.keys.data() + l.keys.size(), first_stage, sums);
        if (l.n_known) {
          int32_t known[2 * L];
          sum_records(l.found, l.n_known, first_stage, lanes, known);
          for (int y = 0; y < lanes; ++y) sums[y] += known[y];
        }
      } else {
        sum_records(l.found, l.n_found, first_stage, lanes, sums);
      }
      use(i, sums);
    }
  }
}

}  // namespace lede
