// The CLI's own reading of a JSONL line's "text" (cli/jsonl_line.h) against the JSON library's:
// whenever it takes the text out, the library must find the same text in the line, and the same
// line (validity, id, other members) once the text is replaced by "".
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "jsonl_line.h"
#include "text/utf8.h"

using lede_cli::decode_json_string;
using lede_cli::split_text_member;

namespace {

nlohmann::json parse(const std::string& s) { return nlohmann::json::parse(s, nullptr, false); }

// What the CLI relies on, for one line: true when the fast split was taken.
bool agrees_with_library(const std::string& line) {
  std::string text, rest;
  if (!split_text_member(line, &text, &rest)) return false;
  const nlohmann::json whole = parse(line), skeleton = parse(rest);
  INFO("line: " << line);
  REQUIRE(whole.is_discarded() == skeleton.is_discarded());
  if (whole.is_discarded()) return true;
  REQUIRE(whole.is_object());
  REQUIRE(whole.contains("text"));
  REQUIRE(whole["text"].is_string());
  CHECK(whole["text"].get<std::string>() == text);
  nlohmann::json expected = whole;
  expected["text"] = "";
  CHECK(skeleton == expected);
  return true;
}

}  // namespace

TEST_CASE("a JSONL line's text is decoded as the JSON library decodes it", "[cli]") {
  const std::vector<std::string> taken = {
      R"({"id": 7, "text": "Plain words."})",
      R"(  {"text":"Tab\tnew\nline \"quoted\" back\\slash \/ \b\f\r"}  )",
      R"({"text": "caf\u00e9 \u201cq\u201d \u4e2d \ud83d\ude00 end", "id": "a\"b"})",
      R"({"meta": {"text": "inner", "list": ["}", "{", "\"text\""]}, "text": "outer"})",
      R"({"id": [1, {"text": 2}], "text": "after an array"})",
      "{\"text\": \"raw UTF-8: caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80\"}",
      R"({"text": ""})",
      R"({"text": "\u0000nul"})",
      R"({"text": "ends with a backslash \\"})",
      R"({"text": "x"} trailing)",  // not JSON: both say so
      R"({"text": "x",})",
  };
  for (const std::string& line : taken) {
    INFO(line);
    CHECK(agrees_with_library(line));
  }
  std::string text, rest;
  REQUIRE(split_text_member(R"({"id":1,"text":"a\u00e9\ud83d\ude00"})", &text, &rest));
  CHECK(text == "a\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(rest == R"({"id":1,"text":""})");

  // Left to the library: it decides, and words the error.
  const std::vector<std::string> left = {
      R"({"text": 5})",
      R"({"id": 1})",
      R"({"te\u0078t": "escaped key"})",
      R"({"text": "a", "text": "twice"})",
      "{\"text\": \"a control\x01 character\"}",
      R"({"text": "lone \ud800 high"})",
      R"({"text": "lone \udc00 low"})",
      R"({"text": "bad \x escape"})",
      R"({"text": "short \u12"})",
      R"({"text": "unterminated)",
      R"(["text", "an array"])",
      R"("text")",
      "",
  };
  for (const std::string& line : left) {
    INFO(line);
    CHECK_FALSE(split_text_member(line, &text, &rest));
  }
}

TEST_CASE("decode_json_string rejects what JSON rejects", "[cli]") {
  std::string out;
  CHECK(decode_json_string("a\\\"b", &out));
  CHECK(out == "a\"b");
  CHECK_FALSE(decode_json_string("a\\", &out));
  CHECK_FALSE(decode_json_string("a\nb", &out));
  CHECK_FALSE(decode_json_string("\\ud83d\\u0041", &out));
  CHECK(decode_json_string("\\u00E9\\u00e9", &out));
  CHECK(out == "\xC3\xA9\xC3\xA9");
}

TEST_CASE("random lines and their mutations: the split agrees with the library", "[cli]") {
  std::mt19937 rng(20261206);
  const std::vector<std::string> pieces = {"a", " ", "\"", "\\", "\n", "\t", "{", "}", "[", "]", ",", ":",
                                           "text", "\xC3\xA9", "\xE2\x80\x9C", "\xF0\x9F\x98\x80", "\x01", "/",
                                           // runs of plain bytes, so that a backslash or a control
                                           // falls at every place of the decoder's eight-byte steps
                                           "abcdefg", "The quick brown fox ", "0123456789ABCDEF"};
  int taken = 0;
  for (int k = 0; k < 6000; ++k) {
    std::string s;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) s += pieces[rng() % pieces.size()];
    nlohmann::json doc;
    if (rng() % 2) doc["id"] = static_cast<int>(rng() % 100);
    if (rng() % 3 == 0) doc["meta"] = {{"text", s}, {"n", nlohmann::json::array({s, 1})}};
    doc["text"] = s;
    std::string line = doc.dump(rng() % 3 == 0 ? 1 : -1, ' ', rng() % 2 == 0);
    if (rng() % 2) {  // a mutation: a byte changed, inserted or deleted, kept valid UTF-8
      const size_t at = rng() % (line.size() + 1);
      const std::string& p = pieces[rng() % pieces.size()];
      switch (rng() % 3) {
        case 0: line.insert(at, p); break;
        case 1: if (at < line.size()) line.erase(at, 1); break;
        default: if (at < line.size()) line[at] = p[0]; break;
      }
      if (!lede::is_valid_utf8(line)) continue;
    }
    if (agrees_with_library(line)) ++taken;
  }
  CHECK(taken > 2000);  // most lines take the fast path
}
