// The C ABI that the JS glue calls (exports listed in exports.txt). No exceptions cross it and no
// pointer into the heap outlives the next call: the JS side copies results out at once.
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

// The largest text this build analyses. A wasm32 memory ends at 4 GB, and an analysis needs its
// peak memory all at once (the tokens, the tagger's per-token state, the result), which grows in
// proportion to the text: kBytesPerTextByte is that peak over the text's size. Measured by
// `node --expose-gc bench/wasm-memory.mjs` (the memory's growth during analyze() of one article
// of PolNeAR texts) after issue 24's cuts of the tagger's and the quote index's per-token state:
// 18.3 bytes per byte at 4 MB, 16.6 at 16 MB, 15.9 at 40 MB (686 MB); CoNLL dev's words joined by
// spaces, 4.4 MB, 17.2 (before those cuts: 30.6, 29.6, 27.2 and 30.1; before the first ones 40.5,
// 39.2, 35.5 and 41.3). The figure falls with the size, and near the limit it is the large texts'
// that counts: 21 leaves a third over the 40 MB figure (a seventh over the 4 MB one), a limit of
// 204.5 MB. Texts much denser in tokens than news need more ("A b. C, d e; "
// repeated: about 60 bytes per byte) and can still run out under the limit: the glue says so (the
// `--oom` run of that script). A text over the limit is refused before anything is allocated for
// it, with an error that says so, rather than ending in Emscripten's bare "Aborted()" half-way
// through an analysis minutes long.
constexpr uint64_t kMemoryBytes = uint64_t{4} << 30;
constexpr uint64_t kBytesPerTextByte = 21;
constexpr size_t kTextLimit = static_cast<size_t>(kMemoryBytes / kBytesPerTextByte);

// True when a text of `bytes` bytes is within the limit; otherwise false, and last_error() says so.
// The sizes are in MB with one decimal, or as many more as it takes to tell them apart (a text a
// byte over the limit).
bool text_fits(size_t bytes) {
  if (bytes <= kTextLimit) return true;
  char text_mb[32], limit_mb[32];
  for (int decimals = 1; decimals <= 6; ++decimals) {
    std::snprintf(text_mb, sizeof text_mb, "%.*f", decimals, static_cast<double>(bytes) / 1e6);
    std::snprintf(limit_mb, sizeof limit_mb, "%.*f", decimals, static_cast<double>(kTextLimit) / 1e6);
    if (std::strcmp(text_mb, limit_mb) != 0) break;
  }
  char message[200];
  std::snprintf(message, sizeof message,
                "lede: text of %s MB is over the %s MB this build can analyse (%llu GB of WebAssembly "
                "memory, about %llu bytes per byte of text)",
                text_mb, limit_mb, static_cast<unsigned long long>(kMemoryBytes >> 30),
                static_cast<unsigned long long>(kBytesPerTextByte));
  last_error() = message;
  return false;
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

// The largest text, in UTF-8 bytes, that lede_analyze and lede_analyze_compact take.
size_t lede_text_limit() { return kTextLimit; }

// 1 when a text of `bytes` UTF-8 bytes can be analysed; 0 when it is over the limit, with
// lede_last_error() saying so. The glue asks before copying a text into the heap.
int lede_text_fits(size_t bytes) { return text_fits(bytes) ? 1 : 0; }

void* lede_alloc(size_t n) { return std::malloc(n ? n : 1); }
void lede_free(void* p) { std::free(p); }

// Analyses `len` bytes of UTF-8 at `text` (offsets and flags as options() takes them, the
// reference date as article() does). Returns the JSON (valid until the next call on this handle);
// its byte length is lede_result_size(h). Returns null for a text over lede_text_limit(), with
// lede_last_error() saying why.
const char* lede_analyze(Handle* h, const char* text, size_t len, int offsets, int flags, int reference_date) {
  if (!h || !text_fits(len)) return nullptr;
  std::vector<uint32_t>().swap(h->compact);
  h->result = h->analyzer->analyze_json(std::string_view(text, len), options(offsets, flags),
                                        article(reference_date));
  return h->result.c_str();
}

// The same result in compact form (lede::to_compact: 32-bit words, then the strings), which the
// JS glue turns into objects without printing or parsing JSON. Valid until the next call on this
// handle; its size in bytes is lede_result_size(h). Null, as lede_analyze's, over the limit.
const uint32_t* lede_analyze_compact(Handle* h, const char* text, size_t len, int offsets, int flags,
                                     int reference_date) {
  if (!h || !text_fits(len)) return nullptr;
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
