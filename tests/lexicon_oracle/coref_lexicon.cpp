// The lexicon as it was before its lists became data (commit 7a6bd95, core/src/lexicon/coref_lexicon.cpp),
// kept unchanged but for its namespace as the oracle of tests/test_lexicon.cpp: every lookup of
// the generated tables must answer as this one did.
#include "lexicon_oracle/oracle.h"

// Titles, first-name genders and name variants (see coref_lexicon.h). Written by hand for lede and
// kept modest: it only has to cover the names and roles that recur in English news.

#include <string>
#include <unordered_map>
#include <unordered_set>

namespace lede {
namespace oracle {
namespace {

struct CorefLexicon {
  std::unordered_map<std::string_view, Gender> titles;
  std::unordered_set<std::string_view> title_modifiers;
  std::unordered_set<std::string_view> offices;
  std::unordered_set<std::string_view> legal_forms;
  std::unordered_map<std::string_view, Gender> first_names;
  std::unordered_map<std::string_view, std::string_view> aliases;

  CorefLexicon() {
    for (const char* w :
         {"president", "vice", "prime", "minister", "chancellor", "secretary", "senator", "sen",
          "rep", "representative", "gov", "governor", "mayor", "judge", "justice", "gen",
          "general", "col", "colonel", "lt", "lieutenant", "capt", "captain", "maj", "major",
          "adm", "admiral", "sgt", "sergeant", "dr", "prof", "professor", "mr", "ms", "mx",
          "rev", "reverend", "pope", "cardinal", "bishop", "rabbi", "imam", "sheikh", "prince",
          "president-elect", "chairman", "chairwoman", "chair", "speaker", "leader", "director",
          "commissioner", "ambassador", "attorney", "candidate", "nominee", "spokesman",
          "spokeswoman", "spokesperson", "interviewer", "host", "anchor", "coach", "ceo",
          "founder", "chief", "foreign", "defense", "defence", "deputy", "former", "late",
          "emperor", "premier", "sir", "lord", "dame", "officer", "detective", "inspector",
          "sheriff", "councilman", "councilwoman", "assemblyman", "assemblywoman", "lawmaker",
          "aide", "adviser", "advisor", "strategist", "economist", "analyst", "ayatollah",
          "supreme", "pres", "supt", "superintendent", "dean", "dep"})
      titles.emplace(w, Gender::unknown);
    for (const char* w : {"mrs", "miss", "queen", "princess", "madam", "madame", "congresswoman",
                          "businesswoman", "first lady", "lady", "duchess", "countess",
                          "sister", "mother"})
      titles.emplace(w, Gender::female);
    for (const char* w : {"king", "congressman", "businessman", "duke", "count", "brother",
                          "father", "sultan", "emir", "tsar", "czar"})
      titles.emplace(w, Gender::male);
    for (const char* w : {"vice", "prime", "foreign", "defense", "defence", "deputy", "former",
                          "supreme", "chief", "attorney", "first", "late"})
      title_modifiers.emplace(w);
    for (const char* w : {"president", "president-elect", "minister", "premier", "chancellor",
                          "secretary", "senator", "congressman", "congresswoman", "governor", "mayor",
                          "judge", "justice", "general", "admiral", "colonel", "pope", "cardinal",
                          "bishop", "rabbi", "imam", "ayatollah", "king", "queen", "prince",
                          "princess", "emperor", "sultan", "emir", "tsar", "czar", "duke", "duchess",
                          "ambassador", "commissioner", "sheriff", "superintendent", "chairman",
                          "chairwoman", "councilman", "councilwoman", "assemblyman", "assemblywoman"})
      offices.emplace(w);
    for (const char* w : {"inc", "incorporated", "corp", "corporation", "co", "ltd", "limited", "llc",
                          "plc", "llp", "lp", "ag", "sa", "s.a", "nv", "n.v", "bv", "b.v", "gmbh",
                          "pty", "pte", "spa", "s.p.a", "ab", "oyj", "asa", "se"})
      legal_forms.emplace(w);

    // Common first names of people in the news (and their usual spellings).
    static const char* const kMale[] = {
        "donald", "barack", "joe", "bill", "george", "john", "james", "robert", "michael",
        "william", "david", "richard", "charles", "thomas", "christopher", "daniel", "matthew",
        "anthony", "mark", "paul", "steven", "stephen", "andrew", "kenneth", "kevin", "brian",
        "edward", "ronald", "timothy", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas",
        "eric", "jonathan", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "frank",
        "gregory", "raymond", "alexander", "patrick", "jack", "dennis", "jerry", "tyler", "aaron",
        "jose", "adam", "henry", "nathan", "douglas", "zachary", "peter", "kyle", "walter",
        "ethan", "jeremy", "harold", "keith", "christian", "roger", "noah", "gerald", "carl",
        "terry", "sean", "austin", "arthur", "lawrence", "jesse", "dylan", "bryan", "jordan",
        "billy", "bruce", "albert", "willie", "gabriel", "logan", "alan", "juan", "wayne", "roy",
        "ralph", "randy", "eugene", "vincent", "russell", "elijah", "louis", "bobby", "philip",
        "johnny", "mike", "mitch", "ted", "marco", "chris", "jeb", "rudy", "newt", "reince",
        "rand", "bernie", "tim", "mitt", "rick", "ben", "lindsey", "vladimir", "volodymyr",
        "dmitry", "dmitri", "sergei", "sergey", "kiril", "kirill", "emmanuel", "olaf", "boris",
        "xi", "recep", "bibi", "narendra", "keir", "rishi", "friedrich", "mohammed", "muhammad",
        "ahmed", "ali", "omar", "hassan", "ivan", "igor", "alexei", "alexey", "viktor",
        "andrzej", "pedro", "luiz", "javier", "jair", "fumio", "shinzo", "jens", "antonio",
        "matteo", "silvio", "franz", "hans", "pierre", "francois", "nicolas", "jacques", "tony",
        "gordon", "nigel", "rex", "jared", "steve", "corey", "jim", "tom", "bob", "dan", "dick",
        "jon", "jeff", "greg", "doug", "pat", "ron", "al", "harry", "lou", "ken", "chuck", "hugh",
        "martin", "luther", "elon", "jeff", "sundar", "satya", "tucker", "rush", "sean", "glenn",
        "bret", "wolf", "anderson", "lester", "chris", "marty", "kurt", "karl", "otto", "ahmad",
        "abdel", "bashar", "hosni", "saddam", "muammar", "fidel", "raul", "hugo", "nicolas",
        "evo", "enrique", "andres", "lopez", "jimmy", "lyndon", "dwight", "franklin", "herbert",
        "calvin", "woodrow", "abraham", "ulysses", "mikhail", "yuri", "leonid", "nikita",
        "joseph", "josef", "adolf", "winston", "neville", "harold", "margaret", "hank", "rod",
        "reid", "mitchell", "chuck", "kellyanne"};
    static const char* const kFemale[] = {
        "hillary", "chelsea", "huma", "kamala", "nancy", "mary", "patricia", "jennifer", "linda",
        "elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "lisa", "betty", "margaret",
        "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy", "carol", "amanda",
        "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen",
        "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma",
        "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet",
        "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia",
        "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea",
        "hannah", "martha", "jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara",
        "janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy", "grace",
        "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie",
        "diana", "brittany", "natalie", "isabella", "charlotte", "rose", "alexis", "kayla",
        "ursula", "marine", "giorgia", "liz", "kemi", "yulia", "olena", "sanna", "jacinda",
        "nikki", "condoleezza", "madeleine", "kellyanne", "hope", "ivana", "ivanka", "melania",
        "tiffany", "michele", "jill", "kirsten", "tammy", "claire", "dianne", "debbie", "marsha",
        "joni", "maggie", "katie", "megyn", "elaine", "eleanor", "jeanne", "paula", "dana",
        "gretchen", "greta", "hilary", "loretta", "gina", "tulsi", "stacey", "ilhan", "rashida",
        "alexandria", "ayanna", "elise", "liz", "betsy", "kristi", "kari", "sheryl", "oprah",
        "beyonce", "taylor", "meryl", "madonna", "angelina", "sonia", "ruth", "elena", "amy",
        "ketanji", "samantha", "valerie", "susana", "theresa", "angela", "annalena", "christine",
        "roberta", "zoe", "claudia", "dilma", "cristina", "benazir", "indira", "golda", "aung"};
    for (const char* w : kMale) first_names.emplace(w, Gender::male);
    for (const char* w : kFemale) first_names[w] = Gender::female;
    first_names["kellyanne"] = Gender::female;
    first_names["margaret"] = Gender::female;
    first_names["taylor"] = Gender::unknown;
    first_names["jordan"] = Gender::unknown;
    first_names["pat"] = Gender::unknown;
    first_names["kim"] = Gender::unknown;

    // Variants of one name; the value is the canonical key.
    static const char* const kAliases[][2] = {
        {"kiev", "kyiv"},
        {"kyiv", "kyiv"},
        {"kharkov", "kharkiv"},
        {"kharkiv", "kharkiv"},
        {"odessa", "odesa"},
        {"odesa", "odesa"},
        {"lvov", "lviv"},
        {"lviv", "lviv"},
        {"us", "united states"},
        {"u.s.", "united states"},
        {"u.s", "united states"},
        {"usa", "united states"},
        {"u.s.a.", "united states"},
        {"united states", "united states"},
        {"united states of america", "united states"},
        {"america", "united states"},
        {"uk", "united kingdom"},
        {"u.k.", "united kingdom"},
        {"united kingdom", "united kingdom"},
        {"britain", "united kingdom"},
        {"great britain", "united kingdom"},
        {"un", "united nations"},
        {"u.n.", "united nations"},
        {"united nations", "united nations"},
        {"eu", "european union"},
        {"e.u.", "european union"},
        {"european union", "european union"},
        {"nato", "nato"},
        {"north atlantic treaty organization", "nato"},
        {"uae", "united arab emirates"},
        {"united arab emirates", "united arab emirates"},
        {"gop", "republican party"},
        {"republican party", "republican party"},
        {"dnc", "democratic national committee"},
        {"democratic national committee", "democratic national committee"},
        {"fbi", "federal bureau of investigation"},
        {"federal bureau of investigation", "federal bureau of investigation"},
        {"cia", "central intelligence agency"},
        {"central intelligence agency", "central intelligence agency"},
        {"burma", "myanmar"},
        {"myanmar", "myanmar"},
        {"peking", "beijing"},
        {"beijing", "beijing"},
        {"bombay", "mumbai"},
        {"mumbai", "mumbai"},
        {"turkey", "turkiye"},
        {"turkiye", "turkiye"},
        {"ivory coast", "cote d'ivoire"},
        {"cote d'ivoire", "cote d'ivoire"},
        {"czechia", "czech republic"},
        {"czech republic", "czech republic"},
        {"holland", "netherlands"},
        {"netherlands", "netherlands"},
        {"the netherlands", "netherlands"},
        {"zelenskyy", "zelensky"},
        {"zelensky", "zelensky"},
        {"zelenskiy", "zelensky"},
        {"zelenski", "zelensky"},
        {"gaddafi", "qaddafi"},
        {"qaddafi", "qaddafi"},
        {"kadhafi", "qaddafi"},
        {"qadhafi", "qaddafi"},
    };
    for (const auto& a : kAliases) aliases.emplace(a[0], a[1]);
  }
};

const CorefLexicon& lexicon() {
  static const CorefLexicon kLexicon;
  return kLexicon;
}

std::string_view strip_stop(std::string_view w) {
  if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
  return w;
}

}  // namespace

bool is_title_word(std::string_view folded, Gender* gender) {
  const auto& m = lexicon().titles;
  auto it = m.find(strip_stop(folded));
  if (it == m.end()) return false;
  if (gender) *gender = it->second;
  return true;
}

bool is_office_title(std::string_view folded) { return lexicon().offices.count(folded) != 0; }

std::string_view title_in_full(std::string_view folded) {
  static constexpr std::pair<std::string_view, std::string_view> kAbbreviations[] = {
      {"sen", "senator"},     {"gov", "governor"}, {"rep", "representative"}, {"gen", "general"},
      {"adm", "admiral"},     {"col", "colonel"},  {"pres", "president"},     {"supt", "superintendent"},
      {"lt", "lieutenant"},   {"capt", "captain"}, {"maj", "major"},          {"sgt", "sergeant"}};
  const std::string_view w = strip_stop(folded);
  for (const auto& [short_form, full] : kAbbreviations)
    if (w == short_form) return full;
  return folded;
}

bool is_legal_form(std::string_view folded) { return lexicon().legal_forms.count(strip_stop(folded)) != 0; }

bool is_title_modifier(std::string_view folded) {
  return lexicon().title_modifiers.count(strip_stop(folded)) != 0;
}

Gender first_name_gender(std::string_view folded) {
  const auto& m = lexicon().first_names;
  auto it = m.find(folded);
  return it == m.end() ? Gender::unknown : it->second;
}

std::string_view alias_canonical(std::string_view folded) {
  const auto& m = lexicon().aliases;
  auto it = m.find(folded);
  return it == m.end() ? std::string_view() : it->second;
}

bool is_name_stopword(std::string_view folded) { return folded == "the"; }

// Asked for every pair of name forms when entities are merged: compared, not hashed.
bool is_generational_suffix(std::string_view folded) {
  for (std::string_view suffix : {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}) {
    if (folded == suffix) return true;
  }
  return false;
}

}  // namespace oracle
}  // namespace lede
