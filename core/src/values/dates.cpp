// Dates: each form a function reading tokens from i; match_date tries them in turn and joins two
// dates into a range ("between May and July", "from 2010 to 2015").
#include "values/dates.h"

#include <cstdlib>

#include "values/lists.h"
#include "values/numbers.h"

namespace lede {

namespace {

// What a date expression says, before it becomes a Value.
struct DateSpan {
  std::string from, to;  // equal for a single date; empty: unknown (no reference date)
};

void set_value(ValueMatch* m, const DateSpan& d) {
  m->value.type = ValueType::DATE;
  if (d.from.empty()) {
    m->value.form = ValueForm::none;
  } else if (d.from == d.to) {
    m->value.form = ValueForm::iso;
    m->value.iso = d.from;
  } else {
    m->value.form = ValueForm::range;
    m->value.from = d.from;
    m->value.to = d.to;
  }
}

DateSpan single(std::string iso) { return DateSpan{iso, iso}; }

const CalendarWord* calendar_at(const ValueText& t, size_t i, CalendarWord::Kind kind) {
  const CalendarWord* w = calendar_word(t.lower(i));
  return w && w->kind == kind ? w : nullptr;
}

// A month name, capitalised ("May", "Sept.", "Jan"): the tokens it takes (an abbreviation's full
// stop is a token of its own after "Sept") or 0.
size_t month_at(const ValueText& t, size_t i, int* month) {
  if (!t.capitalised(i)) return 0;
  std::string_view w = t.lower(i);
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  const CalendarWord* c = calendar_word(w);
  if (!c || c->kind != CalendarWord::Kind::month) return 0;
  *month = c->number;
  // "Sept." takes its full stop; "July." ends a sentence.
  const bool abbreviated = w.size() <= 4 && w != "may" && w != "june" && w != "july";
  return abbreviated && t.at(i + 1) == "." && t.glued(i + 1) ? 2 : 1;
}

// A day of the month: "18", "18th", "3rd".
bool day_at(const ValueText& t, size_t i, int* day) {
  std::string_view s = t.at(i);
  int v = 0;
  size_t k = 0;
  for (; k < s.size() && k < 2 && s[k] >= '0' && s[k] <= '9'; ++k) v = v * 10 + (s[k] - '0');
  std::string_view rest = s.substr(k);
  if (k == 0 || !(rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th")) return false;
  if (v < 1 || v > 31) return false;
  *day = v;
  return true;
}

// A year written out: four digits (1000-2100), or one to four before an era ("500 CE",
// "44 BC"). *tokens: how many it takes.
bool year_at(const ValueText& t, size_t i, int* year, size_t* tokens) {
  std::string_view s = t.at(i);
  if (s.empty() || s.size() > 4) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  std::string_view era = t.at(i + 1);
  if (era == "BC" || era == "BCE" || era == "B.C." || era == "B.C.E.") {
    *year = 1 - v;
    *tokens = 2;
    return v > 0;
  }
  if (era == "AD" || era == "CE" || era == "A.D." || era == "C.E.") {
    *year = v;
    *tokens = 2;
    return v > 0;
  }
  *year = v;
  *tokens = 1;
  return s.size() == 4 && v >= 1000 && v <= 2100;
}

// The year of a day and month: any three or four digits will do ("30 September 420").
bool year_of_day(const ValueText& t, size_t i, int* year, size_t* tokens) {
  if (year_at(t, i, year, tokens)) return true;
  std::string_view s = t.at(i);
  if (s.size() != 3 || s.find_first_not_of("0123456789") != std::string_view::npos || s[0] == '0') return false;
  *year = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
  *tokens = 1;
  return true;
}

// A plain year counts as a date unless the words around it say it is a count ("2000 people",
// "$2024", "2,024"): a plural noun after it, or a sign or a number glued to it.
bool year_in_context(const ValueText& t, size_t i, size_t end) {
  if (t.glued(i) && i > 0) {
    std::string_view before = t.at(i - 1);
    if (before != "(" && before != "'" && before != "\"" && before != "[") return false;
  }
  if (end < t.size() && t.glued(end)) {
    std::string_view after = t.at(end);
    if (after == "%" || after == "-" || after == "/" || after == ":" || t.starts_with_digit(end)) return false;
  }
  std::string_view next = t.lower(end);
  if (next.size() > 2 && next.back() == 's' && !t.capitalised(end)) {
    static const char* const kNotPlural[] = {"was", "has", "is", "as", "his", "its", "this", "thus",
                                             "us", "plus", "versus", "towards", "whereas"};
    bool function_word = false;
    for (const char* w : kNotPlural) function_word |= next == w;
    if (!function_word) return false;
  }
  if (next == "percent" || next == "per") return false;
  // "2000 people": a count before a noun, unless a preposition or "the" before makes it a year
  // ("in 2000 people", "the 2000 election").
  const std::string_view written_next = t.at(end);
  if (!written_next.empty() && written_next[0] >= 'a' && written_next[0] <= 'z' && i > 0) {
    static const char* const kYearBefore[] = {"the", "in", "since", "of", "by", "from", "until", "to",
                                              "between", "and", "during", "'s", "before", "after", "early",
                                              "late", "mid", "circa", "c.", "year", "summer", "winter",
                                              "spring", "autumn", "fall", "a", "an", "his",
                                              "her", "their", "its", "our", "my", "this", "that"};
    static const char* const kYearAfter[] = {"and", "or", "to", "in", "when", "with", "the", "at", "on",
                                             "for", "by", "until", "through", "after", "before", "but"};
    bool year = false;
    for (const char* w : kYearBefore) year |= t.is(i - 1, w);
    for (const char* w : kYearAfter) year |= next == w;
    year |= t.capitalised(i - 1);  // "the London 2012 Olympics"
    if (!year) return false;
  }
  return true;
}

// [Weekday[,]] Month Day[,] [Year]  |  [Weekday[,]] Day [of] Month [Year]  |  Month Year  |  Month
size_t calendar_date(const ValueText& t, size_t i, const CivilDate* ref, int text_year, DateSpan* d) {
  size_t k = i;
  if (calendar_at(t, k, CalendarWord::Kind::weekday) && t.capitalised(k)) {
    ++k;
    if (t.at(k) == ",") ++k;
  }
  if (t.is(k, "the") && k == i) ++k;
  int month = 0, day = 0, year = 0;
  size_t n = 0, y_tokens = 0;
  size_t end = 0;
  if ((n = month_at(t, k, &month))) {
    end = k + n;
    if (day_at(t, end, &day) && !(t.at(end).size() == 4)) {
      ++end;
      size_t y = end + (t.at(end) == "," ? 1 : 0);
      if (year_of_day(t, y, &year, &y_tokens)) end = y + y_tokens;
      else year = 0;
    } else if (year_at(t, end, &year, &y_tokens)) {
      end += y_tokens;
      *d = single(iso_month(year, month));
      return end;
    }
  } else if (day_at(t, k, &day)) {
    size_t m = k + 1 + (t.is(k + 1, "of") ? 1 : 0);
    if (!(n = month_at(t, m, &month))) return 0;
    end = m + n;
    size_t y = end + (t.at(end) == "," ? 1 : 0);
    if (year_of_day(t, y, &year, &y_tokens)) end = y + y_tokens;
    else year = 0;
  } else {
    return 0;
  }
  if (!day) {
    // A month alone: "May" and "March" are words too, so a lone month needs a capital that is not
    // the sentence's first word, or a preposition before it.
    static const char* const kBefore[] = {"in", "since", "by", "until", "till", "of", "early", "late",
                                          "mid", "last", "next", "this", "during", "from", "between",
                                          "and", "to", "through", "before", "after", "that"};
    bool preposition = false;
    for (const char* w : kBefore) preposition |= i > 0 && t.is(i - 1, w);
    if (!preposition && (month == 5 || month == 3 || i == 0 || t.at(i - 1) == "." )) return 0;
    if (!preposition && k != i) return 0;
    if (text_year) *d = single(iso_month(text_year, month));
    else *d = ref ? single(iso_month(ref->year, month)) : single("--" + iso_month(0, month).substr(5));
    return end;
  }
  if (year || text_year || ref) {
    int y = year ? year : text_year ? text_year : ref->year;
    *d = is_valid_date(y, month, day) ? single(iso_day(CivilDate{y, month, day})) : DateSpan();
  } else {
    *d = is_valid_date(2000, month, day) ? single("--" + iso_day(CivilDate{2000, month, day}).substr(5))
                                         : DateSpan();
  }
  return end;
}

// A decade or a century as its first and last days, as GUM gives them ("the 1990s": 1990-01-01
// to 1999-12-31): a reader comparing ranges needs no rule for where a year-range ends.
DateSpan whole_years(int from, int to) {
  return DateSpan{iso_day(CivilDate{from, 1, 1}), iso_day(CivilDate{to, 12, 31})};
}

// "2025-03-18" as one token.
size_t iso_date(const ValueText& t, size_t i, DateSpan* d) {
  CivilDate c;
  if (!parse_iso_day(t.at(i), &c)) return 0;
  *d = single(iso_day(c));
  return i + 1;
}

// "1990s", "the '90s", "mid-1990s", "the 1800s", "the twentieth century", "the 21st century".
size_t decade_or_century(const ValueText& t, size_t i, DateSpan* d) {
  size_t k = i;
  if (t.is(k, "the")) ++k;
  if (t.is(k, "early") || t.is(k, "late") || t.is(k, "mid") || t.is(k, "mid-")) ++k;
  std::string_view s = t.at(k);
  if (s.size() > 4 && (s.substr(0, 4) == "mid-" || s.substr(0, 4) == "Mid-")) s.remove_prefix(4);
  // Decades: 1990s, 1990's, '90s, 90s, '60's
  std::string_view digits = s;
  if (!digits.empty() && (digits[0] == '\'' || digits.substr(0, 3) == "\u2019")) {
    digits.remove_prefix(digits[0] == '\'' ? 1 : 3);
  }
  if (t.at(k + 1) == "'s" && t.glued(k + 1)) {
    if (digits.size() == 4 || digits.size() == 2) digits = std::string_view(digits.data(), digits.size() + 1);
  }
  if ((digits.size() == 5 || digits.size() == 3) && digits.back() == 's') {
    int v = 0;
    bool ok = true;
    for (size_t j = 0; j + 1 < digits.size(); ++j) {
      ok &= digits[j] >= '0' && digits[j] <= '9';
      v = v * 10 + (digits[j] - '0');
    }
    if (ok && v % 10 == 0) {
      // A two-digit decade is of the 1900s ("the '90s"), except 00s-20s of this century.
      int from = digits.size() == 5 ? v : (v <= 20 ? 2000 + v : 1900 + v);
      if (digits.size() == 5 && (from < 1000 || from > 2100)) return 0;
      int to = from % 100 == 0 && digits.size() == 5 && from % 1000 != 0 ? from + 99 : from + 9;
      *d = whole_years(from, to);
      return k + 1 + (t.at(k + 1) == "'s" ? 1 : 0);
    }
    return 0;
  }
  // Centuries: "the twentieth century", "the 21st century"
  if (k == i || !t.is(k + 1, "century")) return 0;
  int n = 0;
  const NumberWord* w = number_word(t.lower(k));
  if (w && w->kind == NumberWord::Kind::ordinal) {
    n = w->value;
  } else if (!day_at(t, k, &n) || t.at(k).size() < 3) {
    return 0;
  }
  *d = whole_years((n - 1) * 100, (n - 1) * 100 + 99);
  return k + 2;
}

// A plain year, with its era: "2025", "in 1805", "500 CE", "c. 347".
size_t year_date(const ValueText& t, size_t i, DateSpan* d) {
  int year = 0;
  size_t n = 0;
  const bool circa = i > 0 && (t.is(i - 1, "c.") || t.is(i - 1, "circa") || t.is(i - 1, "ca."));
  if (!(year_at(t, i, &year, &n) || (circa && year_of_day(t, i, &year, &n)))) return 0;
  if (n == 1 && !year_in_context(t, i, i + 1)) return 0;
  *d = single(iso_year(year));
  return i + n;
}

// The unit of a relative date: "day", "weeks", "month", "years", "decade".
enum class Unit { none, day, week, month, year, decade };

Unit unit_at(const ValueText& t, size_t i) {
  std::string_view w = t.lower(i);
  if (w.size() > 1 && w.back() == 's') w.remove_suffix(1);
  if (w == "day") return Unit::day;
  if (w == "week") return Unit::week;
  if (w == "month") return Unit::month;
  if (w == "year") return Unit::year;
  if (w == "decade") return Unit::decade;
  return Unit::none;
}

// The date n units after ref (before when n < 0), as precise as the unit: a day, a month, a year.
std::string shifted(const CivilDate& ref, Unit unit, int64_t n) {
  switch (unit) {
    case Unit::day: return iso_day(add_days(ref, n));
    case Unit::week: return iso_day(add_days(ref, 7 * n));
    case Unit::month: {
      CivilDate m = add_months(ref, n);
      return iso_month(m.year, m.month);
    }
    case Unit::year: return iso_year(static_cast<int>(ref.year + n));
    case Unit::decade: return iso_year(static_cast<int>(ref.year + 10 * n));
    case Unit::none: break;
  }
  return {};
}

// The span of the week (Monday to Sunday), month or year `offset` of them from ref's.
DateSpan period(const CivilDate& ref, Unit unit, int offset) {
  if (unit == Unit::week) {
    const int64_t monday = days_from_civil(ref) - (weekday_of(days_from_civil(ref)) - 1) + 7 * offset;
    return DateSpan{iso_day(civil_from_days(monday)), iso_day(civil_from_days(monday + 6))};
  }
  return single(shifted(ref, unit, offset));
}

// A weekday relative to ref: the last one on or before it, or after it when the words say the
// future ("next Tuesday", "will meet on Tuesday").
std::string weekday_date(const ValueText& t, size_t i, const CivilDate& ref, int weekday, int direction) {
  const int64_t today = days_from_civil(ref);
  const int delta = weekday - weekday_of(today);  // -6..6
  if (direction == 0) {
    for (size_t k = i; k-- > 0 && k + 8 > i;) {
      std::string_view w = t.lower(k);
      if (w == "will" || w == "'ll" || w == "until" || w == "scheduled" || w == "expected") direction = 1;
      if (w == "." || w == "said") break;
    }
  }
  int64_t day = today + (delta <= 0 ? delta : delta - 7);  // on or before
  if (direction > 0) day = today + (delta > 0 ? delta : delta + 7);
  if (direction < 0 && day == today) day -= 7;
  return iso_day(civil_from_days(day));
}

// A season (its first month) in the year the modifier says: this (or none), last, next.
DateSpan season_of(int first_month, int year) {
  CivilDate start{year, first_month, 1};
  CivilDate last = add_months(start, 2);
  return DateSpan{iso_month(start.year, start.month), iso_month(last.year, last.month)};
}

// "today", "yesterday", "tonight", "last week", "this month", "next year", "last Tuesday",
// "this summer", "three years ago", "the past two weeks".
size_t relative_date(const ValueText& t, size_t i, const CivilDate* ref, DateSpan* d) {
  std::string_view w = t.lower(i);
  int offset = 0;
  size_t end = 0;
  DateSpan out;
  if (w == "today" || w == "tonight" || w == "yesterday" || w == "tomorrow") {
    offset = w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0;
    end = i + 1;
    const CalendarWord* part = calendar_at(t, end, CalendarWord::Kind::daypart);
    if (part && w != "tonight" && t.lower(end) != "weekend") ++end;
    if (ref) out = single(iso_day(add_days(*ref, offset)));
  } else if (w == "this" || w == "last" || w == "next" || w == "past" || w == "coming") {
    offset = w == "last" ? -1 : w == "next" ? 1 : 0;
    size_t k = i + 1;
    Unit unit = unit_at(t, k);
    const CalendarWord* c = calendar_word(t.lower(k));
    if (unit != Unit::none && unit != Unit::decade && t.lower(k).back() != 's') {
      end = k + 1;
      if (ref) out = period(*ref, unit, offset);
    } else if (c && c->kind == CalendarWord::Kind::weekday && t.capitalised(k)) {
      end = k + 1;
      if (ref) out = single(weekday_date(t, i, *ref, c->number, offset == 0 ? 1 : offset));
    } else if (c && c->kind == CalendarWord::Kind::season) {
      end = k + 1;
      if (ref) {
        int year = ref->year - (c->number == 12 && ref->month <= 2 ? 1 : 0) + offset;
        out = season_of(c->number, year);
      }
    } else if (c && c->kind == CalendarWord::Kind::daypart && w != "next" && w != "coming") {
      end = k + 1;
      if (ref) {
        if (t.lower(k) == "weekend") {
          const int64_t today = days_from_civil(*ref);
          const int64_t saturday = today + (6 - weekday_of(today)) + 7 * offset;
          out = DateSpan{iso_day(civil_from_days(saturday)), iso_day(civil_from_days(saturday + 1))};
        } else {
          out = single(iso_day(add_days(*ref, w == "last" ? -1 : 0)));
        }
      }
    } else {
      return 0;
    }
  } else {
    return 0;
  }
  *d = out;
  return end;
}

// "three years ago", "a week ago", "the past three years", "the last two weeks".
size_t counted_date(const ValueText& t, size_t i, const CivilDate* ref, DateSpan* d) {
  size_t k = i;
  bool past = false;
  if (t.is(k, "the") && (t.is(k + 1, "past") || t.is(k + 1, "last"))) {
    past = true;
    k += 2;
  }
  int64_t n = 0;
  Amount a;
  if (t.is(k, "a") || t.is(k, "an")) {
    n = 1;
    a.end = k + 1;
  } else if (!read_amount(t, k, false, &a) || !a.rest.empty() || !a.value.whole(&n) || n > 10000) {
    return 0;
  }
  Unit unit = unit_at(t, a.end);
  if (unit == Unit::none) return 0;
  if (past) {
    if (ref) *d = DateSpan{shifted(*ref, unit == Unit::week || unit == Unit::month || unit == Unit::year ||
                                                 unit == Unit::decade ? unit : Unit::day, -n),
                           iso_day(*ref)};
    if (ref && unit != Unit::day && unit != Unit::week) {
      // From the same day n units back: "the past three years" is three years of days.
      // From the day after the same day n units back: "the past three years" on 2023-02-28 are
      // 2020-02-29 to 2023-02-28.
      CivilDate from = add_months(*ref, -n * (unit == Unit::month ? 1 : unit == Unit::year ? 12 : 120));
      from.day = std::min(ref->day, 28);
      *d = DateSpan{iso_day(add_days(from, 1)), iso_day(*ref)};
    }
    return a.end + 1;
  }
  if (!t.is(a.end + 1, "ago")) return 0;
  if (ref) *d = single(shifted(*ref, unit, -n));
  return a.end + 2;
}

// A season: "summer 2004", "in winter", "the summer" (without a year, months of no year: "--06").
size_t season_date(const ValueText& t, size_t i, DateSpan* d) {
  const CalendarWord* c = calendar_at(t, i, CalendarWord::Kind::season);
  if (!c || t.is(i, "fall") || i == 0) return 0;
  int year = 0;
  size_t n = 0;
  if (year_at(t, i + 1, &year, &n) && n == 1) {
    *d = season_of(c->number, year);
    return i + 2;
  }
  static const char* const kBefore[] = {"the", "in", "during", "that", "of", "early", "late", "mid", "every"};
  bool before = false;
  for (const char* w : kBefore) before |= t.is(i - 1, w);
  if (!before) return 0;
  DateSpan months = season_of(c->number, 2001);
  *d = DateSpan{"--" + months.from.substr(5), "--" + months.to.substr(5)};
  return i + 1;
}

// "'99": a year of the 1900s (or of this century up to '30).
size_t elided_year(const ValueText& t, size_t i, DateSpan* d) {
  std::string_view s = t.at(i);
  if (s.size() != 3 || s[0] != '\'' || s[1] < '0' || s[1] > '9' || s[2] < '0' || s[2] > '9') return 0;
  int v = (s[1] - '0') * 10 + (s[2] - '0');
  *d = single(iso_year(v <= 30 ? 2000 + v : 1900 + v));
  return i + 1;
}

// "that year", "the same year", "the following year": the year the text named last.
size_t year_named_before(const ValueText& t, size_t i, int text_year, DateSpan* d) {
  if (!(t.is(i, "that") || t.is(i, "the"))) return 0;
  size_t k = i + 1;
  int offset = 0;
  if (t.is(k, "same")) ++k;
  else if (t.is(i, "the") && (t.is(k, "following") || t.is(k, "next"))) offset = 1, ++k;
  else if (t.is(i, "the") && (t.is(k, "previous") || t.is(k, "preceding"))) offset = -1, ++k;
  else if (t.is(i, "the")) return 0;
  if (!t.is(k, "year")) return 0;
  *d = text_year ? single(iso_year(text_year + offset)) : DateSpan();
  return k + 1;
}

// "Christmas", "World War II": named_dates(), a day of every year in the reference date's year.
size_t named_date(const ValueText& t, size_t i, const CivilDate* ref, DateSpan* d) {
  if (!t.capitalised(i) && !t.is(i, "the")) return 0;
  for (const NamedDate& named : named_dates()) {
    size_t end = t.match_forward(i, named.form);
    if (!end) continue;
    auto dated = [&](const std::string& day) {
      if (day.compare(0, 2, "--") != 0) return day;
      return ref ? iso_year(ref->year) + day.substr(1) : day;
    };
    *d = DateSpan{dated(named.from), dated(named.to)};
    return end;
  }
  return 0;
}

// The one date at i, of whichever form, without ranges.
size_t one_date(const ValueText& t, size_t i, const CivilDate* ref, int text_year, DateSpan* d) {
  *d = DateSpan();
  if (size_t end = iso_date(t, i, d)) return end;
  if (size_t end = named_date(t, i, ref, d)) return end;
  // A year named in a text of that year or the one before is no reason to leave the article's
  // own year ("in 2013 ... in March", written in 2014, is March 2014 in the news).
  const bool recent = ref && text_year >= ref->year - 1 && text_year <= ref->year;
  if (size_t end = calendar_date(t, i, ref, recent ? 0 : text_year, d)) return end;
  if (size_t end = decade_or_century(t, i, d)) return end;
  if (size_t end = counted_date(t, i, ref, d)) return end;
  if (size_t end = relative_date(t, i, ref, d)) return end;
  if (size_t end = year_date(t, i, d)) return end;
  if (size_t end = season_date(t, i, d)) return end;
  if (size_t end = elided_year(t, i, d)) return end;
  if (size_t end = year_named_before(t, i, text_year, d)) return end;
  return 0;
}

// A weekday alone, capitalised: "on Tuesday", "Tuesday night".
size_t weekday_alone(const ValueText& t, size_t i, const CivilDate* ref, DateSpan* d) {
  const CalendarWord* c = calendar_at(t, i, CalendarWord::Kind::weekday);
  if (!c || !t.capitalised(i) || t.at(i).size() < 6) return 0;
  *d = ref ? single(weekday_date(t, i, *ref, c->number, 0)) : DateSpan();
  return i + 1;
}

}  // namespace

bool match_date(const ValueText& t, size_t i, const CivilDate* ref, int text_year, ValueMatch* m) {
  DateSpan d;
  size_t first = i;
  // "from 1947 to 1960" stays two dates, as GUM marks it; "between" makes one range.
  const bool range_word = t.is(i, "between");
  size_t end = one_date(t, range_word ? i + 1 : i, ref, text_year, &d);
  if (!end) end = weekday_alone(t, range_word ? i + 1 : i, ref, &d);
  if (!end) return false;
  if (!range_word) first = i;
  // "between May and July", "from 2010 to 2015": one range.
  const bool joined = range_word && t.is(end, "and");
  DateSpan second;
  size_t end2 = joined ? one_date(t, end + 1, ref, text_year, &second) : 0;
  if (end2 && !d.from.empty() && !second.from.empty() && d.from.size() == second.from.size()) {
    d = DateSpan{d.from, second.to};
    end = end2;
  } else if (range_word) {
    first = i + 1;
  }
  // "Tuesday night", "yesterday morning": the part of the day belongs to the date.
  const CalendarWord* part = calendar_at(t, end, CalendarWord::Kind::daypart);
  if (part && t.lower(end) != "weekend" && calendar_at(t, end - 1, CalendarWord::Kind::weekday)) ++end;
  m->first = first;
  m->end = end;
  set_value(m, d);
  return true;
}

bool find_dateline(const ValueText& t, CivilDate* date) {
  // The first lines: up to the third line break, and no further than 40 tokens.
  int lines = 0;
  for (size_t i = 0; i < t.size() && i < 40; ++i) {
    if (t.token(i).newline_before && ++lines >= 3) break;
    DateSpan d;
    size_t end = iso_date(t, i, &d);
    if (!end) end = calendar_date(t, i, nullptr, 0, &d);
    if (end && d.from == d.to && parse_iso_day(d.from, date)) return true;
    if (end) i = end - 1;
  }
  return false;
}

}  // namespace lede
