// Quotation-mark pairing (see marks.h).
#include "quotes/marks.h"

#include <algorithm>
#include <array>

#include "text/utf8.h"

namespace lede {
namespace quotes {
namespace {

enum Family : uint8_t { kDouble, kSingle, kGuillemet, kSingleGuillemet, kCorner, kWhiteCorner, kFamilies };
enum class Glyph : uint8_t { open, close, either };

struct Mark {
  Family family = kDouble;
  Glyph glyph = Glyph::either;
  bool low = false;  // „ ‚ open German-style quotations closed by “ ‘
};
// Straight marks (" ') and typographic ones are told apart so that “curly quotes” nested in a
// "straight" quotation (common in pasted text) pair with their own kind first.
bool is_straight(const Mark& m) { return m.glyph == Glyph::either; }

Mark classify_mark(char32_t c) {
  switch (c) {
    case '"': case 0xFF02: return {kDouble, Glyph::either, false};
    case '\'': case 0xFF07: return {kSingle, Glyph::either, false};
    case 0x201C: case 0x201F: case 0x301D: return {kDouble, Glyph::open, false};
    case 0x201D: case 0x301E: case 0x301F: return {kDouble, Glyph::close, false};
    case 0x201E: return {kDouble, Glyph::open, true};
    case 0x2018: case 0x201B: return {kSingle, Glyph::open, false};
    case 0x2019: return {kSingle, Glyph::close, false};
    case 0x201A: return {kSingle, Glyph::open, true};
    case 0x00AB: return {kGuillemet, Glyph::open, false};
    case 0x00BB: return {kGuillemet, Glyph::close, false};
    case 0x2039: return {kSingleGuillemet, Glyph::open, false};
    case 0x203A: return {kSingleGuillemet, Glyph::close, false};
    case 0x300C: return {kCorner, Glyph::open, false};
    case 0x300D: return {kCorner, Glyph::close, false};
    case 0x300E: return {kWhiteCorner, Glyph::open, false};
    case 0x300F: return {kWhiteCorner, Glyph::close, false};
    default: return {kDouble, Glyph::either, false};
  }
}

bool is_single_family(Family f) { return f == kSingle || f == kSingleGuillemet; }

// One pass of pairing over a text: the open marks, the spacing of every mark, the spans found.
class MarkPairing {
 public:
  explicit MarkPairing(const TokenIndex& index) : ix(index) { pending_chain.fill(kNone); }

  std::vector<MarkSpan> run() {
    measure_spacing();
    mark_tags();
    for (uint32_t p = 0; p < ix.paragraph_first.size(); ++p) {
      pair_in_paragraph(p);
      pending_chain.fill(kNone);
      keep_open_at_paragraph_end(p);
      stack.clear();
    }
    return outermost();
  }

 private:
  struct Open {
    uint32_t tok;
    Family family;
    bool low;
    bool straight;
    uint32_t chain_prev;
  };
  enum class Act { open, close, ignore };

  Mark mark_at(uint32_t i) const {
    const Span& sp = ix.tokens[i].span;
    if (sp.end - sp.start == 2 && ix.text[sp.start] == '\'') return {kDouble, Glyph::either, false};  // ''
    uint32_t len;
    return classify_mark(decode_utf8(ix.text, sp.start, &len));
  }

  int find_family(Family f, int straight) const {  // straight: 0, 1, or -1 for any
    for (int k = static_cast<int>(stack.size()) - 1; k >= 0; --k) {
      const Open& o = stack[static_cast<size_t>(k)];
      if (o.family == f && (straight < 0 || o.straight == (straight == 1))) return k;
    }
    return -1;
  }

  // The mark at i has whitespace, the paragraph start or an opening bracket/dash on its left.
  bool spacing_open(uint32_t i, uint32_t pf) const {
    if (i == pf || ix.tokens[i].space_before || ix.tokens[i].newline_before) return true;
    const Token& p = ix.tokens[i - 1];
    if (p.kind == TokenKind::dash) return true;
    if (p.kind == TokenKind::punct) {
      std::string_view t = ix.tok(i - 1);
      return t == "(" || t == "[" || t == "{" || t == ":" || t == "\xE2\x80\x94";
    }
    if (p.kind == TokenKind::quote) return left_open[i - 1] && !ix.tokens[i].space_before;
    return false;
  }

  // The mark at i is glued to a word (or number) on its right.
  bool spacing_attached_right(uint32_t i, uint32_t pe) const {
    if (i + 1 >= pe) return false;
    const Token& nx = ix.tokens[i + 1];
    if (nx.space_before || nx.newline_before) return false;
    if (nx.kind == TokenKind::punct) {
      std::string_view t = ix.tok(i + 1);
      return t == "(" || t == "[" || t == "\xE2\x80\xA6" || t == "...";
    }
    if (nx.kind == TokenKind::quote) return right_glued[i + 1];
    return nx.kind != TokenKind::dash;
  }

  // Spacing of every mark, computed once: a run of adjacent marks ("‘“) takes its left side from
  // the run's start and its right side from the run's end.
  [[gnu::noinline]] void measure_spacing() {
    left_open.assign(ix.n, 0);
    right_glued.assign(ix.n, 0);
    for (uint32_t p = 0; p < ix.paragraph_first.size(); ++p) {
      const uint32_t pf = ix.paragraph_first[p], pe = ix.paragraph_end[p];
      for (uint32_t i = pf; i < pe; ++i)
        if (ix.tokens[i].kind == TokenKind::quote) left_open[i] = spacing_open(i, pf);
      for (uint32_t i = pe; i-- > pf;)
        if (ix.tokens[i].kind == TokenKind::quote) right_glued[i] = spacing_attached_right(i, pe);
    }
  }

  // Markup pasted with the text, or embedded in it (PolNeAR's `<tweet author="...">`, an HTML
  // `<a href="...">`): a "<" glued to a name or "/", then a ">" within a few dozen tokens of the
  // paragraph with no "<" between. The quotation marks of its attribute values quote nobody.
  [[gnu::noinline]] void mark_tags() {
    in_tag.assign(ix.n, 0);
    constexpr uint32_t kLongestTag = 64;
    for (uint32_t p = 0; p < ix.paragraph_first.size(); ++p) {
      const uint32_t pf = ix.paragraph_first[p], pe = ix.paragraph_end[p];
      for (uint32_t i = pf; i + 1 < pe; ++i) {
        if (ix.tok(i) != "<" || ix.tokens[i + 1].space_before ||
            !(ix.is_word(i + 1) || ix.is_punct(i + 1, '/')))
          continue;
        uint32_t j = i + 1;
        while (j < pe && j - i < kLongestTag && ix.tok(j) != ">" && ix.tok(j) != "<") ++j;
        if (j >= pe || ix.tok(j) != ">") continue;
        for (uint32_t k = i + 1; k < j; ++k) in_tag[k] = 1;
        i = j;
      }
    }
  }

  // What the mark at i does, given the open marks: `same` and `any` are the stack entries of its
  // family in its own style and in any style.
  Act act_of(const Mark& m, uint32_t i, int same, int any) const {
    const bool open_left = left_open[i];
    const bool glued_right = right_glued[i];
    switch (m.glyph) {
      case Glyph::open:
        if (same >= 0 && stack[static_cast<size_t>(same)].low && !m.low) return Act::close;
        if (any >= 0 && !open_left && !glued_right) return Act::close;
        return Act::open;
      case Glyph::close:
        if (any >= 0) return Act::close;
        if (open_left && glued_right) return Act::open;  // »German« and ”Swedish” styles
        return Act::ignore;
      case Glyph::either:
        if (open_left && glued_right) return Act::open;
        if (!open_left && !glued_right) return any >= 0 ? Act::close : Act::ignore;
        return any >= 0 ? Act::close : Act::open;
    }
    return Act::ignore;
  }

  [[gnu::noinline]] void pair_in_paragraph(uint32_t p) {
    const uint32_t pf = ix.paragraph_first[p], pe = ix.paragraph_end[p];
    for (uint32_t i = pf; i < pe; ++i) {
      if (i > pf && ix.sentence_of[i] != ix.sentence_of[i - 1] && ix.tokens[i].kind != TokenKind::quote) {
        // Single-quote openings do not outlive their sentence.
        stack.erase(std::remove_if(stack.begin(), stack.end(),
                                   [](const Open& o) { return is_single_family(o.family); }),
                    stack.end());
      }
      if (ix.tokens[i].kind != TokenKind::quote || in_tag[i]) continue;
      Mark m = mark_at(i);
      const int same = find_family(m.family, is_straight(m) ? 1 : 0);
      const int any = find_family(m.family, -1);
      int k = same >= 0 ? same : any;  // the entry a closing mark closes
      Act act = act_of(m, i, same, any);
      if (act == Act::open) k = same;  // an opening replaces a stale one of its own style only
      if (act == Act::close && k < 0) act = Act::ignore;
      if (act == Act::open) {
        if (k >= 0) stack.resize(static_cast<size_t>(k));  // a stale opening of the same style
        uint32_t chain = i == pf ? pending_chain[m.family] : kNone;
        stack.push_back({i, m.family, m.low, is_straight(m), chain});
      } else if (act == Act::close) {
        const Open o = stack[static_cast<size_t>(k)];
        stack.resize(static_cast<size_t>(k));  // openings inside it were stray
        if (i > o.tok + 1) all.push_back({o.tok, i, true, o.chain_prev});
      }
    }
  }

  // The paragraph ends with quotations still open: one the next paragraph continues, or one that
  // opens its paragraph (or continues an earlier one), quotes to the paragraph's end.
  [[gnu::noinline]] void keep_open_at_paragraph_end(uint32_t p) {
    const uint32_t pf = ix.paragraph_first[p], pe = ix.paragraph_end[p];
    const bool has_next = p + 1 < ix.paragraph_first.size() && ix.paragraph_first[p + 1] < ix.paragraph_end[p + 1];
    for (const Open& o : stack) {
      if (is_single_family(o.family) || o.tok + 1 >= pe) continue;
      bool continues = false;
      if (has_next) {
        uint32_t nf = ix.paragraph_first[p + 1];
        if (ix.tokens[nf].kind == TokenKind::quote) {
          Mark nm = mark_at(nf);
          continues = nm.family == o.family && nm.glyph != Glyph::close;
        }
      }
      const bool opens_paragraph =
          o.tok == pf || (o.tok == pf + 1 && ix.tokens[pf].kind != TokenKind::word);
      if (continues) {
        pending_chain[o.family] = static_cast<uint32_t>(all.size());
        all.push_back({o.tok, pe, false, o.chain_prev});
      } else if (opens_paragraph || o.chain_prev != kNone) {
        all.push_back({o.tok, pe, false, o.chain_prev});
      }
    }
  }

  // Keep the outermost quotations; pairing on a stack makes spans nest or stay apart. Chain links
  // refer to indices in `all`, so they are remapped.
  [[gnu::noinline]] std::vector<MarkSpan> outermost() const {
    std::vector<MarkSpan> spans;
    std::vector<uint32_t> order(all.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
      return all[x].open < all[y].open || (all[x].open == all[y].open && all[x].close > all[y].close);
    });
    std::vector<uint32_t> new_index(all.size(), kNone);
    uint32_t cover_end = 0;
    bool any = false;
    for (uint32_t idx : order) {
      const MarkSpan& s = all[idx];
      if (any && s.open < cover_end) continue;  // nested
      // A single-quoted single short token is an elision ('em, 'n'), not a quotation.
      if (is_single_family(mark_at(s.open).family) && s.close == s.open + 2 && ix.tok(s.open + 1).size() <= 2)
        continue;
      new_index[idx] = static_cast<uint32_t>(spans.size());
      spans.push_back(s);
      cover_end = s.closed ? s.close + 1 : s.close;
      any = true;
    }
    for (MarkSpan& s : spans) s.chain_prev = s.chain_prev == kNone ? kNone : new_index[s.chain_prev];
    return spans;
  }

  const TokenIndex& ix;
  std::vector<uint8_t> left_open, right_glued;  // memo for runs of adjacent marks
  std::vector<uint8_t> in_tag;                  // inside markup (mark_tags)
  std::vector<Open> stack;                      // at most one entry per family and style
  std::array<uint32_t, kFamilies> pending_chain;  // per family: the span the next paragraph continues
  std::vector<MarkSpan> all;                    // every span found, nested ones too
};

}  // namespace

std::vector<MarkSpan> pair_marks(const TokenIndex& index) { return MarkPairing(index).run(); }

void mark_quoted(const std::vector<MarkSpan>& spans, TokenIndex* index) {
  for (const MarkSpan& s : spans) {
    uint32_t end = s.closed ? s.close + 1 : s.close;
    for (uint32_t i = s.open; i < end; ++i) index->quoted[i] = 1;
  }
}

}  // namespace quotes
}  // namespace lede
