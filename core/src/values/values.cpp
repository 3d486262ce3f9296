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
bool value_at(const ValueText& t, size_t i, const CivilDate* ref, ValueMatch* m) {
  *m = ValueMatch();
  return match_money(t, i, m) || match_percent(t, i, m) || match_time(t, i, m) ||
         match_date(t, i, ref, m) || match_duration(t, i, m) || match_quantity(t, i, m);
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
  for (size_t i = 0; i < t.size();) {
    if (may_begin_value(t.token(i)) && value_at(t, i, has_ref ? &ref : nullptr, &m) && m.end > i) {
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
