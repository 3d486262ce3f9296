// Chunk-level scoring of CoNLL files, line for line the algorithm of the shared task's conlleval
// script (Sang 2000-2004): exact span matching, chunks read from IOB1, IOB2 or IOBES tags, so a
// file with IOB1 gold and IOB2 predictions scores as chunks. Used by lede-conll-eval and lede-train.
#pragma once

#include <cstdio>
#include <map>
#include <string>
#include <string_view>

namespace lede {
namespace eval {

class ConllScorer {
 public:
  struct Counts {
    long correct = 0, guessed = 0, gold = 0;
  };

  // One line of the file: first column, gold tag (second-to-last column), guessed tag (last).
  // A sentence boundary (blank line) is add_boundary().
  void add_token(std::string_view first, std::string_view gold, std::string_view guessed) {
    if (first == "-X-") {
      add_boundary();
      return;
    }
    step(gold, guessed, true);
  }
  void add_boundary() { step("O", "O", false); }

  // Call once after the last line.
  void finish() {
    if (in_correct_) {
      total_.correct++;
      types_[last_correct_type_].correct++;
      in_correct_ = false;
    }
  }

  const Counts& total() const { return total_; }
  const std::map<std::string, Counts>& types() const { return types_; }
  long tokens() const { return tokens_; }
  long correct_tags() const { return correct_tags_; }

  static double precision(const Counts& c) { return c.guessed ? 100.0 * c.correct / c.guessed : 0.0; }
  static double recall(const Counts& c) { return c.gold ? 100.0 * c.correct / c.gold : 0.0; }
  static double f1(const Counts& c) {
    double p = precision(c), r = recall(c);
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }

  // The report, in conlleval's layout.
  std::string report() const {
    std::string out;
    char buf[256];
    std::snprintf(buf, sizeof buf, "processed %ld tokens with %ld phrases; found: %ld phrases; correct: %ld.\n",
                  tokens_, total_.gold, total_.guessed, total_.correct);
    out += buf;
    if (tokens_ > 0) {
      std::snprintf(buf, sizeof buf,
                    "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
                    100.0 * correct_tags_ / tokens_, precision(total_), recall(total_), f1(total_));
      out += buf;
    }
    for (const auto& [type, c] : types_) {
      if (type.empty()) continue;
      std::snprintf(buf, sizeof buf, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %ld\n",
                    type.c_str(), precision(c), recall(c), f1(c), c.guessed);
      out += buf;
    }
    return out;
  }

 private:
  static void split(std::string_view tag, std::string_view* prefix, std::string_view* type) {
    size_t dash = tag.find('-');
    if (dash == std::string_view::npos) {
      *prefix = tag;
      *type = std::string_view();
    } else {
      *prefix = tag.substr(0, dash);
      *type = tag.substr(dash + 1);
    }
  }
  static bool end_of_chunk(std::string_view prev, std::string_view tag, std::string_view prev_type,
                           std::string_view type) {
    bool end = false;
    if (prev == "B" && tag == "B") end = true;
    if (prev == "B" && tag == "O") end = true;
    if (prev == "I" && tag == "B") end = true;
    if (prev == "I" && tag == "O") end = true;
    if (prev == "E" && (tag == "E" || tag == "I" || tag == "O")) end = true;
    if (prev == "S" && (tag == "E" || tag == "I" || tag == "O")) end = true;
    if (prev == "B" && tag == "S") end = true;
    if (prev == "I" && tag == "S") end = true;
    if (prev == "E" && tag == "S") end = true;
    if (prev == "S" && tag == "S") end = true;
    if (prev == "E" && tag == "B") end = true;
    if (prev == "S" && tag == "B") end = true;
    if (prev == "]") end = true;
    if (prev != "O" && prev != "." && prev_type != type) end = true;
    return end;
  }
  static bool start_of_chunk(std::string_view prev, std::string_view tag, std::string_view prev_type,
                             std::string_view type) {
    bool start = false;
    if (prev == "B" && tag == "B") start = true;
    if (prev == "I" && tag == "B") start = true;
    if (prev == "O" && tag == "B") start = true;
    if (prev == "O" && tag == "I") start = true;
    if (prev == "E" && (tag == "E" || tag == "I")) start = true;
    if (prev == "S" && (tag == "E" || tag == "I")) start = true;
    if (prev == "O" && tag == "E") start = true;
    if (prev == "O" && tag == "S") start = true;
    if (tag == "B" || tag == "S") {
      if (prev == "E" || prev == "S" || prev == "I") start = true;
    }
    if (tag == "[") start = true;
    if (tag != "O" && tag != "." && prev_type != type) start = true;
    return start;
  }

  void step(std::string_view gold_tag, std::string_view guessed_tag, bool is_token) {
    std::string_view correct, correct_type, guessed, guessed_type;
    split(gold_tag, &correct, &correct_type);
    split(guessed_tag, &guessed, &guessed_type);
    if (in_correct_) {
      bool end_c = end_of_chunk(last_correct_, correct, last_correct_type_, correct_type);
      bool end_g = end_of_chunk(last_guessed_, guessed, last_guessed_type_, guessed_type);
      if (end_c && end_g && last_guessed_type_ == last_correct_type_) {
        in_correct_ = false;
        total_.correct++;
        types_[last_correct_type_].correct++;
      } else if (end_c != end_g || guessed_type != correct_type) {
        in_correct_ = false;
      }
    }
    bool start_c = start_of_chunk(last_correct_, correct, last_correct_type_, correct_type);
    bool start_g = start_of_chunk(last_guessed_, guessed, last_guessed_type_, guessed_type);
    if (start_c && start_g && guessed_type == correct_type) in_correct_ = true;
    if (start_c) {
      total_.gold++;
      types_[std::string(correct_type)].gold++;
    }
    if (start_g) {
      total_.guessed++;
      types_[std::string(guessed_type)].guessed++;
    }
    if (is_token) {
      if (correct == guessed && guessed_type == correct_type) correct_tags_++;
      tokens_++;
    }
    last_correct_.assign(correct);
    last_correct_type_.assign(correct_type);
    last_guessed_.assign(guessed);
    last_guessed_type_.assign(guessed_type);
  }

  bool in_correct_ = false;
  std::string last_correct_ = "O", last_correct_type_, last_guessed_ = "O", last_guessed_type_;
  Counts total_;
  std::map<std::string, Counts> types_;
  long tokens_ = 0, correct_tags_ = 0;
};

}  // namespace eval
}  // namespace lede
