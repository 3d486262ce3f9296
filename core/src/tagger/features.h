// The tagger's feature keys: 32-bit hashes of (template, value), shared by the runtime and the
// trainer so that training and tagging compute exactly the same keys. Here are the templates and
// the keys of the parts that depend on one word alone or on the shapes around a token; the keys
// that need the whole sentence or document are DocumentFeatures' (document_features.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "lexicon/lexicon.h"
#include "tagger/word_facts.h"

namespace lede {
namespace ner {

// Bumped whenever a feature template changes: a model trained with other templates is refused.
constexpr uint32_t kFeatureScheme = 8;  // 8: a Title Case first line is left out of the document counts

// The templates, each key's first ingredient. Their numbers are part of the feature scheme.
enum Template : uint32_t {
  T_BIAS = 1, T_W, T_FORM, T_WM1, T_WP1, T_WM2, T_WP2, T_BI_M1, T_BI_P1,
  T_PRE, T_SUF = T_PRE + 4, T_SHAPE = T_SUF + 4, T_SS, T_SS_M1, T_SS_P1, T_SS_M1_0, T_SS_0_P1,
  T_SS_TRI, T_CAP_CTX, T_CAPS3, T_LEN, T_LEX0, T_LEX0_CAP, T_LEXM1, T_LEXP1, T_GAZ, T_WM1_SS0,
  T_SS0_WP1, T_DOC, T_AGG_PREV, T_AGG_NEXT, T_CL0, T_CLM1, T_CLP1, T_W_CTX, T_FORM_CTX,
  T_WM1_CAP0, T_LEXM1_CAP0, T_LIST, T_LIST_CAP, T_LIST_SET,
  // second stage
  T_S2_SELF = 100, T_S2_MAJ, T_S2_HAS, T_S2_ENT, T_S2_NEIGH, T_S2_SELF_CAP, T_S2_SAME_FORM,
};

inline uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}
inline uint64_t combine(uint64_t a, uint64_t b) { return mix64(a * 0x9E3779B97F4A7C15ull + b); }
// Never 0: key 0 cannot be stored in a model (model_format.h).
inline uint32_t make_key(uint32_t tmpl, uint64_t value) {
  uint64_t h = mix64(value ^ (static_cast<uint64_t>(tmpl) * 0xD6E8FEB86659FD93ull));
  uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
  return k ? k : 1;
}

constexpr uint64_t kBoundary = 0x5BD1E9955BD1E995ull;  // the word/shape "outside the sentence"
constexpr uint32_t kLexiconMask = (1u << kLexiconCategoryCount) - 1;

// Adds the keys of a word's cluster path: its prefixes of the given depths, then the whole path.
template <typename Add>
void add_cluster_keys(uint32_t tmpl, uint32_t cluster, std::initializer_list<uint32_t> depths, Add add) {
  if (!cluster) return;
  uint32_t depth = 31 - static_cast<uint32_t>(__builtin_clz(cluster));
  for (uint32_t d : depths) {
    if (d < depth) add(tmpl, (1u << d) | ((cluster >> (depth - d)) & ((1u << d) - 1)));
  }
  add(tmpl, cluster);
}

// A token's stage-1 keys come in parts, by what they depend on: its own word alone (self); the
// word before, after, two before, two after it alone (the word's role as that neighbour, or the
// sentence edge); the shapes around it (the ShapeContext below); and the rest (context: pairs of
// words, phrase matches, document). The parts of a word alone are the same wherever the word
// occurs, and the shape part the same wherever the shapes are, which a tagger may exploit; a
// model sees only their union.
enum KeyParts : unsigned {
  kKeysSelf = 1, kKeysPrev = 2, kKeysNext = 4, kKeysPrev2 = 8, kKeysNext2 = 16, kKeysShape = 32,
  kKeysContext = 64, kKeysAll = 127,
};
constexpr int kWordKeyParts = 5;  // the parts of one word alone: bits 0..4
// The parts of one word alone that have exactly one key whatever the word (two before, two
// after: the word's normalised form), so that a tagger may keep such a part's one weight record.
constexpr unsigned kOneKeyParts = kKeysPrev2 | kKeysNext2;
// Where the word of each of those parts is, from the token.
constexpr int kPartOffset[kWordKeyParts] = {0, -1, 1, -2, 2};

// What the shape part of a token's keys depends on: the short shapes and capitalisation classes of
// the words before, at and after it (fixed edge values outside the sentence), and its position
// class.
struct ShapeContext {
  uint64_t short_shape[3] = {};
  uint8_t cap[3] = {};
  uint8_t context = 0;
  bool operator==(const ShapeContext& o) const {
    return short_shape[0] == o.short_shape[0] && short_shape[1] == o.short_shape[1] &&
           short_shape[2] == o.short_shape[2] && cap[0] == o.cap[0] && cap[1] == o.cap[1] && cap[2] == o.cap[2] &&
           context == o.context;
  }
  uint64_t hash() const;
};

// The most keys of a word's self part or of a neighbour part, and of the shape part.
constexpr int kMaxWordKeys = 18 + 2 * kLexiconCategoryCount;
constexpr int kMaxShapeKeys = 5;
// The keys of a word's self part, of neighbour part `part` (1..4; a null word: the sentence edge)
// and of the shape part, written to out; each returns how many.
int self_keys(const WordInfo& w, const SelfFacts& self, uint32_t* out);
int neighbour_keys(int part, const WordInfo* w, uint32_t* out);
int shape_keys(const ShapeContext& shape, uint32_t* out);
// The same, appended to *keys.
void neighbour_part_keys(int part, const WordInfo* info, std::vector<uint32_t>* keys);
void shape_keys(const ShapeContext& shape, std::vector<uint32_t>* keys);

}  // namespace ner
}  // namespace lede
