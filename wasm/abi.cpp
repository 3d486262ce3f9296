// The C ABI that the JS glue calls (exports listed in exports.txt). No exceptions cross it and no
// pointer into the heap outlives the next call: the JS side copies results out at once.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "lede/lede.h"

namespace {

struct Handle {
  std::unique_ptr<lede::Analyzer> analyzer;
  std::string result;                 // lede_analyze's
  std::vector<uint32_t> compact;      // lede_analyze_compact's
};

std::string& last_error() {
  static std::string error;
  return error;
}

// offsets: 0 utf8, 1 utf16, 2 codepoint. flags: bit 0 includes tokens.
lede::JsonOptions options(int offsets, int flags) {
  lede::JsonOptions o;
  o.offsets = offsets == 0 ? lede::OffsetUnit::utf8
              : offsets == 2 ? lede::OffsetUnit::codepoint
                             : lede::OffsetUnit::utf16;
  o.tokens = (flags & 1) != 0;
  return o;
}

// The article's date as the number YYYYMMDD (0: none) into AnalyzeOptions' "YYYY-MM-DD"; the
// core checks it (an impossible date is ignored with a warning).
lede::AnalyzeOptions article(int reference_date) {
  lede::AnalyzeOptions a;
  if (reference_date > 0 && reference_date <= 99991231) {
    char date[16];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", reference_date / 10000, reference_date / 100 % 100,
                  reference_date % 100);
    a.reference_date = date;
  }
  return a;
}

}  // namespace

extern "C" {

const char* lede_version() { return lede::version(); }

const char* lede_last_error() { return last_error().c_str(); }

// Creates an analyzer with the model bytes given (a model file). mode 0: the bytes are copied.
// 1: used in place, so they must stay in the heap, unchanged, for the analyzer's life (the glue
// reads a model once per core and shares it); 2: in place, and the package's own lede-ner.bin,
// whose checksum and weights are not checked again (Analyzer::create_from_model_in_place).
// model_size 0: the embedded model, an error in the package's build, which has none. Returns null
// on failure; lede_last_error() says why.
Handle* lede_create(const uint8_t* model, size_t model_size, int mode) {
  std::string error;
  std::unique_ptr<lede::Analyzer> analyzer =
      model_size == 0 ? lede::Analyzer::create(&error)
      : mode == 0     ? lede::Analyzer::create_from_model(model, model_size, &error)
                      : lede::Analyzer::create_from_model_in_place(model, model_size, &error, mode == 2);
  if (!analyzer) {
    last_error() = error;
    return nullptr;
  }
  return new Handle{std::move(analyzer), {}, {}};
}

void lede_destroy(Handle* h) { delete h; }

void* lede_alloc(size_t n) { return std::malloc(n ? n : 1); }
void lede_free(void* p) { std::free(p); }

// Analyses `len` bytes of UTF-8 at `text` (offsets and flags as options() takes them, the
// reference date as article() does). Returns the JSON (valid until the next call on this handle);
// its byte length is lede_result_size(h).
const char* lede_analyze(Handle* h, const char* text, size_t len, int offsets, int flags, int reference_date) {
  if (!h) return nullptr;
  std::vector<uint32_t>().swap(h->compact);
  h->result = h->analyzer->analyze_json(std::string_view(text, len), options(offsets, flags),
                                        article(reference_date));
  return h->result.c_str();
}

// The same result in compact form (lede::to_compact: 32-bit words, then the strings), which the
// JS glue turns into objects without printing or parsing JSON. Valid until the next call on this
// handle; its size in bytes is lede_result_size(h).
const uint32_t* lede_analyze_compact(Handle* h, const char* text, size_t len, int offsets, int flags,
                                     int reference_date) {
  if (!h) return nullptr;
  std::string().swap(h->result);
  h->compact = h->analyzer->analyze_compact(std::string_view(text, len), options(offsets, flags),
                                            article(reference_date));
  return h->compact.data();
}

// The size in bytes of the last result (JSON or compact).
size_t lede_result_size(Handle* h) {
  if (!h) return 0;
  return h->compact.empty() ? h->result.size() : h->compact.size() * sizeof(uint32_t);
}

// Frees the last result's memory early (large articles).
void lede_release_result(Handle* h) {
  if (!h) return;
  std::string().swap(h->result);
  std::vector<uint32_t>().swap(h->compact);
}

}  // extern "C"
