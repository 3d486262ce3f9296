// The "text" member of a JSONL line, taken out of the line without the JSON library: the library
// builds a string a byte at a time (a call and a capacity check each), which was about 4% of the
// CLI's instructions over a news corpus. The rest of the line (its id and anything else) is still
// parsed by the library, with the text replaced by "" — so the line's validity, its id and every
// error message stay the library's.
#pragma once

#include <string>
#include <string_view>

namespace lede_cli {

// Splits `line` (valid UTF-8) into the decoded value of its top-level "text" member (*text) and
// the line with that value replaced by "" (*rest), when the line is a JSON object (as far as a
// scan of its strings and brackets tells) with exactly one top-level "text" key, written without
// escapes, whose value is a string that decodes the way the JSON library would decode it: no
// control characters, only JSON's escapes, \u escapes pairing their surrogates. False otherwise
// (the caller then parses the whole line with the library, which decides and words any error):
// *text and *rest are then unspecified.
bool split_text_member(std::string_view line, std::string* text, std::string* rest);

// Decodes the inside of a JSON string literal (the bytes between its quotation marks) into *out,
// as split_text_member does: false on anything the JSON library would reject, or that this
// decoder leaves to it (a lone surrogate).
bool decode_json_string(std::string_view s, std::string* out);

}  // namespace lede_cli
