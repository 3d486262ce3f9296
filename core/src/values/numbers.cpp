// Exact decimal numbers, read from digits and from words.
#include "values/numbers.h"

#include "values/lists.h"

namespace lede {

namespace {

constexpr uint64_t kMaxDigits = 999'999'999'999'999'999ull;  // 18 significant digits
// Keeps every numeral short and every JavaScript Number of it finite: 10^30 and 10^-18 are far
// beyond any amount in an article.
constexpr int32_t kMaxExponent = 30;
constexpr int32_t kMinExponent = -18;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A written number of one token: "twenty", "twenty-five", "a"/"an" before a multiplier.
bool word_number(std::string_view lower, int64_t* n) {
  size_t hyphen = lower.find('-');
  if (hyphen != std::string_view::npos) {
    const NumberWord* tens = number_word(lower.substr(0, hyphen));
    const NumberWord* units = number_word(lower.substr(hyphen + 1));
    if (!tens || !units || tens->kind != NumberWord::Kind::cardinal ||
        units->kind != NumberWord::Kind::cardinal || tens->value < 20 || tens->value % 10 != 0 ||
        units->value < 1 || units->value > 9)
      return false;
    *n = tens->value + units->value;
    return true;
  }
  const NumberWord* w = number_word(lower);
  if (!w || w->kind != NumberWord::Kind::cardinal) return false;
  *n = w->value;
  return true;
}

// Applies the multipliers after the amount: "billion", "hundred thousand", "dozen", and with
// money "m", "bn" (glued in `rest` or a token of their own).
void read_scales(const ValueText& t, bool money, Amount* a) {
  if (!a->rest.empty()) {
    // Glued: "300m", "2.5bn", "3billion" (the last token's text after the digits).
    std::string_view lower_rest = t.lower(a->end - 1).substr(t.at(a->end - 1).size() - a->rest.size());
    const NumberWord* w = number_word(lower_rest);
    int power = w && w->kind == NumberWord::Kind::scale ? w->value
                : money                                ? abbreviated_scale(a->rest)
                                                       : 0;
    if (power && a->value.scale(power)) a->rest = {};
    return;
  }
  while (a->end < t.size()) {
    size_t k = a->end;
    if (!t.token(k).space_before) break;
    const NumberWord* w = number_word(t.lower(k));
    int power = 0;
    if (w && w->kind == NumberWord::Kind::scale) {
      power = w->value;
    } else if (w && w->kind == NumberWord::Kind::dozen) {
      if (!a->value.times(12)) break;
      a->end = k + 1;
      continue;
    } else if (money) {
      power = abbreviated_scale(t.at(k));
    }
    if (!power || !a->value.scale(power)) break;
    a->end = k + 1;
  }
}

}  // namespace

bool Decimal::scale(int power) {
  if (exponent + power > kMaxExponent || exponent + power < kMinExponent) return false;
  exponent += power;
  return true;
}

bool Decimal::times(uint64_t k) {
  if (digits > kMaxDigits / k) return false;
  digits *= k;
  return true;
}

bool Decimal::add_half() {
  // value + 0.5: with one more decimal place, digits × 10 + 5 × 10^(-1 - exponent)
  if (exponent > 0 || digits > kMaxDigits / 10) return false;
  uint64_t half = 5;
  for (int32_t e = exponent; e < 0; ++e) {
    if (half > kMaxDigits / 10) return false;
    half *= 10;
  }
  digits = digits * 10 + half;
  exponent -= 1;
  return true;
}

bool Decimal::whole(int64_t* n) const {
  uint64_t v = digits;
  int32_t e = exponent;
  for (; e < 0; ++e) {
    if (v % 10) return false;
    v /= 10;
  }
  for (; e > 0; --e) {
    if (v > kMaxDigits / 10) return false;
    v *= 10;
  }
  *n = static_cast<int64_t>(v);
  return true;
}

std::string Decimal::numeral() const {
  if (digits == 0) return "0";
  std::string d = std::to_string(digits);
  int32_t e = exponent;
  while (e < 0 && d.back() == '0') {
    d.pop_back();
    ++e;
  }
  if (e >= 0) return d + std::string(static_cast<size_t>(e), '0');
  const size_t fraction = static_cast<size_t>(-e);
  if (d.size() <= fraction) return "0." + std::string(fraction - d.size(), '0') + d;
  return d.substr(0, d.size() - fraction) + "." + d.substr(d.size() - fraction);
}

bool parse_numeral(std::string_view s, Decimal* value, size_t* used) {
  if (s.empty() || !is_digit(s[0])) return false;
  Decimal v;
  size_t significant = 0;
  bool point = false;
  size_t k = 0;
  for (; k < s.size(); ++k) {
    char c = s[k];
    if (is_digit(c)) {
      if (v.digits == 0 && c == '0' && !point) continue;  // leading zeros
      if (++significant > 18) return false;
      v.digits = v.digits * 10 + static_cast<uint64_t>(c - '0');
      if (point) --v.exponent;
      continue;
    }
    const bool between = k + 1 < s.size() && is_digit(s[k + 1]) && k > 0 && is_digit(s[k - 1]);
    if (c == ',' && between && !point) continue;
    if (c == '.' && between && !point) {
      point = true;
      continue;
    }
    break;
  }
  if (v.exponent < kMinExponent) return false;
  *value = v;
  *used = k;
  return true;
}

bool read_amount(const ValueText& t, size_t i, bool money, Amount* a) {
  *a = Amount();
  a->first = i;
  std::string_view s = t.at(i);
  if (s.empty()) return false;
  if (is_digit(s[0])) {
    size_t used = 0;
    if (!parse_numeral(s, &a->value, &used)) return false;
    a->rest = s.substr(used);
    a->end = i + 1;
    a->plain = a->rest.empty() && s.find_first_of(",.") == std::string_view::npos;
  } else {
    std::string_view w = t.lower(i);
    int64_t n = 0;
    if (w == "a" || w == "an") {
      // Only before a multiplier: "a dozen", "a million".
      const NumberWord* next = number_word(t.lower(i + 1));
      if (!next || (next->kind != NumberWord::Kind::scale && next->kind != NumberWord::Kind::dozen))
        return false;
      n = 1;
    } else if (!word_number(w, &n)) {
      return false;
    }
    a->value.digits = static_cast<uint64_t>(n);
    a->end = i + 1;
    a->written = true;
    // "twenty five": tens and units as two words.
    int64_t units = 0;
    if (n >= 20 && n % 10 == 0 && n < 100 && word_number(t.lower(i + 1), &units) && units >= 1 &&
        units <= 9) {
      a->value.digits += static_cast<uint64_t>(units);
      a->end = i + 2;
    }
  }
  // "two and a half"
  if (a->rest.empty() && t.is(a->end, "and") && t.is(a->end + 1, "a") && t.is(a->end + 2, "half") &&
      a->value.add_half())
    a->end += 3;
  read_scales(t, money, a);
  if (a->end > i + 1) a->plain = false;
  return true;
}

}  // namespace lede
