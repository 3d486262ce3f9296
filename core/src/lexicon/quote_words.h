// Closed word lists of the attribution patterns: which cue-like words are more often nouns, which
// verbs report an infinitive, which nouns name someone's words, which words head a phrase over
// "of", name a person by role, never speak, or are function words. Each list is a file in
// core/data (named in quote_words.cpp; see word_table.h). All take ASCII-lowercased words.
#pragma once

#include <string_view>

namespace lede {

// Words whose base and -s forms are more often nouns ("the report", "his claims"): only their
// past forms, or an -s form right after a name or pronoun, count as cues.
bool noun_like_verb(std::string_view w);

// Verbs whose infinitive complement is what they report: "wants to", "vowed to".
bool wants_infinitive(std::string_view w);

// Nouns naming someone's words: "Trump's claim", "her remarks", "the senator's statement".
bool is_claim_noun(std::string_view w);

// A word whose phrase goes on over "of" to what it counts or heads: "one of the organizers",
// "percent of voters", "supporters of the law", "the secretary of state", "a survey of
// donors". Other nouns stop the phrase before "of" ("the support of a retired general").
bool heads_of_phrase(std::string_view w);

// A word for a person by their role: a title or office ("senator", "spokesman", "adviser") or a
// relation ("lawyer", "wife"), singular or plural.
bool is_person_role(std::string_view w);

// A noun that names an organisation by its kind: "party", "newspaper", "campaign", "owner"
// (singular).
bool is_organisation_noun(std::string_view w);
// "nominee", "businessman", "governor": a noun for one person by role or description.
bool is_person_noun(std::string_view w);

// Days, months and manner adverbs sit next to cues ("said Friday", "formally said") but never
// speak.
bool not_a_speaker(std::string_view w);

// Function words: a headline or a title may write them in lower case ("Trends Are of the Past").
bool is_function_word(std::string_view w);

}  // namespace lede
