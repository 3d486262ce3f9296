// The model's own name lists (issue 21): places, countries, regions, nationalities, people, given
// and family names, companies, universities, organisations... chosen by lede-train from the
// gazetteers it reads and from its training data, and written INTO the model file, so that a
// model and its lists never part. Each entry is a phrase of one to kMaxWords words, kept only as
// a 32-bit hash of its words' lower-cased forms (case-insensitive: "LONDON" in a dateline matches)
// with a bit per list it is in. The tagger's features say which lists a span of words matches and
// where each token stands in it (begin, inside, last, unit: document_features.cpp).
//
// In the model payload, right after the clusters (model_format.h):
//   list count N (<= kMaxLists); N x (name byte count, name bytes)
//   entry count E; E x (key delta from the previous key, list bits), keys strictly increasing
// all LEB128 varints. About 4 bytes an entry.
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
  size_t size() const { return entries_; }
  const std::vector<std::string>& lists() const { return lists_; }
  // The lists the phrase with this key is in (0: none).
  uint16_t lookup(uint32_t key) const {
    if (entries_ == 0) return 0;
    for (size_t slot = (key * 0x9E3779B1u) & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return bits_[slot];
      if (keys_[slot] == 0) return 0;
    }
  }

  // Building (lede-train): the lists by name, then phrases. add() returns false for a list index
  // out of range.
  void set_lists(std::vector<std::string> names);
  bool add(uint32_t key, int list);
  // The entries of every list sorted by key: (key, bits).
  std::vector<std::pair<uint32_t, uint16_t>> entries() const;
  // How many entries each list has.
  std::vector<size_t> list_sizes() const;

  // The payload section (format above).
  void write(std::string* payload) const;
  // Reads the section; on malformed input returns false with *error saying why.
  bool read(PayloadReader* reader, std::string* error);

 private:
  void rehash(size_t capacity);

  std::vector<std::string> lists_;
  std::vector<uint32_t> keys_;  // open addressing by key, 0 = empty, at most half full
  std::vector<uint16_t> bits_;
  size_t mask_ = 0;
  size_t entries_ = 0;
};

}  // namespace ner
}  // namespace lede
