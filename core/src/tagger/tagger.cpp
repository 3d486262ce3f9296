// Model loading and two-stage tagging of one document.
#include "tagger/tagger.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <new>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "tagger/lanes.h"
#include "lexicon/lexicon.h"
#include "tagger/tagger_model_format.h"

namespace lede {

namespace {

bool fail(std::string* error, const std::string& message) {
  if (error) *error = "lede: model: " + message;
  return false;
}

bool read_transitions(ner::PayloadReader* r, std::vector<int32_t>* out, std::string* error) {
  constexpr int L = ner::kLabels;
  for (int k = 0; k < (L + 1) * (L + 1); ++k) {
    int64_t v;
    if (!r->signed_varint(&v)) return fail(error, "payload ends inside the transition weights");
    if (v < -(1 << 24) || v > (1 << 24)) return fail(error, "transition weight out of range");
    out->push_back(static_cast<int32_t>(v));
  }
  return true;
}

inline uint64_t get_word(const uint8_t* p) { return uint64_t{p[0]} | (uint64_t{p[1]} << 8); }

// The cluster table's entries, word hashes strictly increasing (a loop of its own, as are
// ModelBuilder's: see there).
template <typename Entry>
[[gnu::noinline]] bool read_clusters(ner::PayloadReader* r, std::vector<Entry>* entries) {
  uint64_t word = 0;
  for (auto& e : *entries) {
    uint64_t delta, path;
    if (!r->varint(&delta) || !r->varint(&path) || (delta == 0 && word != 0) || word + delta > 0xFFFFFFFFull ||
        path == 0 || path > 0xFFFFFFFFull) {
      return false;
    }
    word += delta;
    e = {static_cast<uint32_t>(word), static_cast<uint32_t>(path)};
  }
  return true;
}

}  // namespace

// Checks the keys and records (format in tagger_model_format.h) and fills the model's table: one
// slot per key, holding where its record is. The records are used where they are for the embedded
// model and one loaded in place, else copied; either way nothing but the table is written, so that
// loading touches little memory, and that front to back (the keys come in the table's order).
//
// The pass over the keys and records is a small function of its own (not inlined), returning
// why it stopped; the messages are made here. V8 optimises a wasm function in the background once
// it has run long enough: the loader, with these loops inside and an out-of-line varint called a
// few hundred thousand times, was so compiled during a page's first analysis, for nothing (it runs
// once), on the cores the page was waiting on. Small loop functions cost little to compile.
struct ModelBuilder {
  enum Stop { kDone, kKeysEnd, kKeysOrder, kKeyRange, kKeysBytes, kRecordsEnd, kBadMask, kWeightRange };

  // Checks the keys (`keys`: exactly their bytes) and their records and fills the table and the
  // filter in one pass; *at_out: the record words used. The weights are checked unless `trusted`
  // (the library's own model: the tests load it the checking way too), which spares the first page
  // load a pass over 400,000 of them. The table is allocated for the keys' home slots and a few
  // past the last (where a key whose home is taken goes), empty (zeroed at once: in WebAssembly a
  // memset per gap between keys cost more), and grown should more be needed.
  [[gnu::noinline]] static Stop fill(ner::PayloadReader keys, uint64_t count, const uint8_t* records, uint64_t words,
                                     uint64_t all_labels, bool trusted, TaggerModel* model, uint64_t* at_out) {
    uint64_t slots = uint64_t{model->home_slots_} + 64;
    model->slots_.reset(new TaggerModel::Slot[slots]());
    TaggerModel::Slot* table = model->slots_.get();
    uint64_t spread = 0;
    uint64_t next = 0;  // the first slot after the previous key's
    uint64_t at = 0;    // the record's first word
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t delta;
      if (!keys.varint(&delta)) return kKeysEnd;
      if (delta == 0) return kKeysOrder;
      spread += delta;
      if (spread > 0xFFFFFFFFull) return kKeyRange;
      if (words - at < ner::kRecordMaskWords + 1) return kRecordsEnd;
      const uint8_t* p = records + at * 2;
      const uint64_t mask = get_word(p) | (get_word(p + 2) << 16) | (get_word(p + 4) << 32);
      if (mask == 0 || (mask & ~all_labels) != 0) return kBadMask;
      const uint64_t n = static_cast<uint64_t>(__builtin_popcountll(mask));
      if (words - at - ner::kRecordMaskWords < n) return kRecordsEnd;
      for (uint64_t k = 0; k < n && !trusted; ++k) {
        if (get_word(p + 2 * (ner::kRecordMaskWords + k)) == 0x8000) return kWeightRange;
      }
      const uint32_t s32 = static_cast<uint32_t>(spread);  // at least 1: 0 stays the empty slot
      const uint64_t slot = std::max<uint64_t>(model->home_slot(s32), next);
      if (slot + 2 > slots) table = grow(model, next, &slots, slot + 2);  // room for it and an empty one
      table[slot] = {s32, static_cast<uint32_t>(at * 2)};
      next = slot + 1;
      const uint32_t bit = TaggerModel::filter_bit(s32);
      model->filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
      at += ner::kRecordMaskWords + n;
    }
    if (keys.remaining() != 0) return kKeysBytes;
    *at_out = at;
    return kDone;
  }

  // Keys crowded past the last home slot (never so many in a model of hashed features): a table
  // of at least `needed` slots, keeping the `used` written.
  [[gnu::noinline]] static TaggerModel::Slot* grow(TaggerModel* model, uint64_t used, uint64_t* slots,
                                                   uint64_t needed) {
    *slots = std::max(*slots * 2, needed);
    std::unique_ptr<TaggerModel::Slot[]> table(new TaggerModel::Slot[*slots]());
    std::copy(model->slots_.get(), model->slots_.get() + used, table.get());
    model->slots_ = std::move(table);
    return model->slots_.get();
  }

  static bool stopped(Stop stop, std::string* error) {
    switch (stop) {
      case kKeysEnd: return fail(error, "payload ends inside the feature keys");
      case kKeysOrder: return fail(error, "feature keys are not strictly increasing");
      case kKeyRange: return fail(error, "feature key out of range");
      case kKeysBytes: return fail(error, "the feature keys do not fill their bytes");
      case kRecordsEnd: return fail(error, "the records end before the last feature's");
      case kBadMask: return fail(error, "bad label mask");
      case kWeightRange: return fail(error, "feature weight out of range");
      case kDone: break;
    }
    return true;
  }

  // in_place: the bytes outlive the model (borrowed, not copied); trusted: the library's own model
  // (embedded, or the WebAssembly package's file), whose weights are not checked again.
  static bool build(ner::PayloadReader* r, int S, bool in_place, bool trusted, TaggerModel* model,
                    std::string* error) {
    constexpr int L = ner::kLabels;
    uint64_t count;
    if (!r->varint(&count)) return fail(error, "payload ends before the feature count");
    // Every feature takes at least 9 bytes (a key delta, a mask, a weight): a cheap bound that
    // keeps a damaged count from allocating gigabytes before the reads fail.
    if (count > r->remaining() / 9) return fail(error, "feature count " + std::to_string(count) + " is too large");
    uint64_t key_bytes, words;
    if (!r->varint(&key_bytes) || !r->varint(&words)) return fail(error, "payload ends before the key and record sizes");
    if (key_bytes > r->remaining()) return fail(error, "payload ends inside the feature keys");
    const ner::PayloadReader keys(r->position(), static_cast<size_t>(key_bytes));
    r->skip(static_cast<size_t>(key_bytes));
    if (words > r->remaining() / 2 || r->remaining() - words * 2 != ner::kRecordTailBytes) {
      return fail(error, "records of " + std::to_string(words) + " words do not fill the " +
                             std::to_string(r->remaining()) + " bytes left");
    }
    const uint8_t* records = r->position();
    for (size_t k = 0; k < ner::kRecordTailBytes; ++k) {
      if (records[words * 2 + k] != 0) return fail(error, "the bytes after the records are not zero");
    }
    // Twice as many home slots as keys: a key is found in its home slot's cache line but for a
    // few (and a missing one sooner: at the first greater spread key).
    model->home_slots_ = static_cast<uint32_t>(std::max<uint64_t>(16, count * 2));
    model->filter_.reset(new uint64_t[TaggerModel::kFilterWords]);
    std::memset(model->filter_.get(), 0, TaggerModel::kFilterWords * sizeof(uint64_t));
    uint64_t at = 0;
    if (!stopped(fill(keys, count, records, words, (uint64_t{1} << (S * L)) - 1, trusted, model, &at), error)) {
      return false;
    }
    if (at != words) return fail(error, "record words after the last feature's");
    const size_t bytes = static_cast<size_t>(words) * 2 + ner::kRecordTailBytes;
    if (in_place) {
      model->records_ = records;
    } else {
      model->owned_records_.reset(new uint8_t[bytes]);
      std::memcpy(model->owned_records_.get(), records, bytes);
      model->records_ = model->owned_records_.get();
    }
    model->feature_count_ = static_cast<size_t>(count);
    return true;
  }
};

std::unique_ptr<TaggerModel> TaggerModel::load(const uint8_t* data, size_t size, std::string* error) {
  return load(data, size, error, Source::copied);
}

std::unique_ptr<TaggerModel> TaggerModel::load_in_place(const uint8_t* data, size_t size, std::string* error,
                                                        bool trusted) {
  return load(data, size, error, trusted ? Source::trusted : Source::in_place);
}

std::unique_ptr<TaggerModel> TaggerModel::load(const uint8_t* data, size_t size, std::string* error, Source source) {
  const bool trusted = source == Source::trusted;
  using namespace ner;
  if (!data || size < kModelHeaderSize) {
    fail(error, "file is truncated (" + std::to_string(size) + " bytes, a header alone is " +
                    std::to_string(kModelHeaderSize) + ")");
    return nullptr;
  }
  if (std::memcmp(data, kModelMagic, sizeof kModelMagic) != 0) {
    fail(error, "not a lede tagger model (bad magic number)");
    return nullptr;
  }
  uint32_t version = get_u32(data + 8);
  if (version != kModelFormatVersion) {
    fail(error, "format version " + std::to_string(version) + " is not supported (this lede reads version " +
                    std::to_string(kModelFormatVersion) + ")");
    return nullptr;
  }
  uint32_t scheme = get_u32(data + 12);
  if (scheme != kFeatureScheme) {
    fail(error, "trained with feature scheme " + std::to_string(scheme) + ", this lede computes scheme " +
                    std::to_string(kFeatureScheme) + "; retrain it");
    return nullptr;
  }
  uint32_t payload_size = get_u32(data + 16);
  if (size - kModelHeaderSize < payload_size) {
    fail(error, "file is truncated (payload of " + std::to_string(payload_size) + " bytes, " +
                    std::to_string(size - kModelHeaderSize) + " present)");
    return nullptr;
  }
  if (size - kModelHeaderSize > payload_size) {
    fail(error, "file has " + std::to_string(size - kModelHeaderSize - payload_size) +
                    " bytes of trailing data");
    return nullptr;
  }
  const uint8_t* payload = data + kModelHeaderSize;
  // The library's own model is part of it (the tests check its checksum): not recomputed at every
  // start (4 ms of a page's cold start).
  if (!trusted && model_checksum(payload, payload_size) != get_u32(data + 20)) {
    fail(error, "checksum mismatch (the file is corrupted)");
    return nullptr;
  }

  auto model = std::unique_ptr<TaggerModel>(new TaggerModel());
  static std::atomic<uint64_t> next_id{1};
  model->id_ = next_id++;
  PayloadReader r(payload, payload_size);
  uint64_t labels, n_clusters, n_stages;
  if (!r.varint(&labels) || labels != kLabels) {
    fail(error, "label count does not match");
    return nullptr;
  }
  if (!r.varint(&n_clusters) || n_clusters > payload_size) {
    fail(error, "bad cluster count");
    return nullptr;
  }
  model->clusters_.entries.resize(static_cast<size_t>(n_clusters));
  if (!read_clusters(&r, &model->clusters_.entries)) {
    fail(error, "bad cluster table");
    return nullptr;
  }
  if (!r.varint(&n_stages) || n_stages < 1 || n_stages > TaggerModel::kMaxStages) {
    fail(error, "bad stage count");
    return nullptr;
  }
  model->stage_count_ = static_cast<int>(n_stages);
  for (uint64_t s = 0; s < n_stages; ++s) {
    if (!read_transitions(&r, &model->transitions_, error)) return nullptr;
  }
  if (!ModelBuilder::build(&r, model->stage_count_, source != Source::copied, trusted, model.get(), error)) {
    return nullptr;
  }
  return model;
}

std::unique_ptr<TaggerModel> TaggerModel::load_default(std::string* error) {
  if (!default_model_data()) {
    fail(error, "this build has no embedded model (built with LEDE_EMBED_MODEL=OFF): load a model file");
    return nullptr;
  }
  return load(default_model_data(), default_model_size(), error, Source::trusted);
}

namespace {

// One token's keys on their way through the model's table (score_tokens).
struct Lookup {
  static constexpr size_t kMaxKeys = 256;  // more (never in practice) are scored the plain way
  static constexpr size_t kMaxKnown = 4;   // records the caller found already (the word cache's)
  size_t n_present = 0, n_known = 0, n_found = 0;
  bool plain = false;
  std::vector<uint32_t> keys;  // only when plain
  uint32_t present[kMaxKeys];
  const uint8_t* found[kMaxKnown + kMaxKeys];  // the known records first
};

// Buffers reused across documents on the same thread. What grows with the document is the
// features' per-token state and stage2 (52 bytes a token); the rest is the size of a sentence.
struct TaggingWorkspace {
  ner::DocumentFeatures features;
  std::vector<uint32_t> keys;      // one token's keys
  std::vector<int32_t> emissions;  // one sentence's stage-1 scores
  // Every token's stage-2 scores from its stage-1 keys (keep_stage2_part), written before they
  // are read (a token's only once scored is set), so never zeroed.
  std::unique_ptr<uint8_t[]> stage2;
  size_t stage2_capacity = 0;
  std::vector<uint8_t> scored;     // whether a token's stage2 lanes are set
  std::vector<std::array<int32_t, ner::kLabels>> wide;  // stage-2 parts too spread for 16 bits
  std::vector<int32_t> delta;
  std::vector<uint8_t> back;
  std::vector<uint8_t> labels;
  std::vector<uint8_t> stage1_labels;
  std::vector<uint32_t> word_refs;  // each token's word cache entry, or WordCache::kNone
  std::vector<uint32_t> shape_keys;  // a shape context's keys
  Lookup lookups[3];

  size_t bytes() const {
    return features.memory_bytes() + keys.capacity() * sizeof(uint32_t) + emissions.capacity() * sizeof(int32_t) +
           stage2_capacity + scored.capacity() + wide.capacity() * sizeof(wide[0]) +
           delta.capacity() * sizeof(int32_t) + back.capacity() + labels.capacity() + stage1_labels.capacity() +
           word_refs.capacity() * sizeof(uint32_t);
  }
};

// One per thread, shared by tag_document and tag_document_labels.
TaggingWorkspace& thread_workspace() {
  static thread_local TaggingWorkspace ws;
  return ws;
}

// For each value of a byte of a record's mask: the byte shuffle that spreads its weights (packed,
// in bit order) over the eight 16-bit lanes whose bits are set, zeros elsewhere (0x80 makes
// wasm's swizzle and x86's pshufb both write a zero), and how many weights it has.
struct ExpandTable {
  uint8_t shuffle[256][16];
  uint8_t count[256];
};
constexpr ExpandTable make_expand_table() {
  ExpandTable t{};
  for (int b = 0; b < 256; ++b) {
    int rank = 0;
    for (int i = 0; i < 8; ++i) {
      if ((b >> i) & 1) {
        t.shuffle[b][2 * i] = static_cast<uint8_t>(2 * rank);
        t.shuffle[b][2 * i + 1] = static_cast<uint8_t>(2 * rank + 1);
        ++rank;
      } else {
        t.shuffle[b][2 * i] = t.shuffle[b][2 * i + 1] = 0x80;
      }
    }
    t.count[b] = static_cast<uint8_t>(rank);
  }
  return t;
}
alignas(16) constexpr ExpandTable kExpand = make_expand_table();

// A record's mask from stage first_stage on (bit (s - first_stage) * kLabels + y), and where that
// stage's weights begin.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "model records are read as little-endian words");
static_assert(TaggerModel::kMaxStages * ner::kLabels <= 16 * ner::kRecordMaskWords, "the mask words hold every stage");

// to[0, W) = from[0, W): four lanes at a time, written out (no loop to be made into a call).
template <int W, size_t... K>
inline void copy_lanes(const int32_t* from, int32_t* to, std::index_sequence<K...>) {
  (store4(to + 4 * K, load4(from + 4 * K)), ...);
  for (int y = 4 * (W / 4); y < W; ++y) to[y] = from[y];
}
template <int W>
inline void copy_lanes(const int32_t* from, int32_t* to) {
  copy_lanes<W>(from, to, std::make_index_sequence<W / 4>());
}

inline uint64_t record_mask(const uint8_t* record, int first_stage, const uint8_t** weights) {
  uint64_t mask;
  std::memcpy(&mask, record, sizeof mask);  // the first weight comes too; dropped
  mask &= (uint64_t{1} << (TaggerModel::kMaxStages * ner::kLabels)) - 1;
  const uint8_t* w = record + 2 * ner::kRecordMaskWords;
  for (int s = 0; s < first_stage; ++s) {
    const uint64_t stage = mask & ((uint64_t{1} << ner::kLabels) - 1);
    w += 2 * (kExpand.count[stage & 0xFF] + kExpand.count[(stage >> 8) & 0xFF] + kExpand.count[stage >> 16]);
    mask >>= ner::kLabels;
  }
  *weights = w;
  return mask;
}

// sums[0, W) = the sum of the records' weights of stages first_stage and after: one weight at a
// time here; where there is SIMD, a record's weights are spread to their lanes eight at a time by
// one byte shuffle each, with no branch on how many there are, and added to int32 sums kept in
// registers. The records are followed by 16 zero bytes, room for the 16-byte reads.
template <int W>
void sum_records_scalar(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  std::fill(sums, sums + W, 0);
  for (size_t r = 0; r < n_records; ++r) {
    const uint8_t* w;
    for (uint64_t mask = record_mask(records[r], first_stage, &w); mask; mask &= mask - 1, w += 2) {
      int16_t v;
      std::memcpy(&v, w, sizeof v);
      sums[__builtin_ctzll(mask)] += v;
    }
  }
}

bool scalar_sums = false;  // set_scalar_weight_sums

#if defined(__wasm_simd128__)
template <int W>
void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  if (scalar_sums) return sum_records_scalar<W>(records, n_records, first_stage, sums);
  constexpr int G = (W + 7) / 8;
  v128_t lo[G], hi[G];
  for (int g = 0; g < G; ++g) lo[g] = hi[g] = wasm_i32x4_splat(0);
  for (size_t r = 0; r < n_records; ++r) {
    const uint8_t* w;
    const uint64_t mask = record_mask(records[r], first_stage, &w);
    for (int g = 0; g < G; ++g) {
      const unsigned b = static_cast<unsigned>(mask >> (8 * g)) & 0xFF;
      const v128_t e = wasm_i8x16_swizzle(wasm_v128_load(w), wasm_v128_load(kExpand.shuffle[b]));
      lo[g] = wasm_i32x4_add(lo[g], wasm_i32x4_extend_low_i16x8(e));
      hi[g] = wasm_i32x4_add(hi[g], wasm_i32x4_extend_high_i16x8(e));
      w += 2 * kExpand.count[b];
    }
  }
  int32_t all[8 * G];
  for (int g = 0; g < G; ++g) {
    wasm_v128_store(all + 8 * g, lo[g]);
    wasm_v128_store(all + 8 * g + 4, hi[g]);
  }
  copy_lanes<W>(all, sums);
}
#elif defined(__x86_64__) && defined(__GNUC__)
template <int W>
__attribute__((target("ssse3"))) void sum_records_ssse3(const uint8_t* const* records, size_t n_records,
                                                        int first_stage, int32_t* sums) {
  constexpr int G = (W + 7) / 8;
  __m128i lo[G], hi[G];
  for (int g = 0; g < G; ++g) lo[g] = hi[g] = _mm_setzero_si128();
  for (size_t r = 0; r < n_records; ++r) {
    const uint8_t* w;
    const uint64_t mask = record_mask(records[r], first_stage, &w);
    for (int g = 0; g < G; ++g) {
      const unsigned b = static_cast<unsigned>(mask >> (8 * g)) & 0xFF;
      const __m128i e = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w)),
                                         _mm_load_si128(reinterpret_cast<const __m128i*>(kExpand.shuffle[b])));
      // Sign-extended halves: each lane to the high half of an int32, shifted back down.
      lo[g] = _mm_add_epi32(lo[g], _mm_srai_epi32(_mm_unpacklo_epi16(e, e), 16));
      hi[g] = _mm_add_epi32(hi[g], _mm_srai_epi32(_mm_unpackhi_epi16(e, e), 16));
      w += 2 * kExpand.count[b];
    }
  }
  alignas(16) int32_t all[8 * G];
  for (int g = 0; g < G; ++g) {
    _mm_store_si128(reinterpret_cast<__m128i*>(all + 8 * g), lo[g]);
    _mm_store_si128(reinterpret_cast<__m128i*>(all + 8 * g + 4), hi[g]);
  }
  std::memcpy(sums, all, W * sizeof(int32_t));
}
// Every x86-64 processor since 2006 has SSSE3; the baseline the binary is built for does not.
const bool kHasSsse3 = __builtin_cpu_supports("ssse3");
template <int W>
void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  if (kHasSsse3 && !scalar_sums) {
    sum_records_ssse3<W>(records, n_records, first_stage, sums);
  } else {
    sum_records_scalar<W>(records, n_records, first_stage, sums);
  }
}
#else
template <int W>
void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int32_t* sums) {
  sum_records_scalar<W>(records, n_records, first_stage, sums);
}
#endif

void sum_records(const uint8_t* const* records, size_t n_records, int first_stage, int lanes, int32_t* sums) {
  if (lanes == 2 * ner::kLabels) {
    sum_records<2 * ner::kLabels>(records, n_records, first_stage, sums);
  } else {
    sum_records<ner::kLabels>(records, n_records, first_stage, sums);
  }
}

// Scores of groups of keys: sums[g * stride + (s - first_stage) * L + y] for stages s >= first_stage,
// group g being keys [ends[g - 1], ends[g]) (from keys[0] for g = 0), one table lookup per key
// serving every stage. Keys are random positions in tables of a few MB: the slots of a chunk of keys
// are prefetched first, then their rows, so that the cache misses overlap instead of queueing.
// W = the lanes summed, (stage_count - first_stage) * kLabels: a constant, so that adding a
// group's lanes is a few vector instructions. A group's sums are written by its first run of rows
// and added to by the others; only a group with none is zeroed (in wasm a fill is a call).
// At most kMaxKeyGroups groups.
constexpr int kMaxKeyGroups = 64;
template <int W>
void score_key_groups(const TaggerModel& model, const uint32_t* keys, const size_t* ends, int n_groups,
                      int first_stage, int32_t* sums, size_t stride) {
  constexpr size_t kChunk = 64;
  uint64_t written = 0;  // by group
  auto first_write = [&written](int group) {
    const bool first = !(written & (uint64_t{1} << group));
    written |= uint64_t{1} << group;
    return first;
  };
  const uint8_t* found[kChunk];
  int group_of[kChunk];
  uint32_t present[kChunk];
  int present_group[kChunk];
  const size_t n_keys = n_groups ? ends[n_groups - 1] : 0;
  int g = 0;
  for (size_t chunk = 0; chunk < n_keys;) {
    const size_t chunk_end = std::min(n_keys, chunk + kChunk);
    size_t n_present = 0;
    for (size_t k = chunk; k < chunk_end; ++k) {
      while (k >= ends[g]) ++g;
      if (!model.may_have(keys[k])) continue;
      __builtin_prefetch(model.slot_address(keys[k]));
      present_group[n_present] = g;
      present[n_present++] = keys[k];
    }
    chunk = chunk_end;
    size_t n_found = 0;
    for (size_t p = 0; p < n_present; ++p) {
      const uint8_t* record = model.find(present[p]);
      if (!record) continue;
      __builtin_prefetch(record);
      group_of[n_found] = present_group[p];
      found[n_found++] = record;
    }
    // Runs of rows of one group, summed together.
    for (size_t r = 0; r < n_found;) {
      size_t e = r + 1;
      while (e < n_found && group_of[e] == group_of[r]) ++e;
      int32_t* out = sums + group_of[r] * stride;
      if (first_write(group_of[r])) {
        sum_records<W>(found + r, e - r, first_stage, out);
      } else {
        int32_t part[W];
        sum_records<W>(found + r, e - r, first_stage, part);
        for (int y = 0; y < W; ++y) out[y] += part[y];
      }
      r = e;
    }
  }
  for (int group = 0; group < n_groups; ++group) {
    if (first_write(group)) std::fill(sums + group * stride, sums + group * stride + W, 0);
  }
}

void score_key_groups(const TaggerModel& model, const uint32_t* keys, const size_t* ends, int n_groups,
                      int first_stage, int32_t* sums, size_t stride) {
  if (model.stage_count() - first_stage == 2) {
    score_key_groups<2 * ner::kLabels>(model, keys, ends, n_groups, first_stage, sums, stride);
  } else {
    score_key_groups<ner::kLabels>(model, keys, ends, n_groups, first_stage, sums, stride);
  }
}

// The same for one group: sums[(s - first_stage) * L + y].
void score_keys(const TaggerModel& model, const uint32_t* begin, const uint32_t* end, int first_stage,
                int32_t* sums) {
  const size_t ends[1] = {static_cast<size_t>(end - begin)};
  score_key_groups(model, begin, ends, 1, first_stage, sums, 0);
}

// The calling thread's word cache (set_word_cache_entries). Entries come in sets of two; a word's
// set is given by a hash of its bytes, which are kept and compared, so that no two words are ever
// taken for one. A set's less recently used entry gives way to a new word, unless both serve the
// document being tagged: the word then goes uncached for this document (its keys are scored at
// each occurrence, as without a cache), so that a document's entries stay put while it is tagged.
class WordCache {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr size_t kMaxWordBytes = 24;  // longer words are rare enough to go uncached
  static constexpr int kLanes = 2 * ner::kLabels;

  WordCache(size_t entries, size_t start_entries) { resize(entries, start_entries); }

  // Empties the cache; it holds start_entries words (at most `entries`) until it grows.
  void resize(size_t entries, size_t start_entries) {
    max_capacity_ = power_of_two(entries);
    set_capacity(std::min(max_capacity_, std::max(power_of_two(start_entries), kWays)));
  }
  size_t bytes() const {
    return tags_ ? capacity_ * sizeof(Tag) + max_capacity_ * sizeof(Word) + shape_capacity_ * sizeof(ShapeTag) +
                       shape_entries(max_capacity_) * sizeof(ShapeSums)
                 : 0;
  }
  size_t entries() const { return capacity_; }

  // At the start of each document: binds the cache to the model (emptying it for another one),
  // and doubles it once it has missed kGrowAfter times as many words as it holds.
  void begin_document(const TaggerModel& model, std::vector<uint32_t>* keys) {
    if (tags_ && capacity_ < max_capacity_ && misses_ >= kGrowAfter * capacity_) grow();
    bool fresh = model.id() != model_id_;
    if (fresh) {
      model_id_ = model.id();
      for (int part = 1; part < ner::kWordKeyParts; ++part) {
        keys->clear();
        ner::DocumentFeatures::neighbour_part_keys(part, nullptr, keys);
        score_keys(model, keys->data(), keys->data() + keys->size(), 0, edge_[part]);
      }
    }
    if (capacity_ == 0) return;
    if (!tags_) {
      // The words' facts and scores are left unwritten (untouched memory costs nothing until
      // used) and handed out in order, so that a few hundred words touch a few hundred KB, not
      // pages all over; the tags are what says which entries hold a word. Room for the full
      // size is allocated at once, so that growing moves no word.
      tags_.reset(new Tag[capacity_]());
      words_.reset(new Word[max_capacity_]);
      shapes_.reset(new ShapeTag[shape_capacity_]());
      shape_sums_.reset(new ShapeSums[shape_entries(max_capacity_)]);
      stamp_ = 1;
      next_word_ = 0;
      misses_ = 0;
    } else if (fresh || ++stamp_ == 0) {
      std::fill(tags_.get(), tags_.get() + capacity_, Tag());
      stamp_ = 1;
      next_word_ = 0;
    }
    if (fresh) {
      for (size_t k = 0; k < shape_capacity_; ++k) shapes_[k].used = 0;
      shape_clock_ = 0;
      next_shape_ = 0;
    }
  }

  // The entry of `word` (added if need be, its facts and part scores computed), or kNone when the
  // word goes uncached.
  uint32_t find_or_add(std::string_view word, const TaggerModel& model, const ner::DocumentFeatures& features,
                       std::vector<uint32_t>* keys) {
    if (capacity_ == 0 || word.size() > kMaxWordBytes) return kNone;
    const uint64_t hash = lexicon_word_hash(word);
    const size_t first = first_way(hash, capacity_);
    size_t victim = kNone;
    for (size_t k = first; k < first + kWays; ++k) {
      Tag& tag = tags_[k];
      if (tag.stamp != 0 && tag.hash == hash && words_[tag.entry].holds(word)) {
        tag.stamp = stamp_;
        return tag.entry;
      }
      if (tag.stamp != stamp_ && (victim == kNone || tag.stamp < tags_[victim].stamp)) victim = k;
    }
    ++misses_;
    if (victim == kNone) return kNone;
    Tag& tag = tags_[victim];
    if (tag.stamp == 0) tag.entry = next_word_++;  // a new entry; else the old word's place is reused
    tag.hash = hash;
    tag.stamp = stamp_;
    Word& w = words_[tag.entry];
    w.length = static_cast<uint32_t>(word.size());
    std::memcpy(w.bytes, word.data(), word.size());
    keys->clear();
    size_t ends[ner::kWordKeyParts];
    new (&w.info) ner::WordInfo(features.word_info_and_keys(word, &model.clusters(), keys, ends));
    // The far parts' one key each: their slots fetched while the summed parts are scored.
    for (int part = kSummedParts; part < ner::kWordKeyParts; ++part) {
      const uint32_t key = (*keys)[ends[part - 1]];
      if (model.may_have(key)) __builtin_prefetch(model.slot_address(key));
    }
    // The summed parts' keys, scored together so that their lookups overlap.
    static_assert(kSummedParts <= kMaxKeyGroups, "score_key_groups takes so many");
    score_key_groups(model, keys->data(), ends, kSummedParts, 0, &w.part[0][0], kLanes);
    for (int part = kSummedParts; part < ner::kWordKeyParts; ++part) {
      const uint32_t key = (*keys)[ends[part - 1]];
      w.record[part - kSummedParts] = model.may_have(key) ? model.find(key) : nullptr;
    }
    return tag.entry;
  }

  // The scores of the shape part of a token's keys (every stage's lanes) for `shape`, computed if
  // need be: valid until the next call. Shape contexts are few (a few thousand kinds in news, the
  // same few hundred most of the time), so a small table of them serves most tokens.
  const int32_t* shape_sums(const ner::ShapeContext& shape, const TaggerModel& model, std::vector<uint32_t>* keys) {
    if (shape_capacity_ == 0) {
      keys->clear();
      ner::DocumentFeatures::shape_keys(shape, keys);
      score_keys(model, keys->data(), keys->data() + keys->size(), 0, shape_scratch_);
      return shape_scratch_;
    }
    const uint64_t hash = shape.hash();
    const size_t first = (static_cast<size_t>(hash >> 32) & (shape_capacity_ / kWays - 1)) * kWays;
    size_t victim = first;
    for (size_t k = first; k < first + kWays; ++k) {
      ShapeTag& e = shapes_[k];
      if (e.used != 0 && e.shape == shape) {
        e.used = ++shape_clock_;
        return shape_sums_[e.entry].sums;
      }
      if (e.used < shapes_[victim].used) victim = k;
    }
    ShapeTag& e = shapes_[victim];
    if (e.used == 0) e.entry = next_shape_++;  // as for words: handed out in order
    e.shape = shape;
    e.used = ++shape_clock_;
    keys->clear();
    ner::DocumentFeatures::shape_keys(shape, keys);
    int32_t* sums = shape_sums_[e.entry].sums;
    score_keys(model, keys->data(), keys->data() + keys->size(), 0, sums);
    return sums;
  }

  const ner::WordInfo& info(uint32_t ref) const { return words_[ref].info; }
  // The scores (every stage's lanes) of part `part` of word `ref` (part < kSummedParts), or of the
  // sentence edge (ref kNone) as a neighbour (any part).
  const int32_t* sums(uint32_t ref, int part) const { return ref == kNone ? edge_[part] : words_[ref].part[part]; }
  // The record of the one key of far part `part` (>= kSummedParts) of word `ref`: null when the
  // model has none.
  const uint8_t* record(uint32_t ref, int part) const { return words_[ref].record[part - kSummedParts]; }

  // The parts of a word's keys kept as sums of every lane: self, previous, next (about 16, 5 and 5
  // keys). The far ones, two before and two after, have one key each (ner::kOneKeyParts), kept as
  // its record, which most words lack (three quarters of those added): with its tag an entry takes
  // 512 bytes rather than the 776 it took with every part's sums.
  static constexpr int kSummedParts = 3;
  static_assert(ner::kOneKeyParts == ((1u << ner::kWordKeyParts) - 1) - ((1u << kSummedParts) - 1),
                "the parts after the summed ones have one key each");

 private:
  static constexpr size_t kWays = 2;
  static constexpr size_t kGrowAfter = 4;
  // The largest power of two <= n that is at least kWays, or 0.
  static size_t power_of_two(size_t n) {
    size_t p = n >= kWays ? kWays : 0;
    while (p && p * 2 <= n) p *= 2;
    return p;
  }
  // The first entry of the set of a word of this hash, in a cache of `capacity` entries.
  static size_t first_way(uint64_t hash, size_t capacity) {
    return (static_cast<size_t>((hash * 0x9E3779B97F4A7C15ull) >> 32) & (capacity / kWays - 1)) * kWays;
  }
  static size_t shape_entries(size_t entries) { return entries ? std::max(entries / 2, kWays) : 0; }
  // Twice the entries, keeping every word where it is: only the tags are made anew. The words of
  // a set go to the same set or to the one as far again (one more bit of the same hash picks
  // it), so each keeps its place in a set and its age. The shape contexts start afresh (a few
  // thousand kinds, found again within a few documents).
  void grow() {
    const size_t n = capacity_ * 2;
    std::unique_ptr<Tag[]> tags(new Tag[n]());
    for (size_t k = 0; k < capacity_; ++k) {
      const Tag& old = tags_[k];
      if (old.stamp == 0) continue;
      // Never full: its words come from one set of kWays.
      const size_t first = first_way(old.hash, n);
      for (size_t j = first; j < first + kWays; ++j) {
        if (tags[j].stamp != 0) continue;
        tags[j] = old;
        break;
      }
    }
    tags_ = std::move(tags);
    capacity_ = n;
    shape_capacity_ = shape_entries(n);
    shapes_.reset(new ShapeTag[shape_capacity_]());
    next_shape_ = 0;
    shape_clock_ = 0;
    misses_ = 0;
  }
  // Empties the cache (its memory is allocated again at the next document) at n entries.
  void set_capacity(size_t n) {
    capacity_ = n;
    shape_capacity_ = shape_entries(n);
    tags_.reset();
    words_.reset();
    shapes_.reset();
    shape_sums_.reset();
    model_id_ = 0;  // so that the next document starts afresh
  }
  // What finding a word reads first (16 bytes an entry, zeroed when allocated); the word itself,
  // its facts and scores are in words_[entry].
  struct Tag {
    uint64_t hash = 0;
    uint32_t stamp = 0;  // the last document that used the entry; 0 = empty, and `entry` unset
    uint32_t entry = 0;
  };
  // Constructed without writing anything: all is set when the entry is filled (`info` by
  // placement new). The word's bytes come first, in the line that the facts begin in.
  struct Word {
    Word() {}
    uint32_t length;
    char bytes[kMaxWordBytes];
    union {
      ner::WordInfo info;
    };
    int32_t part[kSummedParts][kLanes];
    const uint8_t* record[ner::kWordKeyParts - kSummedParts];
    bool holds(std::string_view word) const {  // a short loop beats a call
      if (length != word.size()) return false;
      for (size_t k = 0; k < word.size(); ++k) {
        if (bytes[k] != word[k]) return false;
      }
      return true;
    }
  };
  struct ShapeTag {
    ner::ShapeContext shape;
    uint64_t used = 0;  // when last used (shape_clock_); 0 = empty, and `entry` unset
    uint32_t entry = 0;
  };
  struct ShapeSums {
    int32_t sums[kLanes];
  };

  size_t max_capacity_ = 0;
  size_t capacity_ = 0;
  uint64_t misses_ = 0;  // since the entries were allocated
  std::unique_ptr<Tag[]> tags_;
  std::unique_ptr<Word[]> words_;
  uint32_t next_word_ = 0;  // words_ handed out so far
  size_t shape_capacity_ = 0;
  std::unique_ptr<ShapeTag[]> shapes_;
  std::unique_ptr<ShapeSums[]> shape_sums_;
  uint32_t next_shape_ = 0;
  uint64_t shape_clock_ = 0;
  int32_t shape_scratch_[kLanes];
  uint64_t model_id_ = 0;
  uint32_t stamp_ = 0;
  int32_t edge_[ner::kWordKeyParts][kLanes] = {};
};

WordCache& thread_word_cache() {
  static thread_local WordCache cache(kDefaultWordCacheEntries, kStartWordCacheEntries);
  return cache;
}

// sums[0, W) = keyed[0, W) + the sum over k of parts[k][0, W).
// Four lanes at a time, written out: compilers left the plain loop scalar.
template <int W>
void add_parts(const int32_t* keyed, const int32_t* const* parts, int n_parts, int32_t* sums) {
  constexpr int V = W / 4;
  I32x4 acc[V];
  int32_t rest[W % 4];
  for (int v = 0; v < V; ++v) acc[v] = load4(keyed + 4 * v);
  for (int y = 0; y < W % 4; ++y) rest[y] = keyed[4 * V + y];
  for (int k = 0; k < n_parts; ++k) {
    const int32_t* part = parts[k];
    for (int v = 0; v < V; ++v) acc[v] += load4(part + 4 * v);
    for (int y = 0; y < W % 4; ++y) rest[y] += part[4 * V + y];
  }
  for (int v = 0; v < V; ++v) store4(sums + 4 * v, acc[v]);
  for (int y = 0; y < W % 4; ++y) sums[4 * V + y] = rest[y];
}

// build()'s word facts from the cache, noting each token's entry.
class CachedWords : public ner::DocumentFeatures::WordSource {
 public:
  CachedWords(WordCache* cache, const TaggerModel* model, const ner::DocumentFeatures* features,
              std::vector<uint32_t>* refs, std::vector<uint32_t>* keys)
      : cache_(cache), model_(model), features_(features), refs_(refs), keys_(keys) {}
  const ner::WordInfo& word(size_t i, std::string_view word) override {
    uint32_t ref = cache_->find_or_add(word, *model_, *features_, keys_);
    (*refs_)[i] = ref;
    if (ref != WordCache::kNone) return cache_->info(ref);
    uncached_ = features_->word_info(word, &model_->clusters());
    return uncached_;
  }

 private:
  WordCache* cache_;
  const TaggerModel* model_;
  const ner::DocumentFeatures* features_;
  std::vector<uint32_t>* refs_;
  std::vector<uint32_t>* keys_;
  ner::WordInfo uncached_;
};

// A token's part of the stage-2 scores that its stage-1 keys give, kept until stage 2 in kLabels
// 24-bit lanes (kPartBytes): each score minus the token's lowest. Viterbi's decisions do not change
// when all scores of one token move by the same amount (every path takes one label per token, and
// each column is shifted to its best anyway), so this is exact. A part spread wider than 24 bits
// (the model's spread 365,000 at most) is kept whole in the wide table: lane 0 = kWide, lane 1 its
// index.
constexpr int kPartBytes = 3 * ner::kLabels;
constexpr uint32_t kWide = 0xFFFFFF;

inline void put_lane(uint8_t* lanes, int y, uint32_t v) {
  lanes[3 * y] = static_cast<uint8_t>(v);
  lanes[3 * y + 1] = static_cast<uint8_t>(v >> 8);
  lanes[3 * y + 2] = static_cast<uint8_t>(v >> 16);
}
inline uint32_t get_lane(const uint8_t* lanes, int y) {
  return uint32_t{lanes[3 * y]} | (uint32_t{lanes[3 * y + 1]} << 8) | (uint32_t{lanes[3 * y + 2]} << 16);
}
// Lanes before the last: four bytes read, the fourth (the next lane's) dropped.
inline uint32_t get_inner_lane(const uint8_t* lanes, int y) {
  uint32_t v;
  std::memcpy(&v, lanes + 3 * y, sizeof v);
  return v & 0xFFFFFF;  // little-endian, as x86 and wasm are
}

void keep_stage2_part(const int32_t* part, uint8_t* lanes, TaggingWorkspace* ws) {
  constexpr int L = ner::kLabels;
  int32_t low = part[0], high = part[0];
  for (int y = 1; y < L; ++y) {
    low = std::min(low, part[y]);
    high = std::max(high, part[y]);
  }
  if (int64_t{high} - low < kWide) {
    // Four-byte stores in ascending order, each overwriting the spare byte of the one before;
    // the last lane's bytes one by one, so as not to touch the next token's.
    for (int y = 0; y + 1 < L; ++y) {
      uint32_t v = static_cast<uint32_t>(part[y] - low);
      std::memcpy(lanes + 3 * y, &v, sizeof v);
    }
    put_lane(lanes, L - 1, static_cast<uint32_t>(part[L - 1] - low));
    return;
  }
  const size_t index = ws->wide.size();
  ws->wide.emplace_back();
  std::copy(part, part + L, ws->wide.back().begin());
  put_lane(lanes, 0, kWide);
  put_lane(lanes, 1, static_cast<uint32_t>(index & 0xFFFFFF));
  put_lane(lanes, 2, static_cast<uint32_t>(index >> 24));
}

void read_stage2_part(const uint8_t* lanes, const TaggingWorkspace& ws, int32_t* part) {
  constexpr int L = ner::kLabels;
  if (get_inner_lane(lanes, 0) == kWide) {
    const auto& whole = ws.wide[size_t{get_lane(lanes, 1)} | (size_t{get_lane(lanes, 2)} << 24)];
    std::copy(whole.begin(), whole.end(), part);
  } else {
    for (int y = 0; y + 1 < L; ++y) part[y] = static_cast<int32_t>(get_inner_lane(lanes, y));
    part[L - 1] = static_cast<int32_t>(get_lane(lanes, L - 1));
  }
}

// Scores tokens a..b-1: use(i, sums) gets what score_keys would give for keys_of(i)'s keys plus
// the sum of the records it returned found already (at most Lookup::kMaxKnown). The
// lookups are pipelined three tokens deep: while token i's rows are summed, token i+1's slots
// (prefetched a step earlier) are probed and its rows prefetched, and token i+2's keys are computed
// and its slots prefetched, so that the cache misses overlap the work instead of stalling it.
template <typename KeysOf, typename Use>
void score_tokens(const TaggerModel& model, uint32_t a, uint32_t b, int first_stage, TaggingWorkspace* ws,
                  KeysOf keys_of, Use use) {
  constexpr int L = ner::kLabels;
  const int lanes = (model.stage_count() - first_stage) * L;
  for (uint32_t t = a; t < b + 2; ++t) {
    if (t < b) {
      Lookup& l = ws->lookups[t % 3];
      ws->keys.clear();
      l.n_known = keys_of(t, &ws->keys, l.found);
      for (size_t k = 0; k < l.n_known; ++k) __builtin_prefetch(l.found[k]);
      l.plain = ws->keys.size() > Lookup::kMaxKeys;
      if (l.plain) {
        l.keys = ws->keys;
      } else {
        l.n_present = 0;
        for (uint32_t k : ws->keys) {
          if (!model.may_have(k)) continue;
          __builtin_prefetch(model.slot_address(k));
          l.present[l.n_present++] = k;
        }
      }
    }
    if (t > a && t - 1 < b) {
      Lookup& l = ws->lookups[(t - 1) % 3];
      l.n_found = l.n_known;
      if (!l.plain) {
        for (size_t p = 0; p < l.n_present; ++p) {
          const uint8_t* record = model.find(l.present[p]);
          if (!record) continue;
          __builtin_prefetch(record);
          l.found[l.n_found++] = record;
        }
      }
    }
    if (t >= a + 2) {
      const uint32_t i = t - 2;
      Lookup& l = ws->lookups[i % 3];
      int32_t sums[2 * L];
      if (l.plain) {
        score_keys(model, l.keys.data(), l.keys.data() + l.keys.size(), first_stage, sums);
        if (l.n_known) {
          int32_t known[2 * L];
          sum_records(l.found, l.n_known, first_stage, lanes, known);
          for (int y = 0; y < lanes; ++y) sums[y] += known[y];
        }
      } else {
        sum_records(l.found, l.n_found, first_stage, lanes, sums);
      }
      use(i, sums);
    }
  }
}

// Stage 1 runs a sentence at a time: a token's keys are computed, scored and dropped, and only its
// stage-2 part of the scores is kept for the second stage, which needs the whole document's
// stage-1 labels first.
const std::vector<uint8_t>& run(const TaggerModel& model, const std::vector<std::string_view>& words,
                                const std::vector<std::pair<uint32_t, uint32_t>>& sentences,
                                TaggingWorkspace* ws, std::vector<int32_t>* scores_out = nullptr) {
  constexpr int L = ner::kLabels;
  const int S = model.stage_count();
  const size_t n = words.size();
  ner::DocumentFeatures& f = ws->features;
  WordCache& cache = thread_word_cache();
  cache.begin_document(model, &ws->keys);
  ws->word_refs.assign(n, WordCache::kNone);
  CachedWords source(&cache, &model, &f, &ws->word_refs, &ws->keys);
  f.build(words, sentences, &model.clusters(), /*keep_stage1_keys=*/false, &source);
  // Which of token i's stage-1 parts are scored from its keys; the scores of the others (the parts
  // of its words alone that the cache has, and its shape part) are in from_cache[0, n_cached).
  // Worked out when score_tokens asks for the token's keys and kept until it uses the token's
  // scores, at most two tokens later: a ring of three.
  struct Parts {
    unsigned keyed = ner::kKeysContext;
    int n_cached = 0;
    int n_records = 0;
    const int32_t* from_cache[ner::kWordKeyParts + 1];
    const uint8_t* records[ner::kWordKeyParts - WordCache::kSummedParts];  // far parts' records
    static_assert(ner::kWordKeyParts - WordCache::kSummedParts == 2 && 2 <= Lookup::kMaxKnown,
                  "two far parts, copied as two (keys_of below); room in Lookup::found");
    int32_t shape[2 * L];  // a copy: the shape table may change before the scores are used
  };
  Parts pending[3];
  auto plan_parts = [&](uint32_t i) -> const Parts& {
    Parts& p = pending[i % 3];
    p.keyed = ner::kKeysContext;
    p.n_cached = 0;
    p.n_records = 0;
    p.records[0] = p.records[1] = nullptr;
    for (int part = 0; part < ner::kWordKeyParts; ++part) {
      uint32_t ref = WordCache::kNone;
      if (f.neighbour_inside(i, part)) {
        ref = ws->word_refs[i + ner::kPartOffset[part]];
        if (ref == WordCache::kNone) {
          p.keyed |= 1u << part;
          continue;
        }
        if (part >= WordCache::kSummedParts) {
          if (const uint8_t* record = cache.record(ref, part)) p.records[p.n_records++] = record;
          continue;
        }
      } else if (part == 0) {
        p.keyed = 0;  // outside every sentence: no features
        return p;
      }
      p.from_cache[p.n_cached++] = cache.sums(ref, part);  // the sentence edge when ref is kNone
    }
    const int32_t* shape = cache.shape_sums(f.shape_context(i), model, &ws->shape_keys);
    if (S == 2) {
      copy_lanes<2 * L>(shape, p.shape);
    } else {
      copy_lanes<L>(shape, p.shape);
    }
    p.from_cache[p.n_cached++] = p.shape;
    return p;
  };
  ws->labels.assign(n, 0);
  if (scores_out) scores_out->assign(2 * n * S * L, 0);
  if (S > 1) {
    if (ws->stage2_capacity < n * kPartBytes) {
      ws->stage2_capacity = n * kPartBytes;
      ws->stage2.reset(new uint8_t[ws->stage2_capacity]);
    }
    ws->scored.assign(n, 0);
    ws->wide.clear();
  }
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
    ws->emissions.resize(size_t{b - a} * L);
    score_tokens(
        model, a, b, 0, ws,
        [&](uint32_t i, std::vector<uint32_t>* keys, const uint8_t** known) {
          // Two tokens ahead of their use: the cached scores are fetched meanwhile.
          const Parts& p = plan_parts(i);
          for (int k = 0; k + 1 < p.n_cached; ++k) {
            const char* part = reinterpret_cast<const char*>(p.from_cache[k]);
            for (int line = 0; line < 2 * L * 4; line += 64) __builtin_prefetch(part + line);
          }
          f.stage1_keys(i, keys, p.keyed);
          // Both, whatever n_records (unused ones null): a copy of n would be a call.
          known[0] = p.records[0];
          known[1] = p.records[1];
          return static_cast<size_t>(p.n_records);
        },
        [&](uint32_t i, const int32_t* keyed_sums) {
          int32_t sums[2 * L];
          const Parts& p = pending[i % 3];
          if (S == 2) {
            add_parts<2 * L>(keyed_sums, p.from_cache, p.n_cached, sums);
          } else {
            add_parts<L>(keyed_sums, p.from_cache, p.n_cached, sums);
          }
          copy_lanes<L>(sums, ws->emissions.data() + size_t{i - a} * L);
          if (scores_out) std::copy(sums, sums + S * L, scores_out->data() + size_t{i} * S * L);
          if (S > 1 && !ws->scored[i]) {  // once, should sentences overlap
            ws->scored[i] = 1;
            keep_stage2_part(sums + L, ws->stage2.get() + size_t{i} * kPartBytes, ws);
          }
        });
    ner::viterbi<int32_t>(ws->emissions.data(), b - a, model.transitions(0), ws->labels.data() + a, &ws->delta,
                          &ws->back);
  }
  if (S > 1) {
    ws->stage1_labels.swap(ws->labels);
    f.add_predictions(ws->stage1_labels, /*keep_stage2_keys=*/false);
    ws->labels.assign(n, 0);
    // Most tokens' only stage-2 key is their stage-1 label's (stage2_self_only): its record looked
    // up once a label, and handed to score_tokens as found.
    const uint8_t* self_record[L];
    for (int y = 0; y < L; ++y) {
      const uint32_t key = ner::DocumentFeatures::stage2_self_key(static_cast<uint8_t>(y));
      self_record[y] = model.may_have(key) ? model.find(key) : nullptr;
    }
    for (const auto& s : sentences) {
      uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
      uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
      ws->emissions.resize(size_t{b - a} * L);
      score_tokens(
          model, a, b, 1, ws,
          [&](uint32_t i, std::vector<uint32_t>* keys, const uint8_t** known) {
            if (f.stage2_self_only(i)) {
              known[0] = self_record[ws->stage1_labels[i]];
              return size_t{known[0] != nullptr};
            }
            f.stage2_keys(i, keys);
            return size_t{0};
          },
          [&](uint32_t i, const int32_t* sums) {
            int32_t* scores = ws->emissions.data() + size_t{i - a} * L;
            read_stage2_part(ws->stage2.get() + size_t{i} * kPartBytes, *ws, scores);
            for (int y = 0; y < L; ++y) scores[y] += sums[y];
            if (scores_out) std::copy(sums, sums + L, scores_out->data() + (n + i) * S * L);
          });
      ner::viterbi<int32_t>(ws->emissions.data(), b - a, model.transitions(1), ws->labels.data() + a, &ws->delta,
                            &ws->back);
    }
  }
  return ws->labels;
}

// The workspace keeps its buffers for the next document on the thread, unless they were grown for
// a long one (or a long sentence or word): then they are freed, so that what the rest of the
// pipeline runs beside is small.
void release_if_large(TaggingWorkspace* ws) {
  constexpr size_t kKeptTokens = size_t{1} << 16;  // about 350 KB of news text
  constexpr size_t kKeptBytes = size_t{16} << 20;
  if (ws->labels.size() > kKeptTokens || ws->bytes() > kKeptBytes) {
    // Moved out and destroyed: assigning an empty workspace would leave the strings' buffers
    // (libstdc++ keeps a string's capacity when assigned a short one).
    TaggingWorkspace old(std::move(*ws));
    *ws = TaggingWorkspace();
  }
}

}  // namespace

size_t tagging_workspace_bytes() { return thread_workspace().bytes(); }

void set_word_cache_entries(size_t entries, size_t start_entries) {
  thread_word_cache().resize(entries, start_entries);
}
size_t word_cache_entries() { return thread_word_cache().entries(); }
size_t word_cache_bytes() { return thread_word_cache().bytes(); }

std::vector<uint8_t> tag_document_labels(const TaggerModel& model,
                                         const std::vector<std::string_view>& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  TaggingWorkspace& ws = thread_workspace();
  std::vector<uint8_t> labels = run(model, words, sentences, &ws);
  release_if_large(&ws);
  return labels;
}

bool set_scalar_weight_sums(bool scalar) {
  const bool was = scalar_sums;
  scalar_sums = scalar;
  return was;
}

std::vector<int32_t> tag_document_scores(const TaggerModel& model, const std::vector<std::string_view>& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  TaggingWorkspace& ws = thread_workspace();
  std::vector<int32_t> scores;
  run(model, words, sentences, &ws, &scores);
  release_if_large(&ws);
  return scores;
}

std::vector<NameSpan> tag_document(const TaggerModel& model, const std::vector<std::string_view>& words,
                                   const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  TaggingWorkspace& ws = thread_workspace();
  static thread_local std::vector<ner::LabelSpan> spans;
  const auto& labels = run(model, words, sentences, &ws);
  spans.clear();
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(labels.size()));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(labels.size()));
    ner::labels_to_spans(labels.data() + a, b - a, a, &spans);
  }
  static const EntityType kTypes[ner::kTypes] = {EntityType::PERSON, EntityType::ORG, EntityType::LOC,
                                                 EntityType::MISC};
  std::vector<NameSpan> out;
  out.reserve(spans.size());
  for (const auto& s : spans) out.push_back({s.first, s.end, kTypes[s.type]});
  release_if_large(&ws);
  return out;
}

namespace {

uint16_t phrase_categories(std::string_view text, const std::vector<Token>& tokens, uint32_t first,
                           uint32_t end) {
  uint64_t h = kLexiconHashSeed;
  std::string lower;
  for (uint32_t k = first; k < end; ++k) {
    const Token& t = tokens[k];
    if (t.kind != TokenKind::word && t.kind != TokenKind::abbreviation) return 0;
    lower.clear();
    ner::lower_word(text.substr(t.span.start, t.span.end - t.span.start), &lower);
    h = lexicon_phrase_extend(h, lexicon_word_hash(lower));
  }
  return lexicon_lookup(h);
}

bool is_title(std::string_view text, const std::vector<Token>& tokens, uint32_t first, uint32_t end) {
  return (phrase_categories(text, tokens, first, end) & kLexTitle) != 0;
}

}  // namespace

std::vector<Mention> find_mentions(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences, const TaggerModel& model) {
  std::vector<std::string_view> words;
  words.reserve(tokens.size());
  for (const Token& t : tokens) words.push_back(text.substr(t.span.start, t.span.end - t.span.start));
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  ranges.reserve(sentences.size());
  for (const Segment& s : sentences) ranges.emplace_back(s.first_token, s.end_token);
  std::vector<Mention> mentions;
  size_t sentence = 0;  // names come in text order
  for (const NameSpan& name : tag_document(model, words, ranges)) {
    Mention m;
    m.first_token = name.first_token;
    m.end_token = name.end_token;
    m.type = name.type;
    m.span = {tokens[name.first_token].span.start, tokens[name.end_token - 1].span.end};
    // CoNLL tags seats of government as places ("the Kremlin said"); in news they act as the
    // government itself, which lede reports as ORG (OntoNotes does the same).
    if (m.type == EntityType::LOC && name.end_token - name.first_token <= kLexiconMaxPhraseWords &&
        (phrase_categories(text, tokens, name.first_token, name.end_token) & kLexGovernment)) {
      m.type = EntityType::ORG;
    }
    if (name.type == EntityType::PERSON) {
      // The longest run of one or two title words right before the name, within its sentence.
      while (sentence + 1 < ranges.size() && ranges[sentence].second <= name.first_token) ++sentence;
      uint32_t sentence_start = ranges.empty() ? 0 : ranges[sentence].first;
      for (uint32_t len = 2; len >= 1; --len) {
        if (name.first_token < sentence_start + len) continue;
        uint32_t a = name.first_token - len;
        if (is_title(text, tokens, a, name.first_token)) {
          m.title = std::string(text.substr(tokens[a].span.start, tokens[name.first_token - 1].span.end -
                                                                     tokens[a].span.start));
          break;
        }
      }
    }
    mentions.push_back(std::move(m));
  }
  return mentions;
}

}  // namespace lede
