// Speaker resolution (see speakers.h).
#include "quotes/speakers.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "lexicon/coref_lexicon.h"
#include "lexicon/quote_words.h"
#include "text/normalize.h"

namespace lede {
namespace quotes {
namespace {

Gender gender_of(const TokenIndex& ix, uint32_t e) {
  // Facts computed for other entities than the index's would be a caller's error; read them as
  // unknown rather than out of bounds.
  return e < ix.facts.gender.size() ? ix.facts.gender[e] : Gender::unknown;
}

bool compatible(const TokenIndex& ix, uint32_t e, PronounKind kind, bool strict) {
  const EntityType type = ix.entity_type(e);
  switch (kind) {
    case PronounKind::male:
      return type == EntityType::PERSON && gender_of(ix, e) != Gender::female &&
             (!strict || gender_of(ix, e) == Gender::male);
    case PronounKind::female:
      return type == EntityType::PERSON && gender_of(ix, e) != Gender::male &&
             (!strict || gender_of(ix, e) == Gender::female);
    case PronounKind::thing:
      return type == EntityType::ORG || (!strict && type == EntityType::LOC);
    case PronounKind::plural:
      return type == EntityType::ORG || (!strict && type == EntityType::LOC);
    case PronounKind::none:
      return false;
  }
  return false;
}

// How many sentences back the running speaker still stands for a pronoun or a description.
constexpr uint32_t kRunningSentences = 3;

// The running speaker's entity if it spoke at most kRunningSentences before `sentence`, else kNone.
uint32_t recent_speaker(const TokenIndex& ix, RunningSpeaker running, uint32_t sentence) {
  if (running.entity == kNone || running.entity >= ix.entities.size() || running.sentence > sentence ||
      sentence - running.sentence > kRunningSentences)
    return kNone;
  return running.entity;
}

// Whether a mention outside quotations in [first, end) is compatible with the pronoun.
bool compatible_before(const TokenIndex& ix, PronounKind kind, uint32_t first, uint32_t end) {
  for (uint32_t i = first; i < end; ++i)
    if (!ix.quoted[i] && ix.entity_at[i] != kNone && compatible(ix, ix.entity_at[i], kind, false)) return true;
  return false;
}

// The word after the mention starting at `first`, past an appositive between commas ("Machado,
// a former beauty queen, was"), or kNone.
uint32_t word_after_subject(const TokenIndex& ix, uint32_t first) {
  uint32_t t = ix.mention_end[first];
  const uint32_t se = ix.sentence_end[ix.sentence_of[first]];
  if (t < se && ix.is_punct(t, ',')) {
    uint32_t u = t + 1;
    while (u < se && u < t + 12 && !ix.is_punct(u, ',')) ++u;
    t = u < se && ix.is_punct(u, ',') ? u + 1 : se;
  }
  return t < se && ix.is_word(t) ? t : kNone;
}

// Whether a sentence after the running speaker's and before `s0` opens with another entity
// compatible with the pronoun as the one who acts: the person the text has turned to ("Scott
// bristles at the suggestion. “…,” he said." after a quotation of Kidd's). A subject of "be"
// ("Machado was called names", "has been") is talked about, and the running speaker goes on.
bool other_subject_since(const TokenIndex& ix, PronounKind kind, RunningSpeaker running, uint32_t s0) {
  for (uint32_t s = running.sentence + 1; s < s0; ++s) {
    const uint32_t f = ix.sentence_first[s];
    const uint32_t e = ix.entity_at[f];
    if (ix.quoted[f] || e == kNone || e == running.entity || !compatible(ix, e, kind, false)) continue;
    const uint32_t verb = word_after_subject(ix, f);
    const std::string_view v = verb == kNone ? std::string_view() : ix.lower[verb];
    const bool perfect_be = (v == "has" || v == "had" || v == "have") && verb + 1 < ix.n && ix.lower[verb + 1] == "been";
    if (v != "was" && v != "were" && v != "is" && v != "are" && !perfect_be) return true;
  }
  return false;
}

// The entity a pronoun at `pos` refers to: the running speaker when its own sentence names no
// one compatible before it and no sentence since opened with another compatible entity acting
// (other_subject_since); else the first compatible mention of its own sentence before it, else
// the first compatible mention of the nearest earlier sentence that has one (sentence subjects
// are usually first); quotations are skipped, so that names a speaker quotes never become the
// speaker. Organisations first for it/they, then places too.
uint32_t resolve_pronoun(const TokenIndex& ix, PronounKind kind, uint32_t pos, RunningSpeaker running) {
  if (ix.entities.empty()) return kNone;
  const uint32_t s0 = ix.sentence_of[pos];
  const uint32_t recent = recent_speaker(ix, running, s0);
  if (recent != kNone && compatible(ix, recent, kind, false) && !compatible_before(ix, kind, ix.sentence_first[s0], pos) &&
      !other_subject_since(ix, kind, running, s0))
    return recent;
  for (int pass = 0; pass < 2; ++pass) {
    const bool strict = pass == 0 && (kind == PronounKind::thing || kind == PronounKind::plural);
    uint32_t budget = 8 * kWindow;  // tokens looked at, whatever the sentence lengths
    for (uint32_t back = 0; back <= 6 && back <= s0 && budget > 0; ++back) {
      const uint32_t s = s0 - back;
      const uint32_t end = back == 0 ? pos : ix.sentence_end[s];
      const uint32_t first = end - ix.sentence_first[s] > budget ? end - budget : ix.sentence_first[s];
      budget -= std::min(budget, end - first);
      for (uint32_t i = first; i < end; ++i) {
        if (ix.quoted[i] || ix.entity_at[i] == kNone || ix.mention_first[i] != i) continue;
        if (compatible(ix, ix.entity_at[i], kind, strict)) return ix.entity_at[i];
      }
    }
  }
  return kNone;
}

// The entity a phrase names. A nationality or event in it never is, nor a place modifying its
// head ("one West Virginia official"). A phrase headed by a person's role outside any name ("the
// Florida senator", "the Mexican president", "Clinton's campaign chairman") is someone other than
// the place, nationality or person in it; an organisation speaks through its people ("a Kremlin
// spokesman"); a phrase headed by a kind of organisation ("the Trump campaign") is not the
// person in it. Of several persons, the one heading the phrase (the last before a preposition)
// speaks: in "Clinton Campaign Chairman John Podesta" the first is only his employer.
uint32_t entity_of_phrase(const TokenIndex& ix, Phrase p) {
  const uint32_t last = p.end - 1;
  // The phrase ends in a common noun, outside any name: its head (else no head).
  const bool common_head = p.end > p.first && ix.is_word(last) && ix.entity_at[last] == kNone;
  const std::string_view head = common_head ? std::string_view(ix.lower[last]) : std::string_view();
  const bool role_head = common_head && is_person_role(head);
  // "The Trump campaign", "the Obama administration": an organisation of its own, not the person
  // in it; with no organisation named in the phrase it stays unresolved and shows its words.
  const bool organisation_head = common_head && is_organisation_noun(head);
  // "The GOP nominee", "the DNC chairman": one person of the organisation, not it (unlike "a
  // Kremlin spokesman", who speaks for it).
  const bool member_head = common_head && is_person_noun(head) && head != "spokesman" &&
                           head != "spokeswoman" && head != "spokesperson" && head != "official" &&
                           head != "representative" && head != "aide" && head != "adviser" && head != "advisor";
  uint32_t first_any = kNone, before_prep = kNone, first_person = kNone, head_person = kNone;
  bool prep = false;
  for (uint32_t i = p.first; i < p.end; ++i) {
    if (ix.is_word(i) && (ix.lower[i] == "of" || ix.lower[i] == "for" || ix.lower[i] == "from" ||
                          ix.lower[i] == "at" || ix.lower[i] == "with" || ix.lower[i] == "to"))
      prep = true;
    uint32_t e = ix.entity_at[i];
    if (e == kNone) continue;
    if (member_head && ix.entity_type(e) == EntityType::ORG) continue;
    if (role_head && ix.entity_type(e) != EntityType::ORG) continue;
    if (organisation_head && ix.entity_type(e) == EntityType::PERSON) continue;
    if (ix.entity_type(e) == EntityType::PERSON) {
      if (first_person == kNone) first_person = e;
      if (!prep) head_person = e;
      continue;
    }
    // A nationality or an event ("a Syrian engineer", "Russian officials") never speaks: such a
    // phrase stays unresolved and shows its own words.
    if (ix.entity_type(e) == EntityType::MISC) continue;
    // A place modifying the phrase's head ("another New Hampshire Republican") is not it: the
    // phrase's last token is outside the place's mention.
    if (ix.entity_type(e) == EntityType::LOC && ix.entity_at[last] == kNone) continue;
    if (first_any == kNone) first_any = e;
    if (!prep) before_prep = e;  // the last one before a preposition heads the phrase
  }
  if (head_person != kNone) return head_person;
  if (first_person != kNone) return first_person;
  if (before_prep != kNone) return before_prep;
  return first_any;
}

// "The mayor", "the prime minister", a headline's "mayor": the one person the article names with
// that title ("Mayor Helena Ruiz-Okafor", "Sen." written out), if the person named last before it;
// none when the article gives the title to two people, or when the title is a role rather than
// an office ("the candidate", "the spokesman").
uint32_t entity_of_office(const TokenIndex& ix, Phrase p) {
  const auto& holder_of_title = ix.facts.holder_of_title;
  uint32_t first = p.first;
  if (first < p.end && ix.lower[first] == "the") ++first;
  if (first >= p.end || p.end - first > 3 || holder_of_title.empty()) return kNone;
  std::string role;
  for (uint32_t i = first; i < p.end; ++i) {
    if (!ix.is_word(i)) return kNone;
    if (!role.empty()) role += ' ';
    role += ix.tok(i);
  }
  role = fold_case(role);
  const size_t last_space = role.rfind(' ');
  const std::string_view office = last_space == std::string::npos ? role : std::string_view(role).substr(last_space + 1);
  if (!is_office_title(office)) return kNone;
  auto found = holder_of_title.find(role);
  if (found == holder_of_title.end() || found->second == EntityFacts::kSharedTitle ||
      found->second >= ix.entities.size())
    return kNone;
  // The person named last before it must be that one: in "Rubio ... the senator said" the senator
  // is Rubio, whom the article never titles, not "Sen. Bernie Sanders" named earlier. With no
  // person before it (a headline's "mayor hails"), the title's holder.
  const uint32_t stop = p.first > 8 * kWindow ? p.first - 8 * kWindow : 0;
  for (uint32_t i = p.first; i-- > stop;) {
    if (ix.quoted[i] || ix.entity_at[i] == kNone || ix.entity_type(ix.entity_at[i]) != EntityType::PERSON) continue;
    return ix.entity_at[i] == found->second ? found->second : kNone;
  }
  return found->second;
}

// "The plant's owner, Calloway Energy Ltd., said", "the senator's press secretary, Ann Lee,": a
// person or organisation named in apposition right after a phrase headed by a common noun is
// who the phrase stands for (not the possessor in it).
uint32_t entity_in_apposition(const TokenIndex& ix, Phrase p) {
  const uint32_t k = p.end + 1;
  if (!(k < ix.n && ix.is_punct(p.end, ',') && ix.entity_at[k] != kNone && ix.mention_first[k] == k && !ix.quoted[k]))
    return kNone;
  if (ix.entity_at[p.end - 1] != kNone) return kNone;  // "Trump, Pence, ...": a list of names
  const uint32_t e = ix.entity_at[k], after = ix.mention_end[k];
  const EntityType type = ix.entity_type(e);
  if (type != EntityType::PERSON && type != EntityType::ORG) return kNone;
  const bool closed = after >= ix.n || ix.is_punct(after, ',') || ix.is_punct(after, '(') ||
                      ix.sentence_of[after] != ix.sentence_of[k];
  return closed ? e : kNone;
}

// An organisation by its type, or by its name: "the Green League" read as MISC, whose last word
// names a kind of organisation ("league", "party", "committee"), is one all the same.
bool is_organisation(const TokenIndex& ix, uint32_t e) {
  const EntityType type = ix.entity_type(e);
  if (type == EntityType::ORG) return true;
  if (type != EntityType::MISC) return false;
  const std::string& name = ix.entities[e].name;
  const size_t space = name.rfind(' ');
  return space != std::string::npos && is_organisation_noun(fold_case(std::string_view(name).substr(space + 1)));
}

// "the party", "the newspaper", "the company's owner": a phrase headed by a noun for a kind of
// organisation, with no name in it, stands for the organisation named last before it (outside
// quotations, within a few sentences).
uint32_t organisation_by_kind(const TokenIndex& ix, Phrase p) {
  if (!(ix.is_word(p.end - 1) && is_organisation_noun(ix.lower[p.end - 1]))) return kNone;
  for (uint32_t t = p.first; t < p.end; ++t)
    if (ix.entity_at[t] != kNone) return kNone;
  const uint32_t stop = p.first > 4 * kWindow ? p.first - 4 * kWindow : 0;
  for (uint32_t i = p.first; i-- > stop;)
    if (!ix.quoted[i] && ix.entity_at[i] != kNone && is_organisation(ix, ix.entity_at[i])) return ix.entity_at[i];
  return kNone;
}

// "The GOP nominee", "the judge": "the", then at least a noun for one person ending the phrase.
bool definite_person_phrase(const TokenIndex& ix, Phrase p) {
  return p.end - p.first >= 2 && ix.lower[p.first] == "the" && ix.is_word(p.end - 1) &&
         is_person_noun(ix.lower[p.end - 1]);
}

// "The Democratic nominee", "the New York businessman": a definite phrase headed by a noun for one
// person, naming no entity, is the running speaker when that is a person and recent (the person a
// reader was just shown speaking); otherwise it is left unresolved rather than guessed.
uint32_t person_by_description(const TokenIndex& ix, Phrase p, RunningSpeaker running) {
  if (!definite_person_phrase(ix, p)) return kNone;
  for (uint32_t t = p.first; t < p.end; ++t)
    if (ix.entity_at[t] != kNone && ix.entity_type(ix.entity_at[t]) != EntityType::LOC &&
        ix.entity_type(ix.entity_at[t]) != EntityType::MISC)
      return kNone;  // "the Trump campaign's manager" is someone of that entity's, not the runner
  const uint32_t recent = recent_speaker(ix, running, ix.sentence_of[p.first]);
  return recent != kNone && ix.entity_type(recent) == EntityType::PERSON ? recent : kNone;
}

// Whether a descriptor word of the article stands for the phrase's modifier: the same word, or
// the parties' other names ("GOP" for "Republican").
bool same_modifier(std::string_view modifier, std::string_view word) {
  if (modifier == word) return true;
  auto party = [](std::string_view w) {
    return w == "gop" || w == "republican" ? 1 : w == "democratic" || w == "democrat" ? 2 : 0;
  };
  return party(modifier) != 0 && party(modifier) == party(word);
}

// "The GOP nominee", "the Indiana governor", "the judge": a definite phrase headed by a noun for
// one person, naming no person or organisation, is the one person the article describes with that
// noun and every modifier of the phrase, right before the name ("Republican presidential nominee
// Donald Trump", "Judge Frank Nervo") or in apposition after it ("Mike Pence, the Indiana
// governor,"); none when it so describes two people or nobody. Without a modifier the noun must
// be an office.
uint32_t person_by_role(const TokenIndex& ix, Phrase p) {
  if (!definite_person_phrase(ix, p)) return kNone;
  const std::string_view head = ix.lower[p.end - 1];
  std::vector<std::string_view> modifiers;
  for (uint32_t t = p.first + 1; t + 1 < p.end; ++t) {
    if (!ix.is_word(t)) return kNone;
    const uint32_t e = ix.entity_at[t];
    if (e != kNone && (ix.entity_type(e) == EntityType::PERSON || ix.entity_type(e) == EntityType::ORG)) return kNone;
    modifiers.push_back(ix.lower[t]);
  }
  // A bare "the candidate", "the Republican" is whoever the text is about, one of many so
  // described; alone, only an office names one person ("the judge", "the president").
  if (modifiers.empty() && !is_office_title(head)) return kNone;
  // The descriptor's words: the run of words in [first, end) ending in the head noun, with every
  // modifier of the phrase, and no word that makes it another role unless the phrase has it too
  // ("Democratic vice presidential nominee Tim Kaine" is not "the Democratic presidential nominee").
  auto other_role = [](std::string_view w) {
    return w == "vice" || w == "former" || w == "deputy" || w == "assistant" || w == "acting" || w == "ex" ||
           w == "associate" || w == "co";
  };
  auto describes = [&](uint32_t first, uint32_t end) {
    if (end <= first || !ix.is_word(end - 1) || ix.lower[end - 1] != head) return false;
    for (uint32_t t = first; t + 1 < end; ++t) {
      if (other_role(ix.lower[t]) && std::find(modifiers.begin(), modifiers.end(), ix.lower[t]) == modifiers.end())
        return false;
      if (t > first && (ix.lower[t] == "a" || ix.lower[t] == "an")) return false;  // "called a Republican Obama"
    }
    for (std::string_view m : modifiers) {
      bool found = false;
      for (uint32_t t = first; t + 1 < end && !found; ++t) found = same_modifier(m, ix.lower[t]);
      if (!found) return false;
    }
    return true;
  };
  constexpr uint32_t kDescriptorWords = 6;
  // Whether person mention m is so described, right before it or in apposition after it.
  auto described = [&](const CoveringMention& m) {
    // Before the name: the words right before it, back to a punctuation mark, a quotation or
    // another name.
    uint32_t a = m.first;
    while (a > 0 && m.first - a < kDescriptorWords && ix.is_word(a - 1) && !ix.quoted[a - 1] &&
           (ix.entity_at[a - 1] == kNone || ix.entity_type(ix.entity_at[a - 1]) == EntityType::LOC ||
            ix.entity_type(ix.entity_at[a - 1]) == EntityType::MISC))
      --a;
    if (describes(a, m.first)) return true;
    // After it: ", the ... HEAD" closed by a comma or the sentence's end.
    if (!(m.end + 2 < ix.n && ix.is_punct(m.end, ',') && !ix.quoted[m.end + 1] &&
          (ix.lower[m.end + 1] == "the" || ix.lower[m.end + 1] == "a")))
      return false;
    uint32_t b = m.end + 2;
    while (b < ix.n && b - m.end < kDescriptorWords + 2 && ix.is_word(b) && !ix.quoted[b] &&
           ix.sentence_of[b] == ix.sentence_of[m.first])
      ++b;
    return describes(m.end + 2, b) && (b >= ix.n || !ix.is_word(b));
  };
  uint32_t person = kNone;
  bool two = false;
  auto visit = [&](const CoveringMention& m) {
    if (m.entity >= ix.entities.size() || ix.entity_type(m.entity) != EntityType::PERSON || ix.quoted[m.first] ||
        m.entity == person || !described(m))
      return;
    if (person != kNone) two = true;
    person = m.entity;
  };
  // The names looked at: every one of an article (the most in a PolNeAR text: 605), or, in a text
  // of more than kWholeText names, those within kRoleReach tokens of the phrase, so that a text of
  // a million such phrases still takes linear time.
  constexpr size_t kWholeText = 2048;
  constexpr uint32_t kRoleReach = 64 * kWindow;
  if (ix.mentions.size() <= kWholeText) {
    for (const CoveringMention& m : ix.mentions) {
      visit(m);
      if (two) return kNone;  // two people so described
    }
  } else {
    const uint32_t to = std::min(ix.n, p.end + kRoleReach);
    for (uint32_t i = p.first < kRoleReach ? 0 : p.first - kRoleReach; i < to; ++i) {
      if (ix.mention_of[i] == kNone || ix.mention_first[i] != i) continue;
      visit(ix.mentions[ix.mention_of[i]]);
      if (two) return kNone;
    }
  }
  return person;
}

// A bare surname two persons of the article share ("Cruz" with Ted Cruz and Heidi Cruz named):
// merging gives the mention to one of them by its office title, a person named just before it or
// the one named first (entities.cpp choose_candidate); a speaker is chosen by who the article is
// about, the one it names in full most often, among those a title's gender allows ("Mrs.
// Clinton"). Ties keep the entity the merging chose. (The two rules can disagree, so that a
// speaker's entity is not always the one the mention was merged into: with the merging's choice
// alone, dev entity-level speakers fall 657 -> 652 direct, 557 -> 553 reported.)
uint32_t person_by_shared_surname(const TokenIndex& ix, Phrase p, uint32_t e) {
  const uint32_t last = p.end - 1;
  if (e == kNone || ix.entity_type(e) != EntityType::PERSON || ix.entity_at[last] != e ||
      ix.mention_first[last] != last || ix.mention_end[last] != p.end || e >= ix.facts.full_mentions.size())
    return e;
  Gender wanted = Gender::unknown;
  for (uint32_t t = p.first; t < last; ++t) {
    Gender g = Gender::unknown;
    if (!ix.is_word(t) || ix.entity_at[t] != kNone) return e;  // another name in the phrase
    if (is_title_word(ix.lower[t], &g) && g != Gender::unknown) wanted = g;
  }
  auto shared = ix.facts.persons_sharing_surname.find(fold_for_matching(ix.tok(last)));
  if (shared == ix.facts.persons_sharing_surname.end()) return e;
  uint32_t best = e;
  for (uint32_t other : shared->second) {
    if (other >= ix.facts.full_mentions.size()) continue;
    if (wanted != Gender::unknown && gender_of(ix, other) != Gender::unknown && gender_of(ix, other) != wanted) continue;
    if (wanted != Gender::unknown && best == e && gender_of(ix, e) != Gender::unknown && gender_of(ix, e) != wanted) {
      best = other;
      continue;
    }
    if (ix.facts.full_mentions[other] > ix.facts.full_mentions[best]) best = other;
  }
  return best;
}

// A phrase in capitals, such as a transcript's label ("TRUMP:", "MR. SMITH:"): the person of the
// article whose name of two words or more ends in the phrase's last word, the one named in full
// most often when two do; else none.
uint32_t person_by_label(const TokenIndex& ix, Phrase p) {
  for (uint32_t t = p.first; t < p.end; ++t)
    for (char ch : ix.tok(t))
      if (ch >= 'a' && ch <= 'z') return kNone;
  const auto found = ix.facts.person_of_surname.find(fold_for_matching(ix.tok(p.end - 1)));
  return found == ix.facts.person_of_surname.end() || found->second >= ix.entities.size() ? kNone : found->second;
}

// The phrase's words with single spaces where the text has any whitespace.
std::string phrase_text(const TokenIndex& ix, Phrase p) {
  std::string out;
  for (uint32_t i = p.first; i < p.end; ++i) {
    if (i > p.first && (ix.tokens[i].space_before || ix.tokens[i].newline_before)) out += ' ';
    out += std::string(ix.tok(i));
  }
  return out;
}

}  // namespace

Speaker speaker_of_phrase(const TokenIndex& ix, Phrase sp, RunningSpeaker running) {
  Speaker speaker;
  speaker.has_mention = true;
  speaker.mention.start = ix.tokens[sp.first].span.start;
  speaker.mention.end = ix.tokens[sp.end - 1].span.end;
  uint32_t e = kNone;
  PronounKind pk = sp.end == sp.first + 1 ? lookup_pronoun(ix.lower[sp.first]) : PronounKind::none;
  if (pk != PronounKind::none) {
    e = resolve_pronoun(ix, pk, sp.first, running);
  } else {
    // A label in capitals is read by the tagger as it can ("FALLIN" an organisation, "TRUMP" a
    // name of its own): the person named in full is the one meant.
    e = person_by_label(ix, sp);
    if (e == kNone) e = entity_in_apposition(ix, sp);
    if (e == kNone) e = person_by_shared_surname(ix, sp, entity_of_phrase(ix, sp));
    if (e == kNone) e = entity_of_office(ix, sp);
    if (e == kNone) e = organisation_by_kind(ix, sp);
    if (e == kNone) e = person_by_role(ix, sp);
    if (e == kNone) e = person_by_description(ix, sp, running);
  }
  if (e != kNone) {
    speaker.entity = e;
    speaker.name = ix.entities[e].name;
  } else {
    speaker.name = phrase_text(ix, sp);
  }
  return speaker;
}

}  // namespace quotes
}  // namespace lede
