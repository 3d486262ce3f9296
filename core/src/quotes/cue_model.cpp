// The reported-speech cue model: features, scoring, the file format's reader and writer (see
// cue_model.h).
#include "quotes/cue_model.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <string_view>

#include "lexicon/cues.h"
#include "quotes/phrases.h"
#include "text/bytes.h"

namespace lede {

// The bytes of models/lede-attribution.bin (cmake/embed_model.cmake writes them at build time).
const uint8_t* attribution_model_data();
size_t attribution_model_size();

namespace quotes {
namespace {

// Feature templates. kVocabulary keys carry no weight: their presence says that the word was a
// cue somewhere in training, and only such words (and colons) are scored.
enum Template : uint8_t {
  kVocabulary = 1, kWord, kPrev, kNext, kPrev2, kNext2, kPrevWord, kWordNext, kSuffix,
  kLexicon, kThatAhead, kPrevClass, kNextClass, kQuotesInSentence, kFromStart, kToEnd,
  kCommaBefore, kCommaAfter, kClassWord, kSubjectAhead, kWordToEnd, kWordFromStart, kEntityBefore,
  kRuleCue,
};

uint32_t fnv(uint32_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

// The hashes of the fixed feature values.
constexpr uint32_t kEdge = value_hash("<edge>"), kOther = value_hash("<other>"), kQuote = value_hash("<quote>"),
                   kQuoted = value_hash("<quoted>"), kPer = value_hash("<per>"), kOrg = value_hash("<org>"),
                   kLoc = value_hash("<loc>"), kMisc = value_hash("<misc>"), kPron = value_hash("<pron>"),
                   kDet = value_hash("<det>"), kCap = value_hash("<cap>"), kWordClass = value_hash("<word>");
constexpr uint32_t kYes = value_hash("1"), kNo = value_hash("0");
constexpr uint32_t yes_no(bool b) { return b ? kYes : kNo; }

// The hash of a token's lower form, or of "<other>" for a token that has none.
uint32_t lower_or_other(const TokenIndex& ix, uint32_t t) {
  return ix.lower_hash[t] == kNoValue && ix.lower[t].empty() ? kOther : ix.lower_hash[t];
}

// A coarse class of a token, for the neighbours of a cue (its hash).
uint32_t token_class(const TokenIndex& ix, uint32_t t, uint32_t first, uint32_t end) {
  if (t < first || t >= end || t == kNone) return kEdge;
  if (ix.tokens[t].kind == TokenKind::quote) return kQuote;
  if (ix.quoted[t]) return kQuoted;
  if (ix.entity_at[t] != kNone) {
    switch (ix.entities[ix.entity_at[t]].type) {
      case EntityType::PERSON: return kPer;
      case EntityType::ORG: return kOrg;
      case EntityType::LOC: return kLoc;
      default: return kMisc;
    }
  }
  if (!ix.is_word(t)) return lower_or_other(ix, t);
  std::string_view w = ix.lower[t];
  if (lookup_pronoun(w) != PronounKind::none || w == "i" || w == "we" || w == "you") return kPron;
  if (is_determiner(w)) return kDet;
  if (ix.upper_initial(t)) return kCap;
  return kWordClass;
}

// The hash of the word at t, "<edge>" outside the sentence.
uint32_t word_at(const TokenIndex& ix, uint32_t t, uint32_t first, uint32_t end) {
  if (t < first || t >= end || t == kNone) return kEdge;
  return lower_or_other(ix, t);
}

uint32_t lexicon_class(CueVerb v) {
  if (v.form == CueForm::none) return value_hash("none");
  if (v.belief) return v.takes_object ? value_hash("belief-object") : value_hash("belief");
  if (!v.reporting) return value_hash("quote-only");
  return v.takes_object ? value_hash("speech-object") : value_hash("speech");
}

uint32_t payload_checksum(const uint8_t* p, size_t n) {
  return fnv(2166136261u, std::string_view(reinterpret_cast<const char*>(p), n));
}

bool fail(std::string* error, const std::string& what) {
  if (error) *error = "lede: attribution model: " + what;
  return false;
}

// The largest scale of a column of weights `width` bytes wide (1 or 2): its weights times the
// scale stay far inside int32.
int64_t max_scale(int width) { return width == 1 ? kMaxCueScale : kMaxCueScale >> 8; }
int64_t max_level(int width) { return width == 1 ? 127 : 32767; }

// One section: its weight width and scales (one per weight column), then its stored keys and
// weight columns (cue_model.h): the scales to *scale, each feature handed to `take` as (stored
// key, its weights' integer levels). `name` says which section in messages.
bool read_section(PayloadReader* r, const char* name, uint32_t count, int columns, int key_bits, int64_t* scale,
                  const std::function<void(uint32_t, int16_t, int16_t)>& take, std::string* error) {
  const std::string what = std::string(name) + " section";
  uint64_t width;
  if (!r->varint(&width)) return fail(error, what + " is cut short");
  if (width != 1 && width != 2) return fail(error, what + " has weights of " + std::to_string(width) + " bytes");
  for (int k = 0; k < columns; ++k) {
    uint64_t s;
    if (!r->varint(&s)) return fail(error, what + " is cut short");
    if (s < 1 || s > static_cast<uint64_t>(max_scale(static_cast<int>(width))))
      return fail(error, what + " has a weight scale of " + std::to_string(s));
    scale[k] = static_cast<int64_t>(s);
  }
  uint64_t high_bytes;
  const uint8_t *low, *high, *weights;
  if (!r->varint(&high_bytes) || !r->take(uint64_t{count} * low_bytes(key_bits), &low) ||
      !r->take(high_bytes, &high) || !r->take(uint64_t{count} * columns * width, &weights))
    return fail(error, what + " is cut short");
  SortedWordReader keys(low, PayloadReader(high, static_cast<size_t>(high_bytes)), key_bits);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t key;
    if (!keys.next(&key) || key == 0)
      return fail(error, what + ": feature " + std::to_string(i) + " has a key out of order");
    int16_t level[2] = {0, 0};
    for (int k = 0; k < columns; ++k) {
      const uint8_t* at = weights + (size_t{count} * k + i) * width;
      level[k] = width == 1 ? static_cast<int8_t>(at[0]) : static_cast<int16_t>(at[0] | at[1] << 8);
    }
    take(key, level[0], level[1]);
  }
  if (!keys.high_deltas_used()) return fail(error, what + " has key bytes left over");
  return true;
}

// The column of weights `w` (in `order`), `width` bytes each, and its scale: the smallest that
// keeps every |w / scale| within the width's levels, each rounded half away from zero; at most
// max_scale (larger weights are clipped: trained ones stay far below).
uint32_t quantise_column(const std::vector<int32_t>& w, const std::vector<size_t>& order, int width,
                         std::string* column) {
  const int64_t levels = max_level(width);
  int64_t largest = 0;
  for (int32_t v : w) largest = std::max<int64_t>(largest, v < 0 ? -int64_t{v} : v);
  const int64_t scale = std::min<int64_t>(max_scale(width), std::max<int64_t>(1, (largest + levels - 1) / levels));
  for (size_t i : order) {
    const int64_t v = w[i], q = std::min<int64_t>(levels, (2 * (v < 0 ? -v : v) + scale) / (2 * scale));
    const uint32_t bits = static_cast<uint32_t>(v < 0 ? -q : q);
    for (int k = 0; k < width; ++k) column->push_back(static_cast<char>((bits >> (8 * k)) & 0xFF));
  }
  return static_cast<uint32_t>(scale);
}

// Appends a section (cue_model.h): the features of `keys` with their weight columns, stored keys
// that coincide merged as write_cue_model says. Returns the number of features written.
uint32_t put_section(std::string* payload, const std::vector<uint32_t>& keys,
                     const std::vector<const std::vector<int32_t>*>& columns, int width) {
  std::map<uint32_t, size_t> best;  // stored key -> index of the feature it holds
  auto strength = [&](size_t i) {
    int64_t sum = 0;
    for (const auto* c : columns) sum += std::llabs(int64_t{(*c)[i]});
    return sum;
  };
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t stored = spread_cue_key(keys[i]) & key_bits_mask(kCueKeyBits);
    if (stored == 0) continue;  // 0 marks a free slot: one key in 2^24 is left out
    auto [at, inserted] = best.insert({stored, i});
    const size_t held = at->second;
    if (!inserted && (strength(i) > strength(held) || (strength(i) == strength(held) && keys[i] < keys[held])))
      at->second = i;
  }
  std::vector<size_t> order;
  SortedWordColumns stored(kCueKeyBits);
  for (const auto& b : best) {
    stored.add(b.first);
    order.push_back(b.second);
  }
  std::string weights;
  put_varint(payload, static_cast<uint64_t>(width));
  for (const auto* c : columns) put_varint(payload, quantise_column(*c, order, width, &weights));
  put_varint(payload, stored.high_deltas.size());
  stored.append(payload, weights);  // the low parts, the high deltas, the weight columns
  return static_cast<uint32_t>(order.size());
}

}  // namespace

std::unique_ptr<CueModel> CueModel::load(const uint8_t* data, size_t size, std::string* error) {
  if (!data || size < kCueModelHeaderSize) {
    fail(error, "file of " + std::to_string(size) + " bytes is shorter than its header (" +
                    std::to_string(kCueModelHeaderSize) + ")");
    return nullptr;
  }
  if (!std::equal(kCueModelMagic, kCueModelMagic + 8, reinterpret_cast<const char*>(data))) {
    fail(error, "not a lede attribution model (bad magic number)");
    return nullptr;
  }
  const uint32_t version = get_u32(data + 8), scheme = get_u32(data + 12), count = get_u32(data + 16),
                 source_count = get_u32(data + 20), payload = get_u32(data + 24), checksum = get_u32(data + 28);
  if (version != kCueModelVersion) {
    fail(error, "format version " + std::to_string(version) + ", this build reads " +
                    std::to_string(kCueModelVersion));
    return nullptr;
  }
  if (scheme != kCueFeatureScheme) {
    fail(error, "feature scheme " + std::to_string(scheme) + ", this build computes " +
                    std::to_string(kCueFeatureScheme) + " (retrain it)");
    return nullptr;
  }
  if (payload != size - kCueModelHeaderSize) {
    fail(error, "payload of " + std::to_string(payload) + " bytes in a file of " + std::to_string(size));
    return nullptr;
  }
  if (payload_checksum(data + kCueModelHeaderSize, payload) != checksum) {
    fail(error, "checksum mismatch (the file is damaged)");
    return nullptr;
  }
  PayloadReader r(data + kCueModelHeaderSize, payload);
  uint64_t key_bits;
  if (!r.varint(&key_bits) || key_bits < 17 || key_bits > 32) {
    fail(error, "key bits missing or not between 17 and 32");
    return nullptr;
  }
  // Each cue feature takes at least 3 bytes (a low key byte, a high delta, two weights), each
  // source feature 2: checked before the tables are sized by the counts.
  if (count > payload / 3 || source_count > (payload - 3 * uint64_t{count}) / 2) {
    fail(error, std::to_string(count) + " cue and " + std::to_string(source_count) + " source features cannot fit in " +
                    std::to_string(payload) + " bytes");
    return nullptr;
  }
  std::unique_ptr<CueModel> m(new CueModel());
  m->cues_.reserve(count, static_cast<int>(key_bits));
  m->sources_.reserve(source_count, static_cast<int>(key_bits));
  auto take_cue = [&m](uint32_t key, int16_t cue, int16_t right) { m->cues_.insert(key, cue, right); };
  auto take_source = [&m](uint32_t key, int16_t w, int16_t) { m->sources_.insert(key, w, 0); };
  const int bits = static_cast<int>(key_bits);
  if (!read_section(&r, "cue", count, 2, bits, m->cues_.scale, take_cue, error) ||
      !read_section(&r, "source", source_count, 1, bits, m->sources_.scale, take_source, error))
    return nullptr;
  if (r.remaining() != 0) {
    fail(error, std::to_string(r.remaining()) + " bytes after the last feature");
    return nullptr;
  }
  m->count_ = count;
  m->source_count_ = source_count;
  return m;
}

const CueModel* CueModel::embedded(std::string* error) {
  static std::string load_error;
  static const std::unique_ptr<CueModel> model =
      CueModel::load(attribution_model_data(), attribution_model_size(), &load_error);
  if (!model && error) *error = load_error;
  return model.get();
}

// At most half full: one or two probes a feature.
void CueModel::Table::reserve(size_t count, int key_bits) {
  uint32_t bits = 1;
  while ((size_t{1} << bits) < 2 * count) ++bits;
  slots.assign(size_t{1} << bits, Slot{});
  shift = 32 - bits;
  key_mask = key_bits_mask(key_bits);
}

// Stored keys are the top bits of spread keys: their high bits pick the slot.
const CueModel::Slot* CueModel::Table::find(uint32_t key) const {
  const uint32_t stored = spread_cue_key(key) & key_mask;
  if (stored == 0) return nullptr;
  const size_t mask = slots.size() - 1;
  for (size_t i = stored >> shift;; i = (i + 1) & mask) {
    if (slots[i].key == stored) return &slots[i];
    if (slots[i].key == 0) return nullptr;
  }
}

void CueModel::Table::insert(uint32_t stored, int16_t cue, int16_t right) {
  const size_t mask = slots.size() - 1;
  size_t i = stored >> shift;
  while (slots[i].key != 0) i = (i + 1) & mask;  // stored keys arrive strictly increasing: all new
  slots[i] = {stored, cue, right};
}

// The slots of all keys are fetched before any is read: their cache misses overlap rather than
// follow one another (the cue table is about 256 KB; a token has a few dozen keys).
CueScore CueModel::score(const std::vector<uint32_t>& keys) const {
  for (uint32_t k : keys) __builtin_prefetch(cues_.first_slot(k));
  int64_t cue = 0, right = 0;
  for (uint32_t k : keys)
    if (const Slot* slot = find(k)) {
      cue += slot->cue;
      right += slot->right;
    }
  return {cue * cues_.scale[0], right * cues_.scale[1]};
}

bool cue_candidate(const TokenIndex& ix, uint32_t t) {
  if (t >= ix.n || ix.quoted[t]) return false;
  return ix.is_word(t) || ix.is_punct(t, ':');
}

uint32_t cue_vocabulary_key(uint32_t lower_hash) { return feature_key(kVocabulary, lower_hash); }

void cue_features(const TokenIndex& ix, uint32_t t, std::vector<uint32_t>* keys) {
  keys->clear();
  const uint32_t first = ix.sentence_first[ix.sentence_of[t]], end = ix.sentence_end[ix.sentence_of[t]];
  const uint32_t w = word_at(ix, t, first, end), prev = word_at(ix, t - 1, first, end),
                 next = word_at(ix, t + 1, first, end);
  const std::string_view word = ix.lower[t].empty() ? std::string_view("<other>") : ix.lower[t];
  auto add = [&](Template tp, uint32_t a, uint32_t b = kNoValue) { keys->push_back(feature_key(tp, a, b)); };
  keys->push_back(1);
  add(kWord, w);
  add(kPrev, prev);
  add(kNext, next);
  add(kPrev2, word_at(ix, t - 2, first, end));
  add(kNext2, word_at(ix, t + 2, first, end));
  add(kPrevWord, prev, w);
  add(kWordNext, w, next);
  add(kSuffix, value_hash(word.substr(word.size() > 3 ? word.size() - 3 : 0)),
      ix.upper_initial(t) ? value_hash("C") : value_hash("c"));
  const bool next_that = t + 1 < end && ix.lower[t + 1] == "that";
  add(kLexicon, lexicon_class(ix.cue_verb[t]), next_that ? value_hash("that") : kNoValue);
  bool that_ahead = false;
  for (uint32_t j = t + 1; j < end && j < t + 6; ++j)
    if (ix.lower[j] == "that") that_ahead = true;
  add(kThatAhead, yes_no(that_ahead), w);
  const uint32_t prev_class = token_class(ix, t - 1, first, end);
  add(kPrevClass, prev_class);
  const uint32_t next_class = token_class(ix, t + 1, first, end);
  add(kNextClass, next_class);
  add(kClassWord, prev_class, w);
  const bool quotes = ix.marks_before[end] > ix.marks_before[first];
  const bool comma_before = ix.commas_before[t] > ix.commas_before[first];
  const bool comma_after = ix.commas_before[end] > ix.commas_before[t + 1];
  add(kQuotesInSentence, yes_no(quotes));
  add(kFromStart, count_bucket_hash(t - first));
  add(kToEnd, count_bucket_hash(end - t - 1));
  add(kCommaBefore, yes_no(comma_before),
      t > first && ix.is_punct(t - 1, ',') ? value_hash("adjacent") : kNoValue);
  add(kCommaAfter, yes_no(comma_after),
      t + 1 < end && ix.is_punct(t + 1, ',') ? value_hash("adjacent") : kNoValue);
  // A subject right after the cue ("…, said the ministry") or a clause ("said the bridge was").
  add(kSubjectAhead, next_class, token_class(ix, t + 2, first, end));
  add(kWordToEnd, w, count_bucket_hash(end - t - 1));
  add(kWordFromStart, w, count_bucket_hash(t - first));
  bool entity_before = false;
  for (uint32_t j = t; j > first && j + 4 > t; --j)
    if (ix.entity_at[j - 1] != kNone) entity_before = true;
  add(kEntityBefore, yes_no(entity_before), w);
  // The hand-written patterns' opinion (phrases.h): a lexicon verb standing as a verb.
  CueVerb v;
  add(kRuleCue, cue_at(ix, t, &v) ? lexicon_class(v) : value_hash("no"), w);
}

int64_t CueModel::source_score(const std::vector<uint32_t>& keys) const {
  int64_t s = 0;
  for (uint32_t k : keys)
    if (const Slot* slot = sources_.find(k)) s += slot->cue;
  return s * sources_.scale[0];
}

bool CueModel::knows_cue_word(uint32_t lower_hash) const {
  return find(cue_vocabulary_key(lower_hash)) != nullptr;
}

std::string write_cue_model(const std::vector<uint32_t>& keys, const std::vector<int32_t>& cue,
                            const std::vector<int32_t>& right, const std::vector<uint32_t>& source_keys,
                            const std::vector<int32_t>& source) {
  std::string payload;
  put_varint(&payload, kCueKeyBits);
  // The cue weights in one byte each; the source ranking's, few but compared sum against sum
  // between candidates, in two (int8 ones moved 7 of 713 dev speakers to another entity).
  const uint32_t count = put_section(&payload, keys, {&cue, &right}, 1);
  const uint32_t source_count = put_section(&payload, source_keys, {&source}, 2);
  std::string out(kCueModelMagic, 8);
  put_u32(&out, kCueModelVersion);
  put_u32(&out, kCueFeatureScheme);
  put_u32(&out, count);
  put_u32(&out, source_count);
  put_u32(&out, static_cast<uint32_t>(payload.size()));
  put_u32(&out, payload_checksum(reinterpret_cast<const uint8_t*>(payload.data()), payload.size()));
  return out + payload;
}

}  // namespace quotes
}  // namespace lede
