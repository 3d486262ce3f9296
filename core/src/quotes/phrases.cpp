// Cues and phrases (see phrases.h).
#include "quotes/phrases.h"

#include <algorithm>
#include <string_view>

#include "lexicon/quote_words.h"

namespace lede {
namespace quotes {
namespace {

// Extends a name phrase [start, end) leftwards over capitalised words and one determiner:
// "Ukrainian President Volodymyr Zelenskyy", "the Kremlin".
Phrase extend_left_over_names(const TokenIndex& ix, uint32_t start, uint32_t end, uint32_t lower_bound) {
  const uint32_t stop = start > kMaxPhrase ? start - kMaxPhrase : 0;
  if (lower_bound < stop) lower_bound = stop;
  while (start > lower_bound && ix.is_word(start - 1) && !ix.quoted[start - 1] &&
         (ix.upper_initial(start - 1) || ix.entity_at[start - 1] != kNone) &&
         (ix.entity_at[start - 1] != kNone || !is_phrase_boundary_word(ix.lower[start - 1])) &&
         !(start - 1 == ix.sentence_first[ix.sentence_of[start - 1]] && ix.cue_verb[start - 1].form != CueForm::none))
    --start;
  if (start > lower_bound && ix.is_word(start - 1) && is_determiner(ix.lower[start - 1]) &&
      ix.lower[start - 1] != "that")
    --start;
  return {start, end};
}

// A determiner that can stand alone as a noun phrase ("several", "many", "some", "both"), at t,
// opening its sentence or after a comma, "and" or "but".
bool quantifier_subject(const TokenIndex& ix, uint32_t t) {
  const std::string_view w = ix.lower[t];
  if (!(w == "several" || w == "many" || w == "some" || w == "both")) return false;
  if (t == ix.sentence_first[ix.sentence_of[t]]) return true;
  return ix.is_punct(t - 1, ',') || ix.lower[t - 1] == "and" || ix.lower[t - 1] == "but";
}

// What may follow a verb of saying, unlike a noun after an adjective ("Some reported cases"):
// punctuation or a mark, "that", a pronoun, a determiner, a name, or a preposition opening an
// adjunct ("said in a statement", "said on Monday").
bool opens_reported_words(const TokenIndex& ix, uint32_t k) {
  if (k >= ix.n || !ix.is_word(k)) return true;
  const std::string_view w = ix.lower[k];
  return w == "that" || w == "i" || w == "we" || w == "you" || w == "there" || w == "in" || w == "on" ||
         w == "at" || w == "last" || w == "this" || lookup_pronoun(w) != PronounKind::none ||
         is_determiner(w) || ix.upper_initial(k);
}

}  // namespace

bool cue_at(const TokenIndex& ix, uint32_t i, CueVerb* verb) {
  if (i >= ix.n || !ix.is_word(i) || ix.quoted[i]) return false;
  const CueVerb v = ix.cue_verb[i];
  if (v.form == CueForm::none) return false;
  std::string_view w = ix.lower[i];
  // "the stated goal", "a new report": a determiner before it makes it a noun or an adjective;
  // not a quantifier standing alone as the subject of a finite verb ("Several said they …",
  // "…, and many argued that …").
  if (i > 0 && is_determiner(ix.lower[i - 1]) && ix.lower[i - 1] != "that" &&
      !(quantifier_subject(ix, i - 1) && (v.form == CueForm::past || v.form == CueForm::present) &&
        opens_reported_words(ix, i + 1)))
    return false;
  // Passive "was told", "were asked": the speaker is not the subject.
  if (i > 0 && (ix.lower[i - 1] == "was" || ix.lower[i - 1] == "were" || ix.lower[i - 1] == "been" ||
                ix.lower[i - 1] == "being" || ix.lower[i - 1] == "be" || ix.lower[i - 1] == "is" ||
                ix.lower[i - 1] == "are") &&
      v.form != CueForm::gerund)
    return false;
  if (w.compare(0, 5, "point") == 0 && !(i + 1 < ix.n && ix.lower[i + 1] == "out")) return false;
  // "as the memo put it", "she put it this way:", "to put it bluntly": "put it" with nothing it
  // is put into or onto ("put it into play", "put it on hold" are no cues).
  if (w == "put" || w == "puts" || w == "putting") {
    if (!(i + 2 < ix.n && ix.lower[i + 1] == "it")) return false;
    const std::string_view next = ix.lower[i + 2];
    const bool manner = next == "this" || next == "that" || next == "best" || next == "another" ||
                        next == "more" || next == "differently" ||
                        (next.size() > 4 && next.substr(next.size() - 2) == "ly");
    if (!(manner || ix.tokens[i + 2].kind == TokenKind::punct || ix.tokens[i + 2].kind == TokenKind::quote ||
          ix.tokens[i + 2].kind == TokenKind::dash))
      return false;
  }
  // "called on Putin to", "called for a ceasefire": urging, not naming someone's words.
  if (w.compare(0, 4, "call") == 0 && i + 1 < ix.n &&
      (ix.lower[i + 1] == "on" || ix.lower[i + 1] == "for" || ix.lower[i + 1] == "off"))
    return false;
  // "read" gives words to a written thing: "the statement read", "it read", and inverted after
  // the quotation ("…," read one banner; "…," reads an editorial in the Register).
  if (w == "read" || w == "reads") {
    if (i == 0) return false;
    const bool after_quotation = ix.tokens[i - 1].kind == TokenKind::quote && ix.quoted[i - 1];
    if (!is_statement_noun(ix.lower[i - 1]) && ix.lower[i - 1] != "it" && !after_quotation) return false;
  } else if (noun_like_verb(w)) {  // after those words "read" is no noun ("a good read")
    bool past = v.form == CueForm::past || v.form == CueForm::participle;
    bool after_subject =
        i > 0 && (lookup_pronoun(ix.lower[i - 1]) != PronounKind::none || ix.upper_initial(i - 1));
    if (!past && !(v.form == CueForm::present && after_subject)) return false;
  }
  // Mid-sentence capitals are names ("State Department", "Post"), not verbs.
  if (ix.upper_initial(i) && i > 0 && ix.sentence_of[i - 1] == ix.sentence_of[i] &&
      ix.tokens[i - 1].kind != TokenKind::quote && !ix.headline[ix.paragraph_of[i]])
    return false;
  if (verb) *verb = v;
  return true;
}

// A cue that may introduce a quotation: beliefs and intentions ("hopes", "plans") never do.
bool quote_cue_at(const TokenIndex& ix, uint32_t i, CueVerb* verb) {
  CueVerb v;
  if (!cue_at(ix, i, &v) || v.belief) return false;
  if (verb) *verb = v;
  return true;
}

bool according_at(const TokenIndex& ix, uint32_t i) {
  return i + 1 < ix.n && !ix.quoted[i] && ix.lower[i] == "according" && ix.lower[i + 1] == "to";
}

// A noun phrase starting at k: a pronoun, a run of capitalised words (names with their titles),
// or a determiner with the words after it. Never crosses `limit`, punctuation or a cue verb.
Phrase np_right(const TokenIndex& ix, uint32_t k, uint32_t limit) {
  if (k >= limit || k >= ix.n || !ix.is_word(k) || ix.quoted[k]) return {};
  std::string_view w = ix.lower[k];
  if (not_a_speaker(w) && ix.entity_at[k] == kNone) return {};
  if (lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" || w == "you")
    return {k, k + 1};
  uint32_t j = k;
  if ((ix.upper_initial(k) || ix.entity_at[k] != kNone) && !is_determiner(w)) {
    while (j < limit && j < k + kMaxPhrase && ix.is_word(j) && !ix.quoted[j] &&
           (j == k || !ix.tokens[j].newline_before) &&
           (ix.upper_initial(j) || ix.entity_at[j] != kNone || (j > k && ix.lower[j] == "of" &&
                                                           j + 1 < limit && ix.upper_initial(j + 1))))
      ++j;
    return {k, j};
  }
  if (is_determiner(w)) {
    ++j;
    uint32_t words = 0;
    while (j < limit && j < k + kMaxPhrase && ix.is_word(j) && !ix.quoted[j] &&
           (j == k || !ix.tokens[j].newline_before) && words < 6) {
      std::string_view x = ix.lower[j];
      if (is_phrase_boundary_word(x) || cue_at(ix, j, nullptr)) break;
      ++j;
      ++words;
    }
    return words > 0 ? Phrase{k, j} : Phrase{};
  }
  return {};
}

// The subject of the cue at c: the phrase ending just before it (adverbs and auxiliaries
// skipped), jumping over an appositive ("Dmitriev, a senior aide, said").
Phrase subject_left(const TokenIndex& ix, uint32_t c, uint32_t lower_bound, int depth) {
  if (depth > 3) return {};
  uint32_t j = c;
  while (j > lower_bound && ix.is_word(j - 1) &&
         (is_cue_adverb_or_auxiliary(ix.lower[j - 1]) ||
          (not_a_speaker(ix.lower[j - 1]) && ix.entity_at[j - 1] == kNone) ||
          (ix.lower[j - 1] == "long" && !ix.upper_initial(j - 1))))  // "have long said" (not Mr. Long)
    --j;
  if (j <= lower_bound) return {};
  uint32_t t = j - 1;
  if (ix.is_punct(t, ')')) {  // "Rep. Jason Chaffetz (R-Utah) said"
    uint32_t u = t;
    while (u > lower_bound && t - u < 10 && !ix.is_punct(u, '(')) --u;
    if (!ix.is_punct(u, '(') || u <= lower_bound) return {};
    t = u - 1;
  }
  if (ix.is_punct(t, ',')) {
    // An appositive between commas: find the comma that opens it. A place ("in Columbus,
    // Ohio,") is not the speaker: keep going back over such segments.
    uint32_t u = t;
    for (int segments = 0; segments < 3; ++segments) {
      bool found = false;
      const uint32_t from = u;
      while (u > lower_bound && from - u < 32) {
        --u;
        if (ix.quoted[u] || (ix.tokens[u].kind == TokenKind::quote && !ix.possessive(u))) break;
        if (ix.is_punct(u, ',')) {
          found = true;
          break;
        }
      }
      if (!found || u <= lower_bound) return {};
      // The appositive is itself a person: "A spokeswoman for Norland Grid, Maria Santos, said".
      if (segments == 0 && u + 1 < t && ix.entity_at[u + 1] != kNone && ix.mention_first[u + 1] == u + 1 &&
          ix.mention_end[u + 1] == t && ix.entities[ix.entity_at[u + 1]].type == EntityType::PERSON)
        return {u + 1, t};
      const uint32_t before = u - 1;
      const bool place = ix.entity_at[before] != kNone &&
                         ix.entities[ix.entity_at[before]].type == EntityType::LOC;
      if (!place) break;
    }
    t = u - 1;
  }
  if (!ix.quoted[t] && ix.tokens[t].kind == TokenKind::number) {
    // "Six in 10 say", "63 percent said": a share of people speaks.
    uint32_t s0 = t;
    while (s0 > lower_bound && t - s0 < 4 && !ix.quoted[s0 - 1] &&
           (ix.tokens[s0 - 1].kind == TokenKind::number ||
            (ix.is_word(s0 - 1) && (ix.lower[s0 - 1] == "in" || ix.lower[s0 - 1] == "of" ||
                                 ix.lower[s0 - 1] == "only" || ix.upper_initial(s0 - 1)))))
      --s0;
    while (s0 < t && ix.is_word(s0) && is_phrase_boundary_word(ix.lower[s0])) ++s0;  // not "in 2010"
    std::string_view num = ix.tok(t);
    const bool year = s0 == t && num.size() == 4 && (num[0] == '1' || num[0] == '2');
    if (year) return {};
    return {s0, j};
  }
  if (ix.quoted[t] || !ix.is_word(t)) return {};
  std::string_view w = ix.lower[t];
  if (not_a_speaker(w) && ix.entity_at[t] == kNone) return {};
  if (lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" || w == "you")
    return {t, t + 1};
  // "she recalled thinking": a participle cue shares the subject of the cue before it. Only a
  // word that is a cue where it stands: "The reports show", "the plan said" are nouns.
  if (!ix.upper_initial(t) && cue_at(ix, t, nullptr) && t < c)
    return t > lower_bound ? subject_left(ix, t, lower_bound, depth + 1) : Phrase{};
  if ((w == "who" || w == "which" || (w == "that" && t + 1 == c)) && t > lower_bound) {
    // "Dmitriev, who said", "a letter that says": the relative's antecedent.
    uint32_t u = t;
    if (u > lower_bound && ix.is_punct(u - 1, ',')) --u;
    if (u > lower_bound && ix.is_word(u - 1) && !is_phrase_boundary_word(ix.lower[u - 1]))
      return subject_left(ix, u, lower_bound, depth + 1);
    return {};
  }
  if (is_phrase_boundary_word(w)) return {};
  if (ix.entity_at[t] != kNone) {
    uint32_t s = std::max(ix.mention_first[t], lower_bound);
    Phrase named = extend_left_over_names(ix, s, t + 1, lower_bound);
    // "Mr. Morgan of the Sierra Club said": the person the organisation is attached to heads
    // the phrase.
    const uint32_t prep = named.first;
    if (prep > lower_bound + 1 && ix.is_word(prep - 1) && !ix.quoted[prep - 2] &&
        (ix.lower[prep - 1] == "of" || ix.lower[prep - 1] == "from" || ix.lower[prep - 1] == "at") &&
        ix.entity_at[prep - 2] != kNone && ix.entity_type(ix.entity_at[prep - 2]) == EntityType::PERSON &&
        ix.mention_end[prep - 2] == prep - 1) {
      const Phrase person = extend_left_over_names(ix, std::max(ix.mention_first[prep - 2], lower_bound), prep - 1,
                                                   lower_bound);
      return {person.first, named.end};
    }
    return named;
  }
  if (ix.upper_initial(t)) {
    if (t == ix.sentence_first[ix.sentence_of[t]] && ix.cue_verb[t].form != CueForm::none) return {};
    return extend_left_over_names(ix, t, t + 1, lower_bound);
  }
  // A common-noun phrase: "a Kremlin spokesman", "the campaign", "officials".
  uint32_t s = t;
  uint32_t words = 1;
  bool crossed_of = false;
  while (s > lower_bound && words < 7) {
    uint32_t p = s - 1;
    if (!ix.is_word(p) || ix.quoted[p]) {
      if (ix.tokens[p].kind == TokenKind::punct && (ix.tok(p) == "'s" || ix.tok(p) == "\xE2\x80\x99s")) {
        --s;
        continue;
      }
      // "74 percent of voters": the number the share is.
      if (!ix.quoted[p] && ix.tokens[p].kind == TokenKind::number && crossed_of && ix.lower[s] == "percent") --s;
      break;
    }
    std::string_view x = ix.lower[p];
    if (x == "'s" || x == "\xE2\x80\x99s") {
      --s;
      continue;
    }
    // Once over "of" to the person, group or quantity it belongs to (heads_of_phrase).
    if (x == "of" && !crossed_of && p > lower_bound && ix.is_word(p - 1) && !ix.quoted[p - 1] &&
        heads_of_phrase(ix.lower[p - 1]) && ix.cue_verb[p - 1].form == CueForm::none) {
      crossed_of = true;
      s -= 2;  // "of" and the word it belongs to
      words += 2;
      if (is_determiner(ix.lower[s])) break;  // "one of", "some of"
      continue;
    }

    if (is_phrase_boundary_word(x) || ix.cue_verb[p].form != CueForm::none ||
        (lookup_pronoun(x) != PronounKind::none && !is_determiner(x)))
      break;
    --s;
    ++words;
    // A determiner ends the phrase, unless "of" ties it to a noun before ("the head of the agency").
    if (is_determiner(x) && (crossed_of || s <= lower_bound + 1 || ix.lower[s - 1] != "of")) break;
  }
  return {s, t + 1};
}

// The subject of a cue. A participle ("..., writing", "on Facebook writing") takes the subject of
// its clause, not the word before it.
Phrase cue_subject(const TokenIndex& ix, uint32_t c, CueForm form, uint32_t lower_bound) {
  if (form == CueForm::gerund) {
    // "footage of Trump saying" keeps the person just before it.
    if (c > lower_bound && ix.entity_at[c - 1] != kNone &&
        ix.entities[ix.entity_at[c - 1]].type == EntityType::PERSON)
      return {std::max(ix.mention_first[c - 1], lower_bound), c};
    Phrase sp = first_np(ix, lower_bound, c);
    if (sp.ok()) return sp;
  }
  Phrase sp = subject_left(ix, c, lower_bound);
  if (!sp.ok() && form != CueForm::gerund) sp = first_np(ix, lower_bound, c);
  return sp;
}

Phrase speaker_after_inverted_cue(const TokenIndex& ix, uint32_t k, uint32_t limit) {
  Phrase sp = np_right(ix, k, limit);
  if (sp.ok() && sp.end + 1 < limit && ix.possessive(sp.end)) {  // "NBC's Dante Chinni"
    const Phrase head = np_right(ix, sp.end + 1, limit);
    if (head.ok() && ix.upper_initial(head.first)) sp.end = head.end;
  }
  // "said one of the witnesses", "said the head of the agency": a determiner phrase (or a lone
  // determiner) and "of" with the phrase after it.
  const bool determiner = k < limit && ix.is_word(k) && !ix.quoted[k] && is_determiner(ix.lower[k]);
  const uint32_t of = sp.ok() ? sp.end : k + 1;
  if (determiner && of + 1 < limit && ix.is_word(of) && !ix.quoted[of] && ix.lower[of] == "of") {
    // A named organisation after "of" stays out ("the head of the Federal Reserve, Jerome Powell":
    // the person named after it, or the head, speaks; not the organisation).
    const Phrase tail = np_right(ix, of + 1, limit);
    bool names = false;
    for (uint32_t t = tail.first; tail.ok() && t < tail.end; ++t) names = names || ix.entity_at[t] != kNone;
    if (tail.ok() && (!names || !sp.ok())) sp = {k, tail.end};
  }
  if (!sp.ok() && k + 1 < limit && ix.is_word(k) && is_person_role(ix.lower[k])) {
    const Phrase name = np_right(ix, k + 1, limit);
    if (name.ok()) sp = {k, name.end};
  }
  if (!sp.ok()) {
    // "said 9/11 widow Terry Strada", "said former South Carolina Gov. Jim Hodges": description
    // words (places and titles among them) up to the first person named.
    auto is_person = [&](uint32_t j) {
      return ix.entity_at[j] != kNone && ix.entity_type(ix.entity_at[j]) == EntityType::PERSON;
    };
    uint32_t j = k;
    while (j < limit && j < k + 8 && !is_person(j) && !ix.quoted[j] &&
           ((ix.is_word(j) && (!is_phrase_boundary_word(ix.lower[j]) || (j > k && ix.lower[j] == "of")) &&
             ix.cue_verb[j].form == CueForm::none) ||  // "master of ceremonies Asab Al-Tabchi"
            ix.tokens[j].kind == TokenKind::number || ix.is_punct(j, '/')))  // "9/11"
      ++j;
    if (j > k && j < limit && is_person(j) && ix.mention_first[j] == j) sp = {k, std::min(ix.mention_end[j], limit)};
  }
  return sp;
}

// The first name, pronoun or determiner phrase in [from, to) outside quotations: the subject of
// the sentence for participle cues ("Trump ..., writing that") and coordinated verbs.
Phrase first_np(const TokenIndex& ix, uint32_t from, uint32_t to) {
  to = std::min(to, from + kWindow);
  // An introductory phrase ("At a press conference in Berlin, ...") holds no subject.
  if (from < to && ix.is_word(from) && is_phrase_boundary_word(ix.lower[from])) {
    for (uint32_t i = from; i < to && i < from + 16; ++i)
      if (ix.is_punct(i, ',')) {
        from = i + 1;
        break;
      }
  }
  if (from < to && ix.is_word(from) && !ix.quoted[from] && is_determiner(ix.lower[from]) &&
      ix.lower[from] != "that") {
    Phrase np = np_right(ix, from, to);  // "The council welcomed ... but said"
    if (np.ok()) return np;
  }
  if (from < to && ix.is_word(from) && !ix.quoted[from] && ix.entity_at[from] == kNone &&
      ix.upper_initial(from) && !is_phrase_boundary_word(ix.lower[from]) &&
      ix.cue_verb[from].form == CueForm::none &&
      !(ix.lower[from].size() > 4 && ix.lower[from].substr(ix.lower[from].size() - 3) == "ing")) {
    // "Small groups of protesters continued", "Former President Bill Clinton criticized".
    // Capitalised words, then only plural or speaker nouns ("groups", "officials"): a
    // lower-case word of another kind is most likely the verb ("Marsh left").
    uint32_t j = from;
    while (j < to && j < from + 6 && ix.is_word(j) && !ix.quoted[j] &&
           !is_phrase_boundary_word(ix.lower[j]) && !cue_at(ix, j, nullptr) &&
           !is_cue_adverb_or_auxiliary(ix.lower[j]) &&
           (ix.upper_initial(j) || ix.entity_at[j] != kNone || is_speaker_noun(ix.lower[j]) ||
            (ix.lower[j].size() > 3 && ix.lower[j].back() == 's' && ix.lower[j][ix.lower[j].size() - 2] != 's')))
      ++j;
    if (j >= from + 2 || (j == from + 1 && j < to && ix.is_word(j) && !ix.upper_initial(j) &&
                          !is_phrase_boundary_word(ix.lower[j])))
      return {from, j};
  }
  Phrase nationality;
  for (uint32_t i = from; i < to; ++i) {
    if (ix.quoted[i] || !ix.is_word(i)) continue;
    if (ix.entity_at[i] != kNone && ix.entities[ix.entity_at[i]].type == EntityType::MISC) {
      if (!nationality.ok()) nationality = {ix.mention_first[i], std::min(ix.mention_end[i], to)};
      i = ix.mention_end[i] - 1;
      continue;
    }
    if (ix.entity_at[i] != kNone) {
      uint32_t e = std::min(ix.mention_end[i], to);
      // Prefer the person of "Ukrainian President Volodymyr Zelenskyy" over the nationality.
      uint32_t j = e;
      while (j < to && ix.is_word(j) && (ix.upper_initial(j) || ix.entity_at[j] != kNone)) ++j;
      if (j > e && ix.entity_at[j - 1] != kNone) return {ix.mention_first[j - 1], j};
      return {ix.mention_first[i], e};
    }
    std::string_view w = ix.lower[i];
    if (lookup_pronoun(w) != PronounKind::none && w != "his" && w != "her" && w != "its" &&
        w != "their")
      return {i, i + 1};
    if (ix.upper_initial(i) && i > from && !is_determiner(w)) {
      uint32_t j = i;
      while (j < to && ix.is_word(j) && ix.upper_initial(j)) ++j;
      return {i, j};
    }
  }
  return nationality;
}


}  // namespace quotes
}  // namespace lede
