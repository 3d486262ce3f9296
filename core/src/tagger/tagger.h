// The named-entity tagger: finding the names in one document, and the tagger stage of the pipeline.
//
// A model (model.h; written by lede-train, format in model_format.h) holds word clusters and one or
// two stages of averaged-perceptron weights over hashed features (features.h, document_features.h).
// The first stage tags every sentence; the second sees how the first labelled the same words
// elsewhere in the document and tags again. The room's modules, bottom up: labels, word_forms,
// word_facts, features, document_features (+ document_stage2), model_format, model, weight_sums,
// scoring, word_cache, viterbi; tagger.cpp runs them, mentions.cpp makes their names mentions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lede/lede.h"
#include "tagger/labels.h"
#include "tagger/model.h"
#include "tagger/words.h"

namespace lede {

// A name found by the tagger: words [first_token, end_token) of the document.
struct NameSpan {
  uint32_t first_token = 0;
  uint32_t end_token = 0;
  EntityType type = EntityType::MISC;
};

// Tags one document. words: its token texts (UTF-8: a list of views, or a text's tokens);
// sentences: [first, end) ranges into words, in order, not overlapping. Names never cross a
// sentence boundary.
std::vector<NameSpan> tag_document(const TaggerModel& model, const ner::Words& words,
                                   const std::vector<std::pair<uint32_t, uint32_t>>& sentences);

// The same, returning the final BILOU label of every word (for the CoNLL output and tests).
std::vector<uint8_t> tag_document_labels(const TaggerModel& model, const ner::Words& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences);

// For tests: the scores tagging computes, token after token: every stage's lanes of the stage-1
// keys (n x stage_count() x kLabels), then the stage-2 keys' (n more rows, kLabels used).
std::vector<int32_t> tag_document_scores(const TaggerModel& model, const ner::Words& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences);

// The bytes of buffers the calling thread keeps between documents for tagging: 55-65 a token
// of the last document (and its word types' facts), none after one of more than 65,536 tokens or that needed more than 16 MB
// (they are freed then). Besides, each tagging thread keeps a word cache of a bounded size (below).
size_t tagging_workspace_bytes();

// The calling thread's word cache: for the words met most recently, their features' facts and the
// scores of the features that depend on the word alone (ner::KeyParts), so that a frequent word's
// are computed once rather than at every occurrence; beside it, half as many shape contexts with
// the scores of their part. Tagging gives the same scores and labels with or without it.
// It starts at kStartWordCacheEntries words and, up to its full size, doubles, keeping its words,
// each time it has missed four times as many words as it holds: one article or a few keep it
// small, a long run grows it. Room for the full size's words is allocated at the start but
// touched only as words come (in order): an article touches a few hundred KB; room for 16,384
// words is about 6.6 MB (about 300 bytes a word, its scores in 16 bits; 9.9 MB in 32 bits). Over
// the PolNeAR corpus (813,000 tokens), one document after another, 4096 words miss about 131,000
// times a pass, 16,384 words about 51,000. In WebAssembly, where a prefetch does nothing and a
// miss waits for each of its lookups in turn, the 16,384 words make the corpus ~5% faster for ~6 MB
// more touched; natively too, since the quotes and values stages run beside the tagger (2026-12,
// with 32-bit scores: 0.96 s of CPU for the corpus against 1.00 s, peak RSS 28 MB against 22 MB),
// so the full size is the same in both. (With 16-bit scores, a wasm build of 8,192 words ended the
// corpus in Node about 3 MB lower, 75 against 78 MB, for about 1% more CPU time: 2026-12-06.)
// set_word_cache_entries sets its full size and the size it starts at, in words (each rounded
// down to a power of two; 0 = no cache), and empties it. word_cache_entries: the words it holds
// now; word_cache_bytes: what it has allocated.
constexpr size_t kDefaultWordCacheEntries = 16384;
constexpr size_t kStartWordCacheEntries = 4096;
void set_word_cache_entries(size_t entries, size_t start_entries = kStartWordCacheEntries);
size_t word_cache_entries();
size_t word_cache_bytes();

// The tagger stage of the pipeline: the names in an analysed text as mentions (byte spans into
// text). A PERSON preceded by title words ("President", "Prime Minister", "Mr.") gets them as its
// title.
std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences, const TaggerModel& model);

}  // namespace lede
