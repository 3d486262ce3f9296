// Four int32 lanes at a time (GCC/Clang vector extension: SSE2 natively, SIMD128 in wasm), for
// the tagger's score sums and its decoder.
#pragma once

#include <cstdint>

namespace lede {

typedef int32_t I32x4 __attribute__((vector_size(16)));

// Four lanes from and to memory anywhere (4-byte aligned), through a vector type that may alias
// any other. Lanes are moved with these, not memcpy or std::copy: in wasm, a copy of more than a
// few words is a call to memcpy, even of a fixed size, and a loop of copies is made into one.
typedef int32_t I32x4u __attribute__((vector_size(16), aligned(4), __may_alias__));
inline I32x4 load4(const int32_t* p) { return *reinterpret_cast<const I32x4u*>(p); }
inline void store4(int32_t* p, I32x4 v) { *reinterpret_cast<I32x4u*>(p) = v; }

// Four int16 lanes from memory anywhere (2-byte aligned), widened to int32.
typedef int16_t I16x4u __attribute__((vector_size(8), aligned(2), __may_alias__));
typedef int16_t I16x4 __attribute__((vector_size(8)));
inline I32x4 load4_wide(const int16_t* p) {
  return __builtin_convertvector(static_cast<I16x4>(*reinterpret_cast<const I16x4u*>(p)), I32x4);
}

}  // namespace lede
