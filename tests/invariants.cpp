#include "invariants.h"

#include <catch2/catch.hpp>

#include <memory>

#include "support.h"

namespace lede_test {

std::string slice(const std::string& text, lede::Span span) {
  return text.substr(span.start, span.end - span.start);
}

const lede::Analyzer& analyzer() {
  static std::unique_ptr<lede::Analyzer> a = [] {
    std::string error;
    auto p = lede::Analyzer::create(&error);
    if (!p) FAIL("cannot create analyzer: " << error);
    return p;
  }();
  return *a;
}

nlohmann::json analyze_json(const lede::Analyzer& a, const std::string& text, lede::OffsetUnit unit,
                            bool tokens) {
  lede::JsonOptions o;
  o.offsets = unit;
  o.tokens = tokens;
  return nlohmann::json::parse(a.analyze_json(text, o));
}

void check_all_units(const std::string& text, const std::string& label) {
  lede::Analysis analysis = analyzer().analyze(text);
  for (auto u : {lede::OffsetUnit::utf16, lede::OffsetUnit::codepoint, lede::OffsetUnit::utf8}) {
    lede::JsonOptions o;
    o.offsets = u;
    o.tokens = true;
    nlohmann::json r = nlohmann::json::parse(lede::to_json(text, analysis, o));
    std::string schema_error = validate_result(r);
    INFO(label << " in " << lede::offset_unit_name(u));
    REQUIRE(schema_error == "");
    std::string span_error = check_spans(text, r);
    REQUIRE(span_error == "");
    for (bool tokens : {true, false}) {
      o.tokens = tokens;
      if (!tokens) r.erase("tokens");
      std::string compact_error = check_compact(lede::to_compact(text, analysis, o), r);
      INFO("tokens " << tokens);
      REQUIRE(compact_error == "");
    }
  }
}

}  // namespace lede_test
