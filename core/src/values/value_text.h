// The tokens as the value finders read them: each token's text, in ASCII lower case too, and
// whether a written form ("US dollars", "km/h", "US$") spells the tokens at a position.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lede/lede.h"
#include "values/lists.h"

namespace lede {

// A value found: its tokens [first, end) and its type and normalised form (the stage sets its
// span and id).
struct ValueMatch {
  size_t first = 0;
  size_t end = 0;
  Value value;

  // Sets the tokens, the type and the form; the finder fills the form's strings.
  void set(size_t first_token, size_t end_token, ValueType type, ValueForm form) {
    first = first_token;
    end = end_token;
    value.type = type;
    value.form = form;
  }
};

class ValueText {
 public:
  ValueText(std::string_view text, const std::vector<Token>& tokens);

  size_t size() const { return tokens_.size(); }
  std::string_view text() const { return text_; }
  const Token& token(size_t i) const { return tokens_[i]; }
  // Token i's text (empty past the end) and the same in ASCII lower case.
  std::string_view at(size_t i) const {
    if (i >= tokens_.size()) return {};
    return text_.substr(tokens_[i].span.start, tokens_[i].span.end - tokens_[i].span.start);
  }
  std::string_view lower(size_t i) const {
    if (i >= tokens_.size()) return {};
    return std::string_view(lower_).substr(tokens_[i].span.start, tokens_[i].span.end - tokens_[i].span.start);
  }
  bool is(size_t i, std::string_view lower_word) const { return lower(i) == lower_word; }
  // Token i follows token i - 1 with no space or line break between.
  bool glued(size_t i) const {
    return i < tokens_.size() && i > 0 && !tokens_[i].space_before && !tokens_[i].newline_before;
  }
  bool capitalised(size_t i) const;
  bool starts_with_digit(size_t i) const;

  // The end of the tokens from i that spell `form` (a space in it where the tokens have one,
  // none where they are glued), or 0 when they do not.
  size_t match_forward(size_t i, const UnitForm& form) const;
  // The first of the tokens ending before `end` that spell `form`, or npos.
  size_t match_backward(size_t end, const UnitForm& form) const;

 private:
  std::string_view text_;
  std::string lower_;  // text_ in ASCII lower case
  const std::vector<Token>& tokens_;
};

}  // namespace lede
