// Loading a tagger model: the header's checks (format version, feature scheme, the word lists'
// digest, size, checksum), the cluster table and transitions, and the feature table built over
// the records in one pass.
#include "tagger/model.h"

#include <algorithm>
#include <atomic>
#include <cstring>

#include "lexicon/lexicon.h"

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

// Checks the keys and records (format in model_format.h) and fills the model's table: one
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

namespace {

// The header's checks, in the order that names the most useful problem: what the file is, which
// lede wrote it, whether it is whole and intact, and only then whether its lists are this build's
// (so that a damaged digest reads as damage). Sets *payload_size.
bool check_header(const uint8_t* data, size_t size, bool trusted, uint32_t* payload_size, std::string* error) {
  using namespace ner;
  if (!data || size < kModelHeaderSize) {
    return fail(error, "file is truncated (" + std::to_string(size) + " bytes, a header alone is " +
                           std::to_string(kModelHeaderSize) + ")");
  }
  if (std::memcmp(data, kModelMagic, sizeof kModelMagic) != 0) {
    return fail(error, "not a lede tagger model (bad magic number)");
  }
  const uint32_t version = get_u32(data + 8);
  if (version < kModelFormatVersion) {
    return fail(error, "format version " + std::to_string(version) + " is not supported (this lede reads version " +
                           std::to_string(kModelFormatVersion) +
                           ", which records the word lists a model was trained with): retrain it with "
                           "scripts/train-ner");
  }
  if (version > kModelFormatVersion) {
    return fail(error, "format version " + std::to_string(version) + " is not supported (this lede reads version " +
                           std::to_string(kModelFormatVersion) + "): it was written by a newer lede");
  }
  const uint32_t scheme = get_u32(data + 12);
  if (scheme != kFeatureScheme) {
    return fail(error, "trained with feature scheme " + std::to_string(scheme) + ", this lede computes scheme " +
                           std::to_string(kFeatureScheme) + "; retrain it");
  }
  *payload_size = get_u32(data + 16);
  if (size - kModelHeaderSize < *payload_size) {
    return fail(error, "file is truncated (payload of " + std::to_string(*payload_size) + " bytes, " +
                           std::to_string(size - kModelHeaderSize) + " present)");
  }
  if (size - kModelHeaderSize > *payload_size) {
    return fail(error, "file has " + std::to_string(size - kModelHeaderSize - *payload_size) +
                           " bytes of trailing data");
  }
  // The library's own model is part of it (the tests check its checksum): not recomputed at every
  // start (4 ms of a page's cold start).
  if (!trusted && model_checksum(data + kModelDigestOffset, size - kModelDigestOffset) !=
                      get_u32(data + kModelChecksumOffset)) {
    return fail(error, "checksum mismatch (the file is corrupted)");
  }
  const uint64_t digest = get_u64(data + kModelDigestOffset);
  if (digest != lexicon_digest()) {
    return fail(error, "trained with other word lists (lexicon digest " + digest_text(digest) + ", this build's is " +
                           digest_text(lexicon_digest()) + "): its features would not mean what they meant in "
                           "training; retrain it with scripts/train-ner");
  }
  return true;
}

}  // namespace

std::unique_ptr<TaggerModel> TaggerModel::load(const uint8_t* data, size_t size, std::string* error, Source source) {
  const bool trusted = source == Source::trusted;
  using namespace ner;
  uint32_t payload_size = 0;
  if (!check_header(data, size, trusted, &payload_size, error)) return nullptr;
  const uint8_t* payload = data + kModelHeaderSize;

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
  std::string lists_error;
  if (!model->gazetteer_.read(&r, &lists_error)) {
    fail(error, lists_error);
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

}  // namespace lede
