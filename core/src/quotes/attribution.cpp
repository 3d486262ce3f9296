// Attribution patterns around quotations with marks (see attribution.h). Each pattern fills *r
// and returns true when it matches, and leaves *r alone when it does not.
#include "quotes/attribution.h"

#include "lexicon/quote_words.h"

namespace lede {
namespace quotes {
namespace {

// Where a quotation stands: its marks, paragraph and sentence.
struct Site {
  const TokenIndex& ix;
  const MarkSpan& s;
  uint32_t open;            // the opening mark's token
  uint32_t paragraph;
  uint32_t paragraph_end;   // token after the paragraph
  uint32_t sentence;        // of the opening mark
  uint32_t sentence_first;  // its first token

  Site(const TokenIndex& index, const MarkSpan& span)
      : ix(index),
        s(span),
        open(span.open),
        paragraph(index.paragraph_of[span.open]),
        paragraph_end(index.paragraph_end[paragraph]),
        sentence(index.sentence_of[span.open]),
        sentence_first(index.sentence_first[sentence]) {}
};

bool attribute(Phrase speaker, uint32_t cue_first, uint32_t cue_end, Attribution* r) {
  r->speaker = speaker;
  r->cue_first = cue_first;
  r->cue_end = cue_end;
  return true;
}

// ---------------------------------------------------------------------------------------------
// A. After the closing mark; k is the token after it (and after a comma or dash there).

// A quotation that ends its sentence (“… ceasefire.” He said) is not introduced by the next one.
bool ends_its_sentence(const Site& q) {
  const TokenIndex& ix = q.ix;
  const MarkSpan& s = q.s;
  return s.closed && s.close > q.open + 1 && ix.is_punct(s.close - 1, '.') &&
         s.close + 1 < q.paragraph_end && ix.upper_initial(s.close + 1) &&
         !quote_cue_at(ix, s.close + 1, nullptr);
}

// “…,” said X; “…,” said spokeswoman Ann Lee; “…,” said 9/11 widow Terry Strada
bool speaker_inverted(const Site& q, uint32_t k, Attribution* r) {
  CueVerb v;
  if (!(k < q.paragraph_end && quote_cue_at(q.ix, k, &v) && v.form != CueForm::gerund)) return false;
  const Phrase sp = speaker_after_inverted_cue(q.ix, k + 1, q.paragraph_end);
  return sp.ok() && attribute(sp, k, k + 1, r);
}

// “…,” according to X
bool according_to_after_closing_mark(const Site& q, uint32_t k, Attribution* r) {
  if (!(k < q.paragraph_end && according_at(q.ix, k))) return false;
  Phrase sp = np_right(q.ix, k + 2, q.paragraph_end);
  return sp.ok() && attribute(sp, k, k + 2, r);
}

// “…” ― Sonya Herridge: a byline-style attribution ending its paragraph or sentence; no cue.
bool byline_after_quote(const Site& q, uint32_t k, Attribution* r) {
  const TokenIndex& ix = q.ix;
  const uint32_t pe = q.paragraph_end;
  Phrase sp = np_right(ix, k, pe);
  if (!(sp.ok() && k > q.s.close + 1 && ix.tokens[k - 1].kind == TokenKind::dash)) return false;
  uint32_t m = sp.end;
  if (m >= pe || ix.is_punct(m, ',') || ix.is_punct(m, '.') || ix.is_punct(m, '(') ||
      ix.tokens[m].newline_before || ix.sentence_of[m] != ix.sentence_of[sp.first]) {
    r->speaker = sp;
    return true;
  }
  return false;
}

// “…,” X said; “…,” Rep. Gwen Moore (D-Wis.) said; “…,” Dmitriev, a senior aide, said
bool speaker_after_closing_mark(const Site& q, uint32_t k, Attribution* r) {
  const TokenIndex& ix = q.ix;
  const uint32_t pe = q.paragraph_end;
  Phrase sp = np_right(ix, k, pe);
  if (!sp.ok()) return false;
  uint32_t m = sp.end;
  if (m < pe && ix.is_punct(m, '(')) {  // a parenthesis after the name
    uint32_t u = m;
    while (u < pe && u - m < 10 && !ix.is_punct(u, ')')) ++u;
    if (u < pe) m = u + 1;
  }
  if (m < pe && ix.is_punct(m, ',')) {  // an appositive
    uint32_t u = m + 1;
    while (u < pe && u - m < 32 && !ix.is_punct(u, ',') && ix.tokens[u].kind != TokenKind::quote) ++u;
    if (u < pe && ix.is_punct(u, ',')) m = u + 1;
  }
  while (m < pe && ix.is_word(m) && is_cue_adverb_or_auxiliary(ix.lower[m])) ++m;
  CueVerb v;
  return m < pe && quote_cue_at(ix, m, &v) && attribute(sp, m, m + 1, r);
}

// ---------------------------------------------------------------------------------------------
// H. A headline "Pence: Trump Was ‘Mocking’ Clinton Camp", "Obama on Climate: ‘Terrifying’":
// the name before its colon.
bool headline_name_colon(const Site& q, Attribution* r) {
  const TokenIndex& ix = q.ix;
  if (!ix.headline[q.paragraph]) return false;
  const uint32_t pf = ix.paragraph_first[q.paragraph];
  for (uint32_t i = pf; i < q.open && i < pf + 8; ++i) {
    if (!ix.is_punct(i, ':')) continue;
    uint32_t e = pf;
    while (e < i && ix.is_word(e) && (ix.upper_initial(e) || ix.entity_at[e] != kNone)) ++e;
    return e > pf && attribute({pf, e}, i, i + 1, r);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// B. Before the opening mark. `at` is the token that introduces the quotation: the one before
// the mark, or the previous paragraph's closing colon for a quotation opening its paragraph;
// `lower_bound` the first token of that token's sentence.
struct Introducer {
  uint32_t at;
  uint32_t lower_bound;
};

Introducer introducer_of(const Site& q) {
  const TokenIndex& ix = q.ix;
  const uint32_t o = q.open, p = q.paragraph;
  Introducer in{o, q.sentence_first};
  if (o == ix.paragraph_first[p] && p > 0 && ix.paragraph_end[p - 1] > ix.paragraph_first[p - 1] &&
      ix.is_punct(ix.paragraph_end[p - 1] - 1, ':')) {
    in.at = ix.paragraph_end[p - 1] - 1;
    in.lower_bound = ix.sentence_first[ix.sentence_of[in.at]];
  } else if (o > q.sentence_first) {
    in.at = o - 1;
  }
  return in;
}

// X said: “…” / X said, “…” / X told Y: “…”: the nearest cue before the colon or comma, if it
// has a subject (a cue without one ends the search).
bool speaker_cue_before_colon_or_comma(const TokenIndex& ix, Introducer in, Attribution* r) {
  const uint32_t k = in.at;
  for (uint32_t c = k; c > in.lower_bound && k - c < 14;) {
    --c;
    if (ix.quoted[c] && c != k) break;
    CueVerb v;
    if (quote_cue_at(ix, c, &v)) {
      Phrase sp = cue_subject(ix, c, v.form, in.lower_bound);
      return sp.ok() && attribute(sp, c, c + 1, r);
    }
  }
  return false;
}

// "Trump issued the following statement: “…”", "... surprise pollster Daron Shaw: “…”": with no
// cue before the colon, the last person (else organisation) named before it, in a sentence of
// more than six tokens before the colon.
bool person_named_before_colon(const TokenIndex& ix, Introducer in, Attribution* r) {
  const uint32_t k = in.at;
  if (!(k > in.lower_bound)) return false;
  uint32_t person = kNone, org = kNone;
  for (uint32_t i = k; i > in.lower_bound && k - i < kWindow;) {
    --i;
    if (ix.quoted[i] || ix.entity_at[i] == kNone) continue;
    EntityType t = ix.entity_type(ix.entity_at[i]);
    if (t == EntityType::PERSON && person == kNone) person = i;
    if (t == EntityType::ORG && org == kNone) org = i;
  }
  uint32_t at = person != kNone ? person : org;
  return at != kNone && k - in.lower_bound > 6 &&
         attribute({ix.mention_first[at], ix.mention_end[at]}, k, k + 1, r);
}

// Headline style "Trump: “…”": up to six capitalised words or names, then the colon.
bool names_before_colon(const TokenIndex& ix, Introducer in, Attribution* r) {
  const uint32_t k = in.at;
  if (!(k - in.lower_bound <= 6 && k > in.lower_bound)) return false;
  bool names = true;
  for (uint32_t i = in.lower_bound; i < k; ++i)
    if (!ix.is_word(i) || !(ix.upper_initial(i) || ix.entity_at[i] != kNone)) names = false;
  return names && attribute({in.lower_bound, k}, k, k + 1, r);
}

// X said “…”: a cue right before the opening mark.
bool speaker_cue_right_before_mark(const TokenIndex& ix, Introducer in, Attribution* r) {
  CueVerb v;
  if (!quote_cue_at(ix, in.at, &v)) return false;
  Phrase sp = cue_subject(ix, in.at, v.form, in.lower_bound);
  return sp.ok() && attribute(sp, in.at, in.at + 1, r);
}

bool before_opening_mark(const Site& q, Attribution* r) {
  const Introducer in = introducer_of(q);
  if (!(in.at < q.open)) return false;
  if (q.ix.is_punct(in.at, ':'))
    return speaker_cue_before_colon_or_comma(q.ix, in, r) || person_named_before_colon(q.ix, in, r) ||
           names_before_colon(q.ix, in, r);
  if (q.ix.is_punct(in.at, ',')) return speaker_cue_before_colon_or_comma(q.ix, in, r);
  return speaker_cue_right_before_mark(q.ix, in, r);
}

// ---------------------------------------------------------------------------------------------
// C. The nearest cue of the sentence before the quotation; D. after it.

// "According to the ministry, the plan is “dead”": the phrase up to the next comma.
bool according_to_before_quote(const Site& q, uint32_t c, Attribution* r) {
  const TokenIndex& ix = q.ix;
  uint32_t end = c + 2;
  while (end < q.open && end < c + kMaxPhrase && !ix.is_punct(end, ',') && !ix.quoted[end]) ++end;
  Phrase sp{c + 2, end};
  return sp.ok() && attribute(sp, c, c + 2, r);
}

// "Trump's claim that there have been “thousands of shootings”": a claim noun after a possessive.
bool possessive_claim_noun_at(const Site& q, uint32_t c) {
  const TokenIndex& ix = q.ix;
  return c > q.sentence_first + 1 && ix.is_word(c) && is_claim_noun(ix.lower[c]) && ix.possessive(c - 1);
}

// "After saying her foot was “swollen,” she ...": a participle's subject follows its clause,
// which ends at the first comma after the quotation (or inside it, before its mark).
Phrase subject_after_participle_clause(const Site& q) {
  const TokenIndex& ix = q.ix;
  const uint32_t se = ix.sentence_end[q.sentence];
  uint32_t after = q.s.closed ? q.s.close + 1 : q.s.close;
  for (uint32_t j = after; j < se && j < after + kWindow; ++j)
    if (ix.is_punct(j, ',')) {
      after = j + 1;
      break;
    }
  if (after < se) {
    Phrase np = np_right(ix, after, se);
    if (np.ok()) return np;
  }
  return {};
}

// A cue before the quoted words ("The governor called the plan a “reckless gamble”"): its
// subject; for a participle or a coordinated verb ("and said", ", said") the sentence's first
// phrase.
bool cue_earlier_in_sentence(const Site& q, uint32_t c, Attribution* r) {
  const TokenIndex& ix = q.ix;
  const uint32_t sf = q.sentence_first;
  CueVerb v;
  if (!quote_cue_at(ix, c, &v)) return false;
  Phrase sp = v.form == CueForm::gerund ? cue_subject(ix, c, v.form, sf) : subject_left(ix, c, sf);
  if (!sp.ok() && (v.form == CueForm::gerund ||
                   (c > sf && (ix.lower[c - 1] == "and" || ix.lower[c - 1] == "but" || ix.is_punct(c - 1, ',')))))
    sp = first_np(ix, sf, c);
  if (!sp.ok() && v.form == CueForm::gerund) sp = subject_after_participle_clause(q);
  return sp.ok() && attribute(sp, c, c + 1, r);
}

// Back from the opening mark over the sentence (kWindow tokens at most), outside quotations: the
// nearest "according to" or cue with a speaker. Possessive claim nouns are left to
// claim_noun_owner, which applies only when no cue matches.
bool nearest_cue_before(const Site& q, Attribution* r) {
  for (uint32_t c = q.open; c > q.sentence_first && q.open - c < kWindow;) {
    --c;
    if (q.ix.quoted[c]) continue;
    if (according_at(q.ix, c)) {
      if (according_to_before_quote(q, c, r)) return true;
      continue;
    }
    if (possessive_claim_noun_at(q, c)) continue;
    if (cue_earlier_in_sentence(q, c, r)) return true;
  }
  return false;
}

// "Trump's claim that there have been “thousands of shootings”": the possessor speaks, when no
// cue verb of the sentence has a subject ("Ryan said Obama's words “…”"); the nearest such noun.
bool claim_noun_owner(const Site& q, Attribution* r) {
  for (uint32_t c = q.open; c > q.sentence_first && q.open - c < kWindow;) {
    --c;
    if (q.ix.quoted[c] || according_at(q.ix, c) || !possessive_claim_noun_at(q, c)) continue;
    Phrase sp = subject_left(q.ix, c - 1, q.sentence_first);
    if (sp.ok()) return attribute(sp, c, c + 1, r);
  }
  return false;
}

// “…” according to the ministry: up to the next punctuation of the sentence.
bool according_to_later_in_sentence(const TokenIndex& ix, uint32_t c, uint32_t se, Attribution* r) {
  uint32_t end = c + 2;
  while (end < se && end < c + kMaxPhrase && ix.tokens[end].kind != TokenKind::punct && !ix.quoted[end]) ++end;
  return end > c + 2 && attribute({c + 2, end}, c, c + 2, r);
}

// “…” is what the ministry said / “…”, the ministry said later: a cue after the quotation, its
// subject between the two, else the phrase after the cue.
bool cue_later_in_sentence(const TokenIndex& ix, uint32_t c, uint32_t close_end, uint32_t se,
                           Attribution* r) {
  CueVerb v;
  if (!quote_cue_at(ix, c, &v) || v.form == CueForm::gerund) return false;
  Phrase sp = subject_left(ix, c, close_end);
  if (!sp.ok()) sp = np_right(ix, c + 1, se);
  return sp.ok() && attribute(sp, c, c + 1, r);
}

// Forward from the closing mark to the end of its sentence, until the next quotation.
bool nearest_cue_after(const Site& q, Attribution* r) {
  const TokenIndex& ix = q.ix;
  const uint32_t close_end = q.s.closed ? q.s.close + 1 : q.s.close;
  if (close_end >= ix.n) return false;
  const uint32_t se = ix.sentence_end[ix.sentence_of[close_end - 1]];
  for (uint32_t c = close_end; c < se && c < close_end + kWindow; ++c) {
    if (ix.quoted[c]) break;
    if (according_at(ix, c)) {
      if (according_to_later_in_sentence(ix, c, se, r)) return true;
      continue;
    }
    if (cue_later_in_sentence(ix, c, close_end, se, r)) return true;
  }
  return false;
}

// A transcript's speaker label opening the quotation: "“PENCE: Well, look, …”", "“MR. SMITH: …”".
// The label speaks; it is no cue.
bool transcript_label(const Site& q, Attribution* r) {
  const TokenIndex& ix = q.ix;
  const uint32_t first = q.open + 1, limit = q.s.closed ? q.s.close : q.paragraph_end;
  const uint32_t colon = transcript_label_end(ix, first, limit);
  if (colon == kNone || ix.paragraph_of[colon] != q.paragraph) return false;
  r->speaker = {first, colon};
  return true;
}

}  // namespace

uint32_t transcript_label_end(const TokenIndex& ix, uint32_t first, uint32_t limit) {
  auto all_capitals = [&](uint32_t i) {
    const std::string_view w = ix.tok(i);
    size_t letters = 0;
    for (char ch : w) {
      if (ch >= 'a' && ch <= 'z') return false;
      if (ch >= 'A' && ch <= 'Z') ++letters;
    }
    return letters >= 2 || (letters == 1 && w.size() == 2 && w[1] == '.');
  };
  uint32_t t = first;
  while (t < limit && t < first + 3 && ix.is_word(t) && all_capitals(t)) {
    ++t;
    if (t < limit && ix.is_punct(t, '.')) ++t;  // "MR." split from its stop
  }
  return t > first && t < limit && ix.is_punct(t, ':') ? t : kNone;
}

Attribution attribute_quoted(const TokenIndex& ix, const MarkSpan& quotation) {
  const Site q(ix, quotation);
  Attribution r;
  if (transcript_label(q, &r)) return r;
  if (quotation.closed && !ends_its_sentence(q)) {
    uint32_t k = quotation.close + 1;
    if (k < q.paragraph_end && (ix.is_punct(k, ',') || ix.tokens[k].kind == TokenKind::dash)) ++k;
    if (speaker_inverted(q, k, &r) || according_to_after_closing_mark(q, k, &r) ||
        byline_after_quote(q, k, &r) || speaker_after_closing_mark(q, k, &r))
      return r;
  }
  if (headline_name_colon(q, &r) || before_opening_mark(q, &r) || nearest_cue_before(q, &r) ||
      claim_noun_owner(q, &r) || nearest_cue_after(q, &r))
    return r;
  return r;
}

bool names_someone(const TokenIndex& ix, Phrase sp) {
  for (uint32_t t = sp.first; t < sp.end; ++t)
    if (ix.entity_at[t] != kNone && (ix.entity_type(ix.entity_at[t]) == EntityType::PERSON ||
                                     ix.entity_type(ix.entity_at[t]) == EntityType::ORG))
      return true;
  return false;
}

Phrase subject_of_previous_sentence(const TokenIndex& ix, uint32_t open) {
  const uint32_t ps = ix.sentence_of[open] - 1;
  Phrase sp = first_np(ix, ix.sentence_first[ps], ix.sentence_end[ps]);
  return sp.ok() && names_someone(ix, sp) ? sp : Phrase{};
}

Phrase subject_before_quoted_words(const TokenIndex& ix, uint32_t open) {
  Phrase sp = first_np(ix, ix.sentence_first[ix.sentence_of[open]], open);
  if (!sp.ok()) return {};
  const bool pronoun = sp.end == sp.first + 1 && lookup_pronoun(ix.lower[sp.first]) != PronounKind::none;
  return ix.headline[ix.paragraph_of[open]] || names_someone(ix, sp) || pronoun ? sp : Phrase{};
}

}  // namespace quotes
}  // namespace lede
