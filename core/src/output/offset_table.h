// The span boundaries of a result in the caller's offset unit: gathered from the analysis,
// converted in one pass over the text, then looked up by byte offset in constant time. Shared by
// the JSON and the compact writers, so that both give every boundary the same value.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "lede/lede.h"
#include "text/utf8.h"

namespace lede {

class OffsetTable {
 public:
  OffsetTable(std::string_view text, const Analysis& a, OffsetUnit unit, bool tokens) {
    std::vector<uint32_t>& v = bytes_;
    auto add = [&](Span s) {
      v.push_back(s.start);
      v.push_back(s.end);
    };
    v.push_back(static_cast<uint32_t>(text.size()));
    for (const Segment& s : a.sentences) add(s.span);
    for (const Segment& s : a.paragraphs) add(s.span);
    if (tokens)
      for (const Token& t : a.tokens) add(t.span);
    for (const Entity& e : a.entities)
      for (const Mention& m : e.mentions) add(m.span);
    for (const Quote& q : a.quotes) {
      add(q.span);
      if (q.has_speaker && q.speaker.has_mention) add(q.speaker.mention);
      if (q.has_cue) add(q.cue);
    }
    for (const Value& value : a.values) add(value.span);
    // A bit per byte offset marks the boundaries; read in order, they come sorted and once each
    // (no sort), and a boundary's place among them is the count of marks below it (rank_: the
    // count before each 64 bits, then a popcount).
    uint32_t largest = 0;
    for (uint32_t b : v) largest = std::max(largest, b);
    marks_.assign(size_t{largest} / 64 + 1, 0);
    for (uint32_t b : v) marks_[b / 64] |= uint64_t{1} << (b % 64);
    rank_.resize(marks_.size());
    v.clear();
    for (size_t w = 0; w < marks_.size(); ++w) {
      rank_[w] = static_cast<uint32_t>(v.size());
      for (uint64_t bits = marks_[w]; bits; bits &= bits - 1)
        v.push_back(static_cast<uint32_t>(w * 64 + static_cast<unsigned>(__builtin_ctzll(bits))));
    }
    units_ = convert_offsets(text, v, unit);
  }

  // `byte`, one of the boundaries gathered, in the unit.
  uint32_t unit(uint32_t byte) const {
    const size_t w = byte / 64;
    const uint64_t below = marks_[w] & ((uint64_t{1} << (byte % 64)) - 1);
    return units_[rank_[w] + static_cast<uint32_t>(__builtin_popcountll(below))];
  }

 private:
  std::vector<uint32_t> bytes_;  // the boundaries gathered, then the same sorted and unique
  std::vector<uint64_t> marks_;  // bit b % 64 of word b / 64: byte offset b is a boundary
  std::vector<uint32_t> rank_;   // the boundaries below each word of marks_
  std::vector<uint32_t> units_;  // the sorted boundaries in the unit
};

}  // namespace lede
