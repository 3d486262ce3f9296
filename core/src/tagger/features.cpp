// The keys of the parts of a token's features that depend on one word alone or on its shapes.
#include "tagger/features.h"

namespace lede {
namespace ner {

int self_keys(const WordInfo& t, const SelfFacts& self, uint32_t* out) {
  int n_out = 0;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };
  add(T_BIAS, 0);
  add(T_W, t.wnorm);
  add(T_FORM, t.form);
  for (int k = 0; k < 4; ++k) {
    if (self.prefix[k]) add(T_PRE + k, self.prefix[k]);
    if (self.suffix[k]) add(T_SUF + k, self.suffix[k]);
  }
  add(T_SHAPE, self.shape);
  add(T_SS, t.short_shape);
  add(T_LEN, t.length * 16 + t.cap);
  for (uint32_t bits = t.lex & kLexiconMask; bits; bits &= bits - 1) {
    const int bit = __builtin_ctz(bits);
    add(T_LEX0, bit);
    add(T_LEX0_CAP, bit * 16 + t.cap);
  }
  add_cluster_keys(T_CL0, t.cluster, {4u, 8u, 12u}, add);
  return n_out;
}

int neighbour_keys(int part, const WordInfo* w, uint32_t* out) {
  int n_out = 0;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };
  const uint64_t wnorm = w ? w->wnorm : kBoundary;
  switch (part) {
    case 3: add(T_WM2, wnorm); break;  // parts 3 and 4: one key each (kOneKeyParts)
    case 4: add(T_WP2, wnorm); break;
    default: {
      const bool prev = part == 1;
      add(prev ? T_WM1 : T_WP1, wnorm);
      add(prev ? T_SS_M1 : T_SS_P1, w ? w->short_shape : kBoundary);
      if (!w) break;
      for (uint32_t bits = w->lex & kLexiconMask; bits; bits &= bits - 1) {
        add(prev ? T_LEXM1 : T_LEXP1, static_cast<uint64_t>(__builtin_ctz(bits)));
      }
      add_cluster_keys(prev ? T_CLM1 : T_CLP1, w->cluster, {8u}, add);
    }
  }
  return n_out;
}

uint64_t ShapeContext::hash() const {
  uint64_t h = combine(combine(short_shape[0], short_shape[1]), short_shape[2]);
  return combine(h, (uint64_t{cap[0]} << 24) | (uint64_t{cap[1]} << 16) | (uint64_t{cap[2]} << 8) | context);
}

int shape_keys(const ShapeContext& c, uint32_t* out) {
  int n_out = 0;
  auto add = [&](uint32_t tmpl, uint64_t v) { out[n_out++] = make_key(tmpl, v); };
  add(T_SS_M1_0, combine(c.short_shape[0], c.short_shape[1]));
  add(T_SS_0_P1, combine(c.short_shape[1], c.short_shape[2]));
  add(T_SS_TRI, combine(combine(c.short_shape[0], c.short_shape[1]), c.short_shape[2]));
  add(T_CAP_CTX, c.cap[1] * 16 + c.context);
  add(T_CAPS3, (uint64_t{c.cap[0]} * 16 + c.cap[1]) * 16 + c.cap[2]);
  return n_out;
}

void shape_keys(const ShapeContext& shape, std::vector<uint32_t>* keys) {
  uint32_t out[kMaxShapeKeys];
  const int n_out = shape_keys(shape, out);
  keys->insert(keys->end(), out, out + n_out);
}

void neighbour_part_keys(int part, const WordInfo* info, std::vector<uint32_t>* keys) {
  uint32_t out[kMaxWordKeys];
  const int n_out = neighbour_keys(part, info, out);
  keys->insert(keys->end(), out, out + n_out);
}

}  // namespace ner
}  // namespace lede
