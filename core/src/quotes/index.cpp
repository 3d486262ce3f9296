// The token index of the quotes stage (see index.h).
#include "quotes/index.h"

#include <algorithm>
#include <utility>

#include "lexicon/quote_words.h"
#include "quotes/feature_hash.h"
#include "text/normalize.h"

namespace lede {
namespace quotes {
namespace {

// Lower-cased forms of words and punctuation (and their hashes), written through a pointer
// (appending a byte at a time was a call a byte in wasm) at their tokens' offsets into a buffer of
// the text's size.
void index_lower_forms(TokenIndex* ix) {
  const uint32_t n = ix->n;
  ix->cue_verb.assign(n, CueVerb{});
  ix->lower_hash.assign(n, kNoValue);
  ix->lower.buffer.resize(ix->text.size());
  char* buffer = ix->lower.buffer.data();
  for (uint32_t i = 0; i < n; ++i) {
    const Token& token = ix->tokens[i];
    if (!(ix->is_word(i) || token.kind == TokenKind::punct)) continue;
    const char* from = ix->text.data() + token.span.start;
    char* out = buffer + token.span.start;
    const size_t size = token.span.end - token.span.start;
    for (size_t k = 0; k < size; ++k) {
      const char c = from[k];
      out[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view lower(out, size);
    ix->lower_hash[i] = value_hash_fast(lower);
    if (token.kind == TokenKind::word) ix->cue_verb[i] = lookup_cue_verb(lower);
  }
}

// Segments as token ranges; tokens outside any segment get a range of their own.
void index_ranges(const std::vector<Segment>& segs, uint32_t n, std::vector<uint32_t>* first,
                  std::vector<uint32_t>* end, std::vector<uint32_t>* of) {
  of->assign(n, kNone);
  for (const Segment& s : segs) {
    if (s.first_token >= s.end_token || s.end_token > n) continue;
    uint32_t id = static_cast<uint32_t>(first->size());
    first->push_back(s.first_token);
    end->push_back(s.end_token);
    for (uint32_t i = s.first_token; i < s.end_token; ++i)
      if ((*of)[i] == kNone) (*of)[i] = id;
  }
  for (uint32_t i = 0; i < n; ++i)
    if ((*of)[i] == kNone) {
      (*of)[i] = static_cast<uint32_t>(first->size());
      first->push_back(i);
      end->push_back(i + 1);
    }
}

void index_mentions(TokenIndex* ix) {
  ix->mention_of.assign(ix->n, kNone);
  ix->mentions.clear();
  for (uint32_t e = 0; e < ix->entities.size(); ++e)
    for (const Mention& m : ix->entities[e].mentions) {
      if (m.first_token >= m.end_token || m.end_token > ix->n) continue;
      const uint32_t id = static_cast<uint32_t>(ix->mentions.size());
      ix->mentions.push_back({e, m.first_token, m.end_token});
      for (uint32_t i = m.first_token; i < m.end_token; ++i) ix->mention_of[i] = id;
    }
}

// A headline: Title Case over most of its words ("Obama Says Trends Are 'Terrifying'"): at least
// three words that are not function words, at most a fifth of them not capitalised. The scan
// stops once more than a fifth of all the paragraph's words are such lower-case words, which no
// count of the rest can undo: most paragraphs, prose, are decided within their first words.
bool headline_paragraph(const TokenIndex& ix, uint32_t p) {
  const uint32_t first = ix.paragraph_first[p], end = ix.paragraph_end[p];
  uint32_t all_words = 0;
  for (uint32_t i = first; i < end; ++i) all_words += ix.is_word(i);
  uint32_t words = 0, upper = 0;
  for (uint32_t i = first; i < end; ++i) {
    if (!ix.is_word(i) || is_function_word(ix.lower[i])) continue;
    ++words;
    if (ix.upper_initial(i)) {
      ++upper;
    } else if ((words - upper) * 5 > all_words) {
      return false;
    }
  }
  return words >= 3 && upper * 10 >= words * 8;
}

}  // namespace

bool TokenIndex::upper_initial(uint32_t i) const {
  std::string_view t = tok(i);
  if (t.empty() || !is_word(i)) return false;
  unsigned char c = static_cast<unsigned char>(t[0]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c < 0x80) return false;
  std::string f = fold_case(t.substr(0, std::min<size_t>(t.size(), 4)));
  return f.compare(0, 1, t.substr(0, 1)) != 0;  // a non-ASCII letter that case-folds changes
}

void build_token_index(const QuoteInput& in, TokenIndex* ix) {
  ix->n = static_cast<uint32_t>(in.tokens.size());
  index_lower_forms(ix);
  index_ranges(in.sentences, ix->n, &ix->sentence_first, &ix->sentence_end, &ix->sentence_of);
  index_ranges(in.paragraphs, ix->n, &ix->paragraph_first, &ix->paragraph_end, &ix->paragraph_of);
  index_mentions(ix);
  ix->quoted.assign(ix->n, 0);
  ix->commas_before.assign(ix->n + 1, 0);
  ix->marks_before.assign(ix->n + 1, 0);
  for (uint32_t t = 0; t < ix->n; ++t) {
    ix->commas_before[t + 1] = ix->commas_before[t] + ix->is_punct(t, ',');
    ix->marks_before[t + 1] = ix->marks_before[t] + (in.tokens[t].kind == TokenKind::quote);
  }
  ix->headline.resize(ix->paragraph_first.size());
  for (uint32_t p = 0; p < ix->paragraph_first.size(); ++p) ix->headline[p] = headline_paragraph(*ix, p);
}

}  // namespace quotes
}  // namespace lede
