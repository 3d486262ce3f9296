// The tokenizer's word lists as they were before they became data (commit 7a6bd95,
// core/src/text/tokenize.cpp, where they were private to the scanner), kept unchanged as the
// oracle of tests/test_lexicon.cpp.
#include "lexicon_oracle/oracle.h"

#include <algorithm>

namespace lede {
namespace oracle {
namespace {

// Abbreviations that keep their full stop (case-sensitive). Single letters ("J.") and dotted
// letter groups ("U.S.", "Ph.D.") are recognised by shape instead.
// string_views, not C strings: no strlen per comparison (this runs for every word before a full stop).
constexpr std::string_view kAbbreviations[] = {
    "Adm", "Ala", "Apr", "Ariz", "Ark", "Assn", "Atty", "Aug", "Ave", "Bros", "Blvd", "Calif",
    "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec", "Del", "Dept", "Det", "Dr",
    "Feb", "Fig", "Fla", "Fri", "Ft", "Ga", "Gen", "Gov", "Hon", "Ill", "Inc", "Ind", "Insp",
    "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Lt", "Ltd", "Maj", "Mar", "Mass", "Md", "Messrs",
    "Mich", "Minn", "Mo", "Mon", "Mont", "Mr", "Mrs", "Ms", "Msgr", "Mt", "No", "Nos", "Nov", "Neb",
    "Nev", "Oct", "Okla", "Ore", "Pa", "Pfc", "Ph", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev",
    "Sat", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr", "St", "Sun", "Supt", "Tenn", "Tex", "Thu",
    "Thurs", "Tue", "Tues", "Va", "Vol", "Vt", "Wed", "Wis", "Wyo", "al", "approx", "cf", "etc",
    "est", "vs",
};

bool is_known_abbreviation(std::string_view w) {
  for (std::string_view a : kAbbreviations)
    if (w == a) return true;
  return false;
}

constexpr std::string_view kDomainSuffixes[] = {"com", "org", "net", "gov", "edu", "io", "co", "uk",
                                           "de", "fr", "ru", "ua", "eu", "info", "biz", "us",
                                           "ca", "au", "ai", "mil", "int"};

}  // namespace

bool is_abbreviation(std::string_view w) { return is_known_abbreviation(w); }

bool is_domain_suffix(std::string_view w) {
  return std::find(std::begin(kDomainSuffixes), std::end(kDomainSuffixes), w) != std::end(kDomainSuffixes);
}

}  // namespace oracle
}  // namespace lede
