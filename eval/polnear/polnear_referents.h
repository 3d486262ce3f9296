// The entity-level reference of PolNeAR dev (eval/polnear/dev-referents.tsv, drafted by
// tools/polnear_referents.py and checked by reading): which entity of the article each attributed
// Source denotes, and the rule by which an entity of lede's output is that entity. The conventions
// are in eval/polnear/README.md.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "lede/lede.h"

namespace polnear {

// A Source's referent: an entity key of the article ("Donald Trump") or kNoEntity ("officials",
// "a source", "the report"), and what kind of phrase the Source is (name, pronoun, nominal, ...).
struct Referent {
  static constexpr const char* kNoEntity = "-";
  std::string key, category;
  std::vector<uint32_t> offsets;  // the Source's code-point ranges, start and end in turn
  bool no_entity() const { return key == kNoEntity; }
};

struct Reference {
  // article (annotation file name without its annotator suffix) -> key -> the names it goes by
  std::map<std::string, std::map<std::string, std::vector<std::string>>> forms;
  // (annotation file stem, brat source id) -> referent
  std::map<std::pair<std::string, std::string>, Referent> referents;
};

inline std::vector<std::string> split_on(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

// Reads the reference; false with *error naming the line when a line is malformed, a referent's
// key has no forms line, or a source has two entries.
inline bool parse_reference(const std::string& content, Reference* ref, std::string* error) {
  std::istringstream in(content);
  std::string line;
  size_t n = 0;
  auto fail = [&](const std::string& why) {
    *error = "line " + std::to_string(n) + ": " + why;
    return false;
  };
  std::vector<std::pair<std::string, size_t>> needs_forms;  // (article \t key, line)
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols = split_on(line, '\t');
    if (cols[0] == "F" && cols.size() == 4 && !cols[2].empty() && !cols[3].empty()) {
      ref->forms[cols[1]][cols[2]] = split_on(cols[3], '|');
    } else if (cols[0] == "R" && cols.size() == 7 && !cols[4].empty()) {
      Referent r;
      r.key = cols[4];
      r.category = cols[5];
      for (const std::string& range : split_on(cols[3], ';')) {
        unsigned s = 0, e = 0;
        char tail = 0;
        if (std::sscanf(range.c_str(), "%u-%u%c", &s, &e, &tail) != 2 || s >= e)
          return fail("bad range \"" + range + "\"");
        r.offsets.push_back(s);
        r.offsets.push_back(e);
      }
      const std::string& stem = cols[1];
      if (!ref->referents.emplace(std::make_pair(stem, cols[2]), r).second)
        return fail("a second entry for " + stem + " " + cols[2]);
      if (!r.no_entity()) needs_forms.emplace_back(stem.substr(0, stem.rfind('_')) + "\t" + r.key, n);
    } else {
      return fail("expected F <article> <key> <forms> or R <file> <id> <ranges> <key> <category> <check>");
    }
  }
  for (const auto& [article_key, line_no] : needs_forms) {
    size_t tab = article_key.find('\t');
    auto a = ref->forms.find(article_key.substr(0, tab));
    if (a == ref->forms.end() || !a->second.count(article_key.substr(tab + 1))) {
      n = line_no;
      return fail("key \"" + article_key.substr(tab + 1) + "\" has no forms line for its article");
    }
  }
  return true;
}

// A name as compared: lower case, without a possessive, leading titles and determiners, middle
// initials and generational suffixes ("President Barack H. Obama's" -> "barack obama").
inline std::string normalise_name(const std::string& name) {
  static const char* const kTitles[] = {
      "the", "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "del.", "gov.", "gen.", "lt.", "rev.", "president",
      "senator", "governor", "secretary", "speaker", "mayor", "judge", "justice", "former", "retired", "vice"};
  std::string low;
  for (char c : name) low += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const char* s : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
    std::string suffix(s);
    if (low.size() > suffix.size() && low.compare(low.size() - suffix.size(), suffix.size(), suffix) == 0) {
      low.resize(low.size() - suffix.size());
      break;
    }
  }
  std::vector<std::string> toks;
  for (const std::string& t : split_on(low, ' '))
    if (!t.empty()) toks.push_back(t);
  size_t b = 0;
  while (b + 1 < toks.size()) {
    bool title = false;
    for (const char* t : kTitles) title = title || toks[b] == t;
    if (!title) break;
    ++b;
  }
  size_t e = toks.size();
  while (e > b + 1 && (toks[e - 1] == "jr." || toks[e - 1] == "sr." || toks[e - 1] == "ii" || toks[e - 1] == "iii")) --e;
  std::string out;
  for (size_t i = b; i < e; ++i) {
    bool initial = i > b && i + 1 < e && toks[i].size() == 2 && toks[i][1] == '.';
    if (initial) continue;
    if (!out.empty()) out += ' ';
    out += toks[i];
  }
  return out;
}

// The entity lede shows as a quotation's speaker: the speaker's resolved entity, else the entity
// one of whose mentions is the speaker mention; nullptr when there is none.
inline const lede::Entity* speaker_entity(const lede::Analysis& a, const lede::Quote& q) {
  if (!q.has_speaker) return nullptr;
  if (q.speaker.entity != lede::Speaker::kNoEntity && q.speaker.entity < a.entities.size())
    return &a.entities[q.speaker.entity];
  if (!q.speaker.has_mention) return nullptr;
  for (const lede::Entity& e : a.entities)
    for (const lede::Mention& m : e.mentions)
      if (m.span.start == q.speaker.mention.start && m.span.end == q.speaker.mention.end) return &e;
  return nullptr;
}

// Whether the speaker a reader is shown is the referent: the speaker entity's name or one of its
// aliases is one of the key's forms (both normalised). A speaker without an entity is right when
// the name shown (the mention's own words) is one of the forms; a pronoun shown as is never is.
inline bool speaker_is(const lede::Analysis& a, const lede::Quote& q, const std::vector<std::string>& forms) {
  if (!q.has_speaker) return false;
  std::vector<std::string> names;
  if (const lede::Entity* e = speaker_entity(a, q)) {
    names.push_back(e->name);
    names.insert(names.end(), e->aliases.begin(), e->aliases.end());
  } else {
    names.push_back(q.speaker.name);
  }
  for (const std::string& n : names)
    for (const std::string& f : forms)
      if (!normalise_name(n).empty() && normalise_name(n) == normalise_name(f)) return true;
  return false;
}

}  // namespace polnear
