// Source selection (core/src/quotes/sources.h): the candidates around a cue, their features, and
// the ranking section of the attribution model deciding among them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "quote_fixture.h"
#include "quotes/cue_model.h"
#include "quotes/sources.h"

using lede_test::QuoteFixture;
namespace q = lede::quotes;

namespace {

// The site of a direct quotation "“…,” CUE …" whose content is the first sentence's quoted words.
q::SourceSite site_after_quote(const QuoteFixture& fx, const std::string& cue, q::Phrase rule) {
  q::SourceSite site;
  site.kind = lede::QuoteKind::direct;
  site.first = 1;
  site.end = fx.token("”") - 1;
  site.cue_first = fx.token(cue);
  site.cue_end = site.cue_first + 1;
  site.rule = rule;
  return site;
}

std::vector<std::string> texts(const QuoteFixture& fx, const std::vector<q::SourceCandidate>& all) {
  std::vector<std::string> out;
  for (const q::SourceCandidate& c : all) out.push_back(fx.between(c.phrase.first, c.phrase.end));
  return out;
}

// A model that weighs only the features candidate `want` has and no other (keys[i]: candidate
// i's features): that one wins.
std::unique_ptr<q::CueModel> model_preferring(const std::vector<std::vector<uint32_t>>& keys, size_t want,
                                              int32_t no_speaker_below = 0) {
  std::set<uint32_t> unique(keys[want].begin(), keys[want].end());
  for (size_t i = 0; i < keys.size(); ++i)
    if (i != want)
      for (uint32_t k : keys[i]) unique.erase(k);
  REQUIRE(!unique.empty());
  std::map<uint32_t, int32_t> weights;
  for (uint32_t k : unique) weights[k] = 100;
  if (no_speaker_below != 0) weights[q::no_speaker_key()] = no_speaker_below;
  std::vector<uint32_t> source_keys;
  std::vector<int32_t> source_weights;
  for (const auto& [k, w] : weights) {
    source_keys.push_back(k);
    source_weights.push_back(w);
  }
  const std::string file = q::write_cue_model({1}, {0}, {0}, source_keys, source_weights);
  std::string error;
  auto m = q::CueModel::load(reinterpret_cast<const uint8_t*>(file.data()), file.size(), &error);
  REQUIRE(m);
  return m;
}

}  // namespace

TEST_CASE("sources: the candidates of a cue, the pattern's phrase first", "[quotes][sources]") {
  QuoteFixture fx("“We will appeal,” said Ann Lee, the spokeswoman, after he left the hall.");
  fx.add_entity("Ann", "Lee", lede::EntityType::PERSON);
  const uint32_t ann = fx.token("Ann");
  const q::SourceSite site = site_after_quote(fx, "said", {ann, ann + 2});
  const std::vector<q::SourceCandidate> all = q::source_candidates(fx.ix(), site);
  const std::vector<std::string> got = texts(fx, all);
  REQUIRE(!got.empty());
  CHECK(got[0] == "Ann Lee");
  CHECK((all[0].origins & q::kFromRule) != 0);
  CHECK((all[0].origins & q::kFromEntity) != 0);  // proposed twice, kept once
  CHECK(std::count(got.begin(), got.end(), "Ann Lee") == 1);
  CHECK(std::find(got.begin(), got.end(), "he") != got.end());
  CHECK(std::find(got.begin(), got.end(), "the spokeswoman") != got.end());
  // Nothing from inside the quotation.
  for (const std::string& t : got) CHECK(t.find("We") == std::string::npos);
}

TEST_CASE("sources: the ranking section decides, the description gives way to the name beside it",
          "[quotes][sources]") {
  QuoteFixture fx("“We will appeal,” said Ann Lee, the spokeswoman, after he left the hall.");
  fx.add_entity("Ann", "Lee", lede::EntityType::PERSON);
  const uint32_t ann = fx.token("Ann");
  const q::SourceSite site = site_after_quote(fx, "said", {ann, ann + 2});
  const std::vector<q::SourceCandidate> all = q::source_candidates(fx.ix(), site);
  std::vector<std::vector<uint32_t>> keys(all.size());
  for (size_t i = 0; i < all.size(); ++i) q::source_features(fx.ix(), site, all, i, &keys[i]);
  // With a no-speaker threshold above its score, a common-noun phrase gives no speaker; a name
  // still speaks.
  auto model_for = [&](size_t want, int32_t no_speaker_below = 0) { return model_preferring(keys, want, no_speaker_below); };
  const std::vector<std::string> got = texts(fx, all);
  const size_t he = std::find(got.begin(), got.end(), "he") - got.begin();
  REQUIRE(he < all.size());
  CHECK(q::best_source(fx.ix(), site, all, *model_for(he)) == he);
  // "the spokeswoman" stands in apposition to Ann Lee: a reader is shown the name.
  const size_t description = std::find(got.begin(), got.end(), "the spokeswoman") - got.begin();
  REQUIRE(description < all.size());
  CHECK(got[q::best_source(fx.ix(), site, all, *model_for(description))] == "Ann Lee");
  const size_t hall = std::find(got.begin(), got.end(), "the hall") - got.begin();
  REQUIRE(hall < all.size());
  // The file stores int8 weights times a scale per section (cue_model.h), so the threshold is
  // set well above or below the sum of the candidate's weights (100 each), and the premise is
  // checked on the weights as loaded.
  const size_t unique_keys = model_for(hall)->source_size();
  const auto above = model_for(hall, static_cast<int32_t>(125 * unique_keys));
  REQUIRE(above->source_score({q::no_speaker_key()}) > above->source_score(keys[hall]));
  CHECK(q::best_source(fx.ix(), site, all, *above) == q::kNoSpeaker);
  const auto below = model_for(hall, static_cast<int32_t>(75 * unique_keys));
  REQUIRE(below->source_score({q::no_speaker_key()}) <= below->source_score(keys[hall]));
  CHECK(q::best_source(fx.ix(), site, all, *below) == hall);
  const size_t name = std::find(got.begin(), got.end(), "Ann Lee") - got.begin();
  CHECK(q::best_source(fx.ix(), site, all, *model_for(name, 1000000)) == name);
}

TEST_CASE("sources: the embedded model carries a trained ranking section", "[quotes][sources]") {
  std::string error;
  const q::CueModel* model = q::CueModel::embedded(&error);
  REQUIRE(model);
  CHECK(model->ranks_sources());
  CHECK(model->source_size() > 1000);  // scripts/train-attribution keeps a few thousand features
}

TEST_CASE("sources: a name before a role and a person is the person's employer, not the speaker",
          "[quotes][sources]") {
  // The ranking may prefer the first name of "Clinton campaign manager Robby Mook"; the person the
  // phrase is headed by speaks ("press", a cue verb's base form, is a noun there). A verb between
  // the two ("Cruz told campaign manager Mike Gallagher") keeps the first.
  struct Case {
    std::string sentence, cue, chosen_first, chosen_last, person_first, person_last, shown;
  };
  const Case cases[] = {
      {"“We will win,” said Clinton campaign manager Robby Mook on Monday.", "said", "Clinton", "Clinton", "Robby",
       "Mook", "Robby Mook"},
      {"“We will see,” said White House press secretary Josh Earnest on Monday.", "said", "White", "House", "Josh",
       "Earnest", "Josh Earnest"},
      {"“We will win,” Cruz told campaign manager Mike Gallagher on Monday.", "told", "Cruz", "Cruz", "Mike",
       "Gallagher", "Cruz"},
  };
  for (const Case& c : cases) {
    INFO(c.sentence);
    QuoteFixture fx(c.sentence);
    const uint32_t first = fx.token(c.chosen_first);
    fx.add_entity(c.chosen_first, c.chosen_last, lede::EntityType::PERSON);
    fx.add_entity(c.person_first, c.person_last, lede::EntityType::PERSON);
    const q::SourceSite site = site_after_quote(fx, c.cue, {first, fx.token(c.chosen_last) + 1});
    const std::vector<q::SourceCandidate> all = q::source_candidates(fx.ix(), site);
    std::vector<std::vector<uint32_t>> keys(all.size());
    for (size_t i = 0; i < all.size(); ++i) q::source_features(fx.ix(), site, all, i, &keys[i]);
    const std::vector<std::string> got = texts(fx, all);
    const std::string chosen = fx.between(first, fx.token(c.chosen_last) + 1);
    const size_t want = std::find(got.begin(), got.end(), chosen) - got.begin();
    REQUIRE(want < all.size());
    const size_t best = q::best_source(fx.ix(), site, all, *model_preferring(keys, want));
    REQUIRE(best < all.size());
    CHECK(got[best] == c.shown);
  }
}
