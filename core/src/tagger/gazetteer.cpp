// The model's name lists: a table from phrase key to list bits, and its section of the model file.
#include "tagger/gazetteer.h"

#include <algorithm>

#include "tagger/features.h"
#include "tagger/model_format.h"

namespace lede {
namespace ner {

uint64_t Gazetteer::extend(uint64_t h, uint64_t word_lower) { return combine(h, word_lower); }

void Gazetteer::set_lists(std::vector<std::string> names, int key_bits) {
  lists_ = std::move(names);
  keys_.clear();
  bits_.clear();
  mask_ = 0;
  entries_ = 0;
  key_bits_ = key_bits;
  key_mask_ = key_bits_mask(key_bits);
}

// An empty table of `capacity` slots, a power of two of at least 64.
void Gazetteer::allocate(size_t capacity) {
  keys_.assign(capacity, 0);
  bits_.assign(capacity, 0);
  mask_ = capacity - 1;
  shift_ = 32;
  for (size_t c = capacity; c > 1; c >>= 1) --shift_;
}

void Gazetteer::rehash(size_t capacity) {
  std::vector<std::pair<uint32_t, uint16_t>> old = entries();
  allocate(capacity);
  for (const auto& [k, b] : old) place(k, b);
}

void Gazetteer::place(uint32_t kept, uint16_t bits) {
  size_t slot = home(kept);
  while (keys_[slot] != 0) slot = (slot + 1) & mask_;
  keys_[slot] = kept;
  bits_[slot] = bits;
}

bool Gazetteer::add(uint32_t key, int list) {
  if (list < 0 || list >= static_cast<int>(lists_.size()) || key == 0) return false;
  key &= key_mask_;
  if (key == 0) return true;
  if ((entries_ + 1) * 2 > keys_.size()) rehash(std::max<size_t>(64, keys_.size() * 2));
  size_t slot = home(key);
  while (keys_[slot] != 0 && keys_[slot] != key) slot = (slot + 1) & mask_;
  if (keys_[slot] == 0) {
    keys_[slot] = key;
    ++entries_;
  }
  bits_[slot] = static_cast<uint16_t>(bits_[slot] | (1u << list));
  return true;
}

std::vector<std::pair<uint32_t, uint16_t>> Gazetteer::entries() const {
  std::vector<std::pair<uint32_t, uint16_t>> out;
  out.reserve(entries_);
  for (size_t s = 0; s < keys_.size(); ++s)
    if (keys_[s] != 0) out.emplace_back(keys_[s], bits_[s]);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<size_t> Gazetteer::list_sizes() const {
  std::vector<size_t> sizes(lists_.size(), 0);
  for (size_t s = 0; s < keys_.size(); ++s)
    for (size_t l = 0; l < lists_.size(); ++l)
      if (keys_[s] != 0 && (bits_[s] >> l & 1)) ++sizes[l];
  return sizes;
}

void Gazetteer::write(std::string* payload) const {
  put_varint(payload, lists_.size());
  for (const std::string& name : lists_) {
    put_varint(payload, name.size());
    payload->append(name);
  }
  SortedWordColumns keys(key_bits_);
  std::string bits;
  const std::vector<std::pair<uint32_t, uint16_t>> sorted = entries();
  for (const auto& [k, b] : sorted) {
    keys.add(k);
    put_varint(&bits, b);
  }
  put_varint(payload, static_cast<uint64_t>(key_bits_));
  put_varint(payload, sorted.size());
  keys.put_sizes(payload, bits);
  keys.append(payload, bits);
}

bool Gazetteer::read(PayloadReader* r, std::string* error) {
  auto fail = [&](const char* what) {
    *error = std::string("the name lists' section is malformed (") + what + ")";
    return false;
  };
  uint64_t n_lists, key_bits, n_entries;
  if (!r->varint(&n_lists) || n_lists > kMaxLists) return fail("list count");
  std::vector<std::string> names(static_cast<size_t>(n_lists));
  for (std::string& name : names) {
    uint64_t length;
    const uint8_t* at;
    if (!r->varint(&length) || length > 64 || !r->take(length, &at)) return fail("list name");
    name.assign(reinterpret_cast<const char*>(at), static_cast<size_t>(length));
  }
  if (!r->varint(&key_bits) || key_bits < kMinKeyBits || key_bits > 32) return fail("key bits");
  set_lists(std::move(names), static_cast<int>(key_bits));
  // Each entry takes at least three bytes (a low part, a high delta, list bits): a larger count
  // cannot be right.
  if (!r->varint(&n_entries) || n_entries > r->remaining() / 3) return fail("entry count");
  const uint8_t* low;
  PayloadReader high(nullptr, 0), bits(nullptr, 0);
  if (!take_word_columns(r, n_entries, &low, &high, &bits, nullptr, key_bits_)) return fail("truncated");
  SortedWordReader keys(low, high, key_bits_);
  size_t capacity = 64;
  while (capacity < n_entries * 2) capacity *= 2;
  allocate(capacity);
  for (uint64_t e = 0; e < n_entries; ++e) {
    uint32_t key;
    uint64_t list_bits;
    if (!keys.next(&key) || key == 0) return fail("keys out of order");
    if (!bits.varint(&list_bits) || list_bits == 0 || list_bits >> lists_.size()) return fail("list bits");
    place(key, static_cast<uint16_t>(list_bits));
  }
  if (!keys.high_deltas_used() || bits.remaining() != 0) return fail("bytes after the last entry");
  entries_ = static_cast<size_t>(n_entries);
  return true;
}

}  // namespace ner
}  // namespace lede
