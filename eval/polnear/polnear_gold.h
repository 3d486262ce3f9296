// PolNeAR's brat attributions read for lede's evaluator and the attribution trainer: each
// attribution's Content, Source and Cue (as code-point ranges and text), and whether its content
// holds a quotation mark (a direct quotation) or not (reported speech), and whether it is a
// transcript's turn ("WALLACE: Let's start …"): verbatim words without marks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace polnear {

struct Range {
  uint32_t start, end;  // code points
};

struct GoldAttribution {
  std::vector<Range> content, source, cue;
  std::string content_text, source_text, cue_text;
  std::string source_id;  // the Source's brat id ("T5"), the key of its entity-level referent
  bool quoted = false;
  bool transcript = false;  // Source an ALL-CAPS label, Cue the colon right after it
  // Verbatim words, scored as direct quotations: a content with quotation marks or a transcript's
  // turn (lede reports those as direct quotations; PolNeAR writes no marks around them).
  bool verbatim() const { return quoted || transcript; }
};

inline bool overlaps(const std::vector<Range>& a, uint32_t s, uint32_t e) {
  for (const Range& r : a)
    if (r.start < e && s < r.end) return true;
  return false;
}

// A gold attribution's match among the predictions: the one overlapping its Content most, and on
// a tie the shorter (a nested statement's own clause rather than the one around it). `overlap`
// and `length` are the candidate's, `best_*` the match so far's (overlap 0: none yet).
inline bool better_match(uint32_t overlap, uint32_t length, uint32_t best_overlap, uint32_t best_length) {
  return overlap > best_overlap || (overlap > 0 && overlap == best_overlap && length < best_length);
}

inline std::vector<char32_t> decode(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += static_cast<size_t>(n);
  }
  return out;
}

inline bool is_alnum(char32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0;
}

// A transcript's turn: the Source is a speaker label in capitals ("WALLACE", "SEN. KAINE") and the
// Cue is the colon that follows it.
inline bool is_transcript_label(const GoldAttribution& g) {
  if (g.cue.size() != 1 || g.source.size() != 1) return false;
  const size_t colon = g.cue_text.find_first_not_of(' ');
  if (colon == std::string::npos || g.cue_text.compare(colon, std::string::npos, ":") != 0) return false;
  if (g.cue[0].start < g.source[0].end || g.cue[0].start - g.source[0].end > 1) return false;
  uint32_t letters = 0;
  for (char c : g.source_text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

// Double marks always count; single marks only when they are not an apostrophe inside a word.
inline bool has_quotation_mark(const std::string& s) {
  std::vector<char32_t> cps = decode(s);
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == '"' || c == 0x201C || c == 0x201D || c == 0xAB || c == 0xBB || c == 0x201E) return true;
    if (c == '\'' || c == 0x2018 || c == 0x2019) {
      char32_t a = i > 0 ? cps[i - 1] : ' ', b = i + 1 < cps.size() ? cps[i + 1] : ' ';
      if (is_alnum(a) && is_alnum(b)) continue;              // it's, Clinton's
      if (a == 's' && !is_alnum(b) && c != 0x2018) continue;  // the Clintons'
      if (!is_alnum(a) && b >= '0' && b <= '9') continue;    // '90s
      return true;
    }
  }
  return false;
}

inline bool read_file(const std::filesystem::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

inline std::vector<GoldAttribution> parse_ann(const std::string& ann) {
  struct TextBound {
    std::string type;
    std::vector<Range> ranges;
    std::string text;
  };
  std::map<std::string, TextBound> tb;
  std::vector<std::map<std::string, std::string>> events;
  std::istringstream in(ann);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cols;
    size_t a = 0;
    for (int k = 0; k < 2; ++k) {
      size_t t = line.find('\t', a);
      cols.push_back(line.substr(a, t == std::string::npos ? std::string::npos : t - a));
      if (t == std::string::npos) {
        a = line.size();
        break;
      }
      a = t + 1;
    }
    if (a < line.size()) cols.push_back(line.substr(a));
    if (cols.size() < 2) continue;
    if (cols[0][0] == 'T') {
      TextBound t;
      std::istringstream spec(cols[1]);
      spec >> t.type;
      std::string rest;
      std::getline(spec, rest);
      std::istringstream frags(rest);
      std::string frag;
      while (std::getline(frags, frag, ';')) {
        Range r{};
        if (std::sscanf(frag.c_str(), "%u %u", &r.start, &r.end) == 2) t.ranges.push_back(r);
      }
      if (cols.size() > 2) t.text = cols[2];
      tb[cols[0]] = t;
    } else if (cols[0][0] == 'E') {
      std::map<std::string, std::string> roles;
      std::istringstream args(cols[1]);
      std::string arg;
      while (args >> arg) {
        size_t c = arg.find(':');
        if (c != std::string::npos) roles[arg.substr(0, c)] = arg.substr(c + 1);
      }
      events.push_back(roles);
    }
  }
  std::vector<GoldAttribution> out;
  for (auto& e : events) {
    auto c = e.find("Content");
    if (c == e.end() || !tb.count(c->second)) continue;
    GoldAttribution g;
    g.content = tb[c->second].ranges;
    g.content_text = tb[c->second].text;
    auto cue = e.find("Cue");
    if (cue != e.end() && tb.count(cue->second)) {
      g.cue = tb[cue->second].ranges;
      g.cue_text = tb[cue->second].text;
    }
    auto s = e.find("Source");
    if (s != e.end() && tb.count(s->second)) {
      g.source = tb[s->second].ranges;
      g.source_text = tb[s->second].text;
      g.source_id = s->second;
    }
    g.quoted = has_quotation_mark(g.content_text);
    g.transcript = is_transcript_label(g);
    out.push_back(g);
  }
  return out;
}

// Byte offset -> code point offset of the code point holding the byte, for a text's every byte
// and its end.
inline std::vector<uint32_t> code_point_offsets(const std::string& text) {
  std::vector<uint32_t> cp(text.size() + 1);
  uint32_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cp[i] = n++;
    else cp[i] = n ? n - 1 : 0;
  }
  cp[text.size()] = n;
  return cp;
}

}  // namespace polnear
