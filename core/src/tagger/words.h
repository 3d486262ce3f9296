// The words of a document as the tagger reads them: a list of views (the trainer, `tag --conll`,
// tests), or a text with its tokens (the pipeline), read in place. The pipeline's own list of
// views cost 16 bytes a token for the whole of tagging.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {
namespace ner {

// A view: what it is built from must outlive it.
class Words {
 public:
  Words() = default;  // none
  // Implicit, so that a list of views is passed where words are asked for.
  Words(const std::vector<std::string_view>& views)  // NOLINT(google-explicit-constructor)
      : views_(views.data()), size_(views.size()) {}
  Words(std::string_view text, const std::vector<Token>& tokens)
      : text_(text.data()), tokens_(tokens.data()), size_(tokens.size()) {}

  size_t size() const { return size_; }
  std::string_view operator[](size_t i) const {
    if (views_) return views_[i];
    const Span& s = tokens_[i].span;
    return std::string_view(text_ + s.start, s.end - s.start);
  }

 private:
  const std::string_view* views_ = nullptr;
  const char* text_ = nullptr;
  const Token* tokens_ = nullptr;
  size_t size_ = 0;
};

}  // namespace ner
}  // namespace lede
