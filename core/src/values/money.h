// MONEY values ("$1.2 billion", "€300m", "Rs 3 crore", "1.5 trillion yen", "US$40,000") with an
// ISO 4217 code, and PERCENT values ("30 percent", "30%", "12.5 per cent").
#pragma once

#include "values/value_text.h"

namespace lede {

bool match_money(const ValueText& t, size_t i, ValueMatch* m);
bool match_percent(const ValueText& t, size_t i, ValueMatch* m);

// A bare "$" is USD unless the article names one other dollar and never the US one ("all figures
// in Australian dollars"): then the bare ones are that. Rewrites the money values so.
void resolve_bare_dollars(const ValueText& t, std::vector<ValueMatch>* values);

}  // namespace lede
