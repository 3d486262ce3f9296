// Mentions merged into entities (see entities.h for the conventions).
#include "entities/entities.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <initializer_list>
#include <numeric>
#include <string>
#include <unordered_map>

#include "entities/mentions.h"
#include "lexicon/coref_lexicon.h"
#include "text/normalize.h"
#include "text/segment.h"

namespace lede {
namespace {

std::string_view token_text(std::string_view text, const Token& t) {
  return text.substr(t.span.start, t.span.end - t.span.start);
}

// A distinct folded form of a name ("vladimir putin") and what is known about it.
struct Form {
  std::string key;
  std::vector<std::string> words;  // folded words, the stopword "the" removed
  std::vector<uint32_t> mentions;  // indices into the mention list, in text order
  std::array<uint32_t, 4> type_votes{};
  bool ambiguous = false;          // a bare name shared by several full names
  std::vector<uint32_t> candidates;  // for ambiguous forms: the full-name forms it may join
  std::string last;                  // canonical spelling of the identifying word (surname)
};

EntityType majority(const std::array<uint32_t, 4>& votes, EntityType fallback) {
  uint32_t best = votes[static_cast<size_t>(fallback)];
  EntityType type = fallback;
  for (size_t i = 0; i < 4; ++i)
    if (votes[i] > best) {
      best = votes[i];
      type = static_cast<EntityType>(i);
    }
  return type;
}

// The text after the mention, past its spaces, opens with one of the marks.
bool followed_by(std::string_view text, const Mention& m, std::initializer_list<std::string_view> marks) {
  std::string_view after = text.substr(m.span.end);
  after.remove_prefix(std::min(after.find_first_not_of(' '), after.size()));
  for (std::string_view mark : marks) {
    if (after.substr(0, mark.size()) == mark) return true;
  }
  return false;
}

// A news dateline ("PORT ELLIS, Norland — The council ...", "LAGOS (Reuters) -"): a mention
// written in capitals, opening one of the article's first lines (before `first_lines`, text/
// segment.h's kDatelineLines) and followed by a comma, a bracket or a dash (is_dateline below says
// which mentions of that shape are a place).
bool has_dateline_shape(std::string_view text, size_t first_lines, const Mention& m) {
  const std::string_view surface = text.substr(m.span.start, m.span.end - m.span.start);
  if (std::any_of(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ||
      std::none_of(surface.begin(), surface.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return false;
  if (m.span.start >= first_lines || !opens_line(text, m.span.start)) return false;
  return followed_by(text, m, {",", "(", "-", "\u2014", "\u2013"});
}

// The region or country after a dateline's place ("PORT ELLIS, Norland —", "KYIV, Ukraine (Reuters)
// -"): the mention right after the place and its comma, ending the dateline with a dash or a
// bracket. A place as well, whatever the tagger read it as (a country it does not know, read as an
// organisation).
bool is_dateline_region(std::string_view text, const Mention& place, const Mention& m) {
  if (m.span.start <= place.span.end) return false;
  const std::string_view between = text.substr(place.span.end, m.span.start - place.span.end);
  if (between[0] != ',' || between.find_first_not_of(' ', 1) != std::string_view::npos) return false;
  return followed_by(text, m, {"(", "-", "\u2014", "\u2013"});
}

// A dateline's place: a mention of the dateline's shape that the tagger typed LOC, or, whatever
// it typed, one followed by its region ("PORT ELLIS, Norland —": no organisation is written so).
// It names the place the story was filed from, so its reading decides the type of the entity it
// joins, against mentions in sentences that read like an organisation ("the council of Port
// Ellis voted"). `next` is the mention after m, if any.
bool is_dateline(std::string_view text, size_t first_lines, const Mention& m, const Mention* next) {
  if (!has_dateline_shape(text, first_lines, m)) return false;
  return m.type == EntityType::LOC || (next && is_dateline_region(text, m, *next));
}

struct UnionFind {
  std::vector<uint32_t> parent;
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  uint32_t find(uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  // Keeps the smaller index as the root, so a group's root is its first form.
  void unite(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b) parent[b] = a; else parent[a] = b;
  }
};

// The folded word that identifies a name's bearer: its last word before a generational suffix.
const std::string& surname(const Form& f) {
  return f.words.size() >= 2 && is_generational_suffix(f.words.back()) ? f.words[f.words.size() - 2]
                                                                       : f.words.back();
}
bool has_suffix(const Form& f) { return f.words.size() >= 2 && is_generational_suffix(f.words.back()); }

// Canonical spelling of one word for matching (the alias table covers transliterations).
std::string canonical_word(const std::string& w) {
  std::string_view c = alias_canonical(w);
  return c.empty() ? w : std::string(c);
}

// Transliteration variants: one edit apart, same first letter, letters only, six letters or more.
bool spelling_variants(const std::string& a, const std::string& b) {
  if (a.size() < 6 || b.size() < 6 || a[0] != b[0]) return false;
  if (a.size() > b.size() + 1 || b.size() > a.size() + 1) return false;
  for (const std::string* w : {&a, &b})
    for (char c : *w)
      if ((c >= '0' && c <= '9') || c == '.' || c == '-') return false;
  return bounded_edit_distance(a, b, 1) <= 1;
}

// "j." matches "john"; "john" matches "john".
bool first_names_match(const std::string& a, const std::string& b) {
  // Exact or an initial: a first name one letter off is another person (Jon, Jan).
  if (a == b || canonical_word(a) == canonical_word(b)) return true;
  auto initial = [](const std::string& x) { return x.size() == 2 && x[1] == '.'; };
  if (initial(a) && !b.empty()) return a[0] == b[0];
  if (initial(b) && !a.empty()) return b[0] == a[0];
  return false;
}

// "NATO", "U.S.", "AT&T": two to eight capitals, full stops and ampersands.
bool is_acronym(std::string_view w) {
  if (w.size() < 2 || w.size() > 8) return false;
  for (char c : w)
    if (!((c >= 'A' && c <= 'Z') || c == '.' || c == '&')) return false;
  return true;
}

std::string initials(const Form& f) {
  std::string s;
  for (const std::string& w : f.words) {
    if (w == "of" || w == "and" || w == "for" || w == "the" || w == "&" || w == "on" || w == "in")
      continue;
    s += w[0];
  }
  return s;
}

}  // namespace

size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<size_t> prev(a.size() + 1), cur(a.size() + 1);
  std::iota(prev.begin(), prev.end(), size_t{0});
  for (size_t j = 1; j <= b.size(); ++j) {
    cur[0] = j;
    size_t row_min = cur[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t sub = prev[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[i] = std::min({sub, prev[i] + 1, cur[i - 1] + 1});
      row_min = std::min(row_min, cur[i]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[a.size()], limit + 1);
}

namespace {

// Merging runs in phases over one document's forms. Each phase is a function of its own (not
// inlined): as one function of ~22 KB of wasm, V8's optimising tier needed ~18 MB to compile it.
class EntityMerger {
 public:
  EntityMerger(std::string_view text_in, const std::vector<Token>& tokens_in, std::vector<Mention> mentions_in)
      : text(text_in), tokens(tokens_in), mentions(std::move(mentions_in)) {}

  std::vector<Entity> run() {
    // Drop malformed mentions rather than trust them; keep the rest in text order.
    mentions.erase(std::remove_if(mentions.begin(), mentions.end(),
                                  [&](const Mention& m) {
                                    return m.first_token >= m.end_token ||
                                           m.end_token > tokens.size();
                                  }),
                   mentions.end());
    std::stable_sort(mentions.begin(), mentions.end(), [](const Mention& a, const Mention& b) {
      return a.first_token < b.first_token;
    });
    for (Mention& m : mentions) separate_title(text, tokens, &m);
    collect_forms();
    uf = UnionFind(forms.size());
    classify_forms();
    unite_full_names();
    unite_single_words();
    unite_acronyms();
    unite_legal_forms();
    attach_bare_names();
    group_mentions();
    return build_entities();
  }

 private:
  // Pairwise work is bounded so that adversarial inputs with many distinct names stay linear-ish.
  static constexpr size_t kMaxPairs = 200000;

  EntityType form_type(const Form& f) const { return majority(f.type_votes, mentions[f.mentions[0]].type); }

  [[gnu::noinline]] void collect_forms() {
    // Distinct forms.
    std::unordered_map<std::string, uint32_t> form_of_key;
    form_of_mention.resize(mentions.size());
    for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
      const Mention& m = mentions[mi];
      std::vector<std::string> words;
      for (uint32_t t = m.first_token; t < m.end_token; ++t) {
        const Token& tok = tokens[t];
        if (tok.kind == TokenKind::punct || tok.kind == TokenKind::quote || tok.kind == TokenKind::dash)
          continue;
        std::string w = fold_for_matching(token_text(text, tok));
        if (words.empty() && is_name_stopword(w) && t + 1 < m.end_token) continue;
        words.push_back(std::move(w));
      }
      if (words.empty()) words.push_back(fold_for_matching(mention_surface(text, m)));
      std::string key;
      for (const std::string& w : words) {
        if (!key.empty()) key += ' ';
        key += w;
      }
      std::string_view canon = alias_canonical(key);
      if (!canon.empty()) key = std::string(canon);
      if (words.size() == 1) words[0] = canonical_word(words[0]);
      auto [it, inserted] = form_of_key.emplace(key, static_cast<uint32_t>(forms.size()));
      if (inserted) {
        Form f;
        f.key = key;
        f.words = std::move(words);
        f.last = canonical_word(surname(f));
        forms.push_back(std::move(f));
      }
      Form& f = forms[it->second];
      f.mentions.push_back(mi);
      ++f.type_votes[static_cast<size_t>(m.type)];
      form_of_mention[mi] = it->second;
    }
  }

  // Full names: same first name (or initial) and same surname; a generational suffix must agree.
  [[gnu::noinline]] void classify_forms() {
    for (uint32_t i = 0; i < forms.size(); ++i) {
      if (forms[i].words.size() >= 2 && form_type(forms[i]) == EntityType::PERSON)
        full_names.push_back(i);
      else if (forms[i].words.size() == 1)
        singles.push_back(i);
    }
  }

  [[gnu::noinline]] void unite_full_names() {
    size_t pairs = 0;
    for (size_t a = 0; a < full_names.size() && pairs < kMaxPairs; ++a)
      for (size_t b = a + 1; b < full_names.size() && pairs < kMaxPairs; ++b, ++pairs) {
        const Form& x = forms[full_names[a]];
        const Form& y = forms[full_names[b]];
        if (has_suffix(x) != has_suffix(y)) continue;
        if ((x.last == y.last || spelling_variants(surname(x), surname(y))) &&
            first_names_match(x.words[0], y.words[0]))
          uf.unite(full_names[a], full_names[b]);
      }
  }

  [[gnu::noinline]] void unite_single_words() {
    // Single words that are spelling variants of each other (both people, or the alias table).
    std::unordered_map<std::string, uint32_t> by_canonical;
    for (uint32_t s : singles) {
      auto [it, inserted] = by_canonical.emplace(forms[s].words[0], s);
      if (!inserted) uf.unite(it->second, s);
    }
    size_t pairs = 0;
    for (size_t a = 0; a < singles.size() && pairs < kMaxPairs; ++a)
      for (size_t b = a + 1; b < singles.size() && pairs < kMaxPairs; ++b, ++pairs) {
        const Form& x = forms[singles[a]];
        const Form& y = forms[singles[b]];
        if (form_type(x) != EntityType::PERSON || form_type(y) != EntityType::PERSON) continue;
        if (spelling_variants(x.words[0], y.words[0])) uf.unite(singles[a], singles[b]);
      }
  }

  [[gnu::noinline]] void unite_acronyms() {
    // Acronyms and their long forms ("NATO", "North Atlantic Treaty Organization").
    std::unordered_map<std::string, std::vector<uint32_t>> long_forms_by_initials;
    for (uint32_t i = 0; i < forms.size(); ++i)
      if (forms[i].words.size() >= 2 && form_type(forms[i]) != EntityType::PERSON)
        long_forms_by_initials[initials(forms[i])].push_back(i);
    for (uint32_t s : singles) {
      const Form& f = forms[s];
      if (!is_acronym(mention_surface(text, mentions[f.mentions[0]]))) continue;
      std::string letters;
      for (char c : fold_for_matching(mention_surface(text, mentions[f.mentions[0]])))
        if (c != '.') letters += c;
      auto found = long_forms_by_initials.find(letters);
      if (found == long_forms_by_initials.end()) continue;
      uint32_t match = UINT32_MAX;
      int count = 0;
      for (uint32_t i : found->second)
        if (uf.find(i) != match) {
          match = uf.find(i);
          ++count;
        }
      if (count == 1) uf.unite(s, match);
    }
  }

  [[gnu::noinline]] void unite_legal_forms() {
    // A company with and without its legal form ("Calloway Energy Ltd.", "Calloway Energy"); never
    // a person ("Ford" the man is not "Ford Co.").
    std::unordered_map<std::string_view, uint32_t> form_of_key;
    for (uint32_t i = 0; i < forms.size(); ++i) form_of_key.emplace(forms[i].key, i);
    for (uint32_t i = 0; i < forms.size(); ++i) {
      const Form& f = forms[i];
      if (f.words.size() < 2 || !is_legal_form(f.words.back()) || form_type(f) == EntityType::PERSON) continue;
      std::string key;
      for (size_t w = 0; w + 1 < f.words.size(); ++w) {
        if (!key.empty()) key += ' ';
        key += f.words[w];
      }
      std::string_view canon = alias_canonical(key);
      if (!canon.empty()) key = std::string(canon);
      auto found = form_of_key.find(key);
      if (found != form_of_key.end() && form_type(forms[found->second]) != EntityType::PERSON)
        uf.unite(i, found->second);
    }
  }

  [[gnu::noinline]] void attach_bare_names() {
    // Bare names (surname or first name) join the full name that carries them. Only person-like
    // bare names do: "UN" never joins "Kim Jong Un". Exact matches come from an index; spelling
    // variants need a scan, done only while the document has a sane number of full names.
    std::unordered_map<std::string, std::vector<uint32_t>> full_by_word;
    for (uint32_t fn : full_names) {
      full_by_word[forms[fn].last].push_back(fn);
      if (first_name_gender(forms[fn].words[0]) != Gender::unknown)
        full_by_word[forms[fn].words[0]].push_back(fn);
    }
    size_t variant_budget = kMaxPairs;
    for (uint32_t s : singles) {
      Form& f = forms[s];
      const EntityType type = form_type(f);
      if (type == EntityType::LOC) continue;
      if (type != EntityType::PERSON && is_acronym(mention_surface(text, mentions[f.mentions[0]]))) continue;
      // "Mr. Obama" is not "Michelle Obama": a full name whose first name is of the other gender
      // than the bare name's titles never takes it.
      const Gender titled = title_gender(f);
      std::vector<uint32_t> roots;
      auto add = [&](uint32_t fn) {
        if (titled != Gender::unknown) {
          const Gender named = first_name_gender(forms[fn].words[0]);
          if (named != Gender::unknown && named != titled) return;
        }
        uint32_t r = uf.find(fn);
        if (std::find(roots.begin(), roots.end(), r) == roots.end()) roots.push_back(r);
      };
      auto exact = full_by_word.find(f.words[0]);
      if (exact != full_by_word.end())
        for (uint32_t fn : exact->second) add(fn);
      if (variant_budget >= full_names.size()) {
        variant_budget -= full_names.size();
        for (uint32_t fn : full_names)
          if (f.words[0] != forms[fn].last && spelling_variants(f.words[0], surname(forms[fn])))
            add(fn);
      }
      if (roots.size() == 1) {
        uf.unite(s, roots[0]);
      } else if (roots.size() > 1) {
        f.ambiguous = true;
        f.candidates = roots;
      }
    }
  }

  // The gender the titles of a form's mentions give ("Mr. Obama", "Mrs. Clinton"): unknown when
  // none gives one, or when they disagree ("Mr. Clinton" and "Mrs. Clinton" are one form).
  Gender title_gender(const Form& f) const {
    Gender found = Gender::unknown;
    for (uint32_t mi : f.mentions) {
      const Gender g = mention_title_gender(mi);
      if (g == Gender::unknown) continue;
      if (found != Gender::unknown && found != g) return Gender::unknown;
      found = g;
    }
    return found;
  }

  // Calls fn(word, gender) for each title word of a mention's title, folded ("president",
  // unknown; "mrs.", female).
  template <typename Fn>
  void for_each_title_word(uint32_t mi, Fn fn) const {
    const std::string& title = mentions[mi].title;
    for (size_t a = 0; a < title.size();) {
      size_t b = title.find(' ', a);
      if (b == std::string::npos) b = title.size();
      Gender g = Gender::unknown;
      std::string w = fold_case(std::string_view(title).substr(a, b - a));
      if (is_title_word(w, &g)) fn(std::move(w), g);
      a = b + 1;
    }
  }

  // The gender one mention's title gives ("Mrs." of "Mrs. Clinton"), or unknown.
  Gender mention_title_gender(uint32_t mi) const {
    Gender found = Gender::unknown;
    bool disagree = false;
    for_each_title_word(mi, [&](std::string, Gender g) {
      if (g == Gender::unknown) return;
      if (found != Gender::unknown && found != g) disagree = true;
      found = g;
    });
    return disagree ? Gender::unknown : found;
  }

  // The office words of a mention's title: its title words of no gender ("president",
  // "secretary", "sen."), folded.
  std::vector<std::string> office_words(uint32_t mi) const {
    std::vector<std::string> out;
    for_each_title_word(mi, [&](std::string w, Gender g) {
      if (g == Gender::unknown) out.push_back(std::move(w));
    });
    return out;
  }

  [[gnu::noinline]] void group_mentions() {
    // Groups of forms become entities; each mention of an ambiguous bare name picks one of its
    // full names (choose_candidate), of the mention's title's gender when it has one ("Mr.
    // Clinton" near Hillary Clinton is Bill).
    // The gender of each group's full names' first names ("Bill Clinton": male), unknown when
    // none is known or two disagree: a mention titled "Mrs." picks no man among its candidates.
    std::unordered_map<uint32_t, Gender> gender_of_root;
    for (uint32_t fn : full_names) {
      const Gender g = first_name_gender(forms[fn].words[0]);
      if (g == Gender::unknown) continue;
      auto [it, added] = gender_of_root.emplace(uf.find(fn), g);
      if (!added && it->second != g) it->second = Gender::unknown;
    }
    // A bare name's mention whose title is of the other gender than its group's full names stands
    // apart, as its form would without them: "Mrs. Clinton and Mr. Clinton arrived. Hillary
    // Clinton spoke" (one form "Clinton", one full name) is Hillary Clinton and another Clinton.
    auto other_gender = [&](uint32_t mi, uint32_t root) {
      const Gender titled = mention_title_gender(mi);
      if (titled == Gender::unknown) return false;
      auto g = gender_of_root.find(root);
      return g != gender_of_root.end() && g->second != Gender::unknown && g->second != titled;
    };
    const uint32_t apart = static_cast<uint32_t>(forms.size());  // groups forms.size() + form
    std::unordered_map<uint32_t, std::vector<uint32_t>> positions_of_root;  // sorted token indices
    group_of_mention.resize(mentions.size());
    for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
      const Form& f = forms[form_of_mention[mi]];
      if (f.ambiguous) continue;
      const uint32_t root = uf.find(form_of_mention[mi]);
      if (f.words.size() == 1 && other_gender(mi, root)) {
        group_of_mention[mi] = apart + form_of_mention[mi];
        continue;
      }
      group_of_mention[mi] = root;
      positions_of_root[root].push_back(mentions[mi].first_token);
    }
    // The office titles each group's mentions carry ("President" of "former President Bill
    // Clinton"): titles of no gender, lower case.
    std::unordered_map<uint32_t, std::vector<std::string>> offices_of_root;
    for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
      if (forms[form_of_mention[mi]].ambiguous || mentions[mi].title.empty()) continue;
      std::vector<std::string>& offices = offices_of_root[group_of_mention[mi]];
      for (std::string& o : office_words(mi))
        if (std::find(offices.begin(), offices.end(), o) == offices.end()) offices.push_back(std::move(o));
    }
    for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
      const Form& f = forms[form_of_mention[mi]];
      if (!f.ambiguous) continue;
      group_of_mention[mi] = choose_candidate(mi, f, positions_of_root, offices_of_root, other_gender);
    }
  }

  // Which of the people an ambiguous bare name may be ("Clinton" in an article naming Hillary
  // and Bill Clinton) one mention of it is: among those of its title's gender, those whose
  // mentions carry its office title ("President Clinton": the one called "President Bill
  // Clinton") or, failing any, those who carry no office title at all ("Secretary Clinton" is not
  // the one called President); then the one named within kNearTokens before it, the nearest;
  // else the one the article named first, who is most often who it is about. Nearest alone, as
  // before 2026-12, gave to Bill Clinton about 180 bare "Clinton"s over the PolNeAR texts, most
  // of them Hillary's ("Sanders is trying to cut into Clinton's lead"); read over samples of the
  // changed mentions, about three in four changes are right (see the commit).
  static constexpr uint32_t kNearTokens = 30;
  template <typename OtherGender>
  uint32_t choose_candidate(uint32_t mi, const Form& f,
                            const std::unordered_map<uint32_t, std::vector<uint32_t>>& positions_of_root,
                            const std::unordered_map<uint32_t, std::vector<std::string>>& offices_of_root,
                            const OtherGender& other_gender) {
    std::vector<uint32_t> roots;
    for (uint32_t root : f.candidates)
      if (!other_gender(mi, root) && positions_of_root.count(root)) roots.push_back(root);
    const std::vector<std::string> titled = office_words(mi);
    if (!titled.empty() && roots.size() > 1) {
      static const std::vector<std::string> kNoOffices;
      auto offices = [&](uint32_t root) -> const std::vector<std::string>& {
        auto found = offices_of_root.find(root);
        return found == offices_of_root.end() ? kNoOffices : found->second;
      };
      std::vector<uint32_t> same, untitled;
      for (uint32_t root : roots) {
        const std::vector<std::string>& o = offices(root);
        if (o.empty()) untitled.push_back(root);
        for (const std::string& t : titled)
          if (std::find(o.begin(), o.end(), t) != o.end()) {
            same.push_back(root);
            break;
          }
      }
      if (!same.empty()) roots = std::move(same);
      else if (!untitled.empty()) roots = std::move(untitled);
    }
    const uint32_t at = mentions[mi].first_token;
    uint32_t nearest = UINT32_MAX, nearest_distance = UINT32_MAX;
    uint32_t first = UINT32_MAX, first_at = UINT32_MAX;
    for (uint32_t root : roots) {
      const std::vector<uint32_t>& pos = positions_of_root.find(root)->second;
      auto it = std::lower_bound(pos.begin(), pos.end(), at);
      if (it != pos.begin() && at - *(it - 1) < nearest_distance) {
        nearest = root;
        nearest_distance = at - *(it - 1);
      }
      if (pos.front() < first_at) {
        first = root;
        first_at = pos.front();
      }
    }
    if (nearest != UINT32_MAX && nearest_distance <= kNearTokens) return nearest;
    if (first != UINT32_MAX) return first;
    return uf.find(form_of_mention[mi]);
  }

  [[gnu::noinline]] std::vector<Entity> build_entities() {
    std::unordered_map<uint32_t, uint32_t> entity_of_group;
    std::vector<Entity> entities;
    std::vector<std::array<uint32_t, 4>> votes;
    std::vector<bool> dateline;       // whether a mention of each entity is the article's dateline
    std::vector<uint32_t> name_form;  // the most complete form of each entity
    bool after_dateline_place = false;  // the mention before is a dateline's place
    const size_t first_lines = first_lines_end(text, kDatelineLines + 1);  // where a dateline may open
    for (uint32_t mi = 0; mi < mentions.size(); ++mi) {
      auto [it, inserted] = entity_of_group.emplace(group_of_mention[mi], static_cast<uint32_t>(entities.size()));
      if (inserted) {
        entities.emplace_back();
        entities.back().id = it->second;
        votes.push_back({});
        dateline.push_back(false);
        name_form.push_back(form_of_mention[mi]);
      }
      Entity& e = entities[it->second];
      const Mention& m = mentions[mi];
      ++votes[it->second][static_cast<size_t>(m.type)];
      const bool place_of_dateline =
          is_dateline(text, first_lines, m, mi + 1 < mentions.size() ? &mentions[mi + 1] : nullptr);
      if (place_of_dateline ||
          (mi > 0 && after_dateline_place && is_dateline_region(text, mentions[mi - 1], m)))
        dateline[it->second] = true;
      after_dateline_place = place_of_dateline;
      std::string s = mention_surface(text, m);
      if (std::find(e.aliases.begin(), e.aliases.end(), s) == e.aliases.end()) e.aliases.push_back(s);
      const Form& current = forms[name_form[it->second]];
      const Form& candidate = forms[form_of_mention[mi]];
      if (candidate.words.size() > current.words.size() ||
          (candidate.words.size() == current.words.size() &&
           candidate.mentions.size() > current.mentions.size()))
        name_form[it->second] = form_of_mention[mi];
      e.mentions.push_back(m);
    }
    for (size_t i = 0; i < entities.size(); ++i) {
      Entity& e = entities[i];
      e.type = dateline[i] ? EntityType::LOC : majority(votes[i], e.mentions.front().type);
      // Its first mention in that form, unless it shouts: a dateline's "PORT ELLIS" names the
      // entity only if the text never writes "Port Ellis" (an acronym's mentions are all capitals;
      // a form's other spellings, "America" for "U.S.", are not the same words).
      const Form& named = forms[name_form[i]];
      e.name = mention_surface(text, mentions[named.mentions[0]]);
      auto has_lower = [](const std::string& s) {
        return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      };
      if (!has_lower(e.name)) {
        const std::string folded = fold_case(e.name);
        for (uint32_t mi : named.mentions) {
          std::string s = mention_surface(text, mentions[mi]);
          if (has_lower(s) && fold_case(s) == folded) {
            e.name = std::move(s);
            break;
          }
        }
      }
    }
    return entities;
  }

  std::string_view text;
  const std::vector<Token>& tokens;
  std::vector<Mention> mentions;
  std::vector<Form> forms;
  std::vector<uint32_t> form_of_mention;
  std::vector<uint32_t> full_names, singles;
  std::vector<uint32_t> group_of_mention;
  UnionFind uf{0};
};

}  // namespace

std::vector<Entity> merge_entities(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences,
                                   std::vector<Mention> mentions) {
  (void)sentences;
  return EntityMerger(text, tokens, std::move(mentions)).run();
}

}  // namespace lede
