// Entity-level speaker accuracy for lede-polnear-eval: a matched gold attribution's Source has a
// referent in the reference file (eval/polnear/dev-referents.tsv); the prediction is right when
// the entity lede shows as its speaker is that referent (polnear::speaker_is). Sources that denote
// no single entity are counted apart, and every figure is also broken down by the Source's kind
// (name, pronoun, nominal, ...), which is where the errors are.
#pragma once

#include <cstdio>
#include <map>
#include <string>

#include "lede/lede.h"
#include "polnear_gold.h"
#include "polnear_referents.h"

namespace polnear {

class EntityLevel {
 public:
  // Loads the reference; false (with *error) when the file exists but is malformed. A missing
  // file is not an error: the split has no reference and print() says so.
  bool load(const std::string& path, std::string* error) {
    std::string content;
    path_ = path;
    if (!read_file(path, &content)) return true;
    if (!parse_reference(content, &ref_, error)) {
      *error = path + ": " + *error;
      return false;
    }
    loaded_ = true;
    return true;
  }

  // Scores one matched gold attribution (with a Source) of annotation file `stem` against the
  // prediction `q`: right or wrong at the entity level, or not scored (no reference, or a source
  // that denotes no single entity).
  enum class Verdict { right, wrong, unscored };
  Verdict score(const std::string& stem, const GoldAttribution& g, const lede::Analysis& a, const lede::Quote& q,
             bool quoted, std::string* why) {
    if (!loaded_) return Verdict::unscored;
    Tally& t = quoted ? direct_ : reported_;
    auto r = ref_.referents.find({stem, g.source_id});
    if (r == ref_.referents.end()) {
      ++t.missing;
      return Verdict::unscored;
    }
    const Referent& ref = r->second;
    if (ref.no_entity()) {
      ++t.no_entity;
      return Verdict::unscored;
    }
    const std::string article = stem.substr(0, stem.rfind('_'));
    bool right = speaker_is(a, q, ref_.forms[article][ref.key]);
    Kind& k = t.by_category[ref.category];
    ++t.total;
    ++k.total;
    if (right) {
      ++t.right;
      ++k.right;
    } else {
      const lede::Entity* e = speaker_entity(a, q);
      *why = "referent \"" + ref.key + "\" (" + ref.category + "), shown \"" +
             (e ? e->name : q.has_speaker ? q.speaker.name + "\" (no entity" : std::string("(none)")) + "\"";
    }
    return right ? Verdict::right : Verdict::wrong;
  }

  void print(const char* split) const {
    if (!loaded_) {
      std::printf("entity level: no reference for %s (%s not found; only dev has one)\n", split, path_.c_str());
      return;
    }
    print_tally("direct", direct_);
    print_tally("indirect", reported_);
  }

 private:
  struct Kind {
    size_t total = 0, right = 0;
  };
  struct Tally {
    size_t total = 0, right = 0, no_entity = 0, missing = 0;
    std::map<std::string, Kind> by_category;
  };

  static double pct(size_t a, size_t b) { return b ? 100.0 * a / b : 0; }

  static void print_tally(const char* name, const Tally& t) {
    std::printf("%-9s entity-level speaker accuracy %5.1f%% (%zu/%zu); no single entity: %zu left out", name,
                pct(t.right, t.total), t.right, t.total, t.no_entity);
    if (t.missing) std::printf("; %zu sources without a reference entry", t.missing);
    std::printf("\n          by source:");
    for (const auto& [category, k] : t.by_category)
      std::printf(" %s %.1f%% (%zu/%zu)", category.c_str(), pct(k.right, k.total), k.right, k.total);
    std::printf("\n");
  }

  std::string path_;
  bool loaded_ = false;
  Reference ref_;
  Tally direct_, reported_;
};

}  // namespace polnear
