// Viterbi decoding: the generic decoder (the trainer's float and double scores) and the runtime's
// vectorised int32 one, which makes the same decisions.
#include "tagger/viterbi.h"

#include <algorithm>
#include <array>
#include <limits>

#include "tagger/lanes.h"

namespace lede {
namespace ner {

namespace {

// For every label, the labels allowed right before it (9 for O/B/U, 2 for I/L).
struct AllowedTransitions {
  uint8_t prev[kLabels][kLabels];
  uint8_t n_prev[kLabels];
  bool from_start[kLabels];
  bool to_end[kLabels];
  AllowedTransitions() {
    for (int y = 0; y < kLabels; ++y) {
      n_prev[y] = 0;
      for (int p = 0; p < kLabels; ++p)
        if (transition_allowed(p, y)) prev[y][n_prev[y]++] = static_cast<uint8_t>(p);
      from_start[y] = transition_allowed(kLabels, y);
      to_end[y] = transition_allowed(y, kLabels);
    }
  }
};

}  // namespace

template <typename Score>
void viterbi(const Score* em, size_t n, const Score* tr, uint8_t* out, std::vector<Score>* delta_buf,
             std::vector<uint8_t>* back_buf) {
  if (n == 0) return;
  constexpr int L = kLabels;
  static const AllowedTransitions allowed;
  delta_buf->resize(n * L);
  back_buf->resize(n * L);
  Score* delta = delta_buf->data();
  uint8_t* back = back_buf->data();
  // Unreachable states (I/L at the start) get a score far below any real one but far above the
  // type's limit, so that sums need no checks. Each column is shifted so that its best state is
  // 0, which keeps integer scores bounded however long the sentence (and changes no decision).
  const Score kNone = std::numeric_limits<Score>::lowest() / 4;
  // The allowed transitions' weights, gathered per target label.
  Score tr_in[L][L];
  for (int y = 0; y < L; ++y)
    for (int k = 0; k < allowed.n_prev[y]; ++k) tr_in[y][k] = tr[allowed.prev[y][k] * (L + 1) + y];
  Score column_best = kNone;
  for (int y = 0; y < L; ++y) {
    delta[y] = allowed.from_start[y] ? em[y] + tr[L * (L + 1) + y] : kNone;
    if (delta[y] > column_best) column_best = delta[y];
    back[y] = 0;
  }
  for (int y = 0; y < L; ++y)
    if (allowed.from_start[y]) delta[y] -= column_best;
  for (size_t i = 1; i < n; ++i) {
    const Score* prev = delta + (i - 1) * L;
    Score* cur = delta + i * L;
    uint8_t* bk = back + i * L;
    column_best = kNone;
    for (int y = 0; y < L; ++y) {
      const uint8_t* ps = allowed.prev[y];
      const Score* tw = tr_in[y];
      Score best = prev[ps[0]] + tw[0];
      int arg = ps[0];
      for (int k = 1; k < allowed.n_prev[y]; ++k) {
        Score s = prev[ps[k]] + tw[k];
        if (s > best) {
          best = s;
          arg = ps[k];
        }
      }
      best += em[i * L + y];
      cur[y] = best;
      bk[y] = static_cast<uint8_t>(arg);
      if (best > column_best) column_best = best;
    }
    for (int y = 0; y < L; ++y) cur[y] = std::max(cur[y] - column_best, kNone);
  }
  const Score* last = delta + (n - 1) * L;
  Score best = kNone;
  int arg = 0;  // O: always allowed at the end
  for (int y = 0; y < L; ++y) {
    if (!allowed.to_end[y]) continue;
    Score s = last[y] + tr[y * (L + 1) + L];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  for (size_t i = n; i-- > 0;) {
    out[i] = static_cast<uint8_t>(arg);
    arg = back[i * L + arg];
  }
}

namespace {

// Lane-wise maximum: one instruction in WebAssembly SIMD and with SSE4.1 (pmaxsd); a compare and
// a select on baseline x86-64 (SSE2 has no 32-bit max). Written as a vector select of the larger
// lane, which GCC makes into pmaxsd in the SSE4.1 copy of the decoder; the and/or select it
// replaced stayed three instructions there (3 of every 5 of the decoder's, measured with callgrind).
inline I32x4 max_lanes(I32x4 a, I32x4 b) {
#if defined(__wasm_simd128__)
  return __builtin_wasm_max_s_i32x4(a, b);
#else
  return a > b ? a : b;
#endif
}
// The largest lane, in every lane.
inline I32x4 max_across(I32x4 v) {
  v = max_lanes(v, __builtin_shufflevector(v, v, 2, 3, 0, 1));
  return max_lanes(v, __builtin_shufflevector(v, v, 1, 0, 3, 2));
}

// The decoder's layout of a position's 17 scores: the B, I, L and U labels of the four types as
// four vectors (lane = type), then O. kSlot[label] is where a label's score is.
constexpr int kSlotO = 4 * kTypes;
constexpr std::array<uint8_t, kLabels> kSlot = [] {
  std::array<uint8_t, kLabels> slot{};
  slot[0] = kSlotO;
  for (int t = 0; t < kTypes; ++t)
    for (int part = 0; part < 4; ++part) slot[label_of(t, part)] = static_cast<uint8_t>(part * kTypes + t);
  return slot;
}();
static_assert(kTypes == 4, "the decoder keeps one type a lane");

// The transition weights the decoder uses, gathered into its layout. The BILOU constraints
// (transition_allowed) leave two kinds of step: a name's inside (I-x, L-x) follows B-x or I-x of
// its own type, lane by lane; anything else (O, B-x, U-x) follows O, L-y or U-y of any type.
struct DecoderWeights {
  I32x4 b_to_i, i_to_i, b_to_l, i_to_l;
  // Into B-x and U-x (lane x) from O, from L-y and from U-y (one vector per y).
  I32x4 o_to_b, o_to_u, l_to_b[kTypes], l_to_u[kTypes], u_to_b[kTypes], u_to_u[kTypes];
  I32x4 l_to_o, u_to_o;  // lane y: L-y or U-y to O
  int32_t o_to_o;
  explicit DecoderWeights(const int32_t* tr) {
    constexpr int L = kLabels;
    auto w = [&](int from, int to) { return tr[from * (L + 1) + to]; };
    auto lanes = [](auto f) { return I32x4{f(0), f(1), f(2), f(3)}; };
    b_to_i = lanes([&](int t) { return w(label_of(t, kPartB), label_of(t, kPartI)); });
    i_to_i = lanes([&](int t) { return w(label_of(t, kPartI), label_of(t, kPartI)); });
    b_to_l = lanes([&](int t) { return w(label_of(t, kPartB), label_of(t, kPartL)); });
    i_to_l = lanes([&](int t) { return w(label_of(t, kPartI), label_of(t, kPartL)); });
    o_to_b = lanes([&](int t) { return w(0, label_of(t, kPartB)); });
    o_to_u = lanes([&](int t) { return w(0, label_of(t, kPartU)); });
    for (int y = 0; y < kTypes; ++y) {
      l_to_b[y] = lanes([&](int t) { return w(label_of(y, kPartL), label_of(t, kPartB)); });
      l_to_u[y] = lanes([&](int t) { return w(label_of(y, kPartL), label_of(t, kPartU)); });
      u_to_b[y] = lanes([&](int t) { return w(label_of(y, kPartU), label_of(t, kPartB)); });
      u_to_u[y] = lanes([&](int t) { return w(label_of(y, kPartU), label_of(t, kPartU)); });
    }
    l_to_o = lanes([&](int y) { return w(label_of(y, kPartL), 0); });
    u_to_o = lanes([&](int y) { return w(label_of(y, kPartU), 0); });
    o_to_o = w(0, 0);
  }
};

}  // namespace

// The runtime's decoder: the same decisions as the generic one above (for each target, the first
// predecessor in ascending label order with the highest score). The forward pass keeps only the
// scores, in the layout of kSlot, a step being a few vector operations on the four types at once;
// the best predecessor is found again on the way back, for the one label chosen at each position,
// from the same stored scores with the same arithmetic (so with the same result).
template <>
// Natively on x86-64, a second copy for CPUs with SSE4.1 (its pmaxsd is the lane-wise max that
// baseline SSE2 lacks), chosen once at load time: the portable binary stays portable.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("sse4.1", "default")))
#endif
void viterbi<int32_t>(const int32_t* em, size_t n, const int32_t* tr, uint8_t* out,
                      std::vector<int32_t>* delta_buf, std::vector<uint8_t>* /*back_buf*/) {
  if (n == 0) return;
  constexpr int L = kLabels;
  delta_buf->resize(n * L);
  int32_t* delta = delta_buf->data();
  const int32_t kNone = std::numeric_limits<int32_t>::lowest() / 4;
  static const AllowedTransitions allowed;  // which labels may start and end a sentence
  const DecoderWeights w(tr);
  // The first position, label by label: I and L cannot start a sentence.
  {
    int32_t column_best = kNone;
    for (int y = 0; y < L; ++y) {
      int32_t s = allowed.from_start[y] ? em[y] + tr[L * (L + 1) + y] : kNone;
      delta[kSlot[y]] = s;
      if (s > column_best) column_best = s;
    }
    for (int y = 0; y < L; ++y)
      if (allowed.from_start[y]) delta[kSlot[y]] -= column_best;
  }
  I32x4 b = load4(delta), in = load4(delta + 4), l = load4(delta + 8), u = load4(delta + 12);
  int32_t o = delta[kSlotO];
  const I32x4 none = I32x4{} + kNone;
  for (size_t i = 1; i < n; ++i) {
    // This position's emissions, label order (O, then B I L U of each type) turned into rows of
    // parts: a 4 x 4 transpose.
    const int32_t* e = em + i * L;
    const I32x4 r0 = load4(e + 1), r1 = load4(e + 5), r2 = load4(e + 9), r3 = load4(e + 13);
    const I32x4 t01lo = __builtin_shufflevector(r0, r1, 0, 4, 1, 5), t01hi = __builtin_shufflevector(r0, r1, 2, 6, 3, 7);
    const I32x4 t23lo = __builtin_shufflevector(r2, r3, 0, 4, 1, 5), t23hi = __builtin_shufflevector(r2, r3, 2, 6, 3, 7);
    const I32x4 eb = __builtin_shufflevector(t01lo, t23lo, 0, 1, 4, 5), ei = __builtin_shufflevector(t01lo, t23lo, 2, 3, 6, 7);
    const I32x4 el = __builtin_shufflevector(t01hi, t23hi, 0, 1, 4, 5), eu = __builtin_shufflevector(t01hi, t23hi, 2, 3, 6, 7);
    // Inside a name: from B-x or I-x of the same type.
    const I32x4 ni = max_lanes(b + w.b_to_i, in + w.i_to_i) + ei;
    const I32x4 nl = max_lanes(b + w.b_to_l, in + w.i_to_l) + el;
    // Outside one: from O, L-y or U-y, every y.
    I32x4 nb = w.o_to_b + o, nu = w.o_to_u + o;
    for (int y = 0; y < kTypes; ++y) {
      const I32x4 ly = I32x4{} + l[y], uy = I32x4{} + u[y];
      nb = max_lanes(nb, max_lanes(ly + w.l_to_b[y], uy + w.u_to_b[y]));
      nu = max_lanes(nu, max_lanes(ly + w.l_to_u[y], uy + w.u_to_u[y]));
    }
    nb += eb;
    nu += eu;
    const int32_t no = std::max(max_across(max_lanes(l + w.l_to_o, u + w.u_to_o))[0], o + w.o_to_o) + e[0];
    // Each column shifted so that its best is 0.
    const int32_t column_best = std::max(max_across(max_lanes(max_lanes(nb, ni), max_lanes(nl, nu)))[0], no);
    b = max_lanes(nb - column_best, none);
    in = max_lanes(ni - column_best, none);
    l = max_lanes(nl - column_best, none);
    u = max_lanes(nu - column_best, none);
    o = std::max(no - column_best, kNone);
    int32_t* cur = delta + i * L;
    store4(cur, b);
    store4(cur + 4, in);
    store4(cur + 8, l);
    store4(cur + 12, u);
    cur[kSlotO] = o;
  }
  const int32_t* last = delta + (n - 1) * L;
  int32_t best = kNone;
  int arg = 0;  // O: always allowed at the end
  for (int y = 0; y < L; ++y) {
    if (!allowed.to_end[y]) continue;
    int32_t s = last[kSlot[y]] + tr[y * (L + 1) + L];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[n - 1] = static_cast<uint8_t>(arg);
  for (size_t i = n - 1; i > 0; --i) {
    const int32_t* prev = delta + (i - 1) * L;
    const int y = out[i];
    const int part = label_part(y);
    int p;
    if (part == kPartI || part == kPartL) {
      const int pb = label_of(label_type(y), kPartB), pi = label_of(label_type(y), kPartI);
      p = prev[kSlot[pi]] + tr[pi * (L + 1) + y] > prev[kSlot[pb]] + tr[pb * (L + 1) + y] ? pi : pb;
    } else {
      p = 0;
      int32_t top = prev[kSlotO] + tr[y];
      for (int t = 0; t < kTypes; ++t) {
        for (int q : {label_of(t, kPartL), label_of(t, kPartU)}) {
          int32_t s = prev[kSlot[q]] + tr[q * (L + 1) + y];
          if (s > top) {
            top = s;
            p = q;
          }
        }
      }
    }
    out[i - 1] = static_cast<uint8_t>(p);
  }
}

template void viterbi<float>(const float*, size_t, const float*, uint8_t*, std::vector<float>*,
                             std::vector<uint8_t>*);
template void viterbi<double>(const double*, size_t, const double*, uint8_t*, std::vector<double>*,
                              std::vector<uint8_t>*);

}  // namespace ner
}  // namespace lede
