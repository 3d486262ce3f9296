// Decoding: the best label sequence of one sentence under the BILOU constraints (Viterbi).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tagger/labels.h"

namespace lede {
namespace ner {

// Viterbi over one sentence. emissions: n x kLabels; transitions: (kLabels+1) x (kLabels+1) with
// row kLabels = start and column kLabels = end. Forbidden transitions are never taken.
// Writes n labels. Score is int32_t (runtime, exact everywhere) or float/double (trainer).
template <typename Score>
void viterbi(const Score* emissions, size_t n, const Score* transitions, uint8_t* out,
             std::vector<Score>* delta_buf, std::vector<uint8_t>* back_buf);
// The runtime's int32_t decoder is vectorised (same decisions).
template <>
void viterbi<int32_t>(const int32_t* emissions, size_t n, const int32_t* transitions, uint8_t* out,
                      std::vector<int32_t>* delta_buf, std::vector<uint8_t>* back_buf);

}  // namespace ner
}  // namespace lede
