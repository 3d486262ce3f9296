// The span boundaries of a result in the caller's offset unit: gathered from the analysis,
// converted in one pass over the text, then looked up by byte offset. Shared by the JSON and the
// compact writers, so that both give every boundary the same value.
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
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    units_ = convert_offsets(text, v, unit);
  }

  // `byte`, one of the boundaries gathered, in the unit.
  uint32_t unit(uint32_t byte) const {
    auto it = std::lower_bound(bytes_.begin(), bytes_.end(), byte);
    return units_[static_cast<size_t>(it - bytes_.begin())];
  }

 private:
  std::vector<uint32_t> bytes_;  // sorted unique byte offsets
  std::vector<uint32_t> units_;  // the same offsets in the unit
};

}  // namespace lede
