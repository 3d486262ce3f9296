// The model's own name lists (issue 21): places, countries, regions, nationalities, people, given
// and family names, companies, universities, organisations... chosen by lede-train from the
// gazetteers it reads and from its training data, and written INTO the model file, so that a
// model and its lists never part. Each entry is a phrase of one to kMaxWords words, kept only as
// a 32-bit hash of its words' lower-cased forms (case-insensitive: "LONDON" in a dateline matches)
// with a bit per list it is in. The tagger's features say which lists a span of words matches and
// where each token stands in it (begin, inside, last, unit: document_features.cpp).
//
// A table keeps only the top key_bits() bits of each key (lede-train --key-bits; model format
// version 6): a phrase not in the lists matches one that is with probability (entries) / 2^bits,
// and the trainer's table is the same as the tagger's, so the model learns with what it will see.
//
// In the model payload, right after the clusters (model_format.h), varints and columns:
//   list count N (<= kMaxLists); N x (name byte count, name bytes)
//   key bits B (ner::kMinKeyBits to 32); entry count E; the byte counts of the two varint columns
//   E x the kept keys' parts below their top 16 bits (ner::low_bytes(B) bytes LE each)
//   E varints: the kept keys' top 16 bits minus the previous one's, keys strictly increasing
//   E varints: the entry's list bits
// Columns, as the features' (model_format.h): the list bits, few distinct, compress well apart.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lede {

class PayloadReader;  // text/bytes.h

namespace ner {

class Gazetteer {
 public:
  static constexpr int kMaxLists = 16;
  static constexpr int kMaxWords = 6;
  static constexpr uint64_t kSeed = 0x6A09E667F3BCC909ull;

  // The running hash of a phrase: kSeed, extended by each word's lower-cased form hash
  // (WordInfo::lower), and the key of the phrase so far.
  static uint64_t extend(uint64_t h, uint64_t word_lower);
  static uint32_t key(uint64_t h) {
    uint32_t k = static_cast<uint32_t>(h ^ (h >> 32));
    return k ? k : 1;  // 0 marks an empty slot
  }

  bool empty() const { return entries_ == 0; }
  int key_bits() const { return key_bits_; }
  size_t size() const { return entries_; }
  const std::vector<std::string>& lists() const { return lists_; }
  // The lists the phrase with this key is in (0: none).
  uint16_t lookup(uint32_t key) const {
    const uint32_t kept = key & key_mask_;
    if (entries_ == 0 || kept == 0) return 0;
    for (size_t slot = home(kept);; slot = (slot + 1) & mask_) {
      if (keys_[slot] == kept) return bits_[slot];
      if (keys_[slot] == 0) return 0;
    }
  }

  // Building (lede-train): the lists by name and the key bits kept (kMinKeyBits to 32), then
  // phrases. add() returns false for a list index out of range; a key whose kept bits are all 0
  // (one in 2^key_bits) is not stored.
  void set_lists(std::vector<std::string> names, int key_bits = 32);
  bool add(uint32_t key, int list);
  // The entries of every list sorted by kept key: (kept key, bits).
  std::vector<std::pair<uint32_t, uint16_t>> entries() const;
  // How many entries each list has.
  std::vector<size_t> list_sizes() const;

  // The payload section (format above).
  void write(std::string* payload) const;
  // Reads the section; on malformed input returns false with *error saying why.
  bool read(PayloadReader* reader, std::string* error);

 private:
  void rehash(size_t capacity);
  void allocate(size_t capacity);
  // A kept key's home slot: from the top bits of its product with an odd constant (the low bits
  // of a kept key may all be 0).
  size_t home(uint32_t kept) const { return (kept * 0x9E3779B1u) >> shift_; }
  // Puts a key known not to be in the table into its first free slot from home.
  void place(uint32_t kept, uint16_t bits);

  std::vector<std::string> lists_;
  std::vector<uint32_t> keys_;  // open addressing by key, 0 = empty, at most half full
  std::vector<uint16_t> bits_;
  size_t mask_ = 0;
  int shift_ = 32;
  size_t entries_ = 0;
  int key_bits_ = 32;
  uint32_t key_mask_ = ~0u;
};

}  // namespace ner
}  // namespace lede
