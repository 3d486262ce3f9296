// The tagger's scores of each token, part by part (see tagger_explain.h).
#include "tagger_explain.h"

#include <utility>

#include "tagger/document_features.h"
#include "tagger/features.h"
#include "tagger/viterbi.h"
#include "tagger/weight_sums.h"
#include "tagger/words.h"
#include "text/segment.h"
#include "text/tokenize.h"

namespace lede {
namespace eval {
namespace {

constexpr int L = ner::kLabels;

// The sums of every stage's lanes from stage `first_stage` on over the records of `keys` the
// model has: sums[0, lanes).
template <int W>
int sum_keys(const TaggerModel& model, const std::vector<uint32_t>& keys, int first_stage, int32_t* sums) {
  std::vector<const uint8_t*> records;
  for (uint32_t k : keys)
    if (const uint8_t* r = model.find(k)) records.push_back(r);
  sum_records_scalar<W>(records.data(), records.size(), first_stage, sums);
  return static_cast<int>(records.size());
}

// Viterbi over each sentence of `emissions` (n x L), as the tagger decodes.
std::vector<uint8_t> decode(const std::vector<int32_t>& emissions, const int32_t* transitions,
                            const std::vector<std::pair<uint32_t, uint32_t>>& sentences, size_t n) {
  std::vector<uint8_t> labels(n, 0);
  std::vector<int32_t> delta;
  std::vector<uint8_t> back;
  for (auto [a, b] : sentences) {
    if (a >= b || b > n) continue;
    ner::viterbi<int32_t>(emissions.data() + size_t{a} * L, b - a, transitions, labels.data() + a, &delta, &back);
  }
  return labels;
}

}  // namespace

const char* part_name(int part) {
  static const char* const kNames[kExplainedParts] = {"self", "prev", "next", "prev2", "next2", "shape", "context"};
  return part >= 0 && part < kExplainedParts ? kNames[part] : "?";
}

std::string label_name(int label) {
  if (label <= 0 || label >= L) return "O";
  static const char kParts[] = {'B', 'I', 'L', 'U'};
  return std::string(1, kParts[ner::label_part(label)]) + "-" + ner::type_name(ner::label_type(label));
}

std::vector<TokenExplanation> explain_tagging(const TaggerModel& model, std::string_view text, bool lists) {
  static_assert(kExplainedParts == 7 && ner::kKeysAll == 127, "one part a bit of ner::KeyParts");
  const std::vector<Token> tokens = tokenize(text);
  const std::vector<Segment> sentences = find_sentences(text, tokens, find_paragraphs(text, tokens));
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  for (const Segment& s : sentences) ranges.emplace_back(s.first_token, s.end_token);
  const ner::Words words(text, tokens);
  const size_t n = tokens.size();
  const int S = model.stage_count();

  ner::DocumentFeatures f;
  f.set_gazetteer(lists ? &model.gazetteer() : nullptr);
  f.build(words, ranges, &model.clusters(), /*keep_stage1_keys=*/false);
  std::vector<TokenExplanation> out(n);
  std::vector<int32_t> emissions1(n * L, 0), emissions2(n * L, 0);
  std::vector<uint32_t> keys;
  for (size_t i = 0; i < n; ++i) {
    TokenExplanation& t = out[i];
    t.word = std::string(text.substr(tokens[i].span.start, tokens[i].span.end - tokens[i].span.start));
    for (int part = 0; part < kExplainedParts; ++part) {
      keys.clear();
      f.stage1_keys(i, &keys, 1u << part);
      int32_t sums[2 * L] = {};
      t.keys[part] = static_cast<int>(keys.size());
      t.found[part] = S == 2 ? sum_keys<2 * L>(model, keys, 0, sums) : sum_keys<L>(model, keys, 0, sums);
      for (int y = 0; y < L; ++y) {
        t.stage1[part][y] = sums[y];
        t.stage2_part[part][y] = S == 2 ? sums[L + y] : 0;
        emissions1[i * L + y] += sums[y];
        emissions2[i * L + y] += t.stage2_part[part][y];
      }
    }
  }
  std::vector<uint8_t> stage1 = decode(emissions1, model.transitions(0), ranges, n);
  for (size_t i = 0; i < n; ++i) out[i].stage1_label = out[i].label = stage1[i];
  if (S < 2) return out;

  f.add_predictions(stage1, /*keep_stage2_keys=*/false);
  for (size_t i = 0; i < n; ++i) {
    TokenExplanation& t = out[i];
    keys.clear();
    if (f.stage2_self_only(i)) {
      keys.push_back(ner::DocumentFeatures::stage2_self_key(stage1[i]));
    } else {
      f.stage2_keys(i, &keys);
    }
    int32_t sums[L] = {};
    t.stage2_keys = static_cast<int>(keys.size());
    t.stage2_found = sum_keys<L>(model, keys, 1, sums);
    for (int y = 0; y < L; ++y) {
      t.stage2[y] = sums[y];
      emissions2[i * L + y] += sums[y];
    }
  }
  std::vector<uint8_t> final_labels = decode(emissions2, model.transitions(1), ranges, n);
  for (size_t i = 0; i < n; ++i) out[i].label = final_labels[i];
  return out;
}

}  // namespace eval
}  // namespace lede
