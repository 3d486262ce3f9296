// ValueText: token text and form matching for the value finders.
#include "values/value_text.h"

namespace lede {

namespace {

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool same(std::string_view written, std::string_view form, bool any_case) {
  if (written.size() != form.size()) return false;
  if (!any_case) return written == form;
  for (size_t k = 0; k < form.size(); ++k)
    if (ascii_lower(written[k]) != form[k]) return false;
  return true;
}

}  // namespace

ValueText::ValueText(std::string_view text, const std::vector<Token>& tokens)
    : text_(text), lower_(text), tokens_(tokens) {
  for (char& c : lower_) c = ascii_lower(c);
}

bool ValueText::capitalised(size_t i) const {
  std::string_view t = at(i);
  return !t.empty() && t[0] >= 'A' && t[0] <= 'Z';
}

bool ValueText::starts_with_digit(size_t i) const {
  std::string_view t = at(i);
  return !t.empty() && t[0] >= '0' && t[0] <= '9';
}

size_t ValueText::match_forward(size_t i, const UnitForm& form) const {
  std::string_view rest = form.form;
  for (size_t k = i; k < tokens_.size(); ++k) {
    if (k > i) {
      const bool spaced = tokens_[k].space_before;
      if (spaced != (rest[0] == ' ')) return 0;
      if (spaced) rest.remove_prefix(1);
    }
    std::string_view t = at(k);
    if (t.size() > rest.size() || !same(t, rest.substr(0, t.size()), form.any_case)) return 0;
    rest.remove_prefix(t.size());
    if (rest.empty()) return k + 1;
  }
  return 0;
}

size_t ValueText::match_backward(size_t end, const UnitForm& form) const {
  std::string_view rest = form.form;
  for (size_t k = end; k-- > 0;) {
    std::string_view t = at(k);
    if (t.size() > rest.size() || !same(t, rest.substr(rest.size() - t.size()), form.any_case))
      return std::string::npos;
    rest.remove_suffix(t.size());
    if (rest.empty()) return k;
    const bool spaced = tokens_[k].space_before;
    if (spaced != (rest.back() == ' ')) return std::string::npos;
    if (spaced) rest.remove_suffix(1);
  }
  return std::string::npos;
}

}  // namespace lede
