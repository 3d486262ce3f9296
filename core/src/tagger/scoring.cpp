// Scoring groups of feature keys (the word cache's parts, the rare token with too many keys).
#include "tagger/scoring.h"

#include <algorithm>

namespace lede {

namespace {

// score_key_groups for W lanes. Keys are random positions in tables of a few MB: the slots of a
// chunk of keys are prefetched first, then their rows, so that the cache misses overlap instead of
// queueing. W = the lanes summed, (stage_count - first_stage) * kLabels: a constant, so that adding
// a group's lanes is a few vector instructions. A group's sums are written by its first run of
// rows and added to by the others; only a group with none is zeroed (in wasm a fill is a call).
template <int W>
void score_key_groups(const TaggerModel& model, const uint32_t* keys, const size_t* ends, int n_groups,
                      int first_stage, int32_t* sums, size_t stride) {
  constexpr size_t kChunk = 64;
  uint64_t written = 0;  // by group
  auto first_write = [&written](int group) {
    const bool first = !(written & (uint64_t{1} << group));
    written |= uint64_t{1} << group;
    return first;
  };
  const uint8_t* found[kChunk];
  int group_of[kChunk];
  uint32_t present[kChunk];
  int present_group[kChunk];
  const size_t n_keys = n_groups ? ends[n_groups - 1] : 0;
  int g = 0;
  for (size_t chunk = 0; chunk < n_keys;) {
    const size_t chunk_end = std::min(n_keys, chunk + kChunk);
    size_t n_present = 0;
    for (size_t k = chunk; k < chunk_end; ++k) {
      while (k >= ends[g]) ++g;
      if (!model.may_have(keys[k])) continue;
      __builtin_prefetch(model.slot_address(keys[k]));
      present_group[n_present] = g;
      present[n_present++] = keys[k];
    }
    chunk = chunk_end;
    size_t n_found = 0;
    for (size_t p = 0; p < n_present; ++p) {
      const uint8_t* record = model.find(present[p]);
      if (!record) continue;
      __builtin_prefetch(record);
      group_of[n_found] = present_group[p];
      found[n_found++] = record;
    }
    // Runs of rows of one group, summed together.
    for (size_t r = 0; r < n_found;) {
      size_t e = r + 1;
      while (e < n_found && group_of[e] == group_of[r]) ++e;
      int32_t* out = sums + group_of[r] * stride;
      if (first_write(group_of[r])) {
        sum_records<W>(found + r, e - r, first_stage, out);
      } else {
        int32_t part[W];
        sum_records<W>(found + r, e - r, first_stage, part);
        for (int y = 0; y < W; ++y) out[y] += part[y];
      }
      r = e;
    }
  }
  for (int group = 0; group < n_groups; ++group) {
    if (first_write(group)) std::fill(sums + group * stride, sums + group * stride + W, 0);
  }
}

}  // namespace

void score_key_groups(const TaggerModel& model, const uint32_t* keys, const size_t* ends, int n_groups,
                      int first_stage, int32_t* sums, size_t stride) {
  if (model.stage_count() - first_stage == 2) {
    score_key_groups<2 * ner::kLabels>(model, keys, ends, n_groups, first_stage, sums, stride);
  } else {
    score_key_groups<ner::kLabels>(model, keys, ends, n_groups, first_stage, sums, stride);
  }
}

void score_keys(const TaggerModel& model, const uint32_t* begin, const uint32_t* end, int first_stage,
                int32_t* sums) {
  const size_t ends[1] = {static_cast<size_t>(end - begin)};
  score_key_groups(model, begin, ends, 1, first_stage, sums, 0);
}

bool set_scalar_weight_sums(bool scalar) {
  const bool was = scalar_sums;
  scalar_sums = scalar;
  return was;
}

}  // namespace lede
