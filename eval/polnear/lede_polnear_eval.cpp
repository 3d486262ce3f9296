// lede-polnear-eval: scores lede's quotations and speakers against PolNeAR's brat attributions.
//
//   lede-polnear-eval [--data DIR] [--split dev|train] [--referents FILE] [--verbose] [--limit N]
//
// DIR defaults to $LEDE_DATA/polnear, else <repo>/../shared/data/polnear. For each article in
// DIR/SPLIT/attributions/*.ann (text in DIR/SPLIT/text/, the file name without its annotator
// suffix) it runs the full analysis and prints:
// - direct quotations: gold = attributions whose Content contains a quotation mark, or that are a
//   transcript's turn (Source a label in capitals, Cue the colon after it: verbatim words that
//   PolNeAR's Content leaves without marks); predicted = quotes of kind direct or partial. A
//   prediction matches when its span overlaps the Content. Precision = matched predictions /
//   predictions; recall = matched gold / gold. Each gold attribution takes one prediction as its
//   match, the one overlapping its Content most (on a tie the shorter: polnear::better_match);
//   "taken" counts the predictions some gold attribution takes, the strict view of precision.
// - speaker accuracy on matched gold direct quotations that have a Source: right when the
//   predicted speaker mention overlaps the Source span, or the resolved entity's name or aliases
//   carry the Source's head word (its last word), or the Source is a relative pronoun ("who") and
//   the predicted mention ends right before it (its antecedent: the person lede names), or (where
//   the split has a reference, FILE below) the Source denotes the entity lede shows: PolNeAR
//   annotates one mention of the speaker ("he"), lede names another ("Trump"); counted apart too.
// - the same three figures for indirect attributions (the others) against
//   quotes of kind indirect.
// - entity-level speaker accuracy, direct and indirect, on the same matched attributions: right
//   when the entity lede shows as the speaker is the Source's referent in FILE (default
//   eval/polnear/SPLIT-referents.tsv; only dev has one), sources that denote no single entity left
//   out and counted (entity_level.h; conventions in eval/polnear/README.md).
// Brat offsets count code points; lede's spans are UTF-8 bytes, converted here.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "lede/lede.h"
#include "entity_level.h"
#include "polnear_gold.h"

namespace fs = std::filesystem;
using polnear::GoldAttribution;
using polnear::Range;
using polnear::code_point_offsets;
using polnear::overlaps;
using polnear::parse_ann;
using polnear::read_file;

namespace {

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The Source's head word: its last alphanumeric word, lower-cased ("trump" of "Donald Trump").
std::string head_word(const std::string& source) {
  // The name before an appositive or a parenthesis: "Minyon Moore, a senior adviser," and
  // "Sen. Claire McCaskill (D-Mo.)" are headed by Moore and McCaskill.
  std::string s = source.substr(0, source.find_first_of(",("));
  while (!s.empty() && s.back() == ' ') s.pop_back();
  if (s.empty()) s = source;
  for (const char* suffix : {"'s", "\xE2\x80\x99s"}) {
    size_t n = std::strlen(suffix);
    if (s.size() > n && s.compare(s.size() - n, n, suffix) == 0) s.resize(s.size() - n);
  }
  size_t e = s.size();
  while (e > 0 && !std::isalnum(static_cast<unsigned char>(s[e - 1])) && static_cast<unsigned char>(s[e - 1]) < 0x80) --e;
  size_t b = e;
  while (b > 0 && (std::isalnum(static_cast<unsigned char>(s[b - 1])) || static_cast<unsigned char>(s[b - 1]) >= 0x80)) --b;
  return lower(s.substr(b, e - b));
}

// PolNeAR annotates a relative pronoun as the Source ("Trump, who said …"); lede names the
// person it stands for. A predicted mention ending at most three code points before a Source
// that is only "who", "which" or "that" (", " between them) is that antecedent.
bool antecedent_of_relative(const GoldAttribution& g, uint32_t mention_end) {
  const std::string s = lower(g.source_text);
  if (g.source.size() != 1 || (s != "who" && s != "which" && s != "that")) return false;
  return mention_end <= g.source[0].start && g.source[0].start - mention_end <= 3;
}

bool carries_word(const std::string& name, const std::string& word) {
  if (word.empty()) return false;
  std::string n = lower(name);
  size_t at = 0;
  while ((at = n.find(word, at)) != std::string::npos) {
    bool left = at == 0 || !std::isalnum(static_cast<unsigned char>(n[at - 1]));
    size_t r = at + word.size();
    bool right = r >= n.size() || !std::isalnum(static_cast<unsigned char>(n[r]));
    if (left && right) return true;
    ++at;
  }
  return false;
}

// Mention-level speaker check: the predicted speaker mention overlaps the Source, or is the
// antecedent of a relative-pronoun Source, or the resolved entity carries the Source's head word.
bool speaker_matches(const GoldAttribution& g, const lede::Analysis& a, const lede::Quote& q,
                     const std::vector<uint32_t>& cp) {
  if (!q.has_speaker) return false;
  if (q.speaker.has_mention && overlaps(g.source, cp[q.speaker.mention.start], cp[q.speaker.mention.end]))
    return true;
  if (q.speaker.has_mention && antecedent_of_relative(g, cp[q.speaker.mention.end])) return true;
  const std::string head = head_word(g.source_text);
  if (q.speaker.entity == lede::Speaker::kNoEntity || q.speaker.entity >= a.entities.size()) return false;
  const lede::Entity& ent = a.entities[q.speaker.entity];
  if (carries_word(ent.name, head)) return true;
  for (const std::string& alias : ent.aliases)
    if (carries_word(alias, head)) return true;
  return false;
}

// Why a matched attribution's speaker is wrong at the mention level (--verbose), so that errors
// of the evaluation's conventions are counted apart from lede's own. Conventions: "two
// attributions" (the prediction overlaps another gold attribution too, whose Source lede
// names: nested or adjacent statements one predicted clause spans).
// lede's errors: "no speaker", "source in another sentence" (the Source is outside the
// sentences of the clause and its cue), "speaker inside content" (lede's speaker is within the
// gold Content: the inner of two nested statements), "other cue" (lede's cue is not the gold
// Cue: the clause is attributed to another word of the sentence), "source before cue" /
// "source after cue" (the right cue, another candidate of the sentence chosen).
const char* error_cause(const GoldAttribution& g, const std::vector<const GoldAttribution*>& golds,
                        const lede::Analysis& a, const lede::Quote& q, const std::vector<uint32_t>& cp) {
  const uint32_t s = cp[q.span.start], e = cp[q.span.end];
  for (const GoldAttribution* other : golds)
    if (other != &g && overlaps(other->content, s, e) && !other->source.empty() &&
        speaker_matches(*other, a, q, cp))
      return "two attributions";
  if (!q.has_speaker) return "no speaker";
  bool in_sentence = false;
  for (const lede::Segment& sent : a.sentences) {
    const uint32_t ss = cp[sent.span.start], se = cp[sent.span.end];
    const bool holds_clause = ss < e && s < se;
    const bool holds_cue = q.has_cue && ss < cp[q.cue.end] && cp[q.cue.start] < se;
    if ((holds_clause || holds_cue) && overlaps(g.source, ss, se)) in_sentence = true;
  }
  if (!in_sentence) return "source in another sentence";
  if (q.has_cue && !g.cue.empty() && !overlaps(g.cue, cp[q.cue.start], cp[q.cue.end])) return "other cue";
  if (q.speaker.has_mention && overlaps(g.content, cp[q.speaker.mention.start], cp[q.speaker.mention.end]))
    return "speaker inside content";
  const uint32_t cue_at = q.has_cue ? cp[q.cue.start] : s;
  return !g.source.empty() && g.source[0].start < cue_at ? "source before cue" : "source after cue";
}

struct Counts {
  size_t gold = 0, gold_matched = 0, predicted = 0, predicted_matched = 0;
  size_t predicted_taken = 0;  // predictions that some gold attribution takes as its match
  size_t speaker_total = 0, speaker_right = 0;
  size_t speaker_by_referent = 0;  // of speaker_right: the Source's referent, at another mention
  std::map<std::string, size_t> causes;  // speaker errors by cause (--verbose)
  void print(const char* name) const {
    double p = predicted ? 100.0 * predicted_matched / predicted : 0;
    double r = gold ? 100.0 * gold_matched / gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double s = speaker_total ? 100.0 * speaker_right / speaker_total : 0;
    std::printf("%-9s gold %5zu  predicted %5zu  precision %5.1f%%  recall %5.1f%%  F1 %5.1f%%  "
                "speaker accuracy %5.1f%% (%zu/%zu)\n",
                name, gold, predicted, p, r, f, s, speaker_right, speaker_total);
  }
  // The strict view of precision: a prediction overlapping a gold Content that another
  // prediction fits better is matched above, but is no gold attribution's match.
  void print_taken(const char* name) const {
    std::printf("%-9s predictions taken as a gold attribution's match: %zu of %zu (%.1f%%); speakers right by the "
                "reference's referent: %zu\n",
                name, predicted_taken, predicted, predicted ? 100.0 * predicted_taken / predicted : 0.0,
                speaker_by_referent);
  }
  void print_causes(const char* name) const {
    if (causes.empty()) return;
    std::printf("%-9s speaker errors by cause:", name);
    for (const auto& [cause, n] : causes) std::printf(" %s %zu;", cause.c_str(), n);
    std::printf("\n");
  }
};

struct Options {
  std::string data, split = "dev", referents;
  bool verbose = false;
  size_t limit = SIZE_MAX;
};

// Fills *o from the command line; returns -1 to go on, else the exit code (help, a bad argument).
int parse_options(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data" && i + 1 < argc) o->data = argv[++i];
    else if (a == "--split" && i + 1 < argc) o->split = argv[++i];
    else if (a == "--referents" && i + 1 < argc) o->referents = argv[++i];
    else if (a == "--verbose" || a == "-v") o->verbose = true;
    else if (a == "--limit" && i + 1 < argc) o->limit = std::strtoul(argv[++i], nullptr, 10);
    else if (a == "--help" || a == "-h") {
      std::printf("usage: lede-polnear-eval [--data DIR] [--split dev|train] [--referents FILE] [--verbose] [--limit N]\n");
      return 0;
    } else {
      std::fprintf(stderr, "lede-polnear-eval: unknown argument \"%s\"\n", a.c_str());
      return 2;
    }
  }
  if (o->referents.empty())
    o->referents = std::string(LEDE_SOURCE_DIR) + "/eval/polnear/" + o->split + "-referents.tsv";
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (int rc = parse_options(argc, argv, &opt); rc >= 0) return rc;
  std::string data = opt.data, split = opt.split;
  const bool verbose = opt.verbose;
  const size_t limit = opt.limit;
  if (data.empty()) {
    const char* env = std::getenv("LEDE_DATA");
    data = env && *env ? std::string(env) + "/polnear" : std::string(LEDE_SOURCE_DIR) + "/../shared/data/polnear";
  }
  fs::path ann_dir = fs::path(data) / split / "attributions";
  fs::path text_dir = fs::path(data) / split / "text";
  std::error_code ec;
  if (!fs::is_directory(ann_dir, ec)) {
    std::fprintf(stderr, "lede-polnear-eval: no PolNeAR attributions at \"%s\" (set LEDE_DATA or --data)\n",
                 ann_dir.string().c_str());
    return 2;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(ann_dir))
    if (e.path().extension() == ".ann") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  if (files.size() > limit) files.resize(limit);

  std::string error;
  auto analyzer = lede::Analyzer::create(&error);
  if (!analyzer) {
    std::fprintf(stderr, "lede-polnear-eval: %s\n", error.c_str());
    return 1;
  }
  Counts direct, indirect;
  polnear::EntityLevel entity_level;
  if (!entity_level.load(opt.referents, &error)) {
    std::fprintf(stderr, "lede-polnear-eval: %s\n", error.c_str());
    return 1;
  }
  // A text may have several annotation files (<text>_<suffix>.ann: in dev two texts have six
  // each); each is scored against the text's analysis, so the figures count annotation files.
  size_t annotations = 0;
  std::set<std::string> texts;
  for (const fs::path& ann_path : files) {
    std::string stem = ann_path.stem().string();
    size_t us = stem.rfind('_');
    fs::path text_path = text_dir / ((us == std::string::npos ? stem : stem.substr(0, us)) + ".txt");
    std::string ann, text;
    if (!read_file(ann_path, &ann) || !read_file(text_path, &text)) {
      std::fprintf(stderr, "lede-polnear-eval: cannot read \"%s\"\n", text_path.string().c_str());
      continue;
    }
    ++annotations;
    texts.insert(text_path.string());
    std::vector<GoldAttribution> gold = parse_ann(ann);
    lede::Analysis a = analyzer->analyze(text);
    const std::vector<uint32_t> cp = code_point_offsets(text);

    for (int pass = 0; pass < 2; ++pass) {
      const bool quoted = pass == 0;
      Counts& c = quoted ? direct : indirect;
      std::vector<const lede::Quote*> preds;
      for (const lede::Quote& q : a.quotes)
        if ((q.kind != lede::QuoteKind::indirect) == quoted) preds.push_back(&q);
      std::vector<const GoldAttribution*> golds;
      for (const GoldAttribution& g : gold)
        if (g.verbatim() == quoted) golds.push_back(&g);
      c.gold += golds.size();
      c.predicted += preds.size();
      for (const lede::Quote* q : preds) {
        uint32_t s = cp[q->span.start], e = cp[q->span.end];
        bool hit = false;
        for (const GoldAttribution* g : golds)
          if (overlaps(g->content, s, e)) hit = true;
        if (hit) ++c.predicted_matched;
        else if (verbose)
          std::printf("FP %s %s: %s\n", quoted ? "direct" : "indirect", stem.c_str(),
                      text.substr(q->span.start, std::min<uint32_t>(q->span.end - q->span.start, 120)).c_str());
      }
      std::set<const lede::Quote*> taken;
      for (const GoldAttribution* g : golds) {
        const lede::Quote* best = nullptr;
        uint32_t best_overlap = 0;
        for (const lede::Quote* q : preds) {
          uint32_t s = cp[q->span.start], e = cp[q->span.end];
          uint32_t ov = 0;
          for (const Range& r : g->content)
            if (r.start < e && s < r.end) ov += std::min(e, r.end) - std::max(s, r.start);
          if (polnear::better_match(ov, q->span.end - q->span.start, best_overlap,
                                    best ? best->span.end - best->span.start : 0)) {
            best_overlap = ov;
            best = q;
          }
        }
        if (best) taken.insert(best);
        if (!best) {
          if (verbose)
            std::printf("FN %s %s: [%s | %s] %s\n", quoted ? "direct" : "indirect", stem.c_str(),
                        g->source_text.c_str(), g->cue_text.c_str(), g->content_text.substr(0, 120).c_str());
          continue;
        }
        ++c.gold_matched;
        if (g->source.empty()) continue;
        ++c.speaker_total;
        std::string why;
        const auto verdict = entity_level.score(stem, *g, a, *best, quoted, &why);
        if (verdict == polnear::EntityLevel::Verdict::wrong && verbose)
          std::printf("ENT %s %s %s: gold \"%s\" %s\n", quoted ? "direct" : "indirect", stem.c_str(),
                      g->source_id.c_str(), g->source_text.c_str(), why.c_str());
        // Right at the mention, or (dev, with its reference) the Source annotated at another
        // mention of the entity lede shows: "he" where lede names the person.
        const bool at_mention = speaker_matches(*g, a, *best, cp);
        const bool by_referent = !at_mention && verdict == polnear::EntityLevel::Verdict::right;
        if (by_referent) ++c.speaker_by_referent;
        if (at_mention || by_referent) ++c.speaker_right;
        else if (verbose) {
          const char* cause = error_cause(*g, golds, a, *best, cp);
          ++c.causes[cause];
          std::string got = best->has_speaker ? best->speaker.name : "(none)";
          if (best->has_speaker && best->speaker.has_mention)
            got += " [" + text.substr(best->speaker.mention.start, best->speaker.mention.end - best->speaker.mention.start) + "]";
          // Context: the text around the predicted quotation, on one line.
          size_t from = best->span.start > 160 ? best->span.start - 160 : 0;
          size_t to = std::min<size_t>(text.size(), best->span.end + 80);
          std::string context = text.substr(from, to - from);
          for (char& ch : context)
            if (ch == '\n') ch = ' ';
          const std::string cue = best->has_cue ? text.substr(best->cue.start, best->cue.end - best->cue.start) : "";
          std::printf("SPK %s %s: gold \"%s\" got \"%s\" (%s; cue \"%s\", gold cue \"%s\") | %s\n    %s\n",
                      quoted ? "direct" : "indirect", stem.c_str(), g->source_text.c_str(), got.c_str(), cause,
                      cue.c_str(), g->cue_text.c_str(),
                      g->content_text.substr(0, 80).c_str(), context.c_str());
        }
      }
      c.predicted_taken += taken.size();
    }
  }
  std::printf("PolNeAR %s: %zu texts, %zu annotation files (each scored)\n",
              split.c_str(), texts.size(), annotations);
  direct.print("direct");
  indirect.print("indirect");
  direct.print_taken("direct");
  indirect.print_taken("indirect");
  direct.print_causes("direct");
  indirect.print_causes("indirect");
  entity_level.print(split.c_str());
  return 0;
}
