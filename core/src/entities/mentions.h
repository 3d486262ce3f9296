// A mention's span and title, decided once for the whole library: a title or role is never part
// of a mention's span ("President Putin" gives the mention "Putin" with title "President"). When
// the tagger included the title in the span, the span is shrunk past it; when the title precedes
// the span, it is only recorded. A trailing possessive clitic ("'s") is never part of a span.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

// Moves the mention's span past leading titles and off a trailing possessive, and records the
// title ("President", "Prime Minister"); looks at the tokens just before the span for a title
// when the span has none. The mention's tokens must lie inside `tokens`.
void separate_title(std::string_view text, const std::vector<Token>& tokens, Mention* m);

// The text with every run of whitespace written as one space, none at either end: how names
// and titles are shown even when the text wraps inside them.
std::string single_spaced(std::string_view text);

// The mention's text, single-spaced.
std::string mention_surface(std::string_view text, const Mention& m);

}  // namespace lede
