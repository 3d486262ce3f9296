// QUANTITY values: an amount and a unit of measure ("412 megawatts", "3 km", "500,000 barrels");
// a count of things ("40 drones") is none.
#pragma once

#include "values/value_text.h"

namespace lede {

bool match_quantity(const ValueText& t, size_t i, ValueMatch* m);

}  // namespace lede
