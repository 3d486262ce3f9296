// Calendar arithmetic (http://howardhinnant.github.io/date_algorithms.html), exact for any year
// an article can write.
#include "values/calendar.h"

namespace lede {

namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

std::string padded(int v, int width) {
  std::string s = std::to_string(v < 0 ? -v : v);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<size_t>(width) - s.size(), '0');
  return v < 0 ? "-" + s : s;
}

}  // namespace

bool is_valid_date(int year, int month, int day) {
  return year >= -9999 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

int64_t days_from_civil(CivilDate d) {
  const int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t mp = (d.month + 9) % 12;
  const int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  CivilDate d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

int weekday_of(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

CivilDate add_days(CivilDate d, int64_t n) { return civil_from_days(days_from_civil(d) + n); }

CivilDate add_months(CivilDate d, int64_t months) {
  int64_t index = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
  CivilDate out;
  out.year = static_cast<int>(year);
  out.month = static_cast<int>(index - year * 12) + 1;
  out.day = 1;
  return out;
}

std::string iso_year(int year) { return padded(year, 4); }

std::string iso_month(int year, int month) { return iso_year(year) + "-" + padded(month, 2); }

std::string iso_day(CivilDate d) { return iso_month(d.year, d.month) + "-" + padded(d.day, 2); }

bool parse_iso_day(std::string_view s, CivilDate* d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const size_t from[3] = {0, 5, 8}, to[3] = {4, 7, 10};
  for (int k = 0; k < 3; ++k)
    for (size_t j = from[k]; j < to[k]; ++j) {
      if (s[j] < '0' || s[j] > '9') return false;
      v[k] = v[k] * 10 + (s[j] - '0');
    }
  if (v[0] < 1 || !is_valid_date(v[0], v[1], v[2])) return false;
  *d = CivilDate{v[0], v[1], v[2]};
  return true;
}

}  // namespace lede
