// The tagger's labels: type names, the BILOU transition rule, spans from and to labels.
#include "tagger/labels.h"

namespace lede {
namespace ner {

const char* type_name(int type) {
  static const char* const kNames[kTypes] = {"PER", "ORG", "LOC", "MISC"};
  return type >= 0 && type < kTypes ? kNames[type] : "O";
}

bool transition_allowed(int from, int to) {
  // After O, L-x, U-x or at the start, a name may begin (B or U) or not (O); after B-x or I-x the
  // same name must go on (I-x) or finish (L-x).
  bool from_open = from != kLabels && from != 0 &&
                   (label_part(from) == kPartB || label_part(from) == kPartI);
  if (to == kLabels) return !from_open;
  if (to == 0) return !from_open;
  int part = label_part(to);
  if (part == kPartB || part == kPartU) return !from_open;
  return from_open && label_type(from) == label_type(to);
}

void labels_to_spans(const uint8_t* labels, size_t n, uint32_t offset, std::vector<LabelSpan>* out) {
  size_t i = 0;
  while (i < n) {
    int y = labels[i];
    if (y == 0 || y >= kLabels) {
      ++i;
      continue;
    }
    int type = label_type(y);
    size_t j = i + 1;
    if (label_part(y) == kPartB || label_part(y) == kPartI) {
      while (j < n && labels[j] != 0 && labels[j] < kLabels && label_type(labels[j]) == type &&
             (label_part(labels[j]) == kPartI || label_part(labels[j]) == kPartL)) {
        bool last = label_part(labels[j]) == kPartL;
        ++j;
        if (last) break;
      }
    }
    out->push_back({static_cast<uint32_t>(offset + i), static_cast<uint32_t>(offset + j), type});
    i = j;
  }
}

void spans_to_labels(const std::vector<LabelSpan>& spans, uint32_t offset, uint8_t* labels) {
  for (const LabelSpan& s : spans) {
    uint32_t a = s.first - offset, b = s.end - offset;
    if (b - a == 1) {
      labels[a] = static_cast<uint8_t>(label_of(s.type, kPartU));
      continue;
    }
    labels[a] = static_cast<uint8_t>(label_of(s.type, kPartB));
    for (uint32_t k = a + 1; k + 1 < b; ++k) labels[k] = static_cast<uint8_t>(label_of(s.type, kPartI));
    labels[b - 1] = static_cast<uint8_t>(label_of(s.type, kPartL));
  }
}

}  // namespace ner
}  // namespace lede
