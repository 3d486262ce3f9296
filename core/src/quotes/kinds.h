// What kind of quotation a pair of marks holds: `direct` when it stands as a statement of its own
// (it opens the sentence or follows a colon or a comma, or is followed by its cue), `partial` for
// quoted words inside the writer's sentence; and short Title Case quotations, which are titles of
// shows or books rather than anyone's words.
#pragma once

#include <cstdint>

#include "lede/lede.h"
#include "quotes/index.h"
#include "quotes/marks.h"

namespace lede {
namespace quotes {

// The kind of the quotation `s`, whose content tokens are [first, end).
QuoteKind kind_of(const TokenIndex& ix, const MarkSpan& s, uint32_t first, uint32_t end);

// Tokens [first, end) read like a title ("The Apprentice", "Art of the Deal"): at most six
// words, each capitalised (function words after the first aside), no "!" or "?".
bool looks_like_title(const TokenIndex& ix, uint32_t first, uint32_t end);

}  // namespace quotes
}  // namespace lede
