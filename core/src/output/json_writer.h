// Schema-1 JSON output (docs/result.schema.json). Offsets are converted to the requested unit in
// one pass over the text; string values are valid UTF-8 (invalid input read as U+FFFD).
#pragma once

#include <string>
#include <string_view>

#include "lede/lede.h"

namespace lede {

// Appends s as a JSON string literal (quotes included).
void append_json_string(std::string_view s, std::string* out);

// Re-indents compact JSON (two spaces), leaving string contents untouched.
std::string indent_json(std::string_view compact);

}  // namespace lede
