// The values stage's run: the reference date, then one pass over the tokens trying each finder
// at each token, the first that matches taking its tokens.
#include "values/values.h"

#include "values/calendar.h"
#include "values/dates.h"
#include "values/money.h"
#include "values/quantities.h"
#include "values/times.h"
#include "values/value_text.h"

namespace lede {

namespace {

// Tokens that never begin a value: punctuation, quotation marks, links, emoji.
bool may_begin_value(const Token& token) {
  switch (token.kind) {
    case TokenKind::word:
    case TokenKind::number:
    case TokenKind::abbreviation:
    case TokenKind::symbol:
    case TokenKind::other:
      return true;
    default:
      return false;
  }
}

// The value beginning at token i, trying the finders from the most specific: money before a year
// ("$2024"), a percentage before a duration, a date before a duration ("three years ago").
bool value_at(const ValueText& t, size_t i, const CivilDate* ref, int text_year, ValueMatch* m) {
  *m = ValueMatch();
  return match_money(t, i, m) || match_percent(t, i, m) || match_time(t, i, m) ||
         match_date(t, i, ref, text_year, m) || match_duration(t, i, m) || match_quantity(t, i, m);
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
    if (may_begin_value(t.token(i)) && value_at(t, i, has_ref ? &ref : nullptr, text_year, &m) && m.end > i) {
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
