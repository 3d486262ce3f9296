// TIME values ("3 p.m. ET", "14:30", "10.30am", "at noon") and DURATION values ("a 30-day
// ceasefire", "two and a half hours", "five years"), normalised to ISO 8601 ("15:00 ET", "P30D",
// "PT2.5H").
#pragma once

#include "values/value_text.h"

namespace lede {

bool match_time(const ValueText& t, size_t i, ValueMatch* m);
bool match_duration(const ValueText& t, size_t i, ValueMatch* m);

}  // namespace lede
