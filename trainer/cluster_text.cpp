// lede-clusters' reading of raw text, and its digest (see cluster_text.h).
#include "cluster_text.h"

#include "tagger/word_forms.h"
#include "text/tokenize.h"

namespace lede_train {

void read_raw_text(std::string_view text, const std::function<void(const std::string&)>& word,
                   const std::function<void()>& brk) {
  std::string norm, lower;
  for (const lede::Token& t : lede::tokenize(text)) {
    if (t.newline_before) brk();
    norm.clear();  // both append
    lower.clear();
    lede::ner::normalize_word(text.substr(t.span.start, t.span.end - t.span.start), &norm);
    lede::ner::lower_word(norm, &lower);
    for (char& c : lower)
      if (c >= '0' && c <= '9') c = '0';
    word(lower);
  }
  brk();
}

void RawTextDigest::mix(std::string_view bytes) {
  for (unsigned char c : bytes) h_ = (h_ ^ c) * 0x100000001B3ull;
}

void RawTextDigest::word(const std::string& form) {
  mix(form);
  mix(std::string_view("\n", 1));
}

void RawTextDigest::brk() { mix(std::string_view("\x01\n", 2)); }

void RawTextDigest::add(std::string_view text) {
  read_raw_text(text, [&](const std::string& w) { word(w); }, [&] { brk(); });
}

}  // namespace lede_train
