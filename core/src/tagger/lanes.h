// Four int32 lanes at a time (GCC/Clang vector extension: SSE2 natively, SIMD128 in wasm), for
// the tagger's score sums and its decoder.
#pragma once

#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lede {

typedef int32_t I32x4 __attribute__((vector_size(16)));

// Four lanes from and to memory anywhere (4-byte aligned), through a vector type that may alias
// any other. Lanes are moved with these, not memcpy or std::copy: in wasm, a copy of more than a
// few words is a call to memcpy, even of a fixed size, and a loop of copies is made into one.
typedef int32_t I32x4u __attribute__((vector_size(16), aligned(4), __may_alias__));
inline I32x4 load4(const int32_t* p) { return *reinterpret_cast<const I32x4u*>(p); }
inline void store4(int32_t* p, I32x4 v) { *reinterpret_cast<I32x4u*>(p) = v; }

// Eight int16 lanes from memory anywhere (2-byte aligned), widened to int32 and added to lo (the
// first four) and hi. Written with each target's own widening: the tagger's loop widening four
// lanes at a time with __builtin_convertvector took 141 M more instructions over the PolNeAR
// texts than with 32-bit lanes (callgrind, GCC 12), this 44 M.
inline void add8_wide(const int16_t* p, I32x4* lo, I32x4* hi) {
#if defined(__wasm_simd128__)
  const v128_t v = wasm_v128_load(p);
  *lo += reinterpret_cast<I32x4>(wasm_i32x4_extend_low_i16x8(v));
  *hi += reinterpret_cast<I32x4>(wasm_i32x4_extend_high_i16x8(v));
#elif defined(__SSE2__)
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  *lo += reinterpret_cast<I32x4>(_mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
  *hi += reinterpret_cast<I32x4>(_mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
#else
  for (int k = 0; k < 4; ++k) {
    (*lo)[k] += p[k];
    (*hi)[k] += p[4 + k];
  }
#endif
}

}  // namespace lede
