// The named-entity tagger as a whole (tagger/tagger.{h,cpp}, mentions.cpp): whole documents decode
// to well-formed names, the conlleval-equivalent scorer, recall on the sample article's names and
// the CoNLL-2003 dev F1 of the embedded model. Each module has its own file: test_tagger_*.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "../eval/conll_score.h"
#include "lede/lede.h"
#include "support.h"
#include "tagger/tagger.h"
#include "tagger_models.h"
#include "text/segment.h"
#include "text/tokenize.h"

using namespace lede;
using namespace lede_test;

TEST_CASE("tagger: whole documents decode to well-formed names", "[tagger]") {
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  std::mt19937 rng(3);
  const char* vocabulary[] = {"The", "President", "Putin", "said", "New", "York", "Corp.", "\xE2\x80\x9C",
                              "\xE2\x80\x9D", "Ukraine", "'s", "of", "and", "KIEV", "Reuters", "-", "1996",
                              "Zelenskyy", "Bank", "\xFF\xFE", "", "U.S.", "European", "Union", "."};
  for (int trial = 0; trial < 300; ++trial) {
    size_t n = rng() % 60;
    std::vector<std::string_view> words;
    for (size_t i = 0; i < n; ++i) words.push_back(vocabulary[rng() % (sizeof vocabulary / sizeof *vocabulary)]);
    std::vector<std::pair<uint32_t, uint32_t>> sentences;
    for (uint32_t a = 0; a < n;) {
      uint32_t b = std::min<uint32_t>(static_cast<uint32_t>(n), a + 1 + static_cast<uint32_t>(rng() % 15));
      sentences.emplace_back(a, b);
      a = b;
    }
    auto labels = tag_document_labels(*model, words, sentences);
    REQUIRE(labels.size() == n);
    for (auto [a, b] : sentences) REQUIRE(sequence_allowed(labels.data() + a, b - a));
    for (const NameSpan& s : tag_document(*model, words, sentences)) {
      REQUIRE(s.first_token < s.end_token);
      REQUIRE(s.end_token <= n);
    }
  }
}

TEST_CASE("tagger: the scorer counts chunks as conlleval does (IOB1 gold, IOB2 guesses)", "[tagger]") {
  // Gold "I-PER I-PER" is one chunk, "I-LOC B-LOC" two; the guess gets the first and one LOC.
  eval::ConllScorer s;
  s.add_token("-DOCSTART-", "O", "O");
  s.add_boundary();
  s.add_token("Peter", "I-PER", "B-PER");
  s.add_token("Blackburn", "I-PER", "I-PER");
  s.add_token("in", "O", "O");
  s.add_token("Bonn", "I-LOC", "B-LOC");
  s.add_token("Cologne", "B-LOC", "I-LOC");
  s.add_token("and", "O", "O");
  s.add_token("Paris", "I-LOC", "B-LOC");
  s.add_boundary();
  s.finish();
  CHECK(s.total().gold == 4);
  CHECK(s.total().guessed == 3);
  CHECK(s.total().correct == 2);
  CHECK(s.tokens() == 8);
  CHECK(s.types().at("LOC").correct == 1);
  CHECK(s.report().find("FB1:  57.14") != std::string::npos);
}

TEST_CASE("tagger: names in the sample article are found with their type", "[tagger][data]") {
  std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the sample-article recall check is skipped");
    return;
  }
  std::string text = lede_test::read_file(data + "/seed/article.txt");
  nlohmann::json gold = nlohmann::json::parse(lede_test::read_file(data + "/seed/gold.json"));
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  // The tagger stage exactly as analyze() runs it, on the core's own tokens.
  std::vector<Token> tokens = tokenize(text);
  std::vector<Segment> paragraphs = find_paragraphs(text, tokens);
  std::vector<Segment> sentences = find_sentences(text, tokens, paragraphs);
  std::vector<Mention> mentions = find_mentions(text, tokens, sentences, *model);
  std::set<std::pair<std::string, std::string>> found;
  for (const Mention& m : mentions) {
    found.emplace(entity_type_name(m.type), text.substr(m.span.start, m.span.end - m.span.start));
  }
  // And what the whole analyzer reports, entity merging included (informational).
  auto analyzer = Analyzer::create(&error);
  REQUIRE(analyzer);
  Analysis analysis = analyzer->analyze(text);
  std::set<std::pair<std::string, std::string>> found_entities;
  for (const Entity& e : analysis.entities) {
    for (const Mention& m : e.mentions)
      found_entities.emplace(entity_type_name(e.type), text.substr(m.span.start, m.span.end - m.span.start));
  }

  int total = 0, hits = 0, entity_hits = 0;
  std::string missed;
  for (const auto& entry : gold["entities"]) {
    std::string type = entry[0], name = entry[1];
    if (type == "MISC") continue;
    ++total;
    // "For 'Downing Street', ORG or LOC are both accepted" (gold.json type_notes).
    auto ok = [&](const std::set<std::pair<std::string, std::string>>& set) {
      if (set.count({type, name})) return true;
      return name == "Downing Street" && (set.count({"ORG", name}) || set.count({"LOC", name}));
    };
    if (ok(found)) {
      ++hits;
    } else {
      missed += " " + type + ":" + name;
    }
    if (ok(found_entities)) ++entity_hits;
  }
  double recall = 100.0 * hits / total;
  WARN("sample article: tagger recall " << hits << "/" << total << " = " << recall << "% (missed:"
                                        << missed << "); after entity merging " << entity_hits << "/" << total);
  CHECK(recall >= 90.0);
}

TEST_CASE("tagger: short texts from issue 21 the model now types right", "[tagger]") {
  // Tried from outside by a new user (issue 21): famous bare surnames were typed LOC and ORG, two
  // capitalised words defaulted to PERSON. The model's name lists (WordNet's people and places)
  // and WikiGold's text now give these their types; the issue's other texts ("Nancy is in the
  // boat.", "Google said on Monday", "Eiffel Tower") it still gets wrong, so they are not here,
  // nor "Stalin ruled the Soviet Union.": one sentence with nothing else to go on, which models
  // trained with the default seed read as a place and those of seeds 2-6 as a person
  // (scripts/train-ner's Title Case headlines; models/MODEL.md). A sentence pasted alone that
  // opens with a surname gave no name, or Merkel as a place, until the training data had
  // one-sentence documents too (scripts/train-ner, 2026-12-06).
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  const std::pair<const char*, std::pair<const char*, const char*>> cases[] = {
      {"Nixon resigned in 1974.", {"PERSON", "Nixon"}},
      {"We visited Mount Vernon last year.", {"LOC", "Mount Vernon"}},
      {"Trump said the talks would continue.", {"PERSON", "Trump"}},
      {"Merkel said on Monday that the talks would continue.", {"PERSON", "Merkel"}},
      {"Pelosi told reporters the talks would continue.", {"PERSON", "Pelosi"}},
      {"Biden said: \"We will win.\"", {"PERSON", "Biden"}},
  };
  for (const auto& [text_c, want] : cases) {
    const std::string text = text_c;
    std::vector<Token> tokens = tokenize(text);
    std::vector<Segment> paragraphs = find_paragraphs(text, tokens);
    std::vector<Segment> sentences = find_sentences(text, tokens, paragraphs);
    std::set<std::pair<std::string, std::string>> found;
    for (const Mention& m : find_mentions(text, tokens, sentences, *model))
      found.emplace(entity_type_name(m.type), text.substr(m.span.start, m.span.end - m.span.start));
    INFO(text);
    CHECK(found.count({want.first, want.second}) == 1);
  }
}

TEST_CASE("analyzer: the project's sample article's town, people and company typed", "[tagger][entities]") {
  // Issue 21's acceptance: the town of samples/article.txt ("PORT ELLIS, Norland —", then "the
  // city council of Port Ellis") is a place, though the tagger reads its later mentions as ORG.
  const std::string text = lede_test::read_file(std::string(LEDE_SOURCE_DIR) + "/samples/article.txt");
  std::string error;
  auto analyzer = Analyzer::create(&error);
  REQUIRE(analyzer);
  std::map<std::string, std::string> type_of;
  for (const Entity& e : analyzer->analyze(text).entities) type_of[e.name] = entity_type_name(e.type);
  CHECK(type_of["Port Ellis"] == "LOC");
  CHECK(type_of["Norland"] == "LOC");
  CHECK(type_of["Helena Ruiz-Okafor"] == "PERSON");
  CHECK(type_of["Calloway Energy Ltd."] == "ORG");
}

TEST_CASE("tagger: CoNLL-2003 dev F1 with the embedded model", "[tagger][data]") {
  // Guards the features against drifting from the model (a lexicon or feature edit without
  // retraining shows up here); models/MODEL.md records the exact figure.
  std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the CoNLL dev check is skipped");
    return;
  }
  std::istringstream in(lede_test::read_file(data + "/conll2003/eng.testa"));
  std::string error;
  auto model = TaggerModel::load(default_model_data(), default_model_size(), &error);
  REQUIRE(model);
  eval::ConllScorer scorer;
  std::vector<std::string> words, gold;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
  auto flush = [&]() {
    std::vector<std::string_view> views(words.begin(), words.end());
    std::vector<uint8_t> labels = tag_document_labels(*model, views, sentences);
    for (auto [a, b] : sentences) {
      for (uint32_t i = a; i < b; ++i) {
        int y = labels[i];
        std::string tag = y == 0 ? "O"
                                 : std::string(ner::label_part(y) == ner::kPartB || ner::label_part(y) == ner::kPartU
                                                   ? "B-"
                                                   : "I-") +
                                       ner::type_name(ner::label_type(y));
        scorer.add_token(words[i], gold[i], tag);
      }
      scorer.add_boundary();
    }
    words.clear();
    gold.clear();
    sentences.clear();
  };
  uint32_t start = 0;
  for (std::string line; std::getline(in, line);) {
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string x; cols >> x;) c.push_back(x);
    if (c.empty()) {
      if (words.size() > start) sentences.emplace_back(start, static_cast<uint32_t>(words.size()));
      start = static_cast<uint32_t>(words.size());
      continue;
    }
    if (c[0] == "-DOCSTART-") {
      if (words.size() > start) sentences.emplace_back(start, static_cast<uint32_t>(words.size()));
      flush();
      start = 0;
      scorer.add_token(c[0], "O", "O");
      continue;
    }
    words.push_back(c[0]);
    gold.push_back(c.back());
  }
  if (words.size() > start) sentences.emplace_back(start, static_cast<uint32_t>(words.size()));
  flush();
  scorer.finish();
  double f1 = eval::ConllScorer::f1(scorer.total());
  WARN("CoNLL-2003 dev (eng.testa) F1 " << f1 << "\n" << scorer.report());
  CHECK(f1 >= 91.0);
}

TEST_CASE("analyzer: a dateline's place and region are places, the place's capitals whole", "[tagger][entities]") {
  std::string error;
  auto analyzer = Analyzer::create(&error);
  REQUIRE(analyzer);
  // Each text's mentions as "TYPE text".
  auto mentions = [&](const std::string& text) {
    std::vector<std::string> out;
    for (const Entity& e : analyzer->analyze(text).entities)
      for (const Mention& m : e.mentions)
        out.push_back(std::string(entity_type_name(e.type)) + " " + text.substr(m.span.start, m.span.end - m.span.start));
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  // A town no list knows, after a headline; one whose first word is a word ("PORT"), with an agency.
  const auto ellis = mentions("Council votes to close plant\n\nPORT ELLIS, Norland \xE2\x80\x94 The council voted.");
  CHECK(has(ellis, "LOC PORT ELLIS"));
  CHECK(has(ellis, "LOC Norland"));
  const auto huron = mentions("PORT HURON, Mich. (AP) \xE2\x80\x94 The council voted.");
  CHECK(has(huron, "LOC PORT HURON"));
  CHECK_FALSE(has(huron, "LOC HURON"));
  // Capitals and a comma without the dateline's dash, or a dateline past the first lines, are
  // left to the tagger: capitals no tagger reads as a place ("NEW RULES") are a place in a
  // dateline's position, and nothing in those two.
  CHECK(has(mentions("NEW RULES, Norland \xE2\x80\x94 The council voted."), "LOC NEW RULES"));
  const auto no_dash = mentions("NEW RULES, Norland and the council agreed.");
  CHECK_FALSE(has(no_dash, "LOC NEW RULES"));
  const auto late = mentions("One.\nTwo.\nThree.\nFour.\nNEW RULES, Norland \xE2\x80\x94 The council voted.");
  CHECK_FALSE(has(late, "LOC NEW RULES"));
}
