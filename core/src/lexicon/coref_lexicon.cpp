// Titles, first-name genders and name variants (see coref_lexicon.h), looked up in the tables
// tools/gen-lexicon.py compiles from core/data/titles.tsv, first_names.tsv, aliases.tsv,
// legal_forms.txt, generational_suffixes.txt and name_stopwords.txt.
#include "lexicon/coref_lexicon.h"

#include "lexicon/generated_tables.h"

namespace lede {
namespace {

// Titles and legal forms are listed without a final full stop: "Sen." and "Sen" are one title.
std::string_view strip_stop(std::string_view w) {
  if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
  return w;
}

// The titles.tsv row of a word, or nullptr.
const lexicon::TitleRow* title_row(std::string_view key) {
  const int row = lexicon::find_row(lexicon::kTitles, key);
  return row < 0 ? nullptr : &lexicon::kTitlesRows[row];
}

}  // namespace

bool is_title_word(std::string_view folded, Gender* gender) {
  const lexicon::TitleRow* t = title_row(strip_stop(folded));
  if (!t || !t->title) return false;
  if (gender) *gender = t->gender;
  return true;
}

// Exact: "mayor." is no office (the coreference of "the mayor" is asked with the word alone).
bool is_office_title(std::string_view folded) {
  const lexicon::TitleRow* t = title_row(folded);
  return t && t->office;
}

std::string_view title_in_full(std::string_view folded) {
  const lexicon::TitleRow* t = title_row(strip_stop(folded));
  return t && !t->in_full.empty() ? t->in_full : folded;
}

bool is_legal_form(std::string_view folded) {
  return lexicon::contains(lexicon::kLegalForms, strip_stop(folded));
}

bool is_title_modifier(std::string_view folded) {
  const lexicon::TitleRow* t = title_row(strip_stop(folded));
  return t && t->modifier;
}

Gender first_name_gender(std::string_view folded) {
  const int row = lexicon::find_row(lexicon::kFirstNames, folded);
  return row < 0 ? Gender::unknown : lexicon::kFirstNamesRows[row];
}

std::string_view alias_canonical(std::string_view folded) {
  const int row = lexicon::find_row(lexicon::kAliases, folded);
  return row < 0 ? std::string_view() : lexicon::kAliasesRows[row];
}

bool is_name_stopword(std::string_view folded) {
  return lexicon::contains(lexicon::kNameStopwords, folded);
}

// Asked for every pair of name forms when entities are merged.
bool is_generational_suffix(std::string_view folded) {
  return lexicon::contains(lexicon::kGenerationalSuffixes, folded);
}

}  // namespace lede
