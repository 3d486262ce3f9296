// lede-explain-tagger's explanation (eval/tagger/tagger_explain.h): its part-by-part sums add up
// to the scores the tagger computes, and its labels are the tagger's.
#include <catch2/catch.hpp>

#include "support.h"
#include "tagger/document_features.h"
#include "tagger/tagger.h"
#include "tagger/words.h"
#include "tagger_explain.h"
#include "tagger_models.h"
#include "text/segment.h"
#include "text/tokenize.h"

using namespace lede;

TEST_CASE("tagger explanation: the parts add up to the tagger's scores and labels", "[tagger]") {
  std::string error;
  auto default_model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(default_model);
  const std::vector<std::string> texts = {
      lede_test::read_file(std::string(LEDE_SOURCE_DIR) + "/samples/article.txt"),
      "Trump said the talks would continue.",
      "The floods hit Leeds, Newcastle and Liverpool. \xE2\x80\x9CWe will rebuild,\xE2\x80\x9D said Mayor Jane Smith.",
      "",
      "no capitals at all here",
  };
  // Each text's tokens and sentences, as the pipeline finds them.
  struct Document {
    std::vector<Token> tokens;
    std::vector<std::pair<uint32_t, uint32_t>> ranges;
  };
  std::vector<Document> documents;
  for (const std::string& text : texts) {
    Document& d = documents.emplace_back();
    d.tokens = tokenize(text);
    for (const Segment& s : find_sentences(text, d.tokens, find_paragraphs(text, d.tokens)))
      d.ranges.emplace_back(s.first_token, s.end_token);
  }
  // A model of one stage (no stage-2 rows) with random weights on the texts' own stage-1 keys.
  std::vector<uint32_t> keys;
  for (size_t k = 0; k < texts.size(); ++k) {
    ner::DocumentFeatures f;
    f.build(ner::Words(texts[k], documents[k].tokens), documents[k].ranges, &ner::ClusterTable::none());
    for (size_t i = 0; i < documents[k].tokens.size(); ++i) keys.insert(keys.end(), f.stage1_begin(i), f.stage1_end(i));
  }
  auto one_stage = lede_test::random_model(keys, 5);
  REQUIRE(one_stage);
  REQUIRE(one_stage->stage_count() == 1);
  for (const TaggerModel* model : {default_model.get(), one_stage.get()}) {
    const int S = model->stage_count();
    constexpr int L = ner::kLabels;
    for (size_t k = 0; k < texts.size(); ++k) {
      const std::string& text = texts[k];
      const auto& [tokens, ranges] = documents[k];
      const ner::Words words(text, tokens);
      const std::vector<int32_t> scores = tag_document_scores(*model, words, ranges);
      const std::vector<uint8_t> labels = tag_document_labels(*model, words, ranges);
      const auto explained = eval::explain_tagging(*model, text);
      const size_t n = tokens.size();
      REQUIRE(explained.size() == n);
      size_t named = 0, mismatches = 0;
      for (size_t i = 0; i < n; ++i) {
        const eval::TokenExplanation& t = explained[i];
        for (int y = 0; y < L; ++y) {
          int32_t stage1 = 0, stage2_part = 0;
          for (int part = 0; part < eval::kExplainedParts; ++part) {
            stage1 += t.stage1[part][y];
            stage2_part += t.stage2_part[part][y];
          }
          mismatches += stage1 != scores[i * S * L + y];
          if (S == 2) {
            mismatches += stage2_part != scores[i * S * L + L + y];
            mismatches += t.stage2[y] != scores[(n + i) * S * L + y];
          }
        }
        mismatches += t.label != labels[i];
        named += t.label != 0;
      }
      INFO("model of " << S << " stages, text of " << n << " tokens");
      CHECK(mismatches == 0);
      if (n > 0 && text[0] != 'n') CHECK(named > 0);
    }
  }
  // Without the name lists only the context part (where list matches are keys) changes, and it
  // loses keys over a listed name.
  const auto listed = eval::explain_tagging(*default_model, "Floods hit Brisbane and Leeds.");
  const auto unlisted = eval::explain_tagging(*default_model, "Floods hit Brisbane and Leeds.", /*lists=*/false);
  REQUIRE(listed.size() == unlisted.size());
  int fewer = 0;
  for (size_t i = 0; i < listed.size(); ++i) {
    for (int part = 0; part + 1 < eval::kExplainedParts; ++part) {
      CHECK(listed[i].stage1[part] == unlisted[i].stage1[part]);
      CHECK(listed[i].keys[part] == unlisted[i].keys[part]);
    }
    CHECK(unlisted[i].keys[6] <= listed[i].keys[6]);
    fewer += unlisted[i].keys[6] < listed[i].keys[6];
  }
  CHECK(std::string(eval::part_name(6)) == "context");
  CHECK(fewer >= 2);  // Brisbane, Leeds
  // The words as the explanation prints them.
  const auto trump = eval::explain_tagging(*default_model, "Trump said.");
  REQUIRE(trump.size() == 3);
  CHECK(trump[0].word == "Trump");
  CHECK(trump[2].word == ".");
  CHECK(eval::label_name(0) == "O");
  CHECK(eval::label_name(ner::label_of(1, ner::kPartU)) == "U-ORG");
  CHECK(eval::label_name(ner::label_of(3, ner::kPartB)) == "B-MISC");
}
