// The tagger's labels and words (tagger/labels.h, word_forms.h, word_facts.h): spans to BILOU
// labels and back, the normalised and lower-cased forms features are computed from, and a word's
// facts (capitalisation class, length, cluster).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "tagger/labels.h"
#include "tagger/word_facts.h"
#include "tagger/word_forms.h"

using namespace lede;

TEST_CASE("tagger: spans become BILOU labels and back", "[tagger]") {
  const std::vector<ner::LabelSpan> spans = {{1, 2, 0}, {3, 6, 2}, {6, 8, 3}};
  std::vector<uint8_t> labels(9, 0);
  ner::spans_to_labels(spans, 0, labels.data());
  const std::vector<uint8_t> expected = {0,
                                         ner::label_of(0, ner::kPartU),
                                         0,
                                         ner::label_of(2, ner::kPartB),
                                         ner::label_of(2, ner::kPartI),
                                         ner::label_of(2, ner::kPartL),
                                         ner::label_of(3, ner::kPartB),
                                         ner::label_of(3, ner::kPartL),
                                         0};
  CHECK(labels == expected);
  std::vector<ner::LabelSpan> back;
  ner::labels_to_spans(labels.data(), labels.size(), 10, &back);  // offset: positions in a document
  REQUIRE(back.size() == spans.size());
  for (size_t k = 0; k < spans.size(); ++k) {
    CHECK(back[k].first == spans[k].first + 10);
    CHECK(back[k].end == spans[k].end + 10);
    CHECK(back[k].type == spans[k].type);
  }
  // Ill-formed sequences (the trainer's gold may have them) still give spans: a name broken off
  // by another type's label ends there; labels past the last one are skipped.
  const std::vector<uint8_t> broken = {ner::label_of(1, ner::kPartB), ner::label_of(0, ner::kPartI),
                                       ner::label_of(0, ner::kPartL), ner::kLabels + 3};
  back.clear();
  ner::labels_to_spans(broken.data(), broken.size(), 0, &back);
  REQUIRE(back.size() == 2);
  CHECK((back[0].first == 0 && back[0].end == 1 && back[0].type == 1));
  CHECK((back[1].first == 1 && back[1].end == 3 && back[1].type == 0));
  CHECK(std::string(ner::type_name(2)) == "LOC");
  CHECK(std::string(ner::type_name(-1)) == "O");
}

TEST_CASE("tagger: news typography is normalised to CoNLL's ASCII, then lower-cased", "[tagger]") {
  auto normalized = [](const std::string& word) {
    std::string out;
    ner::normalize_word(word, &out);
    return out;
  };
  CHECK(normalized("\xE2\x80\x9CWe") == "\"We");            // “
  CHECK(normalized("Putin\xE2\x80\x99s") == "Putin's");      // ’
  CHECK(normalized("``") == "\"");
  CHECK(normalized("''") == "\"");
  CHECK(normalized("1990\xE2\x80\x93" "91") == "1990-91");   // en dash
  CHECK(normalized("\xE2\x80\x94") == "-");                  // em dash
  CHECK(normalized("\xE2\x80\xA6") == "...");                // …
  CHECK(normalized("Z\xC3\xBCrich") == "Z\xC3\xBCrich");     // other letters as they are
  auto lowered = [](const std::string& word) {
    std::string out;
    ner::lower_word(word, &out);
    return out;
  };
  CHECK(lowered("NATO's") == "nato's");
  CHECK(lowered("\xC3\x89" "COLE") == "\xC3\xA9" "cole");   // ÉCOLE: case folding beyond ASCII
  CHECK(lowered("E\xCC\x81") == "\xC3\xA9");                 // E + combining acute: composed (NFC)
  std::string appended = "x";
  ner::lower_word("AB", &appended);
  CHECK(appended == "xab");  // appends
}

TEST_CASE("tagger: a word's facts: capitalisation class, length and cluster", "[tagger]") {
  ner::WordFacts facts;
  ner::ClusterTable clusters;
  clusters.entries = {{ner::cluster_word_hash("putin"), 0b10110}, {ner::cluster_word_hash("0000"), 0b111}};
  std::sort(clusters.entries.begin(), clusters.entries.end());
  auto info = [&](const std::string& word) {
    ner::WordInfo w;
    facts.compute(word, &clusters, &w, nullptr);
    return w;
  };
  CHECK(info("Putin").cap == ner::kCapInitial);
  CHECK(info("NATO").cap == ner::kCapAll);
  CHECK(info("iPhone").cap == ner::kCapMixed);
  CHECK(info("A").cap == ner::kCapSingle);
  CHECK(info("said").cap == ner::kCapLower);
  CHECK(info("1996").cap == ner::kCapDigit);
  CHECK(info(".").cap == ner::kCapNone);
  CHECK(info("Z\xC3\xBCrich").length == 6);  // code points, not bytes
  CHECK(info("Donaudampfschifffahrtsgesellschaft").length == 15);  // capped
  // The cluster of the lower-cased word, digits as 0; the forms hashed apart from case.
  CHECK(info("PUTIN").cluster == 0b10110);
  CHECK(info("1996").cluster == 0b111);
  CHECK(info("Merkel").cluster == 0);
  CHECK(info("Putin").lower == info("PUTIN").lower);
  CHECK(info("Putin").form != info("PUTIN").form);
  CHECK(info("Putin").short_shape == info("Merkel").short_shape);  // Xx, runs collapsed
  // What only the word's own keys use: its prefixes and suffixes differ with the word.
  ner::WordInfo w;
  ner::SelfFacts a, b;
  facts.compute("Putin", &clusters, &w, &a);
  facts.compute("Putins", &clusters, &w, &b);
  CHECK(a.prefix[3] == b.prefix[3]);
  CHECK(a.suffix[0] != b.suffix[0]);
}
