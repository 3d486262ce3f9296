// Reads the word lists of core/data/values/ once (function-local statics: thread-safe and built on
// first use) into sorted tables.
#include "values/lists.h"

#include <algorithm>
#include <utility>

namespace lede {

namespace {

// The rows of a tab-separated list: its lines without comments or blank lines, split at tabs.
std::vector<std::vector<std::string_view>> rows_of(std::string_view name) {
  std::vector<std::vector<std::string_view>> rows;
  std::string_view text = value_list(name);
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> fields;
    while (true) {
      size_t tab = line.find('\t');
      fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line = line.substr(tab + 1);
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

template <typename T>
using Table = std::vector<std::pair<std::string_view, T>>;

template <typename T>
const T* find_in(const Table<T>& table, std::string_view key) {
  auto it = std::lower_bound(table.begin(), table.end(), key,
                             [](const std::pair<std::string_view, T>& e, std::string_view k) { return e.first < k; });
  return it != table.end() && it->first == key ? &it->second : nullptr;
}

template <typename T>
void sort_table(Table<T>* table) {
  std::sort(table->begin(), table->end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
}

bool is_lower_case(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::vector<UnitForm> forms_of(std::string_view name) {
  std::vector<UnitForm> forms;
  for (const auto& row : rows_of(name)) {
    if (row.size() < 2) continue;
    UnitForm f;
    f.form = std::string(row[0]);
    f.unit = std::string(row[1]);
    f.any_case = is_lower_case(f.form);
    std::string_view where = row.size() > 2 ? row[2] : "after";
    f.before = where == "before" || where == "both";
    f.after = where == "after" || where == "both";
    forms.push_back(std::move(f));
  }
  // Longest first, so that "US dollars" is tried before "dollars" and "US$" before "$".
  std::stable_sort(forms.begin(), forms.end(),
                   [](const UnitForm& x, const UnitForm& y) { return x.form.size() > y.form.size(); });
  return forms;
}

}  // namespace

const CalendarWord* calendar_word(std::string_view lower) {
  static const Table<CalendarWord> table = [] {
    Table<CalendarWord> t;
    for (const auto& row : rows_of("calendar")) {
      CalendarWord w;
      w.kind = row[1] == "month"     ? CalendarWord::Kind::month
               : row[1] == "weekday" ? CalendarWord::Kind::weekday
               : row[1] == "season"  ? CalendarWord::Kind::season
                                     : CalendarWord::Kind::daypart;
      w.number = to_int(row[2]);
      t.emplace_back(row[0], w);
    }
    sort_table(&t);
    return t;
  }();
  return find_in(table, lower);
}

const NumberWord* number_word(std::string_view lower) {
  static const Table<NumberWord> table = [] {
    Table<NumberWord> t;
    for (const auto& row : rows_of("numbers")) {
      NumberWord w;
      w.kind = row[1] == "cardinal"  ? NumberWord::Kind::cardinal
               : row[1] == "ordinal" ? NumberWord::Kind::ordinal
               : row[1] == "scale"   ? NumberWord::Kind::scale
                                     : NumberWord::Kind::dozen;
      w.value = to_int(row[2]);
      t.emplace_back(row[0], w);
    }
    sort_table(&t);
    return t;
  }();
  return find_in(table, lower);
}

int abbreviated_scale(std::string_view word) {
  static const Table<int> table = [] {
    Table<int> t;
    for (const auto& row : rows_of("abbreviated_scales")) t.emplace_back(row[0], to_int(row[1]));
    sort_table(&t);
    return t;
  }();
  const int* power = find_in(table, word);
  return power ? *power : 0;
}

std::string_view time_zone(std::string_view word) {
  static const Table<std::string_view> table = [] {
    Table<std::string_view> t;
    for (const auto& row : rows_of("time_zones")) t.emplace_back(row[0], row[1]);
    sort_table(&t);
    return t;
  }();
  const std::string_view* zone = find_in(table, word);
  return zone ? *zone : std::string_view();
}

const std::vector<UnitForm>& currency_forms() {
  static const std::vector<UnitForm> forms = forms_of("currencies");
  return forms;
}

const std::vector<UnitForm>& unit_forms() {
  static const std::vector<UnitForm> forms = forms_of("units");
  return forms;
}

}  // namespace lede
