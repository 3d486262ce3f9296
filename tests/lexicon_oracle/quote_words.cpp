// The lexicon as it was before its lists became data (commit 7a6bd95, core/src/lexicon/quote_words.cpp),
// kept unchanged but for its namespace (and a call qualified with it, where argument-dependent
// lookup would also find the new function) as the oracle of tests/test_lexicon.cpp: every lookup of
// the generated tables must answer as this one did.
#include "lexicon_oracle/oracle.h"



namespace lede {
namespace oracle {

bool noun_like_verb(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "state", "states", "report", "reports", "post", "posts", "note", "notes", "claim", "claims",
      "comment", "comments", "remark", "remarks", "tweet", "tweets", "answer", "answers", "signal",
      "signals", "estimate", "estimates", "charge", "charges", "counter", "counters", "demand",
      "demands", "promise", "promises", "pledge", "pledges", "call", "calls", "warning", "warnings",
      "read", "reads", "point", "points", "vow", "vows", "joke", "jokes", "reading", "post",
      "posting", "statement", "concern", "mention", "mentions", "stress"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

bool wants_infinitive(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "want", "wants", "wanted", "plan", "plans", "planned", "hope", "hopes", "hoped", "vow",
      "vows", "vowed", "pledge", "pledges", "pledged", "promise", "promises", "promised",
      "threaten", "threatens", "threatened", "refuse", "refuses", "refused", "decline",
      "declines", "declined", "intend", "intends", "intended", "seek", "seeks", "sought", "agree",
      "agrees", "agreed", "decide", "decides", "decided", "expect", "expects", "expected"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

bool is_claim_noun(std::string_view w) {
  return w == "claim" || w == "claims" || w == "statement" || w == "statements" ||
         w == "remarks" || w == "comments" || w == "assertion" || w == "words" || w == "tweet" ||
         w == "promise" || w == "warning" || w == "argument" || w == "description" ||
         w == "accusation" || w == "charge" || w == "pledge" || w == "vow" || w == "message" ||
         w == "speech" || w == "answer" || w == "response" || w == "suggestion" || w == "insistence";
}

bool heads_of_phrase(std::string_view w) {
  // Quantities and groups; the people and offices are the speaker nouns' and offices' lists.
  static constexpr std::string_view kWords[] = {
      "one", "two", "three", "several", "many", "both", "each", "some", "another", "all", "none",
      "most", "few", "percent", "majority", "minority", "half", "third", "thirds", "quarter",
      "quarters", "number", "share", "dozen", "dozens", "hundreds", "thousands", "proponents",
      "opponents", "head", "heads", "friends", "allies", "backers", "chair"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return is_speaker_noun(w) || is_office_title(w);
}

bool is_person_role(std::string_view w) {
  static constexpr std::string_view kWords[] = {"lawyer", "lawyers", "attorneys", "aides", "advisers",
                                                "advisors", "spokesmen", "wife", "husband", "son",
                                                "daughter", "manager", "officials", "staffers"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  Gender unused;
  return is_office_title(w) ||
         (oracle::is_title_word(w, &unused) && !is_title_modifier(w) && w.find('.') == std::string_view::npos);
}

bool not_a_speaker(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
      "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december", "meanwhile", "however", "today", "yesterday", "tonight", "now",
      "early", "later", "earlier", "last", "week", "month", "year", "day", "night", "morning",
      "afternoon", "evening", "percent", "time", "times", "once", "twice", "also", "then"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return w.size() > 4 && w.compare(w.size() - 2, 2, "ly") == 0 && w != "family" && w != "ally" &&
         w != "italy" && w != "rally";
}

bool is_function_word(std::string_view w) {
  return w == "of" || w == "and" || w == "the" || w == "a" || w == "an" || w == "in" ||
         w == "on" || w == "for" || w == "with" || w == "to" || w == "at" || w == "by" ||
         w == "'s" || w == "\xE2\x80\x99s" || w == "n't" || w == "or" || w == "from" ||
         w == "as" || w == "is" || w == "are";
}

}  // namespace oracle
}  // namespace lede
