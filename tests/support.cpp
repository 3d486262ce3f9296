#include "support.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "lede/lede.h"

namespace fs = std::filesystem;

namespace lede_test {

std::string data_dir() {
  const char* env = std::getenv("LEDE_DATA");
  std::string dir = env && *env ? env : std::string(LEDE_SOURCE_DIR) + "/../shared/data";
  if (fs::is_directory(dir)) return dir;
  // CI sets LEDE_REQUIRE_DATA: there a missing data folder fails the tests that need it instead of
  // letting them pass with a warning.
  const char* required = std::getenv("LEDE_REQUIRE_DATA");
  if (required && *required && std::string(required) != "0")
    throw std::runtime_error("LEDE_REQUIRE_DATA is set but the data folder " + dir + " does not exist");
  return std::string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> corpus_sample(const std::vector<std::string>& files) {
  const char* env = std::getenv("LEDE_TEST_CORPUS_STRIDE");
  size_t stride = 1;
  if (env && *env) {
    char* end = nullptr;
    unsigned long n = std::strtoul(env, &end, 10);
    if (*end != '\0' || n == 0) throw std::runtime_error(std::string("LEDE_TEST_CORPUS_STRIDE is not a positive number: ") + env);
    stride = n;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < files.size(); i += stride) out.push_back(files[i]);
  return out;
}

std::vector<std::string> list_dir(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

namespace {

// An independent decoder (the oracle for the library's offsets). Returns the code points, with
// each maximal invalid subpart read as U+FFFD, and the byte offset where each one starts.
void decode(const std::string& s, std::vector<uint32_t>* cps, std::vector<size_t>* starts) {
  size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    starts->push_back(i);
    unsigned b = p[i];
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 1) {
      cps->push_back(b);
      ++i;
      continue;
    }
    uint32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    size_t j = i + 1;
    bool ok = len > 0;
    for (int k = 1; ok && k < len; ++k, ++j) {
      if (j >= s.size() || (p[j] & 0xC0) != 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (p[j] & 0x3F);
      // Reject overlong / surrogate / out-of-range as soon as the second byte tells.
      if (k == 1) {
        uint32_t partial = cp;
        if (len == 2 && partial < 0x80) ok = false;         // C0, C1: overlong
        if (len == 3 && partial < 0x20) ok = false;          // E0 80..9F
        if (len == 3 && partial >= 0x360 && partial < 0x380) ok = false;  // ED A0..BF
        if (len == 4 && (partial < 0x10 || partial >= 0x110)) ok = false;
        if (!ok) break;
      }
    }
    if (ok) {
      cps->push_back(cp);
      i = j;
    } else {
      cps->push_back(0xFFFD);
      i = std::max(i + 1, j);  // the maximal subpart: the lead and the continuation bytes accepted
    }
  }
  starts->push_back(s.size());
}

}  // namespace

std::vector<uint32_t> units_of(const std::string& text, const std::string& unit) {
  std::vector<uint32_t> out;
  if (unit == "utf8") {
    for (unsigned char c : text) out.push_back(c);
    return out;
  }
  std::vector<uint32_t> cps;
  std::vector<size_t> starts;
  decode(text, &cps, &starts);
  for (uint32_t cp : cps) {
    if (unit == "utf16" && cp >= 0x10000) {
      out.push_back(0xD800 + ((cp - 0x10000) >> 10));
      out.push_back(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      out.push_back(cp);
    }
  }
  return out;
}

namespace {

// The JSON "text" value as units of the same kind, for comparison with slices of the input.
std::vector<uint32_t> value_units(const std::string& utf8_value, const std::string& unit) {
  return units_of(utf8_value, unit == "utf8" ? "codepoint" : unit);
}

struct SpanChecker {
  const std::string& text;
  std::string unit;
  std::vector<uint32_t> units;       // the text in `unit`
  std::vector<uint32_t> cp_units;    // for utf8: the text decoded, and where each byte maps
  std::vector<size_t> cp_starts;
  std::string error;

  std::vector<uint32_t> slice_as_codepoints(size_t start, size_t end) {
    // utf8 offsets: decode the byte slice.
    return units_of(text.substr(start, end - start), "codepoint");
  }

  void visit(const nlohmann::json& v, const std::string& path) {
    if (!error.empty()) return;
    if (v.is_array()) {
      for (size_t k = 0; k < v.size(); ++k) visit(v[k], path + "[" + std::to_string(k) + "]");
      return;
    }
    if (!v.is_object()) return;
    if (v.contains("start") && v.contains("end") && v["start"].is_number_integer() &&
        v["end"].is_number_integer()) {
      auto s = v["start"].get<int64_t>(), e = v["end"].get<int64_t>();
      if (s < 0 || e < s || static_cast<size_t>(e) > units.size()) {
        error = path + ": span [" + std::to_string(s) + "," + std::to_string(e) +
                ") outside the text of length " + std::to_string(units.size());
        return;
      }
      if (v.contains("text") && v["text"].is_string()) {
        std::vector<uint32_t> want = value_units(v["text"].get<std::string>(), unit);
        std::vector<uint32_t> got =
            unit == "utf8" ? slice_as_codepoints(static_cast<size_t>(s), static_cast<size_t>(e))
                           : std::vector<uint32_t>(units.begin() + s, units.begin() + e);
        if (got != want) {
          error = path + ": slice [" + std::to_string(s) + "," + std::to_string(e) +
                  ") does not equal its text " + v["text"].dump();
          return;
        }
      }
    }
    for (auto it = v.begin(); it != v.end(); ++it) visit(it.value(), path + "." + it.key());
  }
};

}  // namespace

std::string check_spans(const std::string& text, const nlohmann::json& result) {
  SpanChecker c{text, result.value("offsets", std::string("codepoint")), {}, {}, {}, {}};
  c.units = units_of(text, c.unit);
  if (!result.contains("length") || result["length"] != c.units.size())
    return "length " + result.value("length", nlohmann::json()).dump() + " != " +
           std::to_string(c.units.size());
  c.visit(result, "$");
  return c.error;
}

namespace {

const nlohmann::json& schema() {
  static const nlohmann::json s =
      nlohmann::json::parse(read_file(std::string(LEDE_SOURCE_DIR) + "/docs/result.schema.json"));
  return s;
}

bool type_matches(const nlohmann::json& v, const std::string& t) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  if (t == "string") return v.is_string();
  if (t == "integer") return v.is_number_integer();
  if (t == "number") return v.is_number();
  if (t == "boolean") return v.is_boolean();
  if (t == "null") return v.is_null();
  return false;
}

// A validator for the subset of JSON Schema that docs/result.schema.json uses: type, const,
// enum, minimum, required, properties, additionalProperties: false, items, anyOf, $ref.
std::string validate(const nlohmann::json& v, const nlohmann::json& s, const std::string& path) {
  if (s.contains("$ref")) {
    std::string ref = s["$ref"];
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) return path + ": unsupported $ref " + ref;
    return validate(v, schema()["$defs"][ref.substr(prefix.size())], path);
  }
  if (s.contains("anyOf")) {
    for (const auto& alt : s["anyOf"])
      if (validate(v, alt, path).empty()) return "";
    return path + ": matches none of anyOf";
  }
  if (s.contains("type")) {
    bool ok = false;
    if (s["type"].is_array()) {
      for (const auto& t : s["type"]) ok = ok || type_matches(v, t);
    } else {
      ok = type_matches(v, s["type"]);
    }
    if (!ok) return path + ": expected type " + s["type"].dump() + ", got " + v.dump().substr(0, 80);
  }
  if (s.contains("const") && v != s["const"]) return path + ": expected " + s["const"].dump();
  if (s.contains("enum") && std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end())
    return path + ": " + v.dump() + " not in " + s["enum"].dump();
  if (s.contains("minimum") && v.is_number() && v.get<double>() < s["minimum"].get<double>())
    return path + ": below minimum";
  if (v.is_object()) {
    if (s.contains("required"))
      for (const auto& r : s["required"])
        if (!v.contains(r.get<std::string>())) return path + ": missing " + r.get<std::string>();
    if (s.contains("properties")) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (s["properties"].contains(it.key())) {
          std::string e = validate(it.value(), s["properties"][it.key()], path + "." + it.key());
          if (!e.empty()) return e;
        } else if (s.value("additionalProperties", true) == false) {
          return path + ": unexpected property " + it.key();
        }
      }
    }
  }
  if (v.is_array() && s.contains("items")) {
    for (size_t k = 0; k < v.size(); ++k) {
      std::string e = validate(v[k], s["items"], path + "[" + std::to_string(k) + "]");
      if (!e.empty()) return e;
    }
  }
  return "";
}

}  // namespace

std::string validate_result(const nlohmann::json& value) { return validate(value, schema(), "$"); }

namespace {

// Walks a compact result (layout in core/src/output/compact_format.h) beside the JSON result of the same analysis.
struct CompactChecker {
  const std::vector<uint32_t>& w;
  std::string unit;
  std::vector<uint32_t> strings;  // the compact form's strings in `unit` (utf8: decoded)
  std::vector<uint32_t> string_bytes;  // for utf8: the strings' bytes
  size_t p = 2;                        // the next word
  std::string error = {};

  bool fail(const std::string& where, const std::string& what) {
    if (error.empty()) error = where + ": " + what;
    return false;
  }
  bool next(uint32_t* v, const std::string& where) {
    if (p >= w.size() || p >= w[0]) return fail(where, "the words end early");
    *v = w[p++];
    return true;
  }
  bool number(const nlohmann::json& want, const std::string& where) {
    uint32_t v = 0;
    if (!next(&v, where)) return false;
    if (want.is_null() ? v != lede::kCompactNone : !(want.is_number_unsigned() && want == v))
      return fail(where, std::to_string(v) + " for " + want.dump());
    return true;
  }
  bool name(const nlohmann::json& want, const char* const* names, size_t n, const std::string& where) {
    uint32_t v = 0;
    if (!next(&v, where)) return false;
    if (v >= n || want != names[v]) return fail(where, std::to_string(v) + " for " + want.dump());
    return true;
  }
  // start, end; none = kCompactNone twice for a null (absent) span.
  bool span(const nlohmann::json& want, const std::string& where) {
    if (want.is_null()) return number(nullptr, where) && number(nullptr, where);
    return number(want["start"], where + ".start") && number(want["end"], where + ".end");
  }
  bool string(const nlohmann::json& want, const std::string& where) {
    uint32_t s = 0, e = 0;
    if (!next(&s, where) || !next(&e, where)) return false;
    if (want.is_null()) {
      if (s != lede::kCompactNone || e != lede::kCompactNone) return fail(where, "a string for null");
      return true;
    }
    const std::vector<uint32_t>& units = unit == "utf8" ? string_bytes : strings;
    if (s > e || e > units.size()) return fail(where, "string outside the strings");
    std::vector<uint32_t> got(units.begin() + s, units.begin() + e);
    if (unit == "utf8") got = units_of(std::string(got.begin(), got.end()), "codepoint");
    if (got != value_units(want.get<std::string>(), unit)) return fail(where, "string differs from " + want.dump());
    return true;
  }
  template <typename Item>
  bool list(const nlohmann::json& want, const std::string& where, Item item) {
    if (!number(want.size(), where + ".length")) return false;
    for (size_t k = 0; k < want.size(); ++k)
      if (!item(want[k], where + "[" + std::to_string(k) + "]")) return false;
    return true;
  }
};

}  // namespace

std::string check_compact(const std::vector<uint32_t>& words, const nlohmann::json& r) {
  if (words.size() < 2 || words[0] < 2 || words[0] > words.size() ||
      words.size() - words[0] != (words[1] + 3) / 4)
    return "header: words and strings do not add up to the size";
  const std::string unit = r["offsets"];
  std::string bytes(reinterpret_cast<const char*>(words.data() + words[0]), words[1]);
  CompactChecker c{words, unit, units_of(bytes, unit), units_of(bytes, "utf8")};
  static const char* const kTokenKinds[] = {"word", "number", "abbreviation", "punct", "quote", "dash", "symbol",
                                            "url", "email", "handle", "hashtag", "emoji", "other"};
  static const char* const kTypes[] = {"PERSON", "ORG", "LOC", "MISC"};
  static const char* const kKinds[] = {"direct", "partial", "indirect"};
  auto segment = [&](const nlohmann::json& s, const std::string& where) { return c.span(s, where); };
  auto token = [&](const nlohmann::json& t, const std::string& where) {
    return c.span(t, where) && c.name(t["kind"], kTokenKinds, 13, where + ".kind");
  };
  auto string = [&](const nlohmann::json& s, const std::string& where) { return c.string(s, where); };
  auto mention = [&](const nlohmann::json& m, const std::string& where) {
    return c.span(m, where) && c.string(m.value("title", nlohmann::json()), where + ".title");
  };
  auto entity = [&](const nlohmann::json& e, const std::string& where) {
    return c.number(e["id"], where + ".id") && c.name(e["type"], kTypes, 4, where + ".type") &&
           c.string(e["name"], where + ".name") && c.list(e["aliases"], where + ".aliases", string) &&
           c.list(e["mentions"], where + ".mentions", mention) && e["count"] == e["mentions"].size();
  };
  auto quote = [&](const nlohmann::json& q, const std::string& where) {
    if (!(c.number(q["id"], where + ".id") && c.name(q["kind"], kKinds, 3, where + ".kind") && c.span(q, where)))
      return false;
    const nlohmann::json& sp = q["speaker"];
    if (!c.number(sp.is_null() ? 0u : 1u, where + ".speaker")) return false;
    if (!sp.is_null() && !(c.number(sp["entity"], where + ".speaker.entity") &&
                           c.string(sp["name"], where + ".speaker.name") &&
                           c.span(sp["mention"], where + ".speaker.mention")))
      return false;
    return c.span(q["cue"], where + ".cue");
  };
  static const char* const kValueTypes[] = {"DATE", "TIME", "DURATION", "MONEY", "PERCENT", "QUANTITY"};
  // The value's form (ValueForm) follows from its JSON, and with it what the two strings hold.
  auto value = [&](const nlohmann::json& v, const std::string& where) {
    if (!(c.number(v["id"], where + ".id") && c.name(v["type"], kValueTypes, 6, where + ".type") &&
          c.span(v, where)))
      return false;
    const nlohmann::json& x = v["value"];
    const nlohmann::json null;
    if (x.is_null()) return c.number(0u, where + ".form") && c.string(null, where) && c.string(null, where);
    if (x.is_string()) return c.number(1u, where + ".form") && c.string(x, where) && c.string(null, where);
    if (x.is_number()) return c.number(3u, where + ".form") && c.string(x.dump(), where) && c.string(null, where);
    if (x.contains("from")) return c.number(2u, where + ".form") && c.string(x["from"], where) && c.string(x["to"], where);
    const bool money = x.contains("currency");
    return c.number(money ? 4u : 5u, where + ".form") && c.string(x["amount"].dump(), where + ".amount") &&
           c.string(money ? x["currency"] : x["unit"], where + ".unit");
  };
  bool ok = c.number(r["length"], "length") && c.list(r["sentences"], "sentences", segment) &&
            c.list(r["paragraphs"], "paragraphs", segment) &&
            (r.contains("tokens") ? c.list(r["tokens"], "tokens", token) : c.number(nullptr, "tokens")) &&
            c.list(r["entities"], "entities", entity) && c.list(r["quotes"], "quotes", quote) &&
            c.list(r["warnings"], "warnings", string) && c.list(r["values"], "values", value);
  if (!ok) return c.error.empty() ? "a field differs" : c.error;
  if (c.p != words[0]) return "words left over: read " + std::to_string(c.p) + " of " + std::to_string(words[0]);
  return "";
}

}  // namespace lede_test
