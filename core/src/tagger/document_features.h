// The features of one document for the tagger: every token's stage-1 keys (its word's facts, the
// sentence around it, the lists' phrases over it, how its word appears elsewhere in the document)
// and, once the first stage has labelled the document, its stage-2 keys (how the same word was
// labelled elsewhere). Shared by the runtime and the trainer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "lexicon/lexicon.h"
#include "tagger/features.h"
#include "tagger/gazetteer.h"
#include "tagger/labels.h"
#include "tagger/word_facts.h"
#include "tagger/words.h"

namespace lede {
namespace ner {

// Features of one document. build() computes the first-stage features (local + document context);
// add_predictions() the second-stage ones from the first stage's labels. Reusable across
// documents: buffers keep their capacity. One thread at a time: the key functions, const, keep
// per-word aggregates as they go.
class DocumentFeatures {
 public:
  // Where build gets the facts of the document's words: from a source that may know them already,
  // or by computing them (word_info with the same clusters; a source must give the same). Asked
  // once for each word type (distinct bytes) of the document, in the order of their first tokens:
  // type 0, 1, 2, ... (word_type).
  class WordSource {
   public:
    virtual ~WordSource() = default;
    virtual const WordInfo& word(uint32_t type, std::string_view word) = 0;
  };
  // words must outlive the key functions' use of them.
  void build(const Words& words, const std::vector<std::pair<uint32_t, uint32_t>>& sentences,
             const ClusterTable* clusters, bool keep_stage1_keys = true, WordSource* source = nullptr);
  // The model's name lists that build() matches (null or empty: none); it must outlive build's
  // use of it.
  void set_gazetteer(const Gazetteer* gazetteer) {
    gazetteer_ = gazetteer;
    phrase_sentence_ = kNoSentence;
  }
  // stage1_labels must outlive the stage-2 keys' use.
  void add_predictions(const std::vector<uint8_t>& stage1_labels, bool keep_stage2_keys = true);

  size_t size() const { return type_of_.size(); }
  // Token i's word type: the document's number for its word's bytes, in the order of first
  // occurrence (valid after build).
  uint32_t word_type(size_t i) const { return type_of_[i]; }
  // The bytes its buffers hold.
  size_t memory_bytes() const {
    return type_of_.capacity() * sizeof(uint32_t) + token_bits_.capacity() + types_.capacity() * sizeof(WordType) +
           type_table_.capacity() * sizeof(TypeSlot) + sentence_of_.capacity() * sizeof(uint32_t) +
           sentences_.capacity() * sizeof(sentences_[0]) + by_lower_.capacity() * sizeof(by_lower_[0]) + forms_.bytes() +
           (keys1_.capacity() + offsets1_.capacity() + keys2_.capacity() + offsets2_.capacity()) * sizeof(uint32_t) +
           entity_words_.capacity() * sizeof(EntityWord) + spans_.capacity() * sizeof(LabelSpan) +
           (context_pool_.capacity() + stage2_slots_.capacity()) * sizeof(uint32_t) +
           stage2_aggregates_.capacity() * sizeof(Stage2Aggregate) + forms_pool_.capacity() * sizeof(forms_pool_[0]) +
           phrase_parts_.capacity() * sizeof(PhraseParts) + word_facts_.bytes();
  }
  // Appends the stage-1 keys of token i to *keys (valid after build, with or without
  // keep_stage1_keys: the tagger computes them a token at a time, so that a document's keys are
  // never all held at once).
  // parts: a union of KeyParts, to leave out the parts the caller has the scores of.
  void stage1_keys(size_t i, std::vector<uint32_t>* keys, unsigned parts = kKeysAll) const;
  // The facts of one word (clusters: the model's, or null for none), computed with this object's
  // buffers (so one thread at a time, as for the rest).
  WordInfo word_info(std::string_view word, const ClusterTable* clusters) const;
  // Both at once: the facts of `word`, and the keys of every part of it alone (bits 0..4) appended
  // to *keys, part after part, ends[part] being keys->size() after it.
  WordInfo word_info_and_keys(std::string_view word, const ClusterTable* clusters, std::vector<uint32_t>* keys,
                              size_t* ends) const;
  // The shape context of token i (valid after build, for a token in a sentence); its keys are
  // shape_keys' (features.h).
  ShapeContext shape_context(size_t i) const;
  // Whether token i is in a sentence and, for a neighbour part, the neighbour is in the same one:
  // else stage1_keys gives no keys (no sentence) or the sentence edge's.
  // Inline: the tagger asks it five times a token (4 million calls over the benchmark's corpus).
  bool neighbour_inside(size_t i, int part) const {
    if (sentence_of_[i] == kNoSentence) return false;
    const auto [a, b] = sentences_[sentence_of_[i]];
    const long j = static_cast<long>(i) + kPartOffset[part];
    return j >= static_cast<long>(a) && j < static_cast<long>(b);
  }
  // Stage-1 keys of token i (valid after build with keep_stage1_keys).
  const uint32_t* stage1_begin(size_t i) const { return keys1_.data() + offsets1_[i]; }
  const uint32_t* stage1_end(size_t i) const { return keys1_.data() + offsets1_[i + 1]; }
  // Appends the extra stage-2 keys of token i to *keys (valid after add_predictions, with or
  // without keep_stage2_keys).
  void stage2_keys(size_t i, std::vector<uint32_t>* keys) const;
  // Whether token i's stage-2 keys are one, stage2_self_key of its stage-1 label: so for the
  // tokens not capitalised, most of them, whose lookups can then be shared by label.
  bool stage2_self_only(size_t i) const;
  static uint32_t stage2_self_key(uint8_t label);
  // Whether the document-level keys come from per-word aggregates (the default) or from every
  // token visiting its word's occurrences itself: the same keys, slower (for tests).
  void set_aggregates(bool on) { aggregates_ = on; }
  // Extra stage-2 keys of token i (valid after add_predictions with keep_stage2_keys).
  const uint32_t* stage2_begin(size_t i) const { return keys2_.data() + offsets2_[i]; }
  const uint32_t* stage2_end(size_t i) const { return keys2_.data() + offsets2_[i + 1]; }

 private:
  static constexpr uint32_t kNoGroup = UINT32_MAX;
  static constexpr uint32_t kNoSentence = UINT32_MAX;  // sentence_of_ a token outside every sentence
  // A token's position class.
  enum Position : uint8_t { kCtxMiddle, kCtxInitial, kCtxAfterQuote, kCtxHeadline, kCtxAfterColon };
  // What the keys know of a token: its word's facts, kept once per word type (the distinct bytes
  // of the document's words), and a byte of its own (token_bits_): its position
  // class, how its word is written elsewhere in the document, and whether it is in the index by
  // form. They took 48 bytes a token when every token had its word's facts.
  struct WordType : WordInfo {
    uint32_t first = 0;              // its first token
    uint32_t lower_slot = kNoGroup;  // forms_ slot of its lower-cased form (kNoGroup: none)
  };
  static constexpr uint8_t kContextMask = 7;      // the position class
  static constexpr uint8_t kLowerSeen = 8;        // its lower-case form occurs in lower case elsewhere
  static constexpr uint8_t kCapSeenInside = 16;   // it occurs capitalised mid-sentence elsewhere
  static constexpr uint8_t kIndexed = 32;         // in by_lower_ (capitalisation class kCapLower or
                                                  // above, in a sentence)
  static constexpr uint8_t kTitleLine = 64;       // in the document's first sentence, written in
                                                  // Title Case (mark_title_line)
  const WordType& word(size_t i) const { return types_[type_of_[i]]; }
  uint8_t context(size_t i) const { return token_bits_[i] & kContextMask; }
  // Its form's slot in forms_ when the token is indexed, else kNoGroup.
  uint32_t form_slot(size_t i) const { return (token_bits_[i] & kIndexed) ? word(i).lower_slot : kNoGroup; }
  // The entries of by_lower_ with the token's lower-cased form: its word's tokens in document order.
  struct Occurrences {
    const uint32_t* begin;
    const uint32_t* end;
  };
  Occurrences occurrences(size_t i) const;
  // The document-level keys of capitalised token i: what surrounds its word's first other
  // occurrences (context_keys), and what the first stage made of them and of the names it is in
  // (stage2_keys). Each visits a fixed number of its word's first occurrences, which every token
  // past them shares: so their aggregate is worked out once per word (per stage-1 labelling) and
  // only the tokens among them visit them one by one. The results are the same either way.
  static constexpr int kContextVisits = 12;  // occurrences visited by occurrence_context_keys
  static constexpr int kStage2Visits = 64;   // by stage2_document_keys, of the word and of names
  int occurrence_context_keys(size_t i, uint32_t* out) const;
  void stage2_document_keys(size_t i, std::vector<uint32_t>* keys) const;
  // build's steps: each token's word type, the position class of each token of sentence [a, b),
  // and the index of the document's tokens by lower-cased form.
  void find_types(const ClusterTable* clusters, WordSource* source);
  void classify_positions(uint32_t a, uint32_t b);
  void mark_title_line(uint32_t a, uint32_t b);
  void index_forms();
  // The phrases of the lexicon's and the model's lists over a token, by BILU position. Only the
  // token's own context keys use them, so they are worked out a sentence at a time, when its
  // first token's keys are asked for, rather than kept for the whole document (16 bytes a token).
  struct PhraseParts {
    uint16_t gaz[4];   // the lexicon's phrases covering the token
    uint16_t list[4];  // the model's name lists' matches over it
  };
  const PhraseParts& phrase_parts(size_t i, uint32_t a, uint32_t b) const;
  void match_phrases(uint32_t a, uint32_t b) const;
  void match_lists(uint32_t a, uint32_t b) const;
  // The shape and context parts of token i of sentence [a, b), written to out.
  static constexpr int kMaxContextKeys = 28 + 4 * kLexiconCategoryCount + 8 * Gazetteer::kMaxLists;
  ShapeContext shape_context(size_t i, uint32_t a, uint32_t b) const;
  int context_keys(size_t i, uint32_t a, uint32_t b, uint32_t* out) const;

  const Gazetteer* gazetteer_ = nullptr;
  std::vector<uint32_t> type_of_;   // each token's word type
  std::vector<uint8_t> token_bits_;  // each token's position class and flags (kContextMask, ...)
  std::vector<WordType> types_;
  // The word types by their bytes, for find_types: open addressing, at most half full. A slot
  // all zero (value-initialised) is empty.
  struct TypeSlot {
    uint64_t key_a, key_b;  // the word's key (document_features.cpp: word_key)
    const char* bytes;      // the word's, at its first token
    uint32_t size;
    uint32_t type_plus_one;
  };
  std::vector<TypeSlot> type_table_;
  std::vector<uint32_t> sentence_of_;
  std::vector<std::pair<uint32_t, uint32_t>> sentences_;
  // The indexed tokens grouped by lower-cased form, each form's from its slot's start (count of
  // them): the form itself is the tokens' (word(token).lower), so it is not stored here.
  std::vector<uint32_t> by_lower_;
  // The document's lower-cased forms: how many indexed tokens each has, and where they begin in
  // by_lower_. Open addressing, at most three quarters full.
  class FormTable {
   public:
    struct Form {
      uint64_t lower = 0;
      uint32_t count = 0;  // 0 = empty slot
      uint32_t start = 0;
      uint32_t placed = 0;
      uint32_t context_keys = kNotYet;  // the word's occurrence_context_keys aggregate, when worked out
      uint32_t stage2 = kNotYet;        // its stage-2 aggregate (in stage2_aggregates_)
    };
    static constexpr uint32_t kNotYet = UINT32_MAX;
    void clear();
    static constexpr size_t kAbsent = SIZE_MAX;
    void add(uint64_t lower, uint32_t count);  // counts `count` more tokens of the form
    void assign_starts();      // once every token is added: each form's start in by_lower_
    size_t find(uint64_t lower) const;  // the form's slot, or kAbsent
    Form& slot(size_t s) { return slots_[s]; }
    const Form& slot(size_t s) const { return slots_[s]; }
    size_t bytes() const { return slots_.capacity() * sizeof(Form); }

   private:
    size_t home(uint64_t lower) const {
      return static_cast<size_t>((lower * 0x9E3779B97F4A7C15ull) >> 32) & (slots_.size() - 1);
    }
    void grow();
    std::vector<Form> slots_;
    size_t used_ = 0;
  };
  // Mutable for the aggregates its slots point to, worked out as the const key functions need them.
  mutable FormTable forms_;
  std::vector<uint32_t> keys1_, offsets1_, keys2_, offsets2_;
  Words words_;  // the document being tagged
  const std::vector<uint8_t>* labels_ = nullptr;  // its stage-1 labels
  // Every word of every name the first stage found, for the second stage's features.
  struct EntityWord {
    uint64_t lower;
    uint32_t type;  // its word type (whose form the second stage compares)
    uint32_t first, end;
    uint16_t code;  // type * 4 + position in the name (BILU)
  };
  std::vector<EntityWord> entity_words_;
  std::vector<LabelSpan> spans_;
  // The aggregates of the forms' first occurrences (see occurrence_context_keys), worked out as the
  // keys are asked for. context_pool_: for each worked out, a count and that many keys.
  // Stage 2: how the first kStage2Visits occurrences (by position in by_lower_) were labelled, and the
  // first kStage2Visits words of names with the form (entity_words_ order); the forms they were
  // written in with what they were, in forms_pool_.
  struct Stage2Aggregate {
    int counts[kTypes + 1];      // capitalised occurrences by stage-1 type (+1: 0 = none)
    int others;                  // their number
    uint32_t types_begin, types_end;  // (form, types seen with it as bits 1 << (type + 1))
    uint32_t names_first, names_end;  // the tokens the visited names cover are in [first, end)
    uint32_t codes_begin, codes_end;  // (form, codes as bits 1 << code) of the visited name words
  };
  bool aggregates_ = true;
  mutable std::vector<uint32_t> context_pool_;
  mutable std::vector<Stage2Aggregate> stage2_aggregates_;
  mutable std::vector<std::pair<uint64_t, uint32_t>> forms_pool_;
  mutable std::vector<uint32_t> stage2_slots_;  // the forms_ slots with a stage-2 aggregate
  mutable WordFacts word_facts_;  // buffers for working out words' facts
  mutable std::vector<PhraseParts> phrase_parts_;  // of the tokens of sentence phrase_sentence_
  mutable uint32_t phrase_sentence_ = kNoSentence;
};

}  // namespace ner
}  // namespace lede
