// lede-train's lists learnt from the training data (trainer/name_lists.h): each type's list holds
// the names seen mostly as that type in the other folds' documents, and the phrases of the name
// lists that join it in every fold.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "name_lists.h"
#include "tagger/document_features.h"

using lede::ner::Gazetteer;
using lede_train::TrainedList;
using lede_train::TrainedName;

namespace {

uint32_t key_of(const std::vector<std::string_view>& words) {
  lede::ner::DocumentFeatures features;
  return lede_train::phrase_key(&features, words);
}

}  // namespace

TEST_CASE("name lists: a trained list holds the other folds' names of its type and the lists it is given",
          "[trainer]") {
  lede_train::NameLists lists;
  lists.names = {"company", "city"};
  lists.sizes = {1, 1};
  const uint32_t google = key_of({"Google"}), paris = key_of({"Paris"});
  lists.entries = {{google, 0}, {paris, 1}};
  const uint32_t acme = key_of({"Acme", "Corp"}), ford = key_of({"Ford"}), lone = key_of({"Zog"});
  constexpr int kPer = 0, kOrg = 1, kLoc = 2;
  const std::vector<TrainedName> names = {
      {acme, 0, kOrg}, {acme, 5, kOrg},                  // documents 0 and 5: both in fold 0 of 5
      {ford, 1, kPer}, {ford, 2, kPer}, {ford, 3, kOrg},  // mostly a person
      {lone, 4, kOrg},                                    // seen once
  };
  const std::vector<TrainedList> trained = {{"trained-org", kOrg, {0}}, {"trained-loc", kLoc, {1}},
                                            {"trained-per", kPer, {}}};
  constexpr int kFolds = 5, kOrgBit = 1 << 2, kLocBit = 1 << 3, kPerBit = 1 << 4;
  for (int fold = 0; fold <= kFolds; ++fold) {
    INFO("fold " << fold);
    const Gazetteer g = lede_train::fold_gazetteer(lists, trained, names, /*min_count=*/2, kFolds, fold, 32);
    REQUIRE(g.lists() == std::vector<std::string>{"company", "city", "trained-org", "trained-loc", "trained-per"});
    // The lists that join a trained list do so in every fold, beside their own bit.
    CHECK(g.lookup(google) == (1 | kOrgBit));
    CHECK(g.lookup(paris) == (2 | kLocBit));
    // A name is learnt only from the documents outside the fold (fold kFolds: all of them).
    CHECK(g.lookup(acme) == (fold == 0 ? 0 : kOrgBit));
    // Ford: twice a person, once an organisation; in folds 1 and 2 once each, neither twice.
    CHECK(g.lookup(ford) == (fold == 1 || fold == 2 ? 0 : kPerBit));
    CHECK(g.lookup(lone) == 0);
  }
}
