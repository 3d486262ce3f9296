// The tokenizer's word lists (core/data/abbreviations.txt, domain_suffixes.txt): which words keep
// a following full stop, and which suffixes make "Amazon.com" one word. Both case-sensitive, as
// written in text.
#pragma once

#include <cstddef>
#include <string_view>

namespace lede {

// An abbreviation that keeps its full stop ("Dr", "Calif", "etc"; given without the stop).
// Single letters and dotted letter groups ("U.S.") are the tokenizer's to recognise by shape.
bool is_abbreviation(std::string_view word);

// The domain-name suffixes ("com", "org", "uk"), for a scan that matches them against the text
// after a full stop.
struct DomainSuffixes {
  const std::string_view* first;
  size_t count;
  const std::string_view* begin() const { return first; }
  const std::string_view* end() const { return first + count; }
};
DomainSuffixes domain_suffixes();

}  // namespace lede
