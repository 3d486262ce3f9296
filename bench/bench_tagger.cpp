// lede-bench-tagger: speed of the named-entity tagger on one thread, in tokens per second.
//
// Two workloads, each timed over whole passes (median of the passes after a warm-up):
//   conll  the CoNLL-2003 dev documents (eng.testa), as `lede tag --conll` tags them: both
//          tagger stages, features included, no tokenization;
//   text   the PolNeAR train texts through the core's tokenizer and sentence splitter first, then
//          the tagger stage of analyze() (find_mentions); the figure counts the tagger's time only.
// The same source is meant to build to WebAssembly for Node, so both runtimes measure one code.
//
// Usage: lede-bench-tagger [--passes N] [--data DIR]
//   DIR defaults to $LEDE_DATA, else <repo>/../shared/data.
#include "corpus.h"

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "lede/lede.h"
#include "text/segment.h"
#include "tagger/tagger.h"
#include "text/tokenize.h"

#ifndef LEDE_SOURCE_DIR
#define LEDE_SOURCE_DIR "."
#endif

namespace {

using Clock = std::chrono::steady_clock;

struct ConllDocument {
  std::vector<std::string> words;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
};

std::vector<ConllDocument> read_conll(const std::string& path) {
  std::vector<ConllDocument> docs;
  std::ifstream in(path);
  std::string line;
  uint32_t start = 0;
  auto close = [&]() {
    if (!docs.empty() && docs.back().words.size() > start)
      docs.back().sentences.emplace_back(start, static_cast<uint32_t>(docs.back().words.size()));
    if (!docs.empty()) start = static_cast<uint32_t>(docs.back().words.size());
  };
  while (std::getline(in, line)) {
    std::istringstream ss(line);
    std::string word;
    if (!(ss >> word)) {
      close();
      continue;
    }
    if (word == "-DOCSTART-" || docs.empty()) {
      close();
      docs.emplace_back();
      start = 0;
      if (word == "-DOCSTART-") continue;
    }
    docs.back().words.push_back(word);
  }
  close();
  return docs;
}


// This thread's CPU time: on a shared machine the wall clock also counts time spent waiting for a
// core, so both are reported.
double thread_seconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  int passes = 5;
  const char* env = std::getenv("LEDE_DATA");
  std::string data = env && *env ? env : std::string(LEDE_SOURCE_DIR) + "/../shared/data";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--passes" && i + 1 < argc) {
      passes = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--data" && i + 1 < argc) {
      data = argv[++i];
    } else {
      std::fprintf(stderr, "usage: lede-bench-tagger [--passes N] [--data DIR]\n");
      return 2;
    }
  }
  std::string error;
  auto model = lede::TaggerModel::load(lede::default_model_data(), lede::default_model_size(), &error);
  if (!model) {
    std::fprintf(stderr, "%s\n", error.c_str());
    return 1;
  }

  std::vector<ConllDocument> conll = read_conll(data + "/conll2003/eng.testa");
  std::vector<std::vector<std::string_view>> conll_views;
  size_t conll_tokens = 0;
  for (const auto& d : conll) {
    conll_views.emplace_back(d.words.begin(), d.words.end());
    conll_tokens += d.words.size();
  }

  struct Prepared {
    std::string_view text;
    std::vector<lede::Token> tokens;
    std::vector<lede::Segment> sentences;
  };
  std::vector<std::string> texts = read_text_files(data + "/polnear/train/text");
  std::vector<Prepared> prepared;
  size_t text_tokens = 0;
  for (const auto& t : texts) {
    Prepared p;
    p.text = t;
    p.tokens = lede::tokenize(t);
    auto paragraphs = lede::find_paragraphs(t, p.tokens);
    p.sentences = lede::find_sentences(t, p.tokens, paragraphs);
    text_tokens += p.tokens.size();
    prepared.push_back(std::move(p));
  }
  if (conll_tokens == 0 && text_tokens == 0) {
    std::fprintf(stderr, "lede-bench-tagger: no data under %s (set LEDE_DATA)\n", data.c_str());
    return 1;
  }

  std::vector<double> conll_times, text_times, conll_cpu, text_cpu;
  size_t sink = 0;
  for (int pass = 0; pass <= passes; ++pass) {
    auto t0 = Clock::now();
    double c0 = thread_seconds();
    for (size_t d = 0; d < conll.size(); ++d)
      sink += lede::tag_document_labels(*model, conll_views[d], conll[d].sentences).size();
    auto t1 = Clock::now();
    double c1 = thread_seconds();
    for (const auto& p : prepared) sink += lede::find_mentions(p.text, p.tokens, p.sentences, *model).size();
    auto t2 = Clock::now();
    double c2 = thread_seconds();
    if (pass == 0) continue;  // warm-up
    conll_times.push_back(std::chrono::duration<double>(t1 - t0).count());
    text_times.push_back(std::chrono::duration<double>(t2 - t1).count());
    conll_cpu.push_back(c1 - c0);
    text_cpu.push_back(c2 - c1);
  }
  std::printf("lede-bench-tagger: one thread, median of %d passes (model %zu bytes, %zu features)\n", passes,
              lede::default_model_size(), model->feature_count());
  // Under Emscripten there is no thread CPU clock: only the wall-clock figure is printed.
  auto line = [](const char* name, size_t tokens, size_t docs, double wall, double cpu, const char* note) {
    std::printf("  %-5s %8zu tokens in %4zu documents: %10.0f tokens/s wall", name, tokens, docs, tokens / wall);
#ifdef __EMSCRIPTEN__
    (void)cpu;
#else
    std::printf(", %10.0f tokens/s of CPU time", tokens / cpu);
#endif
    std::printf("%s\n", note);
  };
  if (conll_tokens) line("conll", conll_tokens, conll.size(), median(conll_times), median(conll_cpu), "");
  if (text_tokens)
    line("text", text_tokens, prepared.size(), median(text_times), median(text_cpu), " (tagger stage of analyze)");
  return sink == 0 ? 1 : 0;
}
