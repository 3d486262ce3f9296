// The values stage: dates, times, durations, money, percentages and quantities in an article, each
// with its normalised value. Runs on the tokens alone, after tokenize; the finders are one file
// each (dates, times, money, quantities) over the shared number reader (numbers) and word lists
// (lists, from core/data/values/).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

// The values of `text`, in text order and never overlapping. reference_date: "YYYY-MM-DD" or
// empty (then a dateline in the first lines, if any, is the reference); an invalid one is ignored
// with a warning added to *warnings.
std::vector<Value> find_values(std::string_view text, const std::vector<Token>& tokens,
                               std::string_view reference_date, std::vector<std::string>* warnings);

}  // namespace lede
