// The tagger's decoder (tagger/viterbi.{h,cpp}): never a forbidden label sequence, and the runtime's
// vectorised int32 decoder deciding as the generic one does.
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "tagger/viterbi.h"
#include "tagger_models.h"

using namespace lede;
using namespace lede_test;

TEST_CASE("tagger: Viterbi never emits a forbidden label sequence", "[tagger]") {
  constexpr int L = ner::kLabels;
  std::mt19937 rng(42);
  std::vector<int32_t> delta;
  std::vector<uint8_t> back;
  for (int trial = 0; trial < 2000; ++trial) {
    size_t n = 1 + rng() % 12;
    std::vector<int32_t> em(n * L), tr((L + 1) * (L + 1));
    // Random scores, with the forbidden transitions often the most attractive ones.
    for (auto& v : em) v = static_cast<int32_t>(rng() % 20001) - 10000;
    for (int a = 0; a <= L; ++a)
      for (int b = 0; b <= L; ++b)
        tr[a * (L + 1) + b] = ner::transition_allowed(a, b) ? static_cast<int32_t>(rng() % 2001) - 1000 : 1000000;
    std::vector<uint8_t> out(n);
    ner::viterbi<int32_t>(em.data(), n, tr.data(), out.data(), &delta, &back);
    INFO("trial " << trial);
    REQUIRE(sequence_allowed(out.data(), n));
  }
}

TEST_CASE("tagger: the runtime's Viterbi decides as the generic one does, ties included", "[tagger]") {
  // The int32 decoder keeps its scores in a layout of its own and finds the best predecessor again
  // on the way back; the generic one keeps back pointers. Same labels, whatever the scores: small
  // ranges make ties common, which both must break towards the lowest label.
  constexpr int L = ner::kLabels;
  std::mt19937 rng(1234);
  std::vector<int32_t> delta;
  std::vector<double> delta_d;
  std::vector<uint8_t> back;
  int differ = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const size_t n = 1 + rng() % 40;
    const int range = trial % 3 == 0 ? 3 : trial % 3 == 1 ? 50 : 200000;
    std::vector<int32_t> em(n * L), tr((L + 1) * (L + 1));
    for (auto& v : em) v = static_cast<int32_t>(rng() % (2 * range + 1)) - range;
    for (int a = 0; a <= L; ++a)
      for (int b = 0; b <= L; ++b)
        tr[a * (L + 1) + b] = ner::transition_allowed(a, b) ? static_cast<int32_t>(rng() % (2 * range + 1)) - range : 0;
    std::vector<double> em_d(em.begin(), em.end()), tr_d(tr.begin(), tr.end());
    std::vector<uint8_t> fast(n), generic(n);
    ner::viterbi<int32_t>(em.data(), n, tr.data(), fast.data(), &delta, &back);
    ner::viterbi<double>(em_d.data(), n, tr_d.data(), generic.data(), &delta_d, &back);
    if (fast != generic) ++differ;
  }
  CHECK(differ == 0);
}
