// Quotation marks paired into quotations, in one left-to-right pass with a tiny stack (at most
// one open mark per family and style: double “”"„«» and '', single ‘’'‚‹›, CJK 「」『』), so any input
// pairs in linear time. A mark's direction comes from its glyph and its spacing; a closing single
// mark with nothing open is an apostrophe (the Clintons’ plan). Single-quote openings expire at
// the end of their sentence; double-quote openings at the end of their paragraph, unless the next
// paragraph opens with the same family (a quotation running over several paragraphs: each
// paragraph's part is its own span, chained to the one before). An unclosed mark that opens a
// paragraph quotes to the paragraph's end; any other unclosed mark is dropped, so a stray mark
// never swallows the article. Marks nested inside a quotation stay part of its text. Marks
// inside markup (`<a href="...">`, PolNeAR's `<tweet author="...">`) are no quotation marks.
#pragma once

#include <cstdint>
#include <vector>

#include "quotes/index.h"

namespace lede {
namespace quotes {

// A pair of marks (or a mark and the end of its paragraph) around quoted tokens.
struct MarkSpan {
  uint32_t open = 0;            // the opening mark's token
  uint32_t close = 0;           // the closing mark's token, or the paragraph end when unclosed
  bool closed = false;
  uint32_t chain_prev = kNone;  // index of the previous paragraph's part of the same quotation
};

// The top-level quotations of the text, in text order (nested ones are part of their text).
std::vector<MarkSpan> pair_marks(const TokenIndex& index);

// Sets index->quoted over each span, its marks included.
void mark_quoted(const std::vector<MarkSpan>& spans, TokenIndex* index);

}  // namespace quotes
}  // namespace lede
