// The named-entity tagger: loading a model file and finding the names in one document.
//
// A model (written by lede-train, format in tagger_model_format.h) holds word clusters and one or
// two stages of averaged-perceptron weights over hashed features (tagger_features.h). The first
// stage tags every sentence; the second sees how the first labelled the same words elsewhere in the
// document and tags again.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lede/lede.h"
#include "tagger_features.h"

namespace lede {

class TaggerModel {
 public:
  // Parses a model file. Returns null and sets *error (when non-null) for anything but a complete,
  // intact model of the supported format version. The bytes are not referenced afterwards.
  static std::unique_ptr<TaggerModel> load(const uint8_t* data, size_t size, std::string* error);

  // One stage's weights: an open-addressing table from feature key to a row of kLabels weights.
  struct Stage {
    std::vector<uint32_t> slot_keys;  // 0 = empty
    std::vector<uint32_t> slot_rows;
    std::vector<int16_t> rows;        // n_features x kLabels
    std::vector<int32_t> transitions; // (kLabels+1) x (kLabels+1); row kLabels = start, column = end
    uint32_t mask = 0;
    // Adds the weights of feature `key` to scores[0..kLabels).
    void add_weights(uint32_t key, int32_t* scores) const {
      uint32_t slot = (key * 0x9E3779B1u) & mask;
      for (;;) {
        uint32_t k = slot_keys[slot];
        if (k == key) {
          const int16_t* row = rows.data() + static_cast<size_t>(slot_rows[slot]) * ner::kLabels;
          for (int y = 0; y < ner::kLabels; ++y) scores[y] += row[y];
          return;
        }
        if (k == 0) return;
        slot = (slot + 1) & mask;
      }
    }
  };

  const std::vector<Stage>& stages() const { return stages_; }
  const ner::ClusterTable& clusters() const { return clusters_; }
  size_t feature_count() const;

 private:
  std::vector<Stage> stages_;
  ner::ClusterTable clusters_;
};

// The model compiled into the library (models/lede-ner.bin, see cmake/model.cmake).
const uint8_t* default_model_data();
size_t default_model_size();

// A name found by the tagger: words [first_token, end_token) of the document.
struct NameSpan {
  uint32_t first_token = 0;
  uint32_t end_token = 0;
  EntityType type = EntityType::MISC;
};

// Tags one document. words: its token texts (UTF-8); sentences: [first, end) ranges into words,
// in order, not overlapping. Names never cross a sentence boundary.
std::vector<NameSpan> tag_document(const TaggerModel& model, const std::vector<std::string_view>& words,
                                   const std::vector<std::pair<uint32_t, uint32_t>>& sentences);

// The same, returning the final BILOU label of every word (for the CoNLL output and tests).
std::vector<uint8_t> tag_document_labels(const TaggerModel& model,
                                         const std::vector<std::string_view>& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences);

// The tagger stage of the pipeline: the names in an analysed text as mentions (byte spans into
// text). A PERSON preceded by title words ("President", "Prime Minister", "Mr.") gets them as its
// title.
std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences, const TaggerModel& model);

}  // namespace lede
