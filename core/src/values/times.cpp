// Times of day and durations.
#include "values/times.h"

#include "values/lists.h"
#include "values/numbers.h"

namespace lede {

namespace {

std::string two_digits(int v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); }

// "a.m." / "am" / "AM" → 0, "p.m." / "pm" / "PM" → 12, anything else → -1.
int meridiem(std::string_view lower) {
  if (lower == "a.m." || lower == "am" || lower == "a.m") return 0;
  if (lower == "p.m." || lower == "pm" || lower == "p.m") return 12;
  return -1;
}

// "14:30", "3", "10.30" → hour and minute; false when it is not a clock reading.
bool clock(std::string_view s, int* hour, int* minute) {
  size_t k = 0;
  int h = 0;
  for (; k < s.size() && k < 2 && s[k] >= '0' && s[k] <= '9'; ++k) h = h * 10 + (s[k] - '0');
  if (k == 0) return false;
  int m = 0;
  if (k < s.size()) {
    if ((s[k] != ':' && s[k] != '.') || s.size() != k + 3) return false;
    for (size_t j = k + 1; j < s.size(); ++j) {
      if (s[j] < '0' || s[j] > '9') return false;
      m = m * 10 + (s[j] - '0');
    }
  }
  if (h > 23 || m > 59) return false;
  *hour = h;
  *minute = m;
  return true;
}

// The ISO 8601 duration of n units ("P30D", "PT2.5H"); empty when the word is no unit of time.
std::string duration_of(const Decimal& n, std::string_view unit) {
  if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
  Decimal v = n;
  const char* designator = nullptr;
  bool time = false;
  if (unit == "second") designator = "S", time = true;
  else if (unit == "minute") designator = "M", time = true;
  else if (unit == "hour") designator = "H", time = true;
  else if (unit == "day") designator = "D";
  else if (unit == "week") designator = "W";
  else if (unit == "month") designator = "M";
  else if (unit == "year") designator = "Y";
  else if (unit == "decade" && v.scale(1)) designator = "Y";
  else if ((unit == "century" || unit == "centurie") && v.scale(2)) designator = "Y";
  if (!designator) return {};
  return std::string(time ? "PT" : "P") + v.numeral() + designator;
}

}  // namespace

bool match_time(const ValueText& t, size_t i, ValueMatch* m) {
  int hour = 0, minute = 0;
  size_t end = i + 1;
  std::string_view s = t.at(i);
  std::string_view lower = t.lower(i);
  if ((lower == "noon" || lower == "midnight") && i > 0 &&
      (t.is(i - 1, "at") || t.is(i - 1, "by") || t.is(i - 1, "until") || t.is(i - 1, "before") ||
       t.is(i - 1, "after"))) {
    hour = lower == "noon" ? 12 : 0;
  } else {
    if (!t.starts_with_digit(i)) return false;
    // The meridiem glued ("3pm", "10.30am") or a token of its own ("3 p.m.").
    size_t digits = s.find_first_not_of("0123456789:.");
    std::string_view number = s.substr(0, digits);
    int half = -1;
    if (digits != std::string_view::npos) {
      half = meridiem(lower.substr(digits));
      if (half < 0) return false;
    } else {
      half = meridiem(t.lower(i + 1));
      if (half >= 0) ++end;
    }
    if (!clock(number, &hour, &minute)) return false;
    if (half >= 0) {
      if (hour < 1 || hour > 12) return false;
      hour = hour % 12 + half;
    } else if (number.find(':') == std::string_view::npos || number.size() < 4) {
      return false;  // a bare number, or "10.30" without a.m./p.m., is no time
    }
  }
  std::string value = two_digits(hour) + ":" + two_digits(minute);
  std::string_view zone = time_zone(t.at(end));
  if (!zone.empty()) {
    value += zone == "Z" ? "Z" : " " + std::string(zone);
    ++end;
  }
  m->set(i, end, ValueType::TIME, ValueForm::iso);
  m->value.iso = value;
  return true;
}

bool match_duration(const ValueText& t, size_t i, ValueMatch* m) {
  std::string iso;
  size_t end = 0;
  std::string_view lower = t.lower(i);
  size_t hyphen = lower.find('-');
  if (hyphen != std::string_view::npos && hyphen > 0 && lower.find('-', hyphen + 1) == std::string_view::npos) {
    // "30-day", "five-year", "24-hour": one token; not "five-year-old".
    Decimal n;
    size_t used = 0;
    std::string_view count = lower.substr(0, hyphen);
    const NumberWord* w = number_word(count);
    if (parse_numeral(count, &n, &used) && used == count.size()) {
    } else if (w && w->kind == NumberWord::Kind::cardinal) {
      n.digits = static_cast<uint64_t>(w->value);
    } else {
      return false;
    }
    if (t.is(i + 1, "-") && t.glued(i + 1) && t.is(i + 2, "old")) return false;
    iso = duration_of(n, lower.substr(hyphen + 1));
    end = i + 1;
  } else {
    Amount a;
    if (!read_amount(t, i, false, &a) || !a.rest.empty()) return false;
    iso = duration_of(a.value, t.lower(a.end));
    end = a.end + 1;
    if (t.is(end, "old") || t.is(end, "ago")) return false;
  }
  if (iso.empty()) return false;
  m->set(i, end, ValueType::DURATION, ValueForm::iso);
  m->value.iso = iso;
  return true;
}

}  // namespace lede
