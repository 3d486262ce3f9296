// Reported speech without marks (see reported.h). Each pattern appends its clause and returns
// true when it matches, and appends nothing otherwise.
#include "quotes/reported.h"

#include <algorithm>
#include <cstddef>
#include <string_view>

#include "lexicon/quote_words.h"
#include "quotes/cue_model.h"
#include "quotes/phrases.h"

namespace lede {
namespace quotes {
namespace {

// One sentence: its tokens [first, end), and `last`, the end of any clause in it (before the
// sentence's final punctuation and marks that close no quotation).
struct Sentence {
  uint32_t first, end, last;
};

struct ReportedSpeech {
  ReportedSpeech(const TokenIndex& index, const CueModel& cue_model) : ix(index), model(cue_model) {}
  const TokenIndex& ix;
  const CueModel& model;
  std::vector<ReportedClause> found;
  std::vector<uint32_t> keys;  // a token's features, reused
  size_t sentence_begin = 0;   // the first of found that belongs to the current sentence
  // The last few tokens model_cue scored: each token's score is asked for again when the token
  // before it was a cue (the cue's next words) and when the sentence's loop reaches it. A token's
  // score depends on the token alone (cue_of_direct does not change during the search).
  struct ScoreMemo {
    uint32_t token = kNone;
    bool scored = false;  // a candidate the model knows: `score` is its
    CueScore score;
  };
  static constexpr uint32_t kMemo = 4;
  ScoreMemo memo[kMemo];

  // A clause starting where the sentence's previous one starts replaces it: the nearer cue
  // reports it ("The mayor rejected her warning that …": the warning's).
  bool add(uint32_t first, uint32_t end, Phrase speaker, uint32_t cue_first, uint32_t cue_end) {
    if (found.size() > sentence_begin && found.back().first == first) found.pop_back();
    ReportedClause r;
    r.first = first;
    r.end = end;
    r.who.speaker = speaker;
    r.who.cue_first = cue_first;
    r.who.cue_end = cue_end;
    found.push_back(r);
    return true;
  }

  // "said Ukraine was favorable", "said negotiations must lead to": a clause starting right
  // after the verb (k), with a subject and, within a few words, its auxiliary.
  bool clause_starts_at(uint32_t k, uint32_t se) const {
    std::string_view w = ix.lower[k];
    bool clause_start = lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" ||
                        w == "you" || w == "there" || ix.upper_initial(k) ||
                        (is_determiner(w) && w != "that");
    for (uint32_t j = k + 1; !clause_start && j < se && j < k + 4; ++j) {
      if (!ix.is_word(j) || ix.quoted[j]) break;
      std::string_view x = ix.lower[j];
      clause_start = x == "must" || x == "will" || x == "would" || x == "could" ||
                     x == "should" || x == "can" || x == "may" || x == "might" ||
                     x == "is" || x == "are" || x == "was" || x == "were" || x == "has" ||
                     x == "have" || x == "had";
    }
    return clause_start && (w == "there" || !is_phrase_boundary_word(w));
  }

  // Where the reported clause begins after the cue c (k is the token after the cue and its
  // particle), or kNone. A "that" opening it is the clause's, as PolNeAR's Content has it ("warned
  // [that the museum would not be a panacea]"): so a statement nested in another's clause is
  // matched to its own annotation, not to the enclosing one that holds the "that" too (on
  // PolNeAR train 72 more right speakers, dev 6).
  uint32_t clause_after_cue(uint32_t c, uint32_t k, CueVerb v, uint32_t se) const {
    // "that" within a few words: "said in a statement that", "told reporters that".
    for (uint32_t j = k; j < se && j < k + 9; ++j) {
      if (ix.quoted[j] && j == k) break;
      if (ix.lower[j] == "that" && ix.is_word(j)) return j;
      if (ix.tokens[j].kind == TokenKind::punct && ix.lower[j] != ",") break;
    }
    if (k < se && !v.takes_object && ix.is_word(k) && !ix.quoted[k] && clause_starts_at(k, se)) return k;
    if (k + 1 < se && ix.lower[k] == "to" && wants_infinitive(ix.lower[c]) && ix.is_word(k + 1) &&
        !ix.quoted[k + 1] && !ix.upper_initial(k + 1) && !is_determiner(ix.lower[k + 1]) &&
        lookup_pronoun(ix.lower[k + 1]) == PronounKind::none)
      return k;  // "plans to build the wall": the intention is what is reported
    if (k < se && v.takes_object) {
      Phrase obj = np_right(ix, k, se);
      if (obj.ok() && obj.end < se && ix.lower[obj.end] == "that") return obj.end;
      // "told reporters he would stay": a pronoun opens the clause after the addressee.
      if (obj.ok() && obj.end + 2 < se && ix.is_word(obj.end) && !ix.quoted[obj.end] &&
          lookup_pronoun(ix.lower[obj.end]) != PronounKind::none && ix.lower[obj.end] != "his" &&
          ix.lower[obj.end] != "her" && ix.lower[obj.end] != "its" && ix.lower[obj.end] != "their" &&
          ix.lower[obj.end] != "him" && ix.lower[obj.end] != "them")
        return obj.end;
    }
    return kNone;
  }

  // SPEAKER CUE [OBJECT] (that) CLAUSE
  bool speaker_cue_clause(const Sentence& s, uint32_t c, CueVerb v, Phrase sp) {
    if (!sp.ok()) return false;
    uint32_t k = c + 1;
    if (k < s.end && ix.lower[k] == "out") ++k;  // pointed out
    const uint32_t clause = clause_after_cue(c, k, v, s.end);
    return clause != kNone && clause + 2 < s.last && add(clause, s.last, sp, c, k > c + 1 ? k : c + 1);
  }

  // CLAUSE, SPEAKER CUE. Only short adjuncts may follow the cue ("said on Monday"), never its
  // addressee ("told Fox News:"), and a sentence ending in a colon introduces a quotation
  // instead. "After small increases, the budget office said, deficits will go up": an
  // attribution in the middle; the reported clause is the longer side.
  bool clause_then_speaker_cue(const Sentence& s, uint32_t c, Phrase sp) {
    if (!(sp.ok() && sp.first > s.first + 3 && ix.is_punct(sp.first - 1, ',') && !ix.quoted[sp.first - 2]))
      return false;
    uint32_t tail = c + 1;
    while (tail < s.last && tail - c < 6 && ix.is_word(tail) &&
           (!ix.upper_initial(tail) || not_a_speaker(ix.lower[tail])))
      ++tail;
    const bool middle = tail < s.last && ix.is_punct(tail, ',') && s.last > tail + 3 && !ix.quoted[tail + 1];
    if (middle && s.last - (tail + 1) > sp.first - 1 - s.first) return add(tail + 1, s.last, sp, c, c + 1);
    if ((tail >= s.last || middle) && !(s.last < s.end && ix.is_punct(s.last, ':')))
      return add(s.first, sp.first - 1, sp, c, c + 1);
    return false;
  }

  // CLAUSE, CUE SPEAKER: the speaker runs to the clause's end and is no pronoun ("…, noted NBC's
  // Dante Chinni.").
  bool clause_then_inverted_cue(const Sentence& s, uint32_t c, Phrase sp) {
    if (!(!sp.ok() && c > s.first + 3 && ix.is_punct(c - 1, ',') && !ix.quoted[c - 2])) return false;
    Phrase inv = speaker_after_inverted_cue(ix, c + 1, s.end);
    return inv.ok() && inv.end >= s.last && lookup_pronoun(ix.lower[inv.first]) == PronounKind::none &&
           add(s.first, c - 1, inv, c, c + 1);
  }

  // The clause of a cue no pattern explains, on the side the model says: after the cue (from
  // a "that" within a few words) to the sentence's end, or from the sentence's start to the
  // cue's subject (or the cue itself). The speaker is the cue's subject, else a phrase right
  // after it ("…, says a report"). After the cue one word is a statement's content: PolNeAR
  // annotates what an evaluation or a stance is about, however short ("The Dallas Morning News
  // backed Clinton", "they criticize him"); three words at least were asked until 2026-12: on
  // PolNeAR train 173 more right speakers (9511 -> 9684), reported F1 76.2 -> 76.7; dev 936 ->
  // 945, F1 73.8 -> 74.1. Before the cue, three words still: one or two there are mostly the
  // cue's own subject ("Officials say").
  bool clause_by_side(const Sentence& s, uint32_t c, uint32_t cue_end, bool right, Phrase sp) {
    if (right) {
      uint32_t k = cue_end;
      for (uint32_t j = k; j < s.last && j < k + 6; ++j)
        if (ix.lower[j] == "that" && ix.is_word(j)) {
          k = j;
          break;
        }
      if (k < s.last && ix.is_punct(k, ',')) ++k;
      if (!sp.ok()) sp = first_np(ix, s.first, c);
      const uint32_t content = k < s.last && ix.lower[k] == "that" ? k + 1 : k;  // a word besides "that"
      return content < s.last && add(k, s.last, sp, c, cue_end);
    }
    if (!sp.ok()) sp = np_right(ix, cue_end, s.end);
    uint32_t end = sp.ok() && sp.end <= c ? sp.first : c;
    while (end > s.first && ix.tokens[end - 1].kind == TokenKind::punct) --end;
    return end > s.first + 2 && add(s.first, end, sp, c, cue_end);
  }

  // The last place in [from, c) where a coordinated clause begins ("…, but", "…; "), at least
  // three tokens after from and at most kWindow before c, or kNone.
  uint32_t coordination_before(uint32_t from, uint32_t c) const {
    if (c > from + kWindow) from = c - kWindow;
    for (uint32_t p = c; p-- > from + 3;) {
      if (ix.quoted[p]) continue;
      if (ix.is_punct(p, ';')) return p;
      if (ix.is_punct(p, ',') && p + 1 < c) {
        std::string_view w = ix.lower[p + 1];
        if (w == "but" || w == "and" || w == "while" || w == "although" || w == "whereas") return p;
      }
    }
    return kNone;
  }

  // The tokens [c, end) the model takes for a reported statement's cue, or end == c: a word it
  // knows as a cue (or a colon) scoring above zero, with the cue words right after it.
  uint32_t model_cue(uint32_t c, uint32_t limit, const std::vector<uint8_t>& cue_of_direct, CueScore* score) {
    auto scores = [&](uint32_t t, CueScore* out) {
      ScoreMemo& m = memo[t % kMemo];
      if (m.token != t) {
        m.token = t;
        m.scored = !cue_of_direct[t] && cue_candidate(ix, t) &&
                   (ix.is_punct(t, ':') || model.knows_cue_word(ix.lower_hash[t]));
        if (m.scored) {
          cue_features(ix, t, &keys);
          m.score = model.score(keys);
        }
      }
      if (!m.scored) return false;
      *out = m.score;
      return out->cue > 0;
    };
    if (!scores(c, score)) return c;
    uint32_t end = c + 1;
    CueScore next;
    while (end < limit && end < c + 3 && scores(end, &next)) ++end;
    return end;
  }

  // A cue inside the clause found last, reporting forward: "Figueroa said the campaign planned a
  // protest, though she acknowledged it was unlikely to work", "Video shows that …, contradicting
  // the police's earlier claim that …". The outer clause keeps its words; the inner statement is
  // reported too, by the cue's own subject, as PolNeAR annotates nested attributions. Inside a
  // statement the model scores some of the statement's own words just above its cut, auxiliaries
  // above all ("do" of "voters do not support": "not support the mayor"), so a nested cue made of
  // auxiliaries, adverbs and determiners alone needs a sure score (kNestedCueScore), unless it is
  // a reporting verb of the lexicon. Chosen on PolNeAR train (models/ATTRIBUTION.md): until
  // 2026-12 every nested cue but the lexicon's verbs needed the sure score; with the content
  // words' cues above the cut too, train reported speakers 9781 -> 9858 of 11317, precision 72.7%
  // -> 73.0%; dev 956 -> 963 (87.7%). (Every nested cue above the cut: train 9861, "do" too.)
  static constexpr int64_t kNestedCueScore = 4000;
  void nested_clause(const Sentence& s, uint32_t c, uint32_t cue_end, const CueScore& score) {
    if (relative_attribution(s, c)) return;
    if (score.right <= 0) return;
    const CueVerb v = ix.cue_verb[c];
    bool content_word = false;
    for (uint32_t t = c; t < cue_end && !content_word; ++t)
      content_word = !is_cue_adverb_or_auxiliary(ix.lower[t]) && !is_determiner(ix.lower[t]);
    if (!content_word && !(v.form != CueForm::none && v.reporting) && score.cue <= kNestedCueScore) return;
    const ReportedClause outer = found.back();
    Phrase sp = possessor(c, outer.first);
    if (!sp.ok())
      sp = v.form == CueForm::gerund ? cue_subject(ix, c, v.form, outer.first) : subject_left(ix, c, outer.first);
    if (!sp.ok() || sp.first < outer.first) return;
    const Sentence inner{outer.first, s.end, std::min(s.last, outer.end)};
    if (!speaker_cue_clause(inner, c, v, sp)) clause_by_side(inner, c, cue_end, true, sp);
  }

  static bool relative_word(std::string_view w) {
    return w == "which" || w == "that" || w == "who" || w == "what" || w == "whom";
  }

  // "…, which he argued seeks to restore equity", "a charity that prosecutors said was suspected
  // of …", "hackers who U.S. officials say is tied to …": an attribution inside a relative clause
  // of the clause found last, its cue followed by the rest of the relative clause's verb phrase
  // rather than by a clause of its own. Its statement is that verb phrase (PolNeAR's Content is
  // the relative word and the verb phrase: a span has no gaps), and the enclosing clause ends
  // before the relative word, so that each annotation finds its own. On PolNeAR train 19 more
  // right reported speakers (9864 -> 9883), dev 2.
  bool relative_attribution(const Sentence& s, uint32_t c) {
    ReportedClause& outer = found.back();
    Phrase sp = subject_left(ix, c, outer.first);
    if (!sp.ok() || sp.first < outer.first || sp.end - sp.first > 5 || ix.quoted[sp.first]) return false;
    uint32_t r;  // the relative word
    if (relative_word(ix.lower[sp.first]) && sp.end - sp.first > 1) {
      r = sp.first;  // "that prosecutors": the phrase took the relative word for a determiner
      sp.first = r + 1;
    } else if (sp.first > outer.first && relative_word(ix.lower[sp.first - 1]) && !ix.quoted[sp.first - 1]) {
      r = sp.first - 1;
    } else {
      return false;
    }
    // The cue is its first word (the model may take the verb after it for more of the cue:
    // "argued seeks").
    const uint32_t end = std::min(s.last, outer.end);
    const uint32_t k = c + 1;
    if (!(k + 1 < end && ix.is_word(k) && !ix.quoted[k] && ix.lower[k] != "that" && !clause_starts_at(k, s.end)))
      return false;
    if (r > outer.first + 2) {
      outer.end = r;
      while (outer.end > outer.first + 1 && ix.tokens[outer.end - 1].kind == TokenKind::punct) --outer.end;
    }
    return add(k, end, sp, c, k);
  }

  // The sentence's reported statements, cue by cue in text order: the attribution patterns first,
  // trying the side the model says first, then the clause on that side. A cue inside a clause
  // already found (a nested attribution) is part of that clause and may report its own inside it
  // (nested_clause), unless a coordination ("…, but") comes between: then it ends that clause and
  // the clauses nested in it, and reports its own.
  bool reported_by_cue(const Sentence& s, const std::vector<uint8_t>& cue_of_direct) {
    const size_t before = found.size();
    sentence_begin = before;
    uint32_t question_end = s.first;  // after an opening question ("Asked whether …,"), if any
    for (uint32_t c = s.first; c < s.last; ++c) {
      const bool nested = found.size() > before && c < found.back().end && c >= found.back().first;
      // The sentence after the clause before this cue (none: the whole sentence).
      uint32_t rest_first = found.size() > before && found.back().end <= c ? found.back().end : s.first;
      rest_first = std::max(rest_first, question_end);
      if (nested && closing_attribution(s, before, c, cue_of_direct)) {
        c = s.last;
        continue;
      }
      if (!nested && according_at(ix, c)) {
        const bool added = according_to_clause({rest_first, s.end, s.last}, c);
        c = added ? std::max(c + 1, found.back().end) : c + 1;  // "to" too
        continue;
      }
      CueScore score;
      const uint32_t cue_end = model_cue(c, s.last, cue_of_direct, &score);
      if (cue_end == c) continue;
      if (nested) {
        // "X said …, but Y warned that …": the coordination ends the first clause.
        const uint32_t p = coordination_before(found.back().first, c);
        if (p == kNone) {
          nested_clause(s, c, cue_end, score);
          c = cue_end - 1;
          continue;
        }
        for (size_t i = before; i < found.size(); ++i)  // and the clauses nested in it
          if (found[i].first < p && p < found[i].end) found[i].end = p;
        rest_first = ix.is_punct(p, ';') ? p + 1 : p + 2;
      }
      if (!nested && participle_opening(s, c, cue_end)) {
        c = found.back().end;
        continue;
      }
      if (!nested) {
        // "Asked about his criticisms, Christie said …": the question is nobody's statement here;
        // the answer after the comma is.
        const uint32_t comma = question_opening_end(s, c);
        if (comma != kNone) {
          question_end = comma + 1;
          c = comma;
          continue;
        }
      }
      const CueVerb v = ix.cue_verb[c];
      Phrase sp = possessor(c, rest_first);  // a noun cue: "her warning", "Trump's claim"
      if (!sp.ok())
        sp = v.form == CueForm::gerund ? cue_subject(ix, c, v.form, rest_first) : subject_left(ix, c, rest_first);
      if (!sp.ok() && c > rest_first && (ix.lower[c - 1] == "and" || ix.lower[c - 1] == "but"))
        sp = first_np(ix, rest_first, c);
      const Sentence rest{rest_first, s.end, s.last};
      const bool right = score.right > 0;
      const bool matched =
          right ? speaker_cue_clause(rest, c, v, sp) || clause_then_speaker_cue(rest, c, sp) ||
                      clause_then_inverted_cue(rest, c, sp)
                : clause_then_speaker_cue(rest, c, sp) || clause_then_inverted_cue(rest, c, sp) ||
                      speaker_cue_clause(rest, c, v, sp);
      if (matched || clause_by_side(rest, c, cue_end, right, sp)) c = std::max(c, cue_end - 1);
    }
    return found.size() > before;
  }

  // A sentence opened by a passive participle of asking ("Asked whether …,", "Pressed on …,"):
  // the comma that ends it when a word or number and more follow (the answer), or kNone.
  uint32_t question_opening_end(const Sentence& s, uint32_t c) const {
    if (c != s.first || !ix.is_word(c)) return kNone;
    const std::string_view w = ix.lower[c];
    if (!(w == "asked" || w == "pressed" || w == "questioned")) return kNone;
    for (uint32_t t = c + 1; t + 2 < s.last && t < c + kWindow; ++t) {
      if (ix.quoted[t] || !ix.is_punct(t, ',')) continue;
      const bool subject = !ix.quoted[t + 1] && (ix.is_word(t + 1) || ix.tokens[t + 1].kind == TokenKind::number);
      return subject ? t : kNone;
    }
    return kNone;
  }

  // "Citing an unfounded theory, Trump accused …", "In defending himself, Trump offered …",
  // "Despite challenging the leader, Cruz said …", "In addition to stating that …, Clinton has
  // vowed …", "Now, after arguing that …, his team is suggesting …": a participle opening the
  // sentence (after at most four connecting words: prepositions, conjunctions, "instead of",
  // "in addition to", "now" and commas) reports the words up to the first comma, and the main
  // clause's subject after that comma speaks.
  bool participle_opening(const Sentence& s, uint32_t c, uint32_t cue_end) {
    bool opens = c >= s.first && c <= s.first + 4;
    for (uint32_t t = s.first; opens && t < c; ++t) {
      const std::string_view w = ix.lower[t];
      opens = !ix.quoted[t] && (ix.is_punct(t, ',') || (ix.is_word(t) && (is_phrase_boundary_word(w) ||
                                                                            w == "instead" || w == "addition" ||
                                                                            w == "now")));
    }
    if (!opens || ix.cue_verb[c].form != CueForm::gerund) return false;
    uint32_t comma = cue_end;
    while (comma < s.last && comma < cue_end + kWindow && !ix.quoted[comma] && !ix.is_punct(comma, ','))
      ++comma;
    if (comma >= s.last || !ix.is_punct(comma, ',') || comma < cue_end + 1) return false;
    const Phrase sp = np_right(ix, comma + 1, s.last);
    // The subject of a verb: a word, not a comma or an end, follows it.
    if (!sp.ok() || sp.end >= s.last || !ix.is_word(sp.end) || ix.quoted[sp.end]) return false;
    return add(cue_end, comma, sp, c, cue_end);
  }

  // "Clinton plans to visit Charlotte on Sunday, according to a campaign aide.", "…, sources
  // said.": an attribution closing the sentence after a comma reports all that comes before
  // it, the clause of a cue inside it included (PolNeAR's Source is the closing one; an inner
  // cue's clause is kept, ending at the comma). c is inside the last clause found; true when
  // c closes the sentence so and its clause was added.
  bool closing_attribution(const Sentence& s, size_t before, uint32_t c, const std::vector<uint8_t>& cue_of_direct) {
    if (c < s.first + 4 || !ix.is_word(c) || ix.quoted[c]) return false;
    // The clauses c is inside: the first of them in the sentence and those nested in it after it
    // (found[inner, count)). The enclosing clause starts after the clause before them, if any.
    const size_t count = found.size();
    size_t inner = count - 1;
    while (inner > before && found[inner - 1].first <= c && c < found[inner - 1].end) --inner;
    const uint32_t first = inner > before && found[inner - 1].end <= found[inner].first ? found[inner - 1].end : s.first;
    const Sentence rest{first, s.end, s.last};
    // Once the enclosing clause is added: the inner clauses, shortened to end before the closing
    // attribution's comma (what is left of each there must still be a clause), unless the
    // enclosing one replaced the last (the same start: add).
    auto shorten_inner = [&](uint32_t comma) {
      if (found.size() <= count) return true;
      for (size_t i = count; i-- > inner;) {
        ReportedClause& r = found[i];
        if (r.first + 3 > comma) found.erase(found.begin() + static_cast<std::ptrdiff_t>(i));
        else r.end = std::min(r.end, comma);
      }
      return true;
    };
    if (according_at(ix, c)) {
      // The source runs to the sentence's end ("…, according to the Roper Center for Public Opinion
      // Research at Cornell University in New York."), however long.
      uint32_t e = c + 2;
      while (e < s.end && e < c + kWindow && ix.tokens[e].kind != TokenKind::punct && !ix.quoted[e]) ++e;
      const uint32_t comma = comma_before(c);
      if (e == c + 2 || e < s.last || comma == kNone) return false;
      return according_to_clause(rest, c) && shorten_inner(comma);
    }
    CueScore score;
    uint32_t cue_end = model_cue(c, s.last, cue_of_direct, &score);
    if (cue_end == c) {
      // The model may score a closing reporting verb under its cut (", the source added."): a
      // reporting verb of the lexicon, said or says, stands for a cue here too when all the
      // checks below find it closing the sentence. On PolNeAR train 1 more right reported
      // speaker (9885 -> 9886), dev 1 (965 -> 966), with the model of before; 5 and 3 more
      // statements.
      const CueVerb v = ix.cue_verb[c];
      if (cue_of_direct[c] || !v.reporting || (v.form != CueForm::past && v.form != CueForm::present)) return false;
      cue_end = c + 1;
    } else if (score.right > 0) {
      return false;
    }
    // ", SPEAKER CUE [adjunct]." with nothing after but a short adjunct ("on Monday"), no clause
    // of its own.
    const Phrase sp = subject_left(ix, c, first);
    if (!sp.ok() || sp.first < first + 4 || !ix.is_punct(sp.first - 1, ',') || ix.quoted[sp.first - 2])
      return false;
    // A day after the cue ("officials said Tuesday.") opens no clause.
    if (cue_end < s.last && !is_cue_adverb_or_auxiliary(ix.lower[cue_end]) && clause_starts_at(cue_end, s.end))
      return false;
    uint32_t tail = cue_end;
    while (tail < s.last && tail - c < 6 && ix.is_word(tail) &&
           (!ix.upper_initial(tail) || not_a_speaker(ix.lower[tail])))
      ++tail;
    if (tail < s.last) return false;
    return add(first, sp.first - 1, sp, c, cue_end) && shorten_inner(sp.first - 1);
  }

  // The possessor of the noun at c: "Trump's claim", "her warning".
  Phrase possessor(uint32_t c, uint32_t lower_bound) const {
    if (c <= lower_bound) return {};
    if (ix.possessive(c - 1)) return subject_left(ix, c - 1, lower_bound);
    std::string_view p = ix.lower[c - 1];
    if (p == "his" || p == "her" || p == "their" || p == "its") return {c - 1, c};
    return {};
  }

  // "Trump's claim that CLAUSE", "her warning that CLAUSE": the possessor speaks.
  bool claim_noun_that_clause(const Sentence& s) {
    for (uint32_t c = s.first + 1; c + 2 < s.last; ++c) {
      if (ix.quoted[c] || !ix.is_word(c) || !is_claim_noun(ix.lower[c]) || ix.lower[c + 1] != "that") continue;
      const Phrase sp = possessor(c, s.first);
      if (!sp.ok() || c + 2 >= s.last) continue;
      return add(c + 1, s.last, sp, c, c + 1);
    }
    return false;
  }

  // The comma right before the token c, or before the closing quotation mark right before it
  // ("… people like me,'' according to a poll"), or kNone.
  uint32_t comma_before(uint32_t c) const {
    if (c >= 1 && ix.is_punct(c - 1, ',')) return c - 1;
    if (c >= 2 && ix.tokens[c - 1].kind == TokenKind::quote && ix.is_punct(c - 2, ',')) return c - 2;
    return kNone;
  }

  // according to SPEAKER, CLAUSE / CLAUSE, according to SPEAKER, with "according" at c.
  bool according_to_clause(const Sentence& s, uint32_t c) {
    uint32_t e = c + 2;
    while (e < s.end && e < c + kMaxPhrase && ix.tokens[e].kind != TokenKind::punct && !ix.quoted[e]) ++e;
    if (e == c + 2) return false;
    uint32_t first, end;
    const uint32_t comma = comma_before(c);
    if (c == s.first && e < s.last && ix.is_punct(e, ',')) {
      first = e + 1;
      end = s.last;
    } else if (c > s.first + 2 && comma != kNone) {
      first = s.first;
      end = comma;
    } else {
      return false;
    }
    // A clause that is entirely a quotation is already reported as one.
    bool all_quoted = true;
    for (uint32_t i = first; i < end; ++i)
      if (!ix.quoted[i]) all_quoted = false;
    return end > first + 2 && !all_quoted && add(first, end, {c + 2, e}, c, c + 2);
  }
};

}  // namespace

std::vector<ReportedClause> find_reported_speech(const TokenIndex& ix, const std::vector<uint8_t>& cue_of_direct,
                                                 const CueModel& model) {
  ReportedSpeech reported(ix, model);
  for (uint32_t si = 0; si < ix.sentence_first.size(); ++si) {
    Sentence s{ix.sentence_first[si], ix.sentence_end[si], ix.sentence_end[si]};
    if (s.end - s.first < 4) continue;
    while (s.last > s.first &&
           (ix.tokens[s.last - 1].kind == TokenKind::punct || ix.tokens[s.last - 1].kind == TokenKind::quote) &&
           !ix.quoted[s.last - 1])
      --s.last;
    if (!reported.reported_by_cue(s, cue_of_direct)) reported.claim_noun_that_clause(s);
  }
  return std::move(reported.found);
}

}  // namespace quotes
}  // namespace lede
