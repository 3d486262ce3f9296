// lede-train's word-feature dropout: the keys that name words, and which words a step hides.
#include "word_dropout.h"

#include "tagger/features.h"

namespace lede_train {

using namespace lede::ner;

void word_naming_keys(const std::vector<WordInfo>& words, const std::vector<SelfFacts>& self, uint32_t a, uint32_t b,
                      uint32_t i, bool affixes, std::vector<std::pair<uint32_t, uint8_t>>* out) {
  const long li = i;
  auto wn = [&](long j) { return j >= long{a} && j < long{b} ? words[j].wnorm : kBoundary; };
  auto add = [&](uint32_t tmpl, uint64_t v, uint8_t names) { out->emplace_back(make_key(tmpl, v), names); };
  const WordInfo& t = words[i];
  // The self part (features.cpp: self_keys).
  add(T_W, t.wnorm, kNamesSelf);
  add(T_FORM, t.form, kNamesSelf);
  if (affixes) {
    for (int k = 0; k < 4; ++k) {
      if (self[i].prefix[k]) add(T_PRE + k, self[i].prefix[k], kNamesSelf);
      if (self[i].suffix[k]) add(T_SUF + k, self[i].suffix[k], kNamesSelf);
    }
  }
  // The neighbour parts (features.cpp: neighbour_keys).
  add(T_WM1, wn(li - 1), kNamesPrev);
  add(T_WP1, wn(li + 1), kNamesNext);
  add(T_WM2, wn(li - 2), kNamesPrev2);
  add(T_WP2, wn(li + 2), kNamesNext2);
  // The context part (document_features.cpp: context_keys); the position classes are fewer than 8.
  add(T_BI_M1, combine(wn(li - 1), t.wnorm), kNamesPrev | kNamesSelf);
  add(T_BI_P1, combine(t.wnorm, wn(li + 1)), kNamesSelf | kNamesNext);
  add(T_WM1_SS0, combine(wn(li - 1), t.short_shape), kNamesPrev);
  add(T_SS0_WP1, combine(t.short_shape, wn(li + 1)), kNamesNext);
  add(T_WM1_CAP0, combine(wn(li - 1), t.cap), kNamesPrev);
  for (uint64_t context = 1; context < 8; ++context) {
    add(T_W_CTX, combine(t.wnorm, context), kNamesSelf);
    add(T_FORM_CTX, combine(t.form, context), kNamesSelf);
  }
}

void choose_hidden(const WordDropout& dropout, const uint8_t* gold, size_t n, std::mt19937_64* rng,
                   std::vector<uint8_t>* hidden) {
  hidden->assign(n, 0);
  if (!dropout.on()) return;
  std::vector<uint8_t> dropped(n, 0);
  for (size_t i = 0; i < n; ++i) {
    // 53 random bits as a number in [0, 1), the same on every standard library.
    const double u = static_cast<double>((*rng)() >> 11) * 0x1.0p-53;
    dropped[i] = u < dropout.p && (!dropout.names_only || gold[i] != 0);
  }
  for (size_t i = 0; i < n; ++i) {
    uint8_t bits = dropped[i] ? kNamesSelf : 0;
    if (dropout.neighbours) {
      if (i >= 1 && dropped[i - 1]) bits |= kNamesPrev;
      if (i + 1 < n && dropped[i + 1]) bits |= kNamesNext;
      if (i >= 2 && dropped[i - 2]) bits |= kNamesPrev2;
      if (i + 2 < n && dropped[i + 2]) bits |= kNamesNext2;
    }
    (*hidden)[i] = bits;
  }
}

}  // namespace lede_train
