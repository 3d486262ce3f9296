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

// Where the text's first `lines` lines that hold more than spaces, tabs and carriage returns end:
// just after the line break closing the last of them, or the text's end when it has fewer. An
// offset before it lies in those lines or the blank ones among them (a news dateline's place:
// after a headline, a byline and a date). Reads no further than those lines.
size_t first_lines_end(std::string_view text, int lines);

// How many lines that hold more than white space may come before a news dateline's (a headline, a
// byline and a date): it opens a line before first_lines_end(text, kDatelineLines + 1).
constexpr int kDatelineLines = 3;

// Whether only spaces, tabs and carriage returns stand between the start of its line and `at`.
bool opens_line(std::string_view text, size_t at);

}  // namespace lede
