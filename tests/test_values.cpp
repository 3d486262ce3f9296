// The values stage: the hand-checked corpus (tests/corpus/values/cases.txt), the calendar and
// number arithmetic it rests on, and the output invariants over the corpus.
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "invariants.h"
#include "support.h"
#include "values/calendar.h"
#include "values/numbers.h"

namespace {

struct ValueCase {
  std::string name;
  std::string reference_date;
  std::string text;
  std::vector<std::string> expected;  // TYPE | text | value JSON
};

std::vector<ValueCase> read_cases() {
  std::ifstream in(std::string(LEDE_SOURCE_DIR) + "/tests/corpus/values/cases.txt");
  std::vector<ValueCase> cases;
  std::string line;
  bool in_expected = false;
  while (std::getline(in, line)) {
    if (line.rfind("== ", 0) == 0) {
      ValueCase c;
      c.name = line.substr(3);
      size_t at = c.name.find(" @ ");
      if (at != std::string::npos) {
        c.reference_date = c.name.substr(at + 3);
        c.name.resize(at);
      }
      cases.push_back(c);
      in_expected = false;
    } else if (cases.empty() || (line.empty() && !in_expected) || line[0] == '#') {
      continue;
    } else if (line == "--") {
      in_expected = true;
    } else if (in_expected) {
      if (!line.empty()) cases.back().expected.push_back(line);
    } else {
      cases.back().text += (cases.back().text.empty() ? "" : "\n") + line;
    }
  }
  return cases;
}

std::vector<std::string> found_values(const ValueCase& c, nlohmann::json* result) {
  lede::JsonOptions o;
  o.offsets = lede::OffsetUnit::utf16;
  lede::AnalyzeOptions article;
  article.reference_date = c.reference_date;
  *result = nlohmann::json::parse(lede_test::analyzer().analyze_json(c.text, o, article));
  std::vector<std::string> got;
  for (const auto& v : (*result)["values"])
    got.push_back(v["type"].get<std::string>() + " | " + v["text"].get<std::string>() + " | " + v["value"].dump());
  return got;
}

}  // namespace

TEST_CASE("values corpus: every hand-checked case", "[values][values-corpus]") {
  std::vector<ValueCase> cases = read_cases();
  REQUIRE(cases.size() >= 18);
  size_t passed = 0;
  for (const ValueCase& c : cases) {
    nlohmann::json result;
    std::vector<std::string> got = found_values(c, &result);
    INFO("case: " << c.name << "\ntext: " << c.text);
    CHECK(got == c.expected);
    CHECK(lede_test::check_spans(c.text, result) == "");
    CHECK(lede_test::validate_result(result) == "");
    lede::JsonOptions o;
    o.offsets = lede::OffsetUnit::utf16;
    lede::AnalyzeOptions article;
    article.reference_date = c.reference_date;
    CHECK(lede_test::check_compact(lede_test::analyzer().analyze_compact(c.text, o, article), result) == "");
    passed += got == c.expected;
  }
  std::cout << "values corpus: " << passed << "/" << cases.size() << " cases pass\n";
}

TEST_CASE("values: an invalid reference date is ignored with a warning", "[values]") {
  lede::AnalyzeOptions article;
  article.reference_date = "2025-02-30";
  lede::Analysis a = lede_test::analyzer().analyze("He left yesterday.", article);
  REQUIRE(a.values.size() == 1);
  CHECK(a.values[0].form == lede::ValueForm::none);
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].find("2025-02-30") != std::string::npos);
  CHECK_FALSE(lede::is_reference_date("2025-13-01"));
  CHECK(lede::is_reference_date("2024-02-29"));
  CHECK_FALSE(lede::is_reference_date("2023-02-29"));
}

TEST_CASE("values: calendar arithmetic round-trips and knows the weekdays", "[values]") {
  CHECK(lede::days_from_civil({1970, 1, 1}) == 0);
  CHECK(lede::weekday_of(lede::days_from_civil({2025, 3, 18})) == 2);  // a Tuesday
  for (int64_t d = -800000; d < 800000; d += 997) CHECK(lede::days_from_civil(lede::civil_from_days(d)) == d);
  CHECK(lede::iso_day(lede::add_days({2024, 2, 28}, 1)) == "2024-02-29");
  lede::CivilDate m = lede::add_months({2025, 1, 15}, -2);
  CHECK(lede::iso_month(m.year, m.month) == "2024-11");
  CHECK(lede::iso_year(1 - 300) == "-0299");
}

TEST_CASE("values: decimals are exact and refuse what does not fit", "[values]") {
  lede::Decimal d;
  size_t used = 0;
  REQUIRE(lede::parse_numeral("3,00,000.50", &d, &used));
  CHECK(used == 11);
  CHECK(d.numeral() == "300000.5");
  REQUIRE(lede::parse_numeral("1.2", &d, &used));
  REQUIRE(d.scale(9));
  CHECK(d.numeral() == "1200000000");
  REQUIRE(lede::parse_numeral("0.05", &d, &used));
  CHECK(d.numeral() == "0.05");
  CHECK_FALSE(lede::parse_numeral("1234567890123456789", &d, &used));
  REQUIRE(lede::parse_numeral("7", &d, &used));
  CHECK_FALSE(d.scale(40));
  CHECK(d.numeral() == "7");
}

TEST_CASE("values: the seed article's dates against the reference date", "[values][values-seed]") {
  const std::string data = lede_test::data_dir();
  if (data.empty()) return;
  const std::string text = lede_test::read_file(data + "/seed/article.txt");
  lede::AnalyzeOptions article;
  article.reference_date = "2025-03-18";
  const lede::Analysis a = lede_test::analyzer().analyze(text, article);
  auto value_of = [&](const std::string& words) -> const lede::Value* {
    for (const lede::Value& v : a.values)
      if (text.compare(v.span.start, v.span.end - v.span.start, words) == 0) return &v;
    return nullptr;
  };
  const lede::Value* ceasefire = value_of("30-day");
  REQUIRE(ceasefire);
  CHECK(ceasefire->type == lede::ValueType::DURATION);
  CHECK(ceasefire->iso == "P30D");
  const lede::Value* last_week = value_of("last week");
  REQUIRE(last_week);
  CHECK(last_week->form == lede::ValueForm::range);
  CHECK(last_week->from == "2025-03-10");
  CHECK(last_week->to == "2025-03-16");
  const lede::Value* monday = value_of("Monday");
  REQUIRE(monday);
  CHECK(monday->iso == "2025-03-17");
}
