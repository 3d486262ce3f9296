// DATE values: calendar dates ("Tuesday, March 18, 2025", "18 March", "March 2025", "2025",
// "the 1990s", "the twentieth century"), ranges ("between May and July"), and relative dates
// ("yesterday", "last week", "three years ago", "Tuesday") resolved against a reference date.
#pragma once

#include "values/calendar.h"
#include "values/value_text.h"

namespace lede {

// The date whose first token is i. ref: the article's date, or null when unknown (relative dates
// then keep a null value). text_year: the year the text named last (0: none), the year of a month
// or day written without one ("in May", "on 30 May"), before the reference date's. The value's
// type is DATE.
bool match_date(const ValueText& t, size_t i, const CivilDate* ref, int text_year, ValueMatch* m);

// A full date (year, month and day) in the article's first lines, a dateline: the reference date
// when the caller gives none.
bool find_dateline(const ValueText& t, CivilDate* date);

}  // namespace lede
