// Tagging one document: stage 1 a sentence at a time over the word cache's parts and the keys of
// the rest, Viterbi, then stage 2 over the first stage's labels.
#include "tagger/tagger.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "tagger/document_features.h"
#include "tagger/lanes.h"
#include "tagger/scoring.h"
#include "tagger/viterbi.h"
#include "tagger/weight_sums.h"
#include "tagger/word_cache.h"

namespace lede {

namespace {

// Buffers reused across documents on the same thread. What grows with the document is the
// features' per-token state and stage2 (35 bytes a token), and what is kept a word type; the rest
// is the size of a sentence.
struct TaggingWorkspace {
  ner::DocumentFeatures features;
  TokenScoring scoring;            // one token's keys, the lookups of three tokens under way
  std::vector<int32_t> emissions;  // one sentence's stage-1 scores
  // Every token's stage-2 scores from its stage-1 keys (keep_stage2_part), written before they
  // are read (a token's only once scored is set), so never zeroed.
  std::unique_ptr<uint8_t[]> stage2;
  size_t stage2_capacity = 0;
  std::vector<uint8_t> scored;     // whether a token's stage2 lanes are set
  std::vector<std::array<int32_t, ner::kLabels>> wide;  // stage-2 parts too spread for 16 bits
  std::vector<int32_t> delta;
  std::vector<uint8_t> back;
  std::vector<uint8_t> labels;
  std::vector<uint8_t> stage1_labels;
  std::vector<uint32_t> word_refs;  // each word type's word cache entry, or WordCache::kNone
  std::vector<uint32_t> shape_keys;  // a shape context's keys

  size_t bytes() const {
    return features.memory_bytes() + scoring.keys.capacity() * sizeof(uint32_t) + emissions.capacity() * sizeof(int32_t) +
           stage2_capacity + scored.capacity() + wide.capacity() * sizeof(wide[0]) +
           delta.capacity() * sizeof(int32_t) + back.capacity() + labels.capacity() + stage1_labels.capacity() +
           word_refs.capacity() * sizeof(uint32_t);
  }
};

// One per thread, shared by tag_document and tag_document_labels.
TaggingWorkspace& thread_workspace() {
  static thread_local TaggingWorkspace ws;
  return ws;
}

// sums[0, W) = keyed[0, W) + the sum over k of parts[k][0, W) and of narrow[k][0, W) (the word
// cache's 16-bit sums). Four lanes at a time, written out: compilers left the plain loop scalar.
template <int W>
void add_parts(const int32_t* keyed, const int32_t* const* parts, int n_parts, const int16_t* const* narrow,
               int n_narrow, int32_t* sums) {
  constexpr int V = W / 4;
  I32x4 acc[V];
  int32_t rest[W % 4];
  for (int v = 0; v < V; ++v) acc[v] = load4(keyed + 4 * v);
  for (int y = 0; y < W % 4; ++y) rest[y] = keyed[4 * V + y];
  for (int k = 0; k < n_parts; ++k) {
    const int32_t* part = parts[k];
    for (int v = 0; v < V; ++v) acc[v] += load4(part + 4 * v);
    for (int y = 0; y < W % 4; ++y) rest[y] += part[4 * V + y];
  }
  static_assert(V % 2 == 0, "eight 16-bit lanes at a time");
  for (int k = 0; k < n_narrow; ++k) {
    const int16_t* part = narrow[k];
    for (int v = 0; v < V; v += 2) add8_wide(part + 4 * v, &acc[v], &acc[v + 1]);
    for (int y = 0; y < W % 4; ++y) rest[y] += part[4 * V + y];
  }
  for (int v = 0; v < V; ++v) store4(sums + 4 * v, acc[v]);
  for (int y = 0; y < W % 4; ++y) sums[4 * V + y] = rest[y];
}

// A token's part of the stage-2 scores that its stage-1 keys give, kept until stage 2 in kLabels
// 16-bit lanes (kPartBytes): each score minus the token's lowest. Viterbi's decisions do not change
// when all scores of one token move by the same amount (every path takes one label per token, and
// each column is shifted to its best anyway), so this is exact. A part spread wider than 16 bits
// is kept whole in the wide table: lane 0 = kWide, lanes 1 and 2 its index. (Over the PolNeAR
// texts every part's spread is under 65,535, nearly all over 4,096: 24-bit lanes held nothing more.)
constexpr int kPartBytes = 2 * ner::kLabels;
constexpr uint32_t kWide = 0xFFFF;

inline void put_lane(uint8_t* lanes, int y, uint32_t v) {
  const uint16_t lane = static_cast<uint16_t>(v);
  std::memcpy(lanes + 2 * y, &lane, sizeof lane);
}
inline uint32_t get_lane(const uint8_t* lanes, int y) {
  uint16_t lane;
  std::memcpy(&lane, lanes + 2 * y, sizeof lane);
  return lane;
}

void keep_stage2_part(const int32_t* part, uint8_t* lanes, TaggingWorkspace* ws) {
  constexpr int L = ner::kLabels;
  int32_t low = part[0], high = part[0];
  for (int y = 1; y < L; ++y) {
    low = std::min(low, part[y]);
    high = std::max(high, part[y]);
  }
  if (int64_t{high} - low < kWide) {
    for (int y = 0; y < L; ++y) put_lane(lanes, y, static_cast<uint32_t>(part[y] - low));
    return;
  }
  const size_t index = ws->wide.size();
  ws->wide.emplace_back();
  std::copy(part, part + L, ws->wide.back().begin());
  put_lane(lanes, 0, kWide);
  put_lane(lanes, 1, static_cast<uint32_t>(index & 0xFFFF));
  put_lane(lanes, 2, static_cast<uint32_t>(index >> 16));
}

void read_stage2_part(const uint8_t* lanes, const TaggingWorkspace& ws, int32_t* part) {
  constexpr int L = ner::kLabels;
  if (get_lane(lanes, 0) == kWide) {
    const auto& whole = ws.wide[size_t{get_lane(lanes, 1)} | (size_t{get_lane(lanes, 2)} << 16)];
    std::copy(whole.begin(), whole.end(), part);
  } else {
    for (int y = 0; y < L; ++y) part[y] = static_cast<int32_t>(get_lane(lanes, y));
  }
}

// Stage 1 runs a sentence at a time: a token's keys are computed, scored and dropped, and only its
// stage-2 part of the scores is kept for the second stage, which needs the whole document's
// stage-1 labels first.
const std::vector<uint8_t>& run(const TaggerModel& model, const ner::Words& words,
                                const std::vector<std::pair<uint32_t, uint32_t>>& sentences,
                                TaggingWorkspace* ws, std::vector<int32_t>* scores_out = nullptr) {
  constexpr int L = ner::kLabels;
  const int S = model.stage_count();
  const size_t n = words.size();
  ner::DocumentFeatures& f = ws->features;
  WordCache& cache = thread_word_cache();
  cache.begin_document(model, &ws->scoring.keys);
  ws->word_refs.clear();
  CachedWords source(&cache, &model, &f, &ws->word_refs, &ws->scoring.keys);
  f.set_gazetteer(&model.gazetteer());
  f.build(words, sentences, &model.clusters(), /*keep_stage1_keys=*/false, &source);
  // Which of token i's stage-1 parts are scored from its keys; the scores of the others are the
  // word cache's: its words' parts in from_words[0, n_words), the sentence edge's and the shape
  // part in from_cache[0, n_cached).
  // Worked out when score_tokens asks for the token's keys and kept until it uses the token's
  // scores, at most two tokens later: a ring of three.
  struct Parts {
    unsigned keyed = ner::kKeysContext;
    int n_cached = 0;
    int n_words = 0;
    int n_records = 0;
    const int32_t* from_cache[ner::kWordKeyParts + 1];  // the sentence edge's parts, the shape part
    const int16_t* from_words[WordCache::kSummedParts];  // the summed parts of the words alone
    const uint8_t* records[ner::kWordKeyParts - WordCache::kSummedParts];  // far parts' records
    static_assert(ner::kWordKeyParts - WordCache::kSummedParts == 2 && 2 <= Lookup::kMaxKnown,
                  "two far parts, copied as two (keys_of below); room in Lookup::found");
    int32_t shape[2 * L];  // a copy: the shape table may change before the scores are used
  };
  Parts pending[3];
  auto plan_parts = [&](uint32_t i) -> const Parts& {
    Parts& p = pending[i % 3];
    p.keyed = ner::kKeysContext;
    p.n_cached = 0;
    p.n_words = 0;
    p.n_records = 0;
    p.records[0] = p.records[1] = nullptr;
    for (int part = 0; part < ner::kWordKeyParts; ++part) {
      uint32_t ref = WordCache::kNone;
      if (f.neighbour_inside(i, part)) {
        ref = ws->word_refs[f.word_type(i + ner::kPartOffset[part])];
        if (ref == WordCache::kNone) {
          p.keyed |= 1u << part;
          continue;
        }
        if (part >= WordCache::kSummedParts) {
          if (const uint8_t* record = cache.record(ref, part)) p.records[p.n_records++] = record;
        } else {
          p.from_words[p.n_words++] = cache.sums(ref, part);
        }
        continue;
      } else if (part == 0) {
        p.keyed = 0;  // outside every sentence: no features
        return p;
      }
      p.from_cache[p.n_cached++] = cache.edge_sums(part);
    }
    const int32_t* shape = cache.shape_sums(f.shape_context(i), model, &ws->shape_keys);
    if (S == 2) {
      copy_lanes<2 * L>(shape, p.shape);
    } else {
      copy_lanes<L>(shape, p.shape);
    }
    p.from_cache[p.n_cached++] = p.shape;
    return p;
  };
  ws->labels.assign(n, 0);
  if (scores_out) scores_out->assign(2 * n * S * L, 0);
  if (S > 1) {
    if (ws->stage2_capacity < n * kPartBytes) {
      ws->stage2_capacity = n * kPartBytes;
      ws->stage2.reset(new uint8_t[ws->stage2_capacity]);
    }
    ws->scored.assign(n, 0);
    ws->wide.clear();
  }
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
    ws->emissions.resize(size_t{b - a} * L);
    score_tokens(
        model, a, b, 0, &ws->scoring,
        [&](uint32_t i, std::vector<uint32_t>* keys, const uint8_t** known) {
          // Two tokens ahead of their use: the cached scores are fetched meanwhile.
          const Parts& p = plan_parts(i);
          for (int k = 0; k < p.n_words; ++k) {
            const char* part = reinterpret_cast<const char*>(p.from_words[k]);
            for (int line = 0; line < 2 * L * 2; line += 64) __builtin_prefetch(part + line);
          }
          f.stage1_keys(i, keys, p.keyed);
          // Both, whatever n_records (unused ones null): a copy of n would be a call.
          known[0] = p.records[0];
          known[1] = p.records[1];
          return static_cast<size_t>(p.n_records);
        },
        [&](uint32_t i, const int32_t* keyed_sums) {
          int32_t sums[2 * L];
          const Parts& p = pending[i % 3];
          if (S == 2) {
            add_parts<2 * L>(keyed_sums, p.from_cache, p.n_cached, p.from_words, p.n_words, sums);
          } else {
            add_parts<L>(keyed_sums, p.from_cache, p.n_cached, p.from_words, p.n_words, sums);
          }
          copy_lanes<L>(sums, ws->emissions.data() + size_t{i - a} * L);
          if (scores_out) std::copy(sums, sums + S * L, scores_out->data() + size_t{i} * S * L);
          if (S > 1 && !ws->scored[i]) {  // once, should sentences overlap
            ws->scored[i] = 1;
            keep_stage2_part(sums + L, ws->stage2.get() + size_t{i} * kPartBytes, ws);
          }
        });
    ner::viterbi<int32_t>(ws->emissions.data(), b - a, model.transitions(0), ws->labels.data() + a, &ws->delta,
                          &ws->back);
  }
  if (S > 1) {
    ws->stage1_labels.swap(ws->labels);
    f.add_predictions(ws->stage1_labels, /*keep_stage2_keys=*/false);
    ws->labels.assign(n, 0);
    // Most tokens' only stage-2 key is their stage-1 label's (stage2_self_only): its record looked
    // up once a label, and handed to score_tokens as found.
    const uint8_t* self_record[L];
    for (int y = 0; y < L; ++y) {
      const uint32_t key = ner::DocumentFeatures::stage2_self_key(static_cast<uint8_t>(y));
      self_record[y] = model.may_have(key) ? model.find(key) : nullptr;
    }
    for (const auto& s : sentences) {
      uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
      uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
      ws->emissions.resize(size_t{b - a} * L);
      score_tokens(
          model, a, b, 1, &ws->scoring,
          [&](uint32_t i, std::vector<uint32_t>* keys, const uint8_t** known) {
            if (f.stage2_self_only(i)) {
              known[0] = self_record[ws->stage1_labels[i]];
              return size_t{known[0] != nullptr};
            }
            f.stage2_keys(i, keys);
            return size_t{0};
          },
          [&](uint32_t i, const int32_t* sums) {
            int32_t* scores = ws->emissions.data() + size_t{i - a} * L;
            read_stage2_part(ws->stage2.get() + size_t{i} * kPartBytes, *ws, scores);
            for (int y = 0; y < L; ++y) scores[y] += sums[y];
            if (scores_out) std::copy(sums, sums + L, scores_out->data() + (n + i) * S * L);
          });
      ner::viterbi<int32_t>(ws->emissions.data(), b - a, model.transitions(1), ws->labels.data() + a, &ws->delta,
                            &ws->back);
    }
  }
  return ws->labels;
}

// The workspace keeps its buffers for the next document on the thread, unless they were grown for
// a long one (or a long sentence or word): then they are freed, so that what the rest of the
// pipeline runs beside is small.
void release_if_large(TaggingWorkspace* ws) {
  constexpr size_t kKeptTokens = size_t{1} << 16;  // about 350 KB of news text
  constexpr size_t kKeptBytes = size_t{16} << 20;
  if (ws->labels.size() > kKeptTokens || ws->bytes() > kKeptBytes) {
    // Moved out and destroyed: assigning an empty workspace would leave the strings' buffers
    // (libstdc++ keeps a string's capacity when assigned a short one).
    TaggingWorkspace old(std::move(*ws));
    *ws = TaggingWorkspace();
  }
}

}  // namespace

size_t tagging_workspace_bytes() { return thread_workspace().bytes(); }

std::vector<uint8_t> tag_document_labels(const TaggerModel& model, const ner::Words& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  TaggingWorkspace& ws = thread_workspace();
  std::vector<uint8_t> labels = run(model, words, sentences, &ws);
  release_if_large(&ws);
  return labels;
}

std::vector<int32_t> tag_document_scores(const TaggerModel& model, const ner::Words& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  TaggingWorkspace& ws = thread_workspace();
  std::vector<int32_t> scores;
  run(model, words, sentences, &ws, &scores);
  release_if_large(&ws);
  return scores;
}

std::vector<NameSpan> tag_document(const TaggerModel& model, const ner::Words& words,
                                   const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  TaggingWorkspace& ws = thread_workspace();
  static thread_local std::vector<ner::LabelSpan> spans;
  const auto& labels = run(model, words, sentences, &ws);
  spans.clear();
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(labels.size()));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(labels.size()));
    ner::labels_to_spans(labels.data() + a, b - a, a, &spans);
  }
  static const EntityType kTypes[ner::kTypes] = {EntityType::PERSON, EntityType::ORG, EntityType::LOC,
                                                 EntityType::MISC};
  std::vector<NameSpan> out;
  out.reserve(spans.size());
  for (const auto& s : spans) out.push_back({s.first, s.end, kTypes[s.type]});
  release_if_large(&ws);
  return out;
}

}  // namespace lede
