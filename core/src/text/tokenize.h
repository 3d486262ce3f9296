// Tokenization of raw text into Penn-Treebank-like tokens (see docs/ARCHITECTURE.md), using
// utf8proc's character categories so that every script tokenizes sensibly.
#pragma once

#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

std::vector<Token> tokenize(std::string_view text);

// True for the characters lede treats as quotation marks.
bool is_quotation_mark(char32_t cp);

}  // namespace lede
