// Money and percentages: an amount with a currency form before or after it, or a percent sign.
#include "values/money.h"

#include "values/lists.h"
#include "values/numbers.h"

namespace lede {

namespace {

void set_money(ValueMatch* m, size_t first, size_t end, const Decimal& amount, const std::string& code) {
  m->set(first, end, ValueType::MONEY, ValueForm::money);
  m->value.amount = amount.numeral();
  m->value.unit = code;
}

// A currency glued to the digits inside one token: "Rs2,680", "R500", "Tk40".
bool glued_prefix(const ValueText& t, size_t i, ValueMatch* m) {
  std::string_view s = t.at(i);
  size_t digit = s.find_first_of("0123456789");
  if (digit == 0 || digit == std::string_view::npos || digit > 4) return false;
  for (const UnitForm* form : currencies_before(static_cast<unsigned char>(s[0]))) {
    const UnitForm& f = *form;
    if (f.form != s.substr(0, digit)) continue;
    Decimal amount;
    size_t used = 0;
    if (!parse_numeral(s.substr(digit), &amount, &used)) return false;
    std::string_view rest = s.substr(digit + used);
    if (!rest.empty()) {
      int power = abbreviated_scale(rest);
      if (!power || !amount.scale(power)) return false;
    }
    set_money(m, i, i + 1, amount, f.unit);
    return true;
  }
  return false;
}

}  // namespace

bool match_money(const ValueText& t, size_t i, ValueMatch* m) {
  std::string_view s = t.at(i);
  if (s.empty()) return false;
  Amount a;
  if (may_start_currency(static_cast<unsigned char>(s[0]))) {
    if (glued_prefix(t, i, m)) return true;
    for (const UnitForm* form : currencies_before(static_cast<unsigned char>(s[0]))) {
      const UnitForm& f = *form;
      size_t end = t.match_forward(i, f);
      if (!end || end >= t.size() || t.token(end).newline_before) continue;
      // A sign stands glued to its amount ("$5"); "$$$ 5 yen" is no dollar amount.
      const unsigned char first = static_cast<unsigned char>(f.form[0]);
      if (t.token(end).space_before && !((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')))
        continue;
      if (!t.starts_with_digit(end) || !read_amount(t, end, true, &a) || !a.rest.empty()) return false;
      set_money(m, i, a.end, a.value, f.unit);
      return true;
    }
  }
  if (!read_amount(t, i, true, &a) || !a.rest.empty()) return false;
  if (a.end >= t.size() || t.token(a.end).newline_before) return false;
  for (const UnitForm* f : currencies_after(static_cast<unsigned char>(t.at(a.end)[0]))) {
    if (size_t end = t.match_forward(a.end, *f)) {
      set_money(m, i, end, a.value, f->unit);
      return true;
    }
  }
  return false;
}

bool match_percent(const ValueText& t, size_t i, ValueMatch* m) {
  Amount a;
  if (!read_amount(t, i, false, &a) || !a.rest.empty()) return false;
  size_t end = 0;
  if (t.at(a.end) == "%") end = a.end + 1;
  else if (t.is(a.end, "percent") || t.is(a.end, "pct")) end = a.end + 1;
  else if (t.is(a.end, "per") && t.is(a.end + 1, "cent")) end = a.end + 2;
  if (!end) return false;
  m->set(i, end, ValueType::PERCENT, ValueForm::number);
  m->value.amount = a.value.numeral();
  return true;
}

void resolve_bare_dollars(const ValueText& t, std::vector<ValueMatch>* values) {
  bool bare = false;
  for (const ValueMatch& v : *values) bare |= v.value.type == ValueType::MONEY && t.at(v.first) == "$";
  if (!bare) return;
  // Every dollar the article names by country, with or without an amount.
  std::string named;
  bool us = false, several = false;
  for (size_t k = 0; k < t.size(); ++k) {
    std::string_view w = t.lower(k);
    if (w != "dollars" && w != "dollar") continue;
    for (const UnitForm& f : currency_forms()) {
      if (!f.after || f.form.find(' ') == std::string::npos) continue;
      if (t.match_backward(k + 1, f) == std::string::npos) continue;
      if (f.unit == "USD") us = true;
      else if (named.empty()) named = f.unit;
      else several |= named != f.unit;
      break;
    }
  }
  if (us || several || named.empty()) return;
  for (ValueMatch& v : *values)
    if (v.value.type == ValueType::MONEY && t.at(v.first) == "$") v.value.unit = named;
}

}  // namespace lede
