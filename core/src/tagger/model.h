// A tagger model in memory: its word clusters, transition weights and a table from feature key to
// weight record (decoded from the file's columns, format in model_format.h), loaded from a model file or the
// one compiled into the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tagger/gazetteer.h"
#include "tagger/labels.h"
#include "tagger/model_format.h"
#include "tagger/word_facts.h"

namespace lede {

class TaggerModel {
 public:
  // Parses a model file. Returns null and sets *error (when non-null) for anything but a complete,
  // intact model of the supported format version, trained with this build's feature scheme and
  // word lists (lexicon_digest()). The bytes are not referenced afterwards (the weights are decoded
  // into records of the model's own). trusted: the library's own model file (the WebAssembly
  // package's, which has none embedded), taken as load_default() takes the embedded one: its
  // checksum is not recomputed (the tests check it); everything else is checked.
  static std::unique_ptr<TaggerModel> load(const uint8_t* data, size_t size, std::string* error,
                                           bool trusted = false);
  // The model compiled into the library, its checksum (checked by the tests) not recomputed. An error in a build without one
  // (LEDE_EMBED_MODEL=OFF, the WebAssembly package's: its model is a file of its own).
  static std::unique_ptr<TaggerModel> load_default(std::string* error);

  int stage_count() const { return stage_count_; }
  // The weights of feature `key`, every stage's, so that a feature both stages use costs one
  // lookup; null when no stage has it. A record, as the loader decodes it from the file's columns
  // (little-endian int16 words, read with memcpy: they need not be aligned): the labels it has a
  // weight for, stage s's
  // label y at bit s * kLabels + y of a mask in ner::kRecordMaskWords words, then one weight for
  // each set bit in bit order; the last record is followed by 16 zero bytes. Features have about
  // four weights of the 17 or 34 lanes, so the records take a quarter of the memory of rows of
  // every lane: less to load and to keep in the caches.
  // The table holds the keys in spread key order (see Slot): a search ends at the first slot
  // whose spread key is not below the one sought, the empty ones (0) included.
  // Keys are compared by the top bits of their spread keys that the file kept (key_mask_): a key
  // the model lacks may find the record of one it has (model_format.h, version 6).
  const uint8_t* find(uint32_t key) const {
    const uint32_t spread = stored_key(key);
    const Slot* s = &slots_[home_slot(spread)];
    while (s->spread < spread && s->spread != 0) ++s;
    return s->spread == spread && spread != 0 ? records_.get() + s->record : nullptr;
  }
  static constexpr int kMaxStages = 2;
  const void* slot_address(uint32_t key) const { return &slots_[home_slot(stored_key(key))]; }
  // False when `key` is certainly not in the model: a bitmap small enough to stay in cache, so
  // that the features a model does not have (about half of them) cost no trip to the table.
  bool may_have(uint32_t key) const {
    const uint32_t bit = filter_bit(stored_key(key));
    return (filter_[bit >> 6] >> (bit & 63)) & 1;
  }
  // (kLabels+1) x (kLabels+1) transition weights of a stage; row kLabels = start, column = end.
  const int32_t* transitions(int stage) const {
    return transitions_.data() + static_cast<size_t>(stage) * (ner::kLabels + 1) * (ner::kLabels + 1);
  }
  const ner::ClusterTable& clusters() const { return clusters_; }
  const ner::Gazetteer& gazetteer() const { return gazetteer_; }
  size_t feature_count() const { return feature_count_; }
  // Different for every model loaded in this process, so that what was computed with one model is
  // never taken for another's (an address may be reused).
  uint64_t id() const { return id_; }

 private:
  // The table: a key's home slot is its spread key scaled to [0, home_slots_), a monotone map, and
  // the keys are placed in spread key order, each in its home or the first free slot after the
  // previous key's (linear probing that never wraps: past the last key's slot there is always an
  // empty one). So the file's keys, in spread key order, fill it front to back.
  struct Slot {
    uint32_t spread;  // the key's spread key; 0 = empty
    uint32_t record;  // its offset in records_, in bytes
  };
  uint32_t stored_key(uint32_t key) const { return ner::spread_key(key) & key_mask_; }
  uint32_t home_slot(uint32_t spread) const { return static_cast<uint32_t>((uint64_t{spread} * home_slots_) >> 32); }
  static uint32_t filter_bit(uint32_t spread) { return (spread * 0x85EBCA6Bu) >> (32 - kFilterBits); }
  friend struct ModelBuilder;
  static constexpr int kFilterBits = 20;  // 2^20 bits = 128 KB
  static constexpr size_t kFilterWords = (size_t{1} << kFilterBits) / 64;

  int stage_count_ = 1;
  size_t feature_count_ = 0;
  uint64_t id_ = 0;
  std::unique_ptr<Slot[]> slots_;
  std::unique_ptr<uint8_t[]> records_;
  std::vector<int32_t> transitions_;
  uint32_t home_slots_ = 0;
  uint32_t key_mask_ = ~0u;  // the spread key bits the file kept
  std::unique_ptr<uint64_t[]> filter_;
  ner::ClusterTable clusters_;
  ner::Gazetteer gazetteer_;
};

// The model compiled into the library (models/lede-ner.bin, see cmake/model.cmake); null and 0 in
// a build without one.
const uint8_t* default_model_data();
size_t default_model_size();

}  // namespace lede
