// lede-bench-text: throughput of the text layer (tokenize + paragraphs + sentences) on one thread,
// over a corpus of plain-text files (default: the PolNeAR train texts), in MB/s.
//
// The same source builds natively (bench/CMakeLists.txt) and to WebAssembly for Node
// (bench/bench_text_wasm.sh, NODERAWFS), so both figures measure exactly the same code. Each
// pass processes every document once; the figure is the median of the passes, after one warm-up
// pass; the workloads' passes are interleaved. A trivial peer runs in the same process over the same bytes so that numbers from
// different machines or runtimes can be compared: `memchr` counting the line breaks, i.e. one
// read of every byte.
//
// Usage: lede-bench-text [--passes N] [--json] [DIR]
//   DIR defaults to $LEDE_DATA/polnear/train/text ($LEDE_DATA defaults to <repo>/../shared/data).
#include "corpus.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "lede/lede.h"
#include "text/segment.h"
#include "text/tokenize.h"

#ifndef LEDE_SOURCE_DIR
#define LEDE_SOURCE_DIR "."
#endif

namespace {

using Clock = std::chrono::steady_clock;


double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// CPU seconds of this process (it has one thread): unlike wall time, not inflated when other
// programs share the cores. Under Emscripten clock() is wall time.
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

struct Timing {
  double wall = 0;  // median seconds of one pass
  double cpu = 0;
};

// Runs every workload once to warm up, then `passes` rounds of each in turn (interleaved, so that
// a change in the machine's load hits all of them alike); returns each one's median timings.
std::vector<Timing> median_seconds(int passes, const std::vector<std::function<void()>>& work) {
  for (const auto& w : work) w();
  std::vector<std::vector<double>> wall(work.size()), cpu(work.size());
  for (int k = 0; k < passes; ++k) {
    for (size_t i = 0; i < work.size(); ++i) {
      double c0 = cpu_seconds();
      auto t0 = Clock::now();
      work[i]();
      wall[i].push_back(std::chrono::duration<double>(Clock::now() - t0).count());
      cpu[i].push_back(cpu_seconds() - c0);
    }
  }
  std::vector<Timing> medians;
  for (size_t i = 0; i < work.size(); ++i) medians.push_back({median(wall[i]), median(cpu[i])});
  return medians;
}

volatile size_t g_sink;  // keeps the optimizer from dropping the work

}  // namespace

int main(int argc, char** argv) {
  int passes = 7;
  bool json = false;
  std::string dir;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--passes" && i + 1 < argc) {
      passes = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--json") {
      json = true;
    } else if (a == "--help" || a == "-h") {
      std::printf("usage: lede-bench-text [--passes N] [--json] [DIR]\n");
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "lede-bench-text: unknown option '%s'\n", a.c_str());
      return 2;
    } else {
      dir = a;
    }
  }
  if (dir.empty()) {
    const char* data = std::getenv("LEDE_DATA");
    dir = std::string(data && *data ? data : LEDE_SOURCE_DIR "/../shared/data") + "/polnear/train/text";
  }
  std::vector<std::string> docs = read_text_files(dir);
  if (docs.empty()) {
    std::fprintf(stderr, "lede-bench-text: no .txt files in '%s' (set LEDE_DATA)\n", dir.c_str());
    return 2;
  }
  size_t bytes = 0;
  for (const auto& d : docs) bytes += d.size();

  size_t tokens = 0, sentences = 0;
  auto text_layer = [&] {
    tokens = sentences = 0;
    for (const auto& d : docs) {
      std::vector<lede::Token> t = lede::tokenize(d);
      std::vector<lede::Segment> p = lede::find_paragraphs(d, t);
      std::vector<lede::Segment> s = lede::find_sentences(d, t, p);
      tokens += t.size();
      sentences += s.size();
    }
  };
  auto tokenize_only = [&] {
    size_t n = 0;
    for (const auto& d : docs) n += lede::tokenize(d).size();
    g_sink = n;
  };
  auto memchr_lines = [&] {
    size_t n = 0;
    for (const auto& d : docs) {
      const char* p = d.data();
      const char* end = p + d.size();
      while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))))) {
        ++n;
        ++p;
      }
    }
    g_sink = n;
  };
  std::vector<Timing> s = median_seconds(passes, {text_layer, tokenize_only, memchr_lines});
  const double text_s = s[0].wall, tokenize_s = s[1].wall, memchr_s = s[2].wall;

  const double mb = bytes / 1e6;
  const double text_mbs = mb / text_s, tokenize_mbs = mb / tokenize_s, memchr_mbs = mb / memchr_s;
  const double text_cpu_mbs = mb / s[0].cpu, tokenize_cpu_mbs = mb / s[1].cpu;
  const char* runtime =
#ifdef __EMSCRIPTEN__
      "wasm (Node)";
#else
      "native";
#endif
  if (json) {
    std::printf(
        "{\"runtime\":\"%s\",\"docs\":%zu,\"bytes\":%zu,\"tokens\":%zu,\"sentences\":%zu,"
        "\"passes\":%d,\"text_layer_mb_s\":%.3f,\"text_layer_cpu_mb_s\":%.3f,\"tokenize_mb_s\":%.3f,"
        "\"tokenize_cpu_mb_s\":%.3f,\"memchr_mb_s\":%.3f,"
        "\"docs_s\":%.1f}\n",
        runtime, docs.size(), bytes, tokens, sentences, passes, text_mbs, text_cpu_mbs, tokenize_mbs, tokenize_cpu_mbs,
        memchr_mbs,
        docs.size() / text_s);
    return 0;
  }
  std::printf("lede-bench-text (%s, one thread): %zu documents, %.2f MB, %zu tokens, %zu sentences\n",
              runtime, docs.size(), mb, tokens, sentences);
  std::printf("median of %d interleaved passes after one warm-up\n", passes);
  std::printf("  %-42s %9.1f MB/s  %8.0f docs/s\n", "text layer (tokenize+paragraphs+sentences)",
              text_mbs, docs.size() / text_s);
  std::printf("  %-42s %9.1f MB/s\n", "text layer, per CPU second", text_cpu_mbs);
  std::printf("  %-42s %9.1f MB/s\n", "tokenize alone", tokenize_mbs);
  // CPU time is what a loaded machine does not inflate; in ns per byte, the tokenizer's own cost.
  std::printf("  %-42s %9.1f MB/s  %6.2f ns/byte\n", "tokenize alone, per CPU second", tokenize_cpu_mbs,
              1e3 / tokenize_cpu_mbs);
  std::printf("  %-42s %9.1f MB/s\n", "peer: memchr line count", memchr_mbs);
  std::printf("  ratio text layer / memchr: %.4f (memchr is %.0fx faster)\n", text_mbs / memchr_mbs,
              memchr_mbs / text_mbs);
#ifndef __EMSCRIPTEN__
  std::printf("  goal >= 50 MB/s native, one thread: %s (wall clock), %s (CPU time)\n",
              text_mbs >= 50 ? "met" : "NOT met", text_cpu_mbs >= 50 ? "met" : "NOT met");
#endif
  return 0;
}
