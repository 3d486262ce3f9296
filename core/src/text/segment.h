// Paragraphs and sentences over the token list.
#pragma once

#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

// Paragraphs: where the text has blank lines, a blank line (or U+2029) separates paragraphs and a
// single line break is a wrapped line; where it has none, every line is a paragraph.
std::vector<Segment> find_paragraphs(std::string_view text, const std::vector<Token>& tokens);

// Sentences never cross a paragraph boundary.
std::vector<Segment> find_sentences(std::string_view text, const std::vector<Token>& tokens,
                                    const std::vector<Segment>& paragraphs);

}  // namespace lede
