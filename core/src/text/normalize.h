// Normalised forms of a piece of text for later stages (matching, features). These return new
// strings; offsets always keep pointing into the original text.
#pragma once

#include <string>
#include <string_view>

namespace lede {

// NFC, invalid UTF-8 read as U+FFFD.
std::string nfc(std::string_view s);
// NFC + Unicode case folding (ASCII fast path).
std::string fold_case(std::string_view s);
// fold_case with diacritics stripped (NFKD, marks removed): "Zelenskyy" == "ZELENSKYY", "Café" == "cafe".
std::string fold_for_matching(std::string_view s);

}  // namespace lede
