// Summing weight records into score lanes: the tagger's innermost loop. A record (model.h) is a
// label mask and one int16 weight per set bit; where there is SIMD, eight weights at a time are
// spread to their lanes by one byte shuffle. Inline, so that the scoring loops that call these
// for every token (scoring.h, tagger.cpp) keep them in registers.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "tagger/lanes.h"
#include "tagger/model.h"

namespace lede {

// For each value of a byte of a record's mask: the byte shuffle that spreads its weights (packed,
// in bit order) over the eight 16-bit lanes whose bits are set, zeros elsewhere (0x80 makes
// wasm's swizzle and x86's pshufb both write a zero), and how many weights it has.
struct ExpandTable {
  uint8_t shuffle[256][16];
  uint8_t count[256];
};
constexpr ExpandTable make_expand_table() {
  ExpandTable t{};
  for (int b = 0; b < 256; ++b) {
    int rank = 0;
    for (int i = 0; i < 8; ++i) {
      if ((b >> i) & 1) {
        t.shuffle[b][2 * i] = static_cast<uint8_t>(2 * rank);
        t.shuffle[b][2 * i + 1] = static_cast<uint8_t>(2 * rank + 1);
        ++rank;
      } else {
        t.shuffle[b][2 * i] = t.shuffle[b][2 * i + 1] = 0x80;
      }
    }
    t.count[b] = static_cast<uint8_t>(rank);
  }
  return t;
}
alignas(16) inline constexpr ExpandTable kExpand = make_expand_table();

// A record's mask from stage first_stage on (bit (s - first_stage) * kLabels + y), and where that
// stage's weights begin.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "model records are read as little-endian words");
static_assert(TaggerModel::kMaxStages * ner::kLabels <= 16 * ner::kRecordMaskWords, "the mask words hold every stage");

// Whether sum_records adds one weight at a time, as builds without SIMD do (set_scalar_weight_sums).
inline bool scalar_sums = false;
// For tests: sum the model's weights one at a time rather than eight lanes at a time (not
// thread-safe: set it before tagging). Returns the previous setting.
bool set_scalar_weight_sums(bool scalar);
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__wasm_simd128__)
// Every x86-64 processor since 2006 has SSSE3; the baseline the binary is built for does not.
inline const bool kHasSsse3 = __builtin_cpu_supports("ssse3");
#endif

// The kernels have internal linkage, as they had when they and their callers were one file: GCC
// then makes copies of them for each caller's constant arguments (the stage, the lane count),
// which an inline function of external linkage did not get (0.4% more instructions over the
// benchmark's corpus, measured with callgrind).
namespace {

// to[0, W) = from[0, W): four lanes at a time, written out (no loop to be made into a call).
template <int W, size_t... K>
inline void copy_lanes(const int32_t* from, int32_t* to, std::index_sequence<K...>) {
  (store4(to + 4 * K, load4(from + 4 * K)), ...);
  for (int y = 4 * (W / 4); y < W; ++y) to[y] = from[y];
}
template <int W>
inline void copy_lanes(const int32_t* from, int32_t* to) {
  copy_lanes<W>(from, to, std::make_index_sequence<W / 4>());
}

inline uint64_t record_mask(const uint8_t* record, int first_stage, const uint8_t** weights) {
  uint64_t mask;
  std::memcpy(&mask, record, sizeof mask);  // the first weight comes too; dropped
  mask &= (uint64_t{1} << (TaggerModel::kMaxStages * ner::kLabels)) - 1;
  const uint8_t* w = record + 2 * ner::kRecordMaskWords;
  for (int s = 0; s < first_stage; ++s) {
    const uint64_t stage = mask & ((uint64_t{1} << ner::kLabels) - 1);
    w += 2 * (kExpand.count[stage & 0xFF] + kExpand.count[(stage >> 8) & 0xFF] + kExpand.count[stage >> 16]);
    mask >>= ner::kLabels;
  }
  *weights = w;
  return mask;
}

// sums[0, W) = the sum of the records' weights of stages first_stage and after: one weight at a
// time here; where there is SIMD, a record's weights are spread to their lanes eight at a time by
// one byte shuffle each, with no branch on how many there are, and added to int32 sums kept in
// registers. The records are followed by 16 zero bytes, room for the 16-byte reads.
template <int W>
void sum_records_scalar(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  std::fill(sums, sums + W, 0);
  for (size_t r = 0; r < n_records; ++r) {
    const uint8_t* w;
    for (uint64_t mask = record_mask(records[r], first_stage, &w); mask; mask &= mask - 1, w += 2) {
      int16_t v;
      std::memcpy(&v, w, sizeof v);
      sums[__builtin_ctzll(mask)] += v;
    }
  }
}


#if defined(__wasm_simd128__)
template <int W>
void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  if (scalar_sums) return sum_records_scalar<W>(records, n_records, first_stage, sums);
  constexpr int G = (W + 7) / 8;
  v128_t lo[G], hi[G];
  for (int g = 0; g < G; ++g) lo[g] = hi[g] = wasm_i32x4_splat(0);
  for (size_t r = 0; r < n_records; ++r) {
    const uint8_t* w;
    const uint64_t mask = record_mask(records[r], first_stage, &w);
    for (int g = 0; g < G; ++g) {
      const unsigned b = static_cast<unsigned>(mask >> (8 * g)) & 0xFF;
      const v128_t e = wasm_i8x16_swizzle(wasm_v128_load(w), wasm_v128_load(kExpand.shuffle[b]));
      lo[g] = wasm_i32x4_add(lo[g], wasm_i32x4_extend_low_i16x8(e));
      hi[g] = wasm_i32x4_add(hi[g], wasm_i32x4_extend_high_i16x8(e));
      w += 2 * kExpand.count[b];
    }
  }
  int32_t all[8 * G];
  for (int g = 0; g < G; ++g) {
    wasm_v128_store(all + 8 * g, lo[g]);
    wasm_v128_store(all + 8 * g + 4, hi[g]);
  }
  copy_lanes<W>(all, sums);
}
#elif defined(__x86_64__) && defined(__GNUC__)
template <int W>
__attribute__((target("ssse3"))) void sum_records_ssse3(const uint8_t* const* records, size_t n_records,
                                                        int first_stage, int32_t* sums) {
  constexpr int G = (W + 7) / 8;
  __m128i lo[G], hi[G];
  for (int g = 0; g < G; ++g) lo[g] = hi[g] = _mm_setzero_si128();
  for (size_t r = 0; r < n_records; ++r) {
    const uint8_t* w;
    const uint64_t mask = record_mask(records[r], first_stage, &w);
    for (int g = 0; g < G; ++g) {
      const unsigned b = static_cast<unsigned>(mask >> (8 * g)) & 0xFF;
      const __m128i e = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w)),
                                         _mm_load_si128(reinterpret_cast<const __m128i*>(kExpand.shuffle[b])));
      // Sign-extended halves: each lane to the high half of an int32, shifted back down.
      lo[g] = _mm_add_epi32(lo[g], _mm_srai_epi32(_mm_unpacklo_epi16(e, e), 16));
      hi[g] = _mm_add_epi32(hi[g], _mm_srai_epi32(_mm_unpackhi_epi16(e, e), 16));
      w += 2 * kExpand.count[b];
    }
  }
  alignas(16) int32_t all[8 * G];
  for (int g = 0; g < G; ++g) {
    _mm_store_si128(reinterpret_cast<__m128i*>(all + 8 * g), lo[g]);
    _mm_store_si128(reinterpret_cast<__m128i*>(all + 8 * g + 4), hi[g]);
  }
  std::memcpy(sums, all, W * sizeof(int32_t));
}
template <int W>
void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  if (kHasSsse3 && !scalar_sums) {
    sum_records_ssse3<W>(records, n_records, first_stage, sums);
  } else {
    sum_records_scalar<W>(records, n_records, first_stage, sums);
  }
}
#else
template <int W>
void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  sum_records_scalar<W>(records, n_records, first_stage, sums);
}
#endif

inline void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int lanes, int32_t* sums) {
  if (lanes == 2 * ner::kLabels) {
    sum_records<2 * ner::kLabels>(records, n_records, first_stage, sums);
  } else {
    sum_records<ner::kLabels>(records, n_records, first_stage, sums);
  }
}

}  // namespace

}  // namespace lede
