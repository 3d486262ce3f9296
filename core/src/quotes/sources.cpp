// Source selection among candidates (see sources.h).
#include "quotes/sources.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "lexicon/quote_words.h"

namespace lede {
namespace quotes {
namespace {

// Source feature templates: numbered from 64 so that their keys never meet the cue templates'.
enum SourceTemplate : uint8_t {
  kOrigin = 64, kOrigins, kClass, kSideDistance, kSideClass, kSideClassKind, kRank, kRankClass,
  kCueSide, kHead, kHeadSide, kBefore, kAfter, kCommaBetween, kContentSide, kSentenceStart,
  kLength, kOriginKind, kCueClass, kNoSpeakerThreshold,
};

// Candidates are looked for this many tokens either side of the cue, within its sentence.
constexpr uint32_t kSourceReach = 40;

bool subject_pronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "it" || w == "we" || w == "i" || w == "you";
}

// What a candidate is: a person or organisation named in it, a pronoun, a role ("a spokesman"),
// capitalised words, or another noun phrase.
std::string_view candidate_class(const TokenIndex& ix, Phrase p) {
  bool org = false, other = false;
  for (uint32_t t = p.first; t < p.end; ++t) {
    if (ix.entity_at[t] == kNone) continue;
    const EntityType type = ix.entity_type(ix.entity_at[t]);
    if (type == EntityType::PERSON) return "per";
    if (type == EntityType::ORG) org = true;
    else other = true;
  }
  if (org) return "org";
  if (p.end == p.first + 1 && subject_pronoun(ix.lower[p.first])) return ix.lower[p.first];
  if (ix.is_word(p.end - 1) && is_person_role(ix.lower[p.end - 1])) return "role";
  if (other) return "place";
  if (ix.upper_initial(p.first)) return "cap";
  if (ix.tokens[p.first].kind == TokenKind::number) return "number";
  return "np";
}

std::string_view origin_name(uint32_t bit) {
  switch (bit) {
    case kFromRule: return "rule";
    case kFromSubject: return "subject";
    case kFromAfterCue: return "after";
    case kFromSentenceStart: return "start";
    case kFromEntity: return "entity";
    case kFromPronoun: return "pronoun";
    default: return "nominal";
  }
}

std::string_view kind_name(QuoteKind k) {
  return k == QuoteKind::direct ? "d" : k == QuoteKind::partial ? "p" : "i";
}

// Prepositions of place and time that open a sentence's scene ("In Chelsea, the mayor said …",
// "At a press conference in Chelsea, …", "After meeting Obama, Trump said …").
bool is_scene_preposition(std::string_view w) {
  return w == "in" || w == "at" || w == "on" || w == "during" || w == "after" || w == "before" ||
         w == "since" || w == "inside" || w == "outside" || w == "near" || w == "amid" || w == "following" ||
         w == "throughout" || w == "across" || w == "within";
}

// The comma that ends a sentence's opening prepositional phrase of place or time, when the cue
// comes after it, or kNone. What that phrase names is where or when the words were said, never
// who said them: a candidate inside it is no candidate.
uint32_t scene_opener_end(const TokenIndex& ix, uint32_t cue_first) {
  const uint32_t s = ix.sentence_of[cue_first];
  const uint32_t sf = ix.sentence_first[s];
  if (!(ix.is_word(sf) && !ix.quoted[sf] && is_scene_preposition(ix.lower[sf]))) return kNone;
  for (uint32_t t = sf + 1; t < cue_first && t < sf + 25; ++t) {
    if (ix.quoted[t] || cue_at(ix, t, nullptr)) return kNone;
    if (ix.is_punct(t, ',')) return t;
  }
  return kNone;
}

struct Collector {
  const TokenIndex& ix;
  const SourceSite& site;
  std::vector<SourceCandidate> out;
  uint32_t opener_end = kNone;  // scene_opener_end of the cue's sentence

  // Not in the content, not quoted, not the cue, not in the sentence's opening scene.
  bool usable(Phrase p) const {
    if (!p.ok() || p.end > ix.n) return false;
    if (opener_end != kNone && p.end <= opener_end && p.first >= ix.sentence_first[ix.sentence_of[site.cue_first]])
      return false;
    if (p.first < site.end && site.first < p.end) return false;
    if (p.first < site.cue_end && site.cue_first < p.end) return false;
    for (uint32_t t = p.first; t < p.end; ++t)
      if (ix.quoted[t]) return false;
    return true;
  }

  void add(Phrase p, uint32_t origin) {
    if (!usable(p)) return;
    for (SourceCandidate& c : out)
      if (c.phrase.first == p.first && c.phrase.end == p.end) {
        c.origins |= origin;
        return;
      }
    if (out.size() < kMaxSourceCandidates) out.push_back({p, origin});
  }
};

}  // namespace

std::vector<SourceCandidate> source_candidates(const TokenIndex& ix, const SourceSite& site) {
  Collector col{ix, site, {}};
  if (site.cue_first == kNone || site.cue_first >= ix.n) return {};
  col.opener_end = scene_opener_end(ix, site.cue_first);
  const uint32_t s = ix.sentence_of[site.cue_first];
  const uint32_t sf = ix.sentence_first[s], se = ix.sentence_end[s];
  col.add(site.rule, kFromRule);
  col.add(subject_left(ix, site.cue_first, sf), kFromSubject);
  col.add(np_right(ix, site.cue_end, se), kFromAfterCue);
  col.add(first_np(ix, sf, site.cue_first), kFromSentenceStart);
  const uint32_t from = site.cue_first > sf + kSourceReach ? site.cue_first - kSourceReach : sf;
  const uint32_t to = std::min(se, site.cue_end + kSourceReach);
  for (uint32_t t = from; t < to; ++t) {
    if (ix.quoted[t]) continue;
    const uint32_t e = ix.entity_at[t];
    if (e != kNone && ix.mention_first[t] == t) {
      const EntityType type = ix.entity_type(e);
      if (type == EntityType::PERSON || type == EntityType::ORG)
        col.add({t, std::min(ix.mention_end[t], to)}, kFromEntity);
    } else if (e == kNone && ix.is_word(t) && subject_pronoun(ix.lower[t])) {
      col.add({t, t + 1}, kFromPronoun);
    } else if (e == kNone && ix.is_word(t) && is_determiner(ix.lower[t]) && ix.lower[t] != "that") {
      col.add(np_right(ix, t, to), kFromNominal);
    }
  }
  return std::move(col.out);
}

void source_features(const TokenIndex& ix, const SourceSite& site, const std::vector<SourceCandidate>& all,
                     size_t i, std::vector<uint32_t>* keys) {
  keys->clear();
  const SourceCandidate& c = all[i];
  const Phrase p = c.phrase;
  const uint32_t kind = value_hash(kind_name(site.kind));
  auto add = [&](SourceTemplate t, uint32_t a, uint32_t b = kNoValue) { keys->push_back(feature_key(t, a, b)); };
  for (uint32_t bit = 1; bit <= kFromNominal; bit <<= 1)
    if (c.origins & bit) {
      const uint32_t origin = value_hash(origin_name(bit));
      add(kOrigin, origin);
      add(kOriginKind, origin, kind);
    }
  add(kOrigins, c.origins);
  const uint32_t cls = value_hash(candidate_class(ix, p));
  const bool before = p.end <= site.cue_first;
  const uint32_t side = before ? value_hash("before") : value_hash("after");
  add(kClass, cls);
  const uint32_t lo = before ? p.end : site.cue_end, hi = before ? site.cue_first : p.first;
  add(kSideDistance, side, count_bucket_hash(hi - lo));
  add(kSideClass, side, cls);
  add(kSideClassKind, pair_hash(side, cls), kind);
  // How many other candidates stand between this one and the cue, on its side.
  uint32_t between = 0;
  for (const SourceCandidate& o : all) {
    if (&o == &c) continue;
    const bool o_before = o.phrase.end <= site.cue_first;
    if (o_before != before) continue;
    if (before ? o.phrase.first >= p.end : o.phrase.end <= p.first) ++between;
  }
  add(kRank, side, count_bucket_hash(between));
  add(kRankClass, pair_hash(side, count_bucket_hash(between)), cls);
  const uint32_t cue_word = ix.lower_hash[site.cue_first];
  add(kCueSide, cue_word, side);
  add(kCueClass, cue_word, cls);
  const uint32_t head = ix.lower_hash[p.end - 1];
  add(kHead, head);
  add(kHeadSide, head, side);
  const uint32_t sf = ix.sentence_first[ix.sentence_of[site.cue_first]];
  add(kBefore, p.first > sf ? ix.lower_hash[p.first - 1] : value_hash("<start>"));
  add(kAfter, p.end < ix.sentence_end[ix.sentence_of[site.cue_first]] ? ix.lower_hash[p.end] : value_hash("<end>"));
  bool comma = false;
  // A comma, a dash or a semicolon: a clause ends between the two ("When Clinton noted that
  // Trump paid nothing ― as was true ― Trump boasted").
  for (uint32_t t = lo; t < hi && !comma; ++t)
    comma = ix.is_punct(t, ',') || ix.is_punct(t, ';') || ix.tokens[t].kind == TokenKind::dash;
  add(kCommaBetween, value_hash(comma ? "1" : "0"), side);
  const bool content_before = site.end <= site.cue_first;
  add(kContentSide, content_before ? value_hash("content-before") : value_hash("content-after"), side);
  add(kSentenceStart, value_hash(p.first == sf ? "1" : "0"), cls);
  add(kLength, count_bucket_hash(p.end - p.first), cls);
}

namespace {

// A name standing in apposition to the description p, on either side ("Helena Marsh, the union's
// leader" / "the union's leader, Helena Marsh"), or SIZE_MAX. PolNeAR's Source often spans both,
// so the ranking learns no preference between them; a reader is better shown the name.
size_t name_in_apposition(const TokenIndex& ix, const std::vector<SourceCandidate>& all, Phrase p) {
  for (size_t i = 0; i < all.size(); ++i) {
    const Phrase n = all[i].phrase;
    const std::string_view cls = candidate_class(ix, n);
    if (cls != "per" && cls != "org" && cls != "cap") continue;
    if ((n.end + 1 == p.first && ix.is_punct(n.end, ',')) || (p.end + 1 == n.first && ix.is_punct(p.end, ',')))
      return i;
  }
  return SIZE_MAX;
}

// "Clinton campaign manager Robby Mook", "House Speaker Paul Ryan", "NBC's Dante Chinni": a name
// followed by words naming a role (or by a bare possessive) and then a person is that person's
// employer or relative, a modifier of the phrase the person heads; the candidate of that person,
// or SIZE_MAX.
size_t person_after_role(const TokenIndex& ix, const std::vector<SourceCandidate>& all, Phrase p) {
  uint32_t t = p.end;
  const bool possessor = t < ix.n && ix.possessive(t);
  if (possessor) ++t;
  // "NBC's Dante Chinni": a possessive right before the name makes it a modifier ("Thomas
  // Frank's new book Listen" needs a role word).
  bool role = possessor && t < ix.n && ix.entity_at[t] != kNone;
  for (uint32_t words = 0; t < ix.n && words < 4 && ix.is_word(t) && ix.entity_at[t] == kNone && !ix.quoted[t];
       ++t, ++words) {
    // "Cruz told campaign manager Mike Gallagher", "Clinton repeatedly invoked President Obama":
    // a verb or an adverb, not a modifier.
    const std::string_view w = ix.lower[t];
    const bool verb_or_adverb = w.size() > 3 && (w.substr(w.size() - 2) == "ed" || w.substr(w.size() - 2) == "ly");
    // A cue verb's base form is a noun here ("White House press secretary Josh Earnest").
    const CueForm form = ix.cue_verb[t].form;
    if (is_phrase_boundary_word(w) || (form != CueForm::none && form != CueForm::base) || verb_or_adverb)
      return SIZE_MAX;
    const bool role_word = is_person_role(w);
    if (ix.upper_initial(t) && !role_word) return SIZE_MAX;  // a title ("House Speaker") or nothing
    role = role || role_word;
  }
  if (!role || t >= ix.n || ix.entity_at[t] == kNone || ix.mention_first[t] != t ||
      ix.entity_type(ix.entity_at[t]) != EntityType::PERSON)
    return SIZE_MAX;
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i].phrase.first == t) return i;
  return SIZE_MAX;
}

}  // namespace

size_t best_source(const TokenIndex& ix, const SourceSite& site, const std::vector<SourceCandidate>& all,
                   const CueModel& model) {
  size_t best = SIZE_MAX;
  int64_t best_score = 0;
  static thread_local std::vector<uint32_t> keys;  // a candidate's, reused
  for (size_t i = 0; i < all.size(); ++i) {
    source_features(ix, site, all, i, &keys);
    const int64_t s = model.source_score(keys);
    if (best == SIZE_MAX || s > best_score) {
      best = i;
      best_score = s;
    }
  }
  if (best != SIZE_MAX) {
    const std::string_view cls = candidate_class(ix, all[best].phrase);
    if (cls == "np" || cls == "number") {
      const int64_t threshold = model.source_score({no_speaker_key()});
      if (threshold != 0 && best_score < threshold) return kNoSpeaker;
    }
    if (cls == "np" || cls == "role") {
      const size_t name = name_in_apposition(ix, all, all[best].phrase);
      if (name != SIZE_MAX) best = name;
    }
    if (cls == "per" || cls == "org") {
      const size_t person = person_after_role(ix, all, all[best].phrase);
      if (person != SIZE_MAX) best = person;
    }
  }
  return best;
}

uint32_t no_speaker_key() { return feature_key(kNoSpeakerThreshold, "threshold"); }

}  // namespace quotes
}  // namespace lede
