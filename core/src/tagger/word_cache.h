// The word cache: for the words met most recently, their features' facts and the scores of the
// features that depend on the word alone (ner::KeyParts), so that a frequent word's are computed
// once rather than at every occurrence; beside it, the scores of the shape part of recent shape
// contexts. One per tagging thread. Tagging gives the same scores and labels with or without it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <vector>

#include "lexicon/lexicon.h"
#include "tagger/document_features.h"
#include "tagger/features.h"
#include "tagger/model.h"
#include "tagger/scoring.h"

namespace lede {

// The calling thread's word cache (set_word_cache_entries). Entries come in sets of two; a word's
// set is given by a hash of its bytes, which are kept and compared, so that no two words are ever
// taken for one. A set's less recently used entry gives way to a new word, unless both serve the
// document being tagged: the word then goes uncached for this document (its keys are scored at
// each occurrence, as without a cache), so that a document's entries stay put while it is tagged.
class WordCache {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr size_t kMaxWordBytes = 24;  // longer words are rare enough to go uncached
  static constexpr int kLanes = 2 * ner::kLabels;

  WordCache(size_t entries, size_t start_entries) { resize(entries, start_entries); }

  // Empties the cache; it holds start_entries words (at most `entries`) until it grows.
  void resize(size_t entries, size_t start_entries);
  size_t bytes() const {
    return tags_ ? capacity_ * sizeof(Tag) + max_capacity_ * sizeof(Word) + shape_capacity_ * sizeof(ShapeTag) +
                       shape_entries(max_capacity_) * sizeof(ShapeSums)
                 : 0;
  }
  size_t entries() const { return capacity_; }

  // At the start of each document: binds the cache to the model (emptying it for another one),
  // and doubles it once it has missed kGrowAfter times as many words as it holds.
  void begin_document(const TaggerModel& model, std::vector<uint32_t>* keys);

  // The entry of `word` (added if need be, its facts and part scores computed), or kNone when the
  // word goes uncached.
  uint32_t find_or_add(std::string_view word, const TaggerModel& model, const ner::DocumentFeatures& features,
                       std::vector<uint32_t>* keys) {
    if (capacity_ == 0 || word.size() > kMaxWordBytes) return kNone;
    const uint64_t hash = lexicon_word_hash(word);
    const size_t first = first_way(hash, capacity_);
    size_t victim = kNone;
    for (size_t k = first; k < first + kWays; ++k) {
      Tag& tag = tags_[k];
      if (tag.stamp != 0 && tag.hash == hash && words_[tag.entry].holds(word)) {
        tag.stamp = stamp_;
        return tag.entry;
      }
      if (tag.stamp != stamp_ && (victim == kNone || tag.stamp < tags_[victim].stamp)) victim = k;
    }
    ++misses_;
    if (victim == kNone) return kNone;
    keys->clear();
    size_t ends[ner::kWordKeyParts];
    const ner::WordInfo info = features.word_info_and_keys(word, &model.clusters(), keys, ends);
    // The far parts' one key each: their slots fetched while the summed parts are scored.
    for (int part = kSummedParts; part < ner::kWordKeyParts; ++part) {
      const uint32_t key = (*keys)[ends[part - 1]];
      if (model.may_have(key)) __builtin_prefetch(model.slot_address(key));
    }
    // The summed parts' keys, scored together so that their lookups overlap.
    static_assert(kSummedParts <= kMaxKeyGroups, "score_key_groups takes so many");
    int32_t sums[kSummedParts][kLanes];
    score_key_groups(model, keys->data(), ends, kSummedParts, 0, &sums[0][0], kLanes);
    // Kept in 16 bits (every sum over the PolNeAR texts is within +-16,383); a word with a sum
    // outside them goes uncached, scored at each occurrence, so the scores are the same.
    int32_t low = 0, high = 0;
    for (int part = 0; part < kSummedParts; ++part) {
      for (int y = 0; y < kLanes; ++y) {
        low = std::min(low, sums[part][y]);
        high = std::max(high, sums[part][y]);
      }
    }
    if (low < INT16_MIN || high > INT16_MAX) return kNone;
    Tag& tag = tags_[victim];
    if (tag.stamp == 0) tag.entry = next_word_++;  // a new entry; else the old word's place is reused
    tag.hash = hash;
    tag.stamp = stamp_;
    Word& w = words_[tag.entry];
    w.length = static_cast<uint32_t>(word.size());
    std::memcpy(w.bytes, word.data(), word.size());
    new (&w.info) ner::WordInfo(info);
    for (int part = 0; part < kSummedParts; ++part) {
      for (int y = 0; y < kLanes; ++y) w.part[part][y] = static_cast<int16_t>(sums[part][y]);
    }
    for (int part = kSummedParts; part < ner::kWordKeyParts; ++part) {
      const uint32_t key = (*keys)[ends[part - 1]];
      w.record[part - kSummedParts] = model.may_have(key) ? model.find(key) : nullptr;
    }
    return tag.entry;
  }

  // The scores of the shape part of a token's keys (every stage's lanes) for `shape`, computed if
  // need be: valid until the next call. Shape contexts are few (a few thousand kinds in news, the
  // same few hundred most of the time), so a small table of them serves most tokens.
  const int32_t* shape_sums(const ner::ShapeContext& shape, const TaggerModel& model, std::vector<uint32_t>* keys) {
    if (shape_capacity_ == 0) {
      keys->clear();
      ner::shape_keys(shape, keys);
      score_keys(model, keys->data(), keys->data() + keys->size(), 0, shape_scratch_);
      return shape_scratch_;
    }
    const uint64_t hash = shape.hash();
    const size_t first = (static_cast<size_t>(hash >> 32) & (shape_capacity_ / kWays - 1)) * kWays;
    size_t victim = first;
    for (size_t k = first; k < first + kWays; ++k) {
      ShapeTag& e = shapes_[k];
      if (e.used != 0 && e.shape == shape) {
        e.used = ++shape_clock_;
        return shape_sums_[e.entry].sums;
      }
      if (e.used < shapes_[victim].used) victim = k;
    }
    ShapeTag& e = shapes_[victim];
    if (e.used == 0) e.entry = next_shape_++;  // as for words: handed out in order
    e.shape = shape;
    e.used = ++shape_clock_;
    keys->clear();
    ner::shape_keys(shape, keys);
    int32_t* sums = shape_sums_[e.entry].sums;
    score_keys(model, keys->data(), keys->data() + keys->size(), 0, sums);
    return sums;
  }

  const ner::WordInfo& info(uint32_t ref) const { return words_[ref].info; }
  // The scores (every stage's lanes) of part `part` of word `ref` (part < kSummedParts), in 16
  // bits; and those of the sentence edge as a neighbour (any part).
  const int16_t* sums(uint32_t ref, int part) const { return words_[ref].part[part]; }
  const int32_t* edge_sums(int part) const { return edge_[part]; }
  // The record of the one key of far part `part` (>= kSummedParts) of word `ref`: null when the
  // model has none.
  const uint8_t* record(uint32_t ref, int part) const { return words_[ref].record[part - kSummedParts]; }

  // The parts of a word's keys kept as sums of every lane: self, previous, next (about 16, 5 and 5
  // keys). The far ones, two before and two after, have one key each (ner::kOneKeyParts), kept as
  // its record, which most words lack (three quarters of those added). With the sums in 16 bits
  // an entry takes about 300 bytes with its tag (512 with them in 32, 776 with every part's sums).
  static constexpr int kSummedParts = 3;
  static_assert(ner::kOneKeyParts == ((1u << ner::kWordKeyParts) - 1) - ((1u << kSummedParts) - 1),
                "the parts after the summed ones have one key each");

 private:
  static constexpr size_t kWays = 2;
  static constexpr size_t kGrowAfter = 4;
  // The largest power of two <= n that is at least kWays, or 0.
  static size_t power_of_two(size_t n) {
    size_t p = n >= kWays ? kWays : 0;
    while (p && p * 2 <= n) p *= 2;
    return p;
  }
  // The first entry of the set of a word of this hash, in a cache of `capacity` entries.
  static size_t first_way(uint64_t hash, size_t capacity) {
    return (static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> 32) & (capacity / kWays - 1)) * kWays;
  }
  static size_t shape_entries(size_t entries) { return entries ? std::max(entries / 2, kWays) : 0; }
  // Twice the entries, keeping every word where it is: only the tags are made anew. The words of
  // a set go to the same set or to the one as far again (one more bit of the same hash picks
  // it), so each keeps its place in a set and its age. The shape contexts start afresh (a few
  // thousand kinds, found again within a few documents).
  void grow();
  // Empties the cache (its memory is allocated again at the next document) at n entries.
  void set_capacity(size_t n);
  // What finding a word reads first (16 bytes an entry, zeroed when allocated); the word itself,
  // its facts and scores are in words_[entry].
  struct Tag {
    uint64_t hash = 0;
    uint32_t stamp = 0;  // the last document that used the entry; 0 = empty, and `entry` unset
    uint32_t entry = 0;
  };
  // Constructed without writing anything: all is set when the entry is filled (`info` by
  // placement new). The word's bytes come first, in the line that the facts begin in.
  struct Word {
    Word() {}
    uint32_t length;
    char bytes[kMaxWordBytes];
    union {
      ner::WordInfo info;
    };
    int16_t part[kSummedParts][kLanes];
    const uint8_t* record[ner::kWordKeyParts - kSummedParts];
    bool holds(std::string_view word) const {  // a short loop beats a call
      if (length != word.size()) return false;
      for (size_t k = 0; k < word.size(); ++k) {
        if (bytes[k] != word[k]) return false;
      }
      return true;
    }
  };
  struct ShapeTag {
    ner::ShapeContext shape;
    uint64_t used = 0;  // when last used (shape_clock_); 0 = empty, and `entry` unset
    uint32_t entry = 0;
  };
  struct ShapeSums {
    int32_t sums[kLanes];
  };

  size_t max_capacity_ = 0;
  size_t capacity_ = 0;
  uint64_t misses_ = 0;  // since the entries were allocated
  std::unique_ptr<Tag[]> tags_;
  std::unique_ptr<Word[]> words_;
  uint32_t next_word_ = 0;  // words_ handed out so far
  size_t shape_capacity_ = 0;
  std::unique_ptr<ShapeTag[]> shapes_;
  std::unique_ptr<ShapeSums[]> shape_sums_;
  uint32_t next_shape_ = 0;
  uint64_t shape_clock_ = 0;
  int32_t shape_scratch_[kLanes];
  uint64_t model_id_ = 0;
  uint32_t stamp_ = 0;
  int32_t edge_[ner::kWordKeyParts][kLanes] = {};
};

// The calling thread's word cache.
WordCache& thread_word_cache();

// build()'s word facts from the cache, noting each word type's entry (*refs, indexed by type).
class CachedWords : public ner::DocumentFeatures::WordSource {
 public:
  CachedWords(WordCache* cache, const TaggerModel* model, const ner::DocumentFeatures* features,
              std::vector<uint32_t>* refs, std::vector<uint32_t>* keys)
      : cache_(cache), model_(model), features_(features), refs_(refs), keys_(keys) {}
  const ner::WordInfo& word(uint32_t type, std::string_view word) override {
    uint32_t ref = cache_->find_or_add(word, *model_, *features_, keys_);
    // Asked for types 0, 1, 2, ... in turn.
    if (refs_->size() == type) {
      refs_->push_back(ref);
    } else {
      (*refs_)[type] = ref;
    }
    if (ref != WordCache::kNone) return cache_->info(ref);
    uncached_ = features_->word_info(word, &model_->clusters());
    return uncached_;
  }

 private:
  WordCache* cache_;
  const TaggerModel* model_;
  const ner::DocumentFeatures* features_;
  std::vector<uint32_t>* refs_;
  std::vector<uint32_t>* keys_;
  ner::WordInfo uncached_;
};

}  // namespace lede
