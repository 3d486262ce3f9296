// The named-entity tagger's labels: BILOU over the four CoNLL types, which label may follow which,
// and the conversion between label sequences and spans. Shared by the runtime and the trainer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lede {
namespace ner {

// 0 = O; then for type t (PER, ORG, LOC, MISC = 0..3): 1+4t+part, part B=0 I=1 L=2 U=3.
constexpr int kTypes = 4;
constexpr int kLabels = 1 + 4 * kTypes;
constexpr int kPartB = 0, kPartI = 1, kPartL = 2, kPartU = 3;
constexpr int label_of(int type, int part) { return 1 + 4 * type + part; }
constexpr int label_type(int label) { return label == 0 ? -1 : (label - 1) / 4; }
constexpr int label_part(int label) { return label == 0 ? -1 : (label - 1) % 4; }
// CoNLL type names, in type order.
const char* type_name(int type);

// `from` may be kLabels (the sentence start), `to` may be kLabels (the sentence end).
bool transition_allowed(int from, int to);

// Converts a label sequence into [first, end) spans with types. Tolerates ill-formed input (it only
// ever sees Viterbi output, but the trainer also feeds it gold sequences).
struct LabelSpan {
  uint32_t first, end;
  int type;
};
void labels_to_spans(const uint8_t* labels, size_t n, uint32_t offset, std::vector<LabelSpan>* out);
// Writes BILOU labels for spans into labels[0, n) (which the caller has zeroed).
void spans_to_labels(const std::vector<LabelSpan>& spans, uint32_t offset, uint8_t* labels);

}  // namespace ner
}  // namespace lede
