// lede-train's name lists: reading them, keying phrases, and each jackknife fold's gazetteer.
#include "name_lists.h"

#include <array>
#include <fstream>
#include <unordered_map>

#include "tagger/labels.h"

namespace lede_train {

using lede::ner::Gazetteer;

uint32_t phrase_key(lede::ner::DocumentFeatures* features, const std::vector<std::string_view>& words) {
  uint64_t h = Gazetteer::kSeed;
  for (std::string_view w : words) h = Gazetteer::extend(h, features->word_info(w, nullptr).lower);
  return Gazetteer::key(h);
}

bool read_name_lists(const std::string& path, NameLists* out, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read \"" + path + "\"";
    return false;
  }
  lede::ner::DocumentFeatures features;
  std::string line;
  std::vector<std::string_view> words;
  for (long line_no = 1; std::getline(in, line); ++line_no) {
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      *error = path + ":" + std::to_string(line_no) + ": expected \"list<TAB>phrase\"";
      return false;
    }
    std::string name = line.substr(0, tab);
    int list = 0;
    while (list < static_cast<int>(out->names.size()) && out->names[list] != name) ++list;
    if (list == static_cast<int>(out->names.size())) {
      if (list >= Gazetteer::kMaxLists) {  // the names learnt from training need bits too (lede-train)
        *error = path + ":" + std::to_string(line_no) + ": more than " + std::to_string(Gazetteer::kMaxLists) +
                 " lists";
        return false;
      }
      out->names.push_back(name);
      out->sizes.push_back(0);
    }
    words.clear();
    std::string_view phrase = std::string_view(line).substr(tab + 1);
    for (size_t a = 0; a < phrase.size();) {
      size_t b = phrase.find(' ', a);
      if (b == std::string_view::npos) b = phrase.size();
      if (b > a) words.push_back(phrase.substr(a, b - a));
      a = b + 1;
    }
    if (words.empty() || words.size() > static_cast<size_t>(Gazetteer::kMaxWords)) continue;
    out->entries.emplace_back(phrase_key(&features, words), list);
    ++out->sizes[list];
  }
  return true;
}

Gazetteer fold_gazetteer(const NameLists& lists, const std::vector<TrainedList>& trained_lists,
                         const std::vector<TrainedName>& trained, int min_count, int folds, int fold,
                         int key_bits) {
  Gazetteer g;
  std::vector<std::string> names = lists.names;
  for (const TrainedList& t : trained_lists) names.push_back(t.name);
  g.set_lists(names, key_bits);
  for (const auto& [key, list] : lists.entries) g.add(key, list);
  std::unordered_map<uint32_t, std::array<int, lede::ner::kTypes>> counts;
  for (const TrainedName& t : trained) {
    if (fold < folds && static_cast<int>(t.document % static_cast<uint32_t>(folds)) == fold) continue;
    counts[t.key][static_cast<size_t>(t.type)] += 1;
  }
  for (size_t k = 0; k < trained_lists.size(); ++k) {
    const int bit = static_cast<int>(lists.names.size() + k), type = trained_lists[k].type;
    for (const auto& [key, list] : lists.entries)
      for (int a : trained_lists[k].also)
        if (list == a) g.add(key, bit);
    for (const auto& [key, c] : counts) {
      int total = 0;
      for (int n : c) total += n;
      if (c[static_cast<size_t>(type)] >= min_count && 2 * c[static_cast<size_t>(type)] > total) g.add(key, bit);
    }
  }
  return g;
}

}  // namespace lede_train
