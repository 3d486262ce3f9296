// The model's name lists: a table from phrase key to list bits, and its section of the model file.
#include "tagger/gazetteer.h"

#include <algorithm>

#include "tagger/features.h"
#include "tagger/model_format.h"

namespace lede {
namespace ner {

uint64_t Gazetteer::extend(uint64_t h, uint64_t word_lower) { return combine(h, word_lower); }

void Gazetteer::set_lists(std::vector<std::string> names) {
  lists_ = std::move(names);
  keys_.clear();
  bits_.clear();
  mask_ = 0;
  entries_ = 0;
}

void Gazetteer::rehash(size_t capacity) {
  std::vector<std::pair<uint32_t, uint16_t>> old = entries();
  keys_.assign(capacity, 0);
  bits_.assign(capacity, 0);
  mask_ = capacity - 1;
  for (const auto& [k, b] : old) {
    size_t slot = (k * 0x9E3779B1u) & mask_;
    while (keys_[slot] != 0) slot = (slot + 1) & mask_;
    keys_[slot] = k;
    bits_[slot] = b;
  }
}

bool Gazetteer::add(uint32_t key, int list) {
  if (list < 0 || list >= static_cast<int>(lists_.size()) || key == 0) return false;
  if ((entries_ + 1) * 2 > keys_.size()) rehash(std::max<size_t>(64, keys_.size() * 2));
  size_t slot = (key * 0x9E3779B1u) & mask_;
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
  std::vector<std::pair<uint32_t, uint16_t>> sorted = entries();
  put_varint(payload, sorted.size());
  uint32_t previous = 0;
  for (const auto& [k, b] : sorted) {
    put_varint(payload, k - previous);
    put_varint(payload, b);
    previous = k;
  }
}

bool Gazetteer::read(PayloadReader* r, std::string* error) {
  auto fail = [&](const char* what) {
    *error = std::string("the name lists' section is malformed (") + what + ")";
    return false;
  };
  uint64_t n_lists, n_entries;
  if (!r->varint(&n_lists) || n_lists > kMaxLists) return fail("list count");
  std::vector<std::string> names(static_cast<size_t>(n_lists));
  for (std::string& name : names) {
    uint64_t length;
    const uint8_t* at;
    if (!r->varint(&length) || length > 64 || !r->take(length, &at)) return fail("list name");
    name.assign(reinterpret_cast<const char*>(at), static_cast<size_t>(length));
  }
  set_lists(std::move(names));
  // Each entry takes at least two bytes: a larger count cannot be right.
  if (!r->varint(&n_entries) || n_entries > r->remaining() / 2) return fail("entry count");
  size_t capacity = 64;
  while (capacity < n_entries * 2) capacity *= 2;
  keys_.assign(capacity, 0);
  bits_.assign(capacity, 0);
  mask_ = capacity - 1;
  uint64_t key = 0;
  for (uint64_t e = 0; e < n_entries; ++e) {
    uint64_t delta, bits;
    if (!r->varint(&delta) || !r->varint(&bits)) return fail("truncated");
    key += delta;
    if (delta == 0 || key > UINT32_MAX) return fail("keys out of order");
    if (bits == 0 || bits >> lists_.size()) return fail("list bits");
    size_t slot = (static_cast<uint32_t>(key) * 0x9E3779B1u) & mask_;
    while (keys_[slot] != 0) slot = (slot + 1) & mask_;
    keys_[slot] = static_cast<uint32_t>(key);
    bits_[slot] = static_cast<uint16_t>(bits);
  }
  entries_ = static_cast<size_t>(n_entries);
  return true;
}

}  // namespace ner
}  // namespace lede
