// The lexicon as it was before its lists became data (commit 7a6bd95, core/src/lexicon/cues.cpp),
// kept unchanged but for its namespace as the oracle of tests/test_lexicon.cpp: every lookup of
// the generated tables must answer as this one did.
#include "lexicon_oracle/oracle.h"

// Speech-cue lexicon (see cues.h). Written by hand for lede: each reporting verb with all its
// forms, so that "writes", "wrote", "written" and "writing" are all cues.

#include <array>
#include <unordered_map>
#include <unordered_set>


namespace lede {
namespace oracle {
namespace {

// base, present, past, participle (empty: same as past), gerund; flags.
struct VerbForms {
  const char* base;
  const char* present;
  const char* past;
  const char* participle;
  const char* gerund;
  bool takes_object;
  bool reporting;
  bool belief = false;
};

// Reporting verbs of news prose. `takes_object`: the verb's addressee may stand between it and the
// reported clause ("told reporters that"). `reporting` false: the verb attaches a speaker to
// quoted words but does not by itself introduce a reported clause.
constexpr VerbForms kVerbs[] = {
    {"say", "says", "said", "", "saying", false, true},
    {"tell", "tells", "told", "", "telling", true, true},
    {"add", "adds", "added", "", "adding", false, true},
    {"write", "writes", "wrote", "written", "writing", false, true},
    {"post", "posts", "posted", "", "posting", false, true},
    {"tweet", "tweets", "tweeted", "", "tweeting", false, true},
    {"insist", "insists", "insisted", "", "insisting", false, true},
    {"argue", "argues", "argued", "", "arguing", false, true},
    {"stress", "stresses", "stressed", "", "stressing", false, true},
    {"warn", "warns", "warned", "", "warning", true, true},
    {"note", "notes", "noted", "", "noting", false, true},
    {"ask", "asks", "asked", "", "asking", true, true},
    {"reply", "replies", "replied", "", "replying", false, true},
    {"respond", "responds", "responded", "", "responding", false, true},
    {"claim", "claims", "claimed", "", "claiming", false, true},
    {"announce", "announces", "announced", "", "announcing", false, true},
    {"explain", "explains", "explained", "", "explaining", false, true},
    {"declare", "declares", "declared", "", "declaring", false, true},
    {"state", "states", "stated", "", "stating", false, true},
    {"suggest", "suggests", "suggested", "", "suggesting", false, true},
    {"acknowledge", "acknowledges", "acknowledged", "", "acknowledging", false, true},
    {"admit", "admits", "admitted", "", "admitting", false, true},
    {"recall", "recalls", "recalled", "", "recalling", false, true},
    {"continue", "continues", "continued", "", "continuing", false, false},
    {"conclude", "concludes", "concluded", "", "concluding", false, true},
    {"predict", "predicts", "predicted", "", "predicting", false, true},
    {"complain", "complains", "complained", "", "complaining", false, true},
    {"vow", "vows", "vowed", "", "vowing", false, true},
    {"promise", "promises", "promised", "", "promising", true, true},
    {"pledge", "pledges", "pledged", "", "pledging", false, true},
    {"report", "reports", "reported", "", "reporting", false, true},
    {"confirm", "confirms", "confirmed", "", "confirming", false, true},
    {"deny", "denies", "denied", "", "denying", false, true},
    {"emphasize", "emphasizes", "emphasized", "", "emphasizing", false, true},
    {"emphasise", "emphasises", "emphasised", "", "emphasising", false, true},
    {"repeat", "repeats", "repeated", "", "repeating", false, true},
    {"reiterate", "reiterates", "reiterated", "", "reiterating", false, true},
    {"quip", "quips", "quipped", "", "quipping", false, false},
    {"joke", "jokes", "joked", "", "joking", false, true},
    {"shout", "shouts", "shouted", "", "shouting", false, false},
    {"yell", "yells", "yelled", "", "yelling", false, false},
    {"urge", "urges", "urged", "", "urging", true, false},
    {"assert", "asserts", "asserted", "", "asserting", false, true},
    {"contend", "contends", "contended", "", "contending", false, true},
    {"maintain", "maintains", "maintained", "", "maintaining", false, true},
    {"observe", "observes", "observed", "", "observing", false, true},
    {"remark", "remarks", "remarked", "", "remarking", false, true},
    {"comment", "comments", "commented", "", "commenting", false, true},
    {"describe", "describes", "described", "", "describing", false, false},
    {"call", "calls", "called", "", "calling", false, false},
    {"welcome", "welcomes", "welcomed", "", "welcoming", false, false},
    {"mention", "mentions", "mentioned", "", "mentioning", false, true},
    {"testify", "testifies", "testified", "", "testifying", false, true},
    {"boast", "boasts", "boasted", "", "boasting", false, true},
    {"brag", "brags", "bragged", "", "bragging", false, true},
    {"concede", "concedes", "conceded", "", "conceding", false, true},
    {"counter", "counters", "countered", "", "countering", false, true},
    {"retort", "retorts", "retorted", "", "retorting", false, true},
    {"demand", "demands", "demanded", "", "demanding", false, true},
    {"insinuate", "insinuates", "insinuated", "", "insinuating", false, true},
    {"allege", "alleges", "alleged", "", "alleging", false, true},
    {"charge", "charges", "charged", "", "charging", false, true},
    {"tout", "touts", "touted", "", "touting", false, false},
    {"blast", "blasts", "blasted", "", "blasting", false, false},
    {"slam", "slams", "slammed", "", "slamming", false, false},
    {"mock", "mocks", "mocked", "", "mocking", false, false},
    {"exclaim", "exclaims", "exclaimed", "", "exclaiming", false, true},
    {"whisper", "whispers", "whispered", "", "whispering", false, true},
    {"muse", "muses", "mused", "", "musing", false, true},
    {"caution", "cautions", "cautioned", "", "cautioning", true, true},
    {"inform", "informs", "informed", "", "informing", true, true},
    {"assure", "assures", "assured", "", "assuring", true, true},
    {"remind", "reminds", "reminded", "", "reminding", true, true},
    {"signal", "signals", "signaled", "", "signaling", false, true},
    {"indicate", "indicates", "indicated", "", "indicating", false, true},
    {"propose", "proposes", "proposed", "", "proposing", false, true},
    {"estimate", "estimates", "estimated", "", "estimating", false, true},
    {"predict", "predicts", "predicted", "", "predicting", false, true},
    {"believe", "believes", "believed", "", "believing", false, true},
    {"think", "thinks", "thought", "", "thinking", false, true},
    {"speculate", "speculates", "speculated", "", "speculating", false, true},
    {"hint", "hints", "hinted", "", "hinting", false, true},
    {"lament", "laments", "lamented", "", "lamenting", false, true},
    {"grumble", "grumbles", "grumbled", "", "grumbling", false, true},
    {"wonder", "wonders", "wondered", "", "wondering", false, true},
    {"instruct", "instructs", "instructed", "", "instructing", true, false},
    {"accuse", "accuses", "accused", "", "accusing", true, false},
    {"answer", "answers", "answered", "", "answering", false, true},
    {"reveal", "reveals", "revealed", "", "revealing", false, true},
    {"disclose", "discloses", "disclosed", "", "disclosing", false, true},
    {"recount", "recounts", "recounted", "", "recounting", false, true},
    {"point", "points", "pointed", "", "pointing", false, false},  // "pointed out"
    {"chant", "chants", "chanted", "", "chanting", false, false},
    {"proclaim", "proclaims", "proclaimed", "", "proclaiming", false, true},
    {"scoff", "scoffs", "scoffed", "", "scoffing", false, false},
    {"sigh", "sighs", "sighed", "", "sighing", false, false},
    {"laugh", "laughs", "laughed", "", "laughing", false, false},
    {"read", "reads", "read", "", "reading", false, false},  // "the statement read"
    {"bark", "barks", "barked", "", "barking", false, false},
    {"press", "presses", "pressed", "", "pressing", false, false},
    {"chide", "chides", "chided", "", "chiding", false, false},
    {"exhort", "exhorts", "exhorted", "", "exhorting", false, false},
    {"ponder", "ponders", "pondered", "", "pondering", false, false},
    {"anticipate", "anticipates", "anticipated", "", "anticipating", false, true},
    {"sing", "sings", "sang", "sung", "singing", false, false},
    {"snap", "snaps", "snapped", "", "snapping", false, false},
    {"cry", "cries", "cried", "", "crying", false, false},
    {"scream", "screams", "screamed", "", "screaming", false, false},
    {"plead", "pleads", "pleaded", "pled", "pleading", false, true},
    {"beg", "begs", "begged", "", "begging", false, false},
    {"interject", "interjects", "interjected", "", "interjecting", false, false},
    {"gush", "gushes", "gushed", "", "gushing", false, false},
    {"fume", "fumes", "fumed", "", "fuming", false, false},
    {"tease", "teases", "teased", "", "teasing", false, false},
    {"taunt", "taunts", "taunted", "", "taunting", false, false},
    {"scold", "scolds", "scolded", "", "scolding", false, false},
    {"thank", "thanks", "thanked", "", "thanking", false, false},
    {"identify", "identifies", "identified", "", "identifying", false, false},
    // Beliefs and intentions, which PolNeAR-style attribution also reports ("hopes that",
    // "plans to").
    {"hope", "hopes", "hoped", "", "hoping", false, true, true},
    {"fear", "fears", "feared", "", "fearing", false, true, true},
    {"expect", "expects", "expected", "", "expecting", false, true, true},
    {"feel", "feels", "felt", "", "feeling", false, true, true},
    {"worry", "worries", "worried", "", "worrying", false, true, true},
    {"doubt", "doubts", "doubted", "", "doubting", false, true, true},
    {"realize", "realizes", "realized", "", "realizing", false, true, true},
    {"recognize", "recognizes", "recognized", "", "recognizing", false, true, true},
    {"agree", "agrees", "agreed", "", "agreeing", false, true, true},
    {"decide", "decides", "decided", "", "deciding", false, true, true},
    {"want", "wants", "wanted", "", "wanting", false, true, true},
    {"plan", "plans", "planned", "", "planning", false, true, true},
    {"intend", "intends", "intended", "", "intending", false, true, true},
    {"threaten", "threatens", "threatened", "", "threatening", false, true, true},
    {"refuse", "refuses", "refused", "", "refusing", false, true, true},
    {"decline", "declines", "declined", "", "declining", false, true, true},
    {"seek", "seeks", "sought", "", "seeking", false, true, true},
    {"show", "shows", "showed", "shown", "showing", false, true, true},
    {"find", "finds", "found", "", "finding", false, true, true},
    {"learn", "learns", "learned", "", "learning", false, true, true},
    {"conclude", "concludes", "concluded", "", "concluding", false, true, true},
    {"assume", "assumes", "assumed", "", "assuming", false, true, true},
    {"guess", "guesses", "guessed", "", "guessing", false, true, true},
    {"imply", "implies", "implied", "", "implying", false, true, true},
    {"speculate", "speculates", "speculated", "", "speculating", false, true, true},
    // Verbs that characterise someone's words ("criticized the law as a “crazy system”").
    {"criticize", "criticizes", "criticized", "", "criticizing", false, false},
    {"criticise", "criticises", "criticised", "", "criticising", false, false},
    {"praise", "praises", "praised", "", "praising", false, false},
    {"condemn", "condemns", "condemned", "", "condemning", false, false},
    {"denounce", "denounces", "denounced", "", "denouncing", false, false},
    {"dismiss", "dismisses", "dismissed", "", "dismissing", false, false},
    {"label", "labels", "labeled", "labelled", "labeling", false, false},
    {"brand", "brands", "branded", "", "branding", false, false},
    {"deride", "derides", "derided", "", "deriding", false, false},
    {"characterize", "characterizes", "characterized", "", "characterizing", false, false},
    {"decry", "decries", "decried", "", "decrying", false, false},
    {"hail", "hails", "hailed", "", "hailing", false, false},
    {"refer", "refers", "referred", "", "referring", false, false},
    {"dub", "dubs", "dubbed", "", "dubbing", false, false},
    {"nickname", "nicknames", "nicknamed", "", "nicknaming", false, false},
    {"compare", "compares", "compared", "", "comparing", false, false},
    {"promote", "promotes", "promoted", "", "promoting", false, false},
    {"cite", "cites", "cited", "", "citing", false, true},
    {"quote", "quotes", "quoted", "", "quoting", false, true},
};

struct Lexicon {
  std::unordered_map<std::string_view, CueVerb> verbs;
  // One bit per verb form's hash: a word whose bit is clear is no verb form, found without a
  // look into the map (most words of a text; the lookup is made for every word token).
  static constexpr int kVerbFilterBits = 14;
  std::array<uint64_t, (size_t{1} << kVerbFilterBits) / 64> verb_filter{};
  static uint32_t verb_filter_bit(std::string_view w) {
    return static_cast<uint32_t>((lexicon_word_hash(w) * 0x9E3779B97F4A7C15ull) >> (64 - kVerbFilterBits));
  }
  std::unordered_map<std::string_view, PronounKind> pronouns;
  std::unordered_set<std::string_view> adverbs, determiners, boundaries, speaker_nouns,
      statement_nouns;

  Lexicon() {
    for (const VerbForms& v : kVerbs) {
      auto put = [&](const char* w, CueForm f) {
        if (!*w) return;
        verbs.emplace(w, CueVerb{f, v.takes_object, v.reporting, v.belief});
        const uint32_t bit = verb_filter_bit(w);
        verb_filter[bit >> 6] |= uint64_t{1} << (bit & 63);
      };
      put(v.base, CueForm::base);
      put(v.present, CueForm::present);
      put(v.past, CueForm::past);
      put(v.participle, CueForm::participle);
      put(v.gerund, CueForm::gerund);
    }
    for (const char* w : {"he", "him", "his", "himself"}) pronouns.emplace(w, PronounKind::male);
    for (const char* w : {"she", "her", "hers", "herself"})
      pronouns.emplace(w, PronounKind::female);
    for (const char* w : {"it", "its", "itself"}) pronouns.emplace(w, PronounKind::thing);
    for (const char* w : {"they", "them", "their", "themselves"})
      pronouns.emplace(w, PronounKind::plural);
    for (const char* w :
         {"also", "later", "then", "has", "had", "have", "was", "were", "is", "are", "will",
          "would", "could", "should", "may", "might", "once", "previously", "repeatedly",
          "recently", "publicly", "reportedly", "since", "again", "further", "simply", "just",
          "only", "often", "frequently", "first", "last", "initially", "separately", "privately",
          "flatly", "bluntly", "quickly", "angrily", "curtly", "firmly", "pointedly", "reportedly",
          "subsequently", "already", "even", "never", "ultimately", "finally", "recently", "did",
          "does", "do", "has", "been", "being", "not", "n't", "'s", "'d", "'ll", "'ve", "still",
          "n\xE2\x80\x99t", "\xE2\x80\x99s", "\xE2\x80\x99" "d", "\xE2\x80\x99ll", "\xE2\x80\x99ve",
          "now", "yet", "immediately", "correctly", "wrongly", "falsely", "famously", "tersely",
          "explicitly", "openly", "loudly", "proudly", "earlier", "today", "yesterday", "tuesday",
          "monday", "wednesday", "thursday", "friday", "saturday", "sunday", "directly",
          "specifically", "confidently", "clearly", "softly", "likewise", "too", "allegedly",
          "together", "perhaps", "probably", "maybe", "instead", "nonetheless", "nevertheless",
          "though", "therefore"})
      adverbs.emplace(w);
    for (const char* w : {"the", "a", "an", "this", "that", "these", "those", "his", "her",
                          "its", "their", "our", "my", "your", "some", "another", "one", "two",
                          "three", "several", "many", "both", "each", "every", "no", "other"})
      determiners.emplace(w);
    for (const char* w :
         {"that",   "which",  "who",     "whom",   "whose",   "and",    "but",    "or",
          "nor",    "because", "if",     "when",   "while",   "as",     "after",  "before",
          "since",  "though", "although", "of",    "in",      "on",     "at",     "to",
          "for",    "from",   "with",    "by",     "about",   "into",   "over",   "under",
          "than",   "is",     "are",     "was",    "were",    "be",     "been",   "has",
          "had",    "have",   "will",    "would",  "can",     "could",  "should", "may",
          "might",  "must",   "do",      "does",   "did",     "not",    "so",     "where",
          "why",    "how",    "what",    "whether", "there",  "here",   "then",   "also",
          "during", "against", "between", "through", "without", "within", "among", "upon",
          "like",   "unlike", "via",     "per",    "toward",  "towards", "until", "despite",
          "amid",   "once",   "whereas", "unless", "yet",     "just",   "even",   "only"})
      boundaries.emplace(w);
    for (const char* w :
         {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "official",
          "officials", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "source",
          "sources", "president", "minister", "secretary", "senator", "governor", "candidate",
          "nominee", "campaign", "chairman", "chairwoman", "director", "leader", "leaders",
          "statement", "report", "representative", "lawyer", "attorney", "analyst", "analysts",
          "expert", "experts", "people", "person", "man", "woman", "voter", "voters", "supporter",
          "supporters", "critic", "critics", "manager", "executive", "chief", "member", "members",
          "congressman", "congresswoman", "lawmaker", "lawmakers", "mayor", "police", "ministry",
          "government", "administration", "committee", "group", "poll", "survey", "study",
          "website", "memo", "letter", "ad", "advertisement", "spokesmen", "host", "anchor",
          "reporter", "reporters", "journalist", "journalists", "editor", "founder", "ceo",
          "chancellor", "ambassador", "general", "commander", "officer", "agency", "department",
          "office", "team", "party", "democrats", "republicans", "democrat", "republican",
          "economist", "economists", "strategist", "strategists", "pollster", "pollsters",
          "residents", "witnesses", "witness", "protesters", "organizers", "researchers",
          "scientists", "prosecutors", "investigators", "judge", "court", "board", "council"})
      speaker_nouns.emplace(w);
    for (const char* w : {"statement", "tweet", "post", "interview", "speech", "remarks",
                          "letter", "release", "briefing", "message", "memo", "report"})
      statement_nouns.emplace(w);
  }
};

const Lexicon& lexicon() {
  static const Lexicon kLexicon;
  return kLexicon;
}

}  // namespace

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

CueVerb lookup_cue_verb(std::string_view lower) {
  const Lexicon& lex = lexicon();
  const uint32_t bit = Lexicon::verb_filter_bit(lower);
  if (!((lex.verb_filter[bit >> 6] >> (bit & 63)) & 1)) return CueVerb{};
  const auto& m = lex.verbs;
  auto it = m.find(lower);
  return it == m.end() ? CueVerb{} : it->second;
}

PronounKind lookup_pronoun(std::string_view lower) {
  const auto& m = lexicon().pronouns;
  auto it = m.find(lower);
  return it == m.end() ? PronounKind::none : it->second;
}

bool is_cue_adverb_or_auxiliary(std::string_view lower) {
  return lexicon().adverbs.count(lower) != 0;
}
bool is_determiner(std::string_view lower) { return lexicon().determiners.count(lower) != 0; }
bool is_phrase_boundary_word(std::string_view lower) {
  return lexicon().boundaries.count(lower) != 0;
}
bool is_speaker_noun(std::string_view lower) { return lexicon().speaker_nouns.count(lower) != 0; }
bool is_statement_noun(std::string_view lower) {
  return lexicon().statement_nouns.count(lower) != 0;
}

}  // namespace oracle
}  // namespace lede
