// Reads the word lists of core/data/values/ once (function-local statics: thread-safe and built on
// first use) into sorted tables.
#include "values/lists.h"

#include <algorithm>
#include <array>
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

// A word list as an open-addressing hash table: the stage asks about nearly every word of an
// article, and one hash and a compare or two beat a binary search of the list.
template <typename T>
class WordTable {
 public:
  explicit WordTable(size_t words) {
    size_t n = 64;
    while (n < 4 * words) n *= 2;  // at most a quarter full: short probe runs
    slots_.resize(n);
    mask_ = n - 1;
  }
  // Adds `word`, or merges `value` into it with `merge` when it is there already.
  template <typename Merge>
  void add(std::string_view word, T value, Merge merge) {
    if (!word.empty())
      shapes_[static_cast<unsigned char>(word[0])] |= static_cast<uint16_t>(1u << length_bit(word.size()));
    size_t k = hash(word) & mask_;
    while (slots_[k].used && slots_[k].word != word) k = (k + 1) & mask_;
    if (slots_[k].used) {
      slots_[k].value = merge(slots_[k].value, value);
    } else {
      slots_[k].used = true;
      slots_[k].word = word;
      slots_[k].value = value;
    }
  }
  void add(std::string_view word, T value) {
    add(word, value, [](T first, T) { return first; });
  }
  const T* find(std::string_view word) const {
    if (!word.empty() && !((shapes_[static_cast<unsigned char>(word[0])] >> length_bit(word.size())) & 1))
      return nullptr;
    for (size_t k = hash(word) & mask_;; k = (k + 1) & mask_) {
      if (!slots_[k].used) return nullptr;
      if (slots_[k].word == word) return &slots_[k].value;
    }
  }

 private:
  struct Slot {
    bool used = false;
    std::string_view word;
    T value{};
  };
  // The lengths of the words of each first byte, a bit each (15 and longer share one): most
  // words looked up are in no list, and their first byte and length say so before any hashing.
  static unsigned length_bit(size_t length) { return length < 15 ? static_cast<unsigned>(length) : 15u; }
  uint16_t shapes_[256] = {};
  static size_t hash(std::string_view w) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

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

// A list of rows "word, kind, number" as a WordTable of what make(row) gives.
template <typename T, typename Make>
WordTable<T> table_of(std::string_view name, Make make) {
  const auto rows = rows_of(name);
  WordTable<T> t(rows.size());
  for (const auto& row : rows) t.add(row[0], make(row));
  return t;
}

}  // namespace

const CalendarWord* calendar_word(std::string_view lower) {
  static const WordTable<CalendarWord> table =
      table_of<CalendarWord>("calendar", [](const std::vector<std::string_view>& row) {
        CalendarWord w;
        w.kind = row[1] == "month"     ? CalendarWord::Kind::month
                 : row[1] == "weekday" ? CalendarWord::Kind::weekday
                 : row[1] == "season"  ? CalendarWord::Kind::season
                                       : CalendarWord::Kind::daypart;
        w.number = to_int(row[2]);
        return w;
      });
  return table.find(lower);
}

const NumberWord* number_word(std::string_view lower) {
  static const WordTable<NumberWord> table =
      table_of<NumberWord>("numbers", [](const std::vector<std::string_view>& row) {
        NumberWord w;
        w.kind = row[1] == "cardinal"  ? NumberWord::Kind::cardinal
                 : row[1] == "ordinal" ? NumberWord::Kind::ordinal
                 : row[1] == "scale"   ? NumberWord::Kind::scale
                                       : NumberWord::Kind::dozen;
        w.value = to_int(row[2]);
        return w;
      });
  return table.find(lower);
}

int abbreviated_scale(std::string_view word) {
  static const WordTable<int> table =
      table_of<int>("abbreviated_scales", [](const std::vector<std::string_view>& row) { return to_int(row[1]); });
  const int* power = table.find(word);
  return power ? *power : 0;
}

std::string_view time_zone(std::string_view word) {
  static const WordTable<std::string_view> table =
      table_of<std::string_view>("time_zones", [](const std::vector<std::string_view>& row) { return row[1]; });
  const std::string_view* zone = table.find(word);
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

namespace {

using FormIndex = std::array<std::vector<const UnitForm*>, 256>;

// The forms of `forms` that `keep` accepts, by their first byte.
template <typename Keep>
FormIndex index_forms(const std::vector<UnitForm>& forms, Keep keep) {
  FormIndex index;
  for (const UnitForm& f : forms) {
    if (!keep(f)) continue;
    const unsigned char c = static_cast<unsigned char>(f.form[0]);
    index[c].push_back(&f);
    if (f.any_case && c >= 'a' && c <= 'z') index[c - 'a' + 'A'].push_back(&f);
  }
  return index;
}

}  // namespace

const std::vector<const UnitForm*>& currencies_before(unsigned char first) {
  static const FormIndex index = index_forms(currency_forms(), [](const UnitForm& f) { return f.before; });
  return index[first];
}

const std::vector<const UnitForm*>& currencies_after(unsigned char first) {
  static const FormIndex index = index_forms(currency_forms(), [](const UnitForm& f) { return f.after; });
  return index[first];
}

const std::vector<const UnitForm*>& units_starting(unsigned char first) {
  static const FormIndex index = index_forms(unit_forms(), [](const UnitForm&) { return true; });
  return index[first];
}

bool may_start_currency(unsigned char first) { return !currencies_before(first).empty(); }

const std::vector<NamedDate>& named_dates() {
  static const std::vector<NamedDate> dates = [] {
    std::vector<NamedDate> v;
    for (const auto& row : rows_of("named_dates")) {
      if (row.size() < 3) continue;
      NamedDate d;
      d.form.form = std::string(row[0]);
      d.from = std::string(row[1]);
      d.to = std::string(row[2]);
      v.push_back(std::move(d));
    }
    return v;
  }();
  return dates;
}

namespace {

// The first words of named_dates() in lower case ("christmas", "world"; not "the"), kept for the
// life of value_start's table, which holds views of them.
const std::vector<std::string>& named_date_first_words() {
  static const std::vector<std::string> words = [] {
    std::vector<std::string> v;
    for (const NamedDate& d : named_dates()) {
      std::string w = d.form.form.substr(0, d.form.form.find_first_of(" '"));
      for (char& c : w) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      if (w != "the") v.push_back(w);
    }
    return v;
  }();
  return words;
}

}  // namespace

uint8_t value_start(std::string_view lower) {
  // Every listed word is 1 to 9 bytes long: longer words are none without a look-up.
  if (lower.empty() || lower.size() > 9) return 0;
  static const WordTable<uint8_t> words = [] {
    WordTable<uint8_t> t(160);
    auto either = [](uint8_t x, uint8_t y) { return static_cast<uint8_t>(x | y); };
    for (const auto& row : rows_of("numbers"))
      if (row[1] == "cardinal") t.add(row[0], kStartsNumber, either);
    for (const auto& row : rows_of("calendar")) t.add(row[0], kStartsDate, either);
    // The first words of relative dates, ranges, decades and centuries (dates.cpp), of amounts
    // before a multiplier ("a dozen") and of the times said in words.
    for (const char* w : {"today", "tonight", "yesterday", "tomorrow", "this", "last", "next", "past",
                          "coming", "the", "between", "early", "late", "mid", "that"})
      t.add(w, kStartsDate, either);
    for (const char* w : {"a", "an"}) t.add(w, kStartsNumber | kStartsDate, either);
    for (const char* w : {"noon", "midnight"}) t.add(w, kStartsTime, either);
    for (const std::string& w : named_date_first_words()) t.add(w, kStartsDate, either);
    return t;
  }();
  const uint8_t* bits = words.find(lower);
  return bits ? *bits : 0;
}

}  // namespace lede
