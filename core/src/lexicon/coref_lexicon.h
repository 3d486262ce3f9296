// Hand-written lexicons for merging mentions and resolving pronoun speakers: titles and roles that
// precede a name ("President", "Sen.", "Prime Minister"), the gender of common first names and of
// gendered titles, and a small table of well-known name variants (Kiev / Kyiv). The lists are
// core/data/titles.tsv, first_names.tsv, aliases.tsv, legal_forms.txt, generational_suffixes.txt
// and name_stopwords.txt (see word_table.h). All lookups take case-folded words (lower case,
// diacritics removed, see fold_word in entities.h).
#pragma once

#include <cstdint>
#include <string_view>

namespace lede {

enum class Gender : uint8_t { unknown, male, female };

// A title or role that may precede a person's name. Sets *gender when the title implies one
// ("Mrs.", "Queen", "Congresswoman"). Accepts the folded form with or without a final full stop.
bool is_title_word(std::string_view folded, Gender* gender);

// Title words that are only titles when they stand before a name and are capitalised
// ("Prime" in "Prime Minister", "Vice" in "Vice President"); used for two-word titles.
bool is_title_modifier(std::string_view folded);

// An office an article's people hold one at a time, so that "the mayor" or "the prime minister"
// may stand for the one person it names with that title ("mayor", "minister", "senator"; not
// "candidate", "spokesman" or "actress", roles that many share or that name no one in particular).
bool is_office_title(std::string_view folded);

// A title word written out: "sen." and "sen" give "senator", "gov." "governor"; any other word
// is returned as it is.
std::string_view title_in_full(std::string_view folded);

// A company's legal form written after its name ("Inc.", "Ltd", "GmbH", "Corporation"), with or
// without a final full stop.
bool is_legal_form(std::string_view folded);

// The gender of a common first name written by the project, or unknown.
Gender first_name_gender(std::string_view folded);

// The canonical key of a well-known variant ("kyiv" for "kiev", "united states" for "u.s."),
// or an empty view when the name has no listed variant. `folded` is the whole folded name with
// single spaces between words.
std::string_view alias_canonical(std::string_view folded);

// Words that name nothing on their own and are dropped before matching names ("the").
bool is_name_stopword(std::string_view folded);

// Suffixes that make a different person: "Donald Trump Jr." is not "Donald Trump".
bool is_generational_suffix(std::string_view folded);

}  // namespace lede
