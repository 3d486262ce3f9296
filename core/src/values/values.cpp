// The values stage's run: the reference date, then one pass over the tokens trying each finder
// at each token, the first that matches taking its tokens.
#include "values/values.h"

#include <algorithm>

#include "values/calendar.h"
#include "values/dates.h"
#include "values/lists.h"
#include "values/numbers.h"
#include "values/money.h"
#include "values/quantities.h"
#include "values/times.h"
#include "values/value_text.h"

namespace lede {

namespace {

constexpr uint8_t kStartsCurrency = 8;

// Whether a currency written before its amount could begin at token i: the amount's digits are
// glued to it ("US$40,000") or start a token right after the form, which spans at most as many
// tokens as its longest form has bytes. Most capitalised words begin with a letter some
// currency's form begins with ("C" of "C$", "CAD"), and nearly all of them have no number near.
// (An amount in words before its currency, "five million dollars", is a number's start.)
bool amount_within_reach(const ValueText& t, size_t i) {
  static const size_t reach = [] {
    size_t longest = 0;
    for (const UnitForm& f : currency_forms())
      if (f.before) longest = std::max(longest, f.form.size());
    return longest;
  }();
  if (t.at(i).find_first_of("0123456789") != std::string_view::npos) return true;
  for (size_t k = i + 1; k <= i + reach && k < t.size(); ++k)
    if (t.starts_with_digit(k)) return true;
  return false;
}

// What token i can begin (ValueStart bits, and kStartsCurrency): most tokens begin nothing and
// are skipped after this one look-up, which keeps the stage cheap beside the tagger.
uint8_t starts_at(const ValueText& t, size_t i) {
  const Token& token = t.token(i);
  if (token.kind != TokenKind::word && token.kind != TokenKind::number &&
      token.kind != TokenKind::abbreviation && token.kind != TokenKind::symbol)
    return 0;
  std::string_view s = t.at(i);
  const unsigned char first = static_cast<unsigned char>(s[0]);
  uint8_t bits = may_start_currency(first) && amount_within_reach(t, i) ? kStartsCurrency : 0;
  if (first >= '0' && first <= '9') return bits | kStartsNumber | kStartsDate | kStartsTime;
  if (first == '\'' || s.substr(0, 3) == "\u2019") return bits | kStartsDate;  // '90s
  std::string_view lower = t.lower(i);
  if (lower.size() > 1 && lower.back() == '.') lower.remove_suffix(1);  // "Sept."
  lower = lower.substr(0, lower.find('-'));                              // "twenty-five", "mid-1990s"
  bits |= value_start(lower);
  // "the", "between", "a" and "an" are frequent and begin a value only before a word that can go
  // on with one: "the 1990s", "the twentieth century", "the past three years", "a dozen",
  // "a year ago".
  if (bits && (lower == "the" || lower == "between" || lower == "a" || lower == "an" || lower == "that") &&
      i + 1 < t.size()) {
    std::string_view next = t.lower(i + 1);
    const NumberWord* n = number_word(next);
    const bool goes_on = t.starts_with_digit(i + 1) || next[0] == '\'' || n ||
                         (starts_at(t, i + 1) & ~kStartsCurrency) != 0 || next == "day" || next == "week" ||
                         next == "month" || next == "year" || next == "decade" || next == "same" ||
                         next == "following" || next == "previous" || next == "preceding";
    if (!goes_on) return bits & kStartsCurrency;
  }
  return bits;
}

// The value beginning at token i, trying the finders from the most specific: money before a year
// ("$2024"), a percentage before a duration, a date before a duration ("three years ago").
bool value_at(const ValueText& t, size_t i, uint8_t starts, const CivilDate* ref, int text_year,
              ValueMatch* m) {
  *m = ValueMatch();
  const bool number = starts & kStartsNumber;
  return ((number || (starts & kStartsCurrency)) && match_money(t, i, m)) ||
         (number && match_percent(t, i, m)) ||
         ((number || (starts & kStartsTime)) && match_time(t, i, m)) ||
         ((number || (starts & kStartsDate)) && match_date(t, i, ref, text_year, m)) ||
         (number && match_duration(t, i, m)) || (number && match_quantity(t, i, m));
}

// The year a date value writes out ("May 2019", "in 1805"), else `last`: what a later month or
// day without a year belongs to.
int year_written(const ValueText& t, const ValueMatch& m, int last) {
  if (m.value.type != ValueType::DATE || m.value.form != ValueForm::iso) return last;
  for (size_t k = m.first; k < m.end; ++k) {
    std::string_view s = t.at(k);
    if (s.size() == 4 && s.find_first_not_of("0123456789") == std::string_view::npos)
      return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  }
  return last;
}

}  // namespace

bool is_reference_date(std::string_view date) {
  CivilDate d;
  return parse_iso_day(date, &d);
}

std::vector<Value> find_values(std::string_view text, const std::vector<Token>& tokens,
                               std::string_view reference_date, std::vector<std::string>* warnings) {
  ValueText t(text, tokens);
  CivilDate ref;
  bool has_ref = false;
  if (!reference_date.empty()) {
    has_ref = parse_iso_day(reference_date, &ref);
    if (!has_ref)
      warnings->push_back("lede: reference date \"" + std::string(reference_date) +
                          "\" is not a date YYYY-MM-DD; ignored");
  }
  if (!has_ref) has_ref = find_dateline(t, &ref);

  std::vector<ValueMatch> found;
  ValueMatch m;
  int text_year = 0;
  for (size_t i = 0; i < t.size();) {
    const uint8_t starts = starts_at(t, i);
    if (starts && value_at(t, i, starts, has_ref ? &ref : nullptr, text_year, &m) && m.end > i) {
      text_year = year_written(t, m, text_year);
      found.push_back(m);
      i = m.end;
    } else {
      ++i;
    }
  }
  resolve_bare_dollars(t, &found);

  std::vector<Value> values;
  values.reserve(found.size());
  for (ValueMatch& f : found) {
    Value v = std::move(f.value);
    v.id = static_cast<uint32_t>(values.size());
    v.span = Span{tokens[f.first].span.start, tokens[f.end - 1].span.end};
    values.push_back(std::move(v));
  }
  return values;
}

}  // namespace lede
