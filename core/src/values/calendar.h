// Proleptic Gregorian calendar arithmetic for the values stage: days since 1970-01-01, weekdays,
// months and ISO 8601 text. Howard Hinnant's days_from_civil / civil_from_days algorithms.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lede {

struct CivilDate {
  int year = 0;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};

bool is_valid_date(int year, int month, int day);
int64_t days_from_civil(CivilDate d);
CivilDate civil_from_days(int64_t days);
// 1 Monday ... 7 Sunday (ISO 8601).
int weekday_of(int64_t days);
CivilDate add_days(CivilDate d, int64_t n);
// The first day of the month `months` after d's (negative: before).
CivilDate add_months(CivilDate d, int64_t months);

// "2025-03-18", "2025-03", "2025", "-0299" (astronomical years: 300 BCE is -0299).
std::string iso_year(int year);
std::string iso_month(int year, int month);
std::string iso_day(CivilDate d);

// Parses "YYYY-MM-DD" (a valid date, years 0001-9999); false for anything else.
bool parse_iso_day(std::string_view s, CivilDate* d);

}  // namespace lede
