// Numbers as news writes them: digits with separators ("2,680", "3,00,000", "1.5"), words
// ("twenty-five", "a dozen", "two and a half"), and multipliers after them ("1.2 billion",
// "Rs 3 crore", "Tk 40 lakh", and with money only the short ones: "€300m", "$2.5bn").
// Values are exact decimals: significant digits and a power of ten, never floating point, so that
// every build prints the same numeral.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "values/value_text.h"

namespace lede {

// digits × 10^exponent, with at most 18 significant digits.
struct Decimal {
  uint64_t digits = 0;
  int32_t exponent = 0;

  // Multiplies by 10^power or by k; false (and unchanged) when the result leaves the range.
  bool scale(int power);
  bool times(uint64_t k);
  // Adds a half ("two and a half"); false when it does not fit.
  bool add_half();
  // True when it is a whole number, and then *n is it (if it fits an int64).
  bool whole(int64_t* n) const;
  // The canonical numeral: "1200000000", "2.5", "0.05" (no exponent, no trailing zeros).
  std::string numeral() const;
};

// Reads the digits at the start of s ("1,200.50", "3,00,000", "14"): separators only between
// digits. Sets *used to the bytes read. False when s does not start with a digit or has more than
// 18 significant digits (the hostile "thousands of digits").
bool parse_numeral(std::string_view s, Decimal* value, size_t* used);

struct Amount {
  Decimal value;
  size_t first = 0;        // tokens [first, end)
  size_t end = 0;
  std::string_view rest;   // what follows the digits inside the last token: "m", "-day", "km", "s"
  bool written = false;    // in words: "twenty", "a dozen"
  bool plain = false;      // one token of digits only, no separator and no multiplier: a year?
};

// The amount whose first token is i. money: short multipliers count too ("300m", "2.5 bn").
bool read_amount(const ValueText& t, size_t i, bool money, Amount* amount);

}  // namespace lede
