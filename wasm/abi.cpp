// The C ABI that the JS glue calls (exports listed in exports.txt). No exceptions cross it and no
// pointer into the heap outlives the next call: the JS side copies results out at once.
#include <cstdlib>
#include <memory>
#include <string>

#include "lede/lede.h"

namespace {

struct Handle {
  std::unique_ptr<lede::Analyzer> analyzer;
  std::string result;
};

std::string& last_error() {
  static std::string error;
  return error;
}

}  // namespace

extern "C" {

const char* lede_version() { return lede::version(); }

const char* lede_last_error() { return last_error().c_str(); }

// Creates an analyzer with the embedded model, or with the model bytes given (size > 0).
// Returns null on failure; lede_last_error() says why.
Handle* lede_create(const uint8_t* model, size_t model_size) {
  std::string error;
  std::unique_ptr<lede::Analyzer> analyzer =
      model_size ? lede::Analyzer::create_from_model(model, model_size, &error)
                 : lede::Analyzer::create(&error);
  if (!analyzer) {
    last_error() = error;
    return nullptr;
  }
  return new Handle{std::move(analyzer), {}};
}

void lede_destroy(Handle* h) { delete h; }

void* lede_alloc(size_t n) { return std::malloc(n ? n : 1); }
void lede_free(void* p) { std::free(p); }

// Analyses `len` bytes of UTF-8 at `text`. offsets: 0 utf8, 1 utf16, 2 codepoint. flags: bit 0
// includes tokens. Returns the JSON (valid until the next call on this handle); its byte length
// is lede_result_size(h).
const char* lede_analyze(Handle* h, const char* text, size_t len, int offsets, int flags) {
  if (!h) return nullptr;
  lede::JsonOptions o;
  o.offsets = offsets == 0 ? lede::OffsetUnit::utf8
              : offsets == 2 ? lede::OffsetUnit::codepoint
                             : lede::OffsetUnit::utf16;
  o.tokens = (flags & 1) != 0;
  h->result = h->analyzer->analyze_json(std::string_view(text, len), o);
  return h->result.c_str();
}

size_t lede_result_size(Handle* h) { return h ? h->result.size() : 0; }

// Frees the last result's memory early (large articles).
void lede_release_result(Handle* h) {
  if (h) std::string().swap(h->result);
}

}  // extern "C"
