// Loading a tagger model: the header's checks (format version, feature scheme, the word lists'
// digest, size, checksum), the cluster table and transitions, and the features' columns decoded
// into records and a table over them in one pass.
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

// The cluster table (format in model_format.h), its word hashes strictly increasing. A loop of
// its own, as are ModelBuilder's: see there.
[[gnu::noinline]] bool read_clusters(ner::PayloadReader* r, ner::ClusterTable* clusters, std::string* error) {
  uint64_t count;
  // A cluster takes at least 4 bytes (2 of hash, a high delta, an index).
  if (!r->varint(&count) || count > r->remaining() / 4) return fail(error, "bad cluster count");
  if (count == 0) return true;
  uint64_t n_paths;
  if (!r->varint(&n_paths) || n_paths == 0 || n_paths > count) return fail(error, "bad cluster path count");
  std::vector<uint32_t> paths(static_cast<size_t>(n_paths));
  for (uint32_t& path : paths) {
    uint64_t v;
    if (!r->varint(&v) || v == 0 || v > 0xFFFFFFFFull) return fail(error, "bad cluster path");
    path = static_cast<uint32_t>(v);
  }
  const uint8_t* low;
  ner::PayloadReader high_deltas(nullptr, 0), indices(nullptr, 0);
  if (!ner::take_word_columns(r, count, &low, &high_deltas, &indices)) return fail(error, "payload ends inside the cluster table");
  ner::SortedWordReader hashes(low, high_deltas, 32);
  clusters->entries.resize(static_cast<size_t>(count));
  for (auto& e : clusters->entries) {
    uint64_t index;
    if (!hashes.next(&e.first)) return fail(error, "bad cluster table (word hashes not increasing or cut short)");
    if (!indices.varint(&index) || index >= n_paths) return fail(error, "bad cluster table (a path index)");
    e.second = paths[static_cast<size_t>(index)];
  }
  if (!hashes.high_deltas_used() || indices.remaining() != 0) {
    return fail(error, "bad cluster table (bytes after the last entry)");
  }
  return true;
}

}  // namespace

// Decodes the features' columns (format in model_format.h) into the records TaggerModel::find
// returns and fills the model's table: one slot per key, holding where its record is, written
// front to back (the keys come in the table's order).
//
// The pass over the features is a small function of its own (not inlined), returning why it
// stopped; the messages are made here. V8 optimises a wasm function in the background once it has
// run long enough: a loader with these loops inside, run once, was so compiled during a page's
// first analysis, for nothing, on the cores the page was waiting on. Small loop functions cost
// little to compile.
struct ModelBuilder {
  enum Stop { kDone, kKeysBad, kMaskIndex, kScale, kWeightsEnd, kWeightRange, kColumnsLeft };

  struct Columns {
    const uint8_t* key_low;
    ner::PayloadReader key_high_deltas{nullptr, 0}, mask_indices{nullptr, 0};
    const uint8_t* scales;
    const uint8_t* weights;
    uint64_t weight_count;
    int key_bits;
  };

  // Decodes `count` features into `records` (room for count * kRecordMaskWords words and the
  // weights) and fills the table and the filter. The table is allocated for the keys' home slots
  // and a few past the last (where a key whose home is taken goes), empty (zeroed at once: in
  // WebAssembly a memset per gap between keys cost more), and grown should more be needed.
  [[gnu::noinline]] static Stop fill(Columns c, uint64_t count, const std::vector<uint64_t>& masks,
                                     uint8_t* records, TaggerModel* model) {
    uint64_t slots = uint64_t{model->home_slots_} + 64;
    model->slots_.reset(new TaggerModel::Slot[slots]());
    TaggerModel::Slot* table = model->slots_.get();
    ner::SortedWordReader keys(c.key_low, c.key_high_deltas, c.key_bits);
    uint64_t next = 0;  // the first slot after the previous key's
    uint64_t used = 0;  // weights decoded
    uint8_t* out = records;
    for (uint64_t i = 0; i < count; ++i) {
      uint32_t spread;
      // Spread key 0 marks an empty slot: the first key must be above it.
      if (!keys.next(&spread) || spread == 0) return kKeysBad;
      uint64_t index;
      if (!c.mask_indices.varint(&index) || index >= masks.size()) return kMaskIndex;
      const uint64_t mask = masks[static_cast<size_t>(index)];
      const int32_t scale = c.scales[i];
      if (scale == 0) return kScale;
      const uint64_t n = static_cast<uint64_t>(__builtin_popcountll(mask));
      if (c.weight_count - used < n) return kWeightsEnd;
      const uint32_t at = static_cast<uint32_t>(out - records);
      for (int w = 0; w < ner::kRecordMaskWords; ++w) {
        out[0] = static_cast<uint8_t>(mask >> (16 * w));
        out[1] = static_cast<uint8_t>(mask >> (16 * w + 8));
        out += 2;
      }
      for (uint64_t k = 0; k < n; ++k) {
        const int32_t level = static_cast<int8_t>(c.weights[used + k]);
        if (level == 0 || level < -ner::kMaxWeightLevel) return kWeightRange;
        const int32_t weight = level * scale;
        out[0] = static_cast<uint8_t>(weight & 0xFF);
        out[1] = static_cast<uint8_t>((weight >> 8) & 0xFF);
        out += 2;
      }
      used += n;
      const uint64_t slot = std::max<uint64_t>(model->home_slot(spread), next);
      if (slot + 2 > slots) table = grow(model, next, &slots, slot + 2);  // room for it and an empty one
      table[slot] = {spread, at};
      next = slot + 1;
      const uint32_t bit = TaggerModel::filter_bit(spread);
      model->filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
    if (used != c.weight_count || !keys.high_deltas_used() || c.mask_indices.remaining() != 0) return kColumnsLeft;
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
      case kKeysBad: return fail(error, "feature keys are not strictly increasing");
      case kMaskIndex: return fail(error, "a feature's label mask index is out of range");
      case kScale: return fail(error, "a feature's weight scale is 0");
      case kWeightsEnd: return fail(error, "the weights end before the last feature's");
      case kWeightRange: return fail(error, "feature weight out of range");
      case kColumnsLeft: return fail(error, "the feature columns have bytes after the last feature's");
      case kDone: break;
    }
    return true;
  }

  static bool build(ner::PayloadReader* r, int S, TaggerModel* model, std::string* error) {
    constexpr int L = ner::kLabels;
    uint64_t count, n_masks;
    if (!r->varint(&count)) return fail(error, "payload ends before the feature count");
    // Every feature takes at least 4 bytes (1 of key, a high delta, a mask index, a scale): a
    // cheap bound that keeps a damaged count from allocating gigabytes before the reads fail.
    if (count > r->remaining() / 4) return fail(error, "feature count " + std::to_string(count) + " is too large");
    uint64_t key_bits;
    if (!r->varint(&key_bits)) return fail(error, "payload ends before the feature key bit count");
    if (key_bits < ner::kMinKeyBits || key_bits > 32) {
      return fail(error, "bad feature key bit count (" + std::to_string(key_bits) + ", " +
                             std::to_string(ner::kMinKeyBits) + " to 32)");
    }
    if (!r->varint(&n_masks) || n_masks > count || (count > 0 && n_masks == 0)) {
      return fail(error, "bad label mask count");
    }
    const uint64_t all_labels = (uint64_t{1} << (S * L)) - 1;
    std::vector<uint64_t> masks(static_cast<size_t>(n_masks));
    for (uint64_t& mask : masks) {
      if (!r->varint(&mask)) return fail(error, "payload ends inside the label masks");
      if (mask == 0 || (mask & ~all_labels) != 0) return fail(error, "bad label mask");
    }
    Columns c;
    c.key_bits = static_cast<int>(key_bits);
    model->key_mask_ = ner::key_bits_mask(c.key_bits);
    if (!ner::take_word_columns(r, count, &c.key_low, &c.key_high_deltas, &c.mask_indices, &c.weight_count, c.key_bits) ||
        !r->take(count, &c.scales)) {
      return fail(error, "payload ends inside the feature columns");
    }
    if (!r->take(c.weight_count, &c.weights)) return fail(error, "payload ends inside the feature weights");
    if (r->remaining() != 0) return fail(error, "payload has " + std::to_string(r->remaining()) + " bytes after the weights");
    // Twice as many home slots as keys: a key is found in its home slot's cache line but for a
    // few (and a missing one sooner: at the first greater spread key).
    model->home_slots_ = static_cast<uint32_t>(std::max<uint64_t>(16, count * 2));
    model->filter_.reset(new uint64_t[TaggerModel::kFilterWords]);
    std::memset(model->filter_.get(), 0, TaggerModel::kFilterWords * sizeof(uint64_t));
    const size_t bytes = static_cast<size_t>((count * ner::kRecordMaskWords + c.weight_count) * 2) + ner::kRecordTailBytes;
    // Record offsets are 32-bit (Slot::record).
    if (bytes > 0xFFFFFFFFull) return fail(error, "the features' records would exceed 4 GB");
    model->records_.reset(new uint8_t[bytes]);
    std::memset(model->records_.get() + bytes - ner::kRecordTailBytes, 0, ner::kRecordTailBytes);
    if (!stopped(fill(c, count, masks, model->records_.get(), model), error)) return false;
    model->feature_count_ = static_cast<size_t>(count);
    return true;
  }
};

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
                           ", keys kept to their top bits, int8 weights in columns): retrain it "
                           "with scripts/train-ner");
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

std::unique_ptr<TaggerModel> TaggerModel::load(const uint8_t* data, size_t size, std::string* error, bool trusted) {
  using namespace ner;
  uint32_t payload_size = 0;
  if (!check_header(data, size, trusted, &payload_size, error)) return nullptr;
  const uint8_t* payload = data + kModelHeaderSize;

  auto model = std::unique_ptr<TaggerModel>(new TaggerModel());
  static std::atomic<uint64_t> next_id{1};
  model->id_ = next_id++;
  PayloadReader r(payload, payload_size);
  uint64_t labels, n_stages;
  if (!r.varint(&labels) || labels != kLabels) {
    fail(error, "label count does not match");
    return nullptr;
  }
  if (!read_clusters(&r, &model->clusters_, error)) return nullptr;
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
  if (!ModelBuilder::build(&r, model->stage_count_, model.get(), error)) {
    return nullptr;
  }
  return model;
}

std::unique_ptr<TaggerModel> TaggerModel::load_default(std::string* error) {
  if (!default_model_data()) {
    fail(error, "this build has no embedded model (built with LEDE_EMBED_MODEL=OFF): load a model file");
    return nullptr;
  }
  return load(default_model_data(), default_model_size(), error, /*trusted=*/true);
}

}  // namespace lede
