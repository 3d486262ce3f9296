// How lede-clusters reads raw text (*.txt): lede's tokenizer, each token's form normalised and
// lower-cased with digits as 0, a break at each line break and at the end of a file. Shared with
// the test that checks the committed tagger's clusters still see the text so: the clusters read
// PolNeAR's raw text through the tokenizer, so a tokenizer change changes the model that
// scripts/train-ner writes (2216c57 did, unnoticed), and the recorded digest says when.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace lede_train {

// Calls word(form) for each token of `text` as lede-clusters counts it, and brk() at each line
// break before a token and once at the end.
void read_raw_text(std::string_view text, const std::function<void(const std::string&)>& word,
                   const std::function<void()>& brk);

// A running digest (FNV-1a, 64 bits) of the words and breaks read_raw_text gives, over files in
// the order given: add(text) reads a file itself; word() and brk() take what a reader already
// has (lede-clusters, which reads each file once).
class RawTextDigest {
 public:
  void add(std::string_view text);
  void word(const std::string& form);
  void brk();
  uint64_t value() const { return h_; }

 private:
  void mix(std::string_view bytes);
  uint64_t h_ = 0xCBF29CE484222325ull;
};

}  // namespace lede_train
