// lede-train's name lists (--gazetteer, and names learnt from the training data): read, keyed the
// way the tagger matches them (tagger/gazetteer.h), and jackknifed so that a training document's
// features never see the names only its own annotation taught.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tagger/document_features.h"
#include "tagger/gazetteer.h"

namespace lede_train {

// The key of a phrase of words, as DocumentFeatures::match_lists computes it at run time.
uint32_t phrase_key(lede::ner::DocumentFeatures* features, const std::vector<std::string_view>& words);

struct NameLists {
  std::vector<std::string> names;                      // list names, in bit order
  std::vector<std::pair<uint32_t, int>> entries;       // (phrase key, list)
  std::vector<size_t> sizes;                           // entries per list
};

// Reads "list<TAB>phrase" lines (tools/gazetteer_lists.py), words separated by spaces; lists take
// bits in the order they first appear. False with *error on an unreadable file, a line without a
// tab, or more than Gazetteer::kMaxLists lists.
bool read_name_lists(const std::string& path, NameLists* out, std::string* error);

// A phrase seen as a name in the training data, with how often as each type.
struct TrainedName {
  uint32_t key;
  uint32_t document;  // index of a document it was seen in (for the jackknife)
  int type;
};

// A list the model learns from the training data: the names seen as `type` (mostly, at least
// min_count times), and the phrases of the lists numbered in `also`, in every fold: a kind of name
// the training data has few of (companies) then shares the weights its own names teach.
struct TrainedList {
  std::string name;
  int type = 0;
  std::vector<int> also;
};

// The gazetteer of the lists plus each trained list, from the training documents whose index
// modulo `folds` is not `fold` (fold == folds: all of them); keeping the top `key_bits` bits of the
// keys, as the model will (Gazetteer::set_lists).
lede::ner::Gazetteer fold_gazetteer(const NameLists& lists, const std::vector<TrainedList>& trained_lists,
                                    const std::vector<TrainedName>& trained, int min_count, int folds, int fold,
                                    int key_bits);

}  // namespace lede_train
