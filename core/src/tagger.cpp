// Model loading and two-stage tagging of one document.
#include "tagger.h"

#include <cstring>

#include "lexicon.h"
#include "tagger_model_format.h"

namespace lede {

namespace {

bool fail(std::string* error, const std::string& message) {
  if (error) *error = "lede: model: " + message;
  return false;
}

bool read_stage(ner::PayloadReader* r, TaggerModel::Stage* stage, std::string* error) {
  constexpr int L = ner::kLabels;
  stage->transitions.resize((L + 1) * (L + 1));
  for (int32_t& w : stage->transitions) {
    int64_t v;
    if (!r->signed_varint(&v)) return fail(error, "payload ends inside the transition weights");
    if (v < -(1 << 24) || v > (1 << 24)) return fail(error, "transition weight out of range");
    w = static_cast<int32_t>(v);
  }
  uint64_t count;
  if (!r->varint(&count)) return fail(error, "payload ends before the feature count");
  if (count > r->remaining() / 3) return fail(error, "feature count " + std::to_string(count) + " is too large");
  // Every feature takes at least 3 bytes (key delta, mask, one weight): a cheap bound that keeps a
  // corrupted count from allocating gigabytes before the reads fail.
  size_t n = static_cast<size_t>(count);
  std::vector<uint32_t> keys(n);
  uint64_t key = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t delta;
    if (!r->varint(&delta)) return fail(error, "payload ends inside the feature keys");
    if (delta == 0 && i > 0) return fail(error, "feature keys are not strictly increasing");
    key += delta;
    if (key == 0 || key > 0xFFFFFFFFull) return fail(error, "feature key out of range");
    keys[i] = static_cast<uint32_t>(key);
  }
  size_t slots = 16;
  while (slots < n * 2) slots <<= 1;
  stage->mask = static_cast<uint32_t>(slots - 1);
  stage->slot_keys.assign(slots, 0);
  stage->slot_rows.assign(slots, 0);
  stage->rows.assign(n * L, 0);
  for (size_t i = 0; i < n; ++i) {
    uint64_t label_mask;
    if (!r->varint(&label_mask)) return fail(error, "payload ends inside the feature weights");
    if (label_mask == 0 || label_mask >= (1u << L)) return fail(error, "bad label mask");
    int16_t* row = stage->rows.data() + i * L;
    for (int y = 0; y < L; ++y) {
      if (!(label_mask & (1u << y))) continue;
      int64_t v;
      if (!r->signed_varint(&v)) return fail(error, "payload ends inside the feature weights");
      if (v < -32767 || v > 32767) return fail(error, "feature weight out of range");
      row[y] = static_cast<int16_t>(v);
    }
    uint32_t slot = (keys[i] * 0x9E3779B1u) & stage->mask;
    while (stage->slot_keys[slot] != 0) slot = (slot + 1) & stage->mask;
    stage->slot_keys[slot] = keys[i];
    stage->slot_rows[slot] = static_cast<uint32_t>(i);
  }
  return true;
}

}  // namespace

std::unique_ptr<TaggerModel> TaggerModel::load(const uint8_t* data, size_t size, std::string* error) {
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
  if (model_checksum(payload, payload_size) != get_u32(data + 20)) {
    fail(error, "checksum mismatch (the file is corrupted)");
    return nullptr;
  }

  auto model = std::unique_ptr<TaggerModel>(new TaggerModel());
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
  uint64_t word = 0;
  for (auto& e : model->clusters_.entries) {
    uint64_t delta, path;
    if (!r.varint(&delta) || !r.varint(&path) || (delta == 0 && word != 0) || word + delta > 0xFFFFFFFFull ||
        path == 0 || path > 0xFFFFFFFFull) {
      fail(error, "bad cluster table");
      return nullptr;
    }
    word += delta;
    e = {static_cast<uint32_t>(word), static_cast<uint32_t>(path)};
  }
  if (!r.varint(&n_stages) || n_stages < 1 || n_stages > 2) {
    fail(error, "bad stage count");
    return nullptr;
  }
  model->stages_.resize(static_cast<size_t>(n_stages));
  for (Stage& stage : model->stages_) {
    if (!read_stage(&r, &stage, error)) return nullptr;
  }
  if (!r.at_end()) {
    fail(error, "payload has unread bytes after the last stage");
    return nullptr;
  }
  return model;
}

size_t TaggerModel::feature_count() const {
  size_t n = 0;
  for (const Stage& s : stages_) n += s.rows.size() / ner::kLabels;
  return n;
}

namespace {

// Buffers reused across documents on the same thread.
struct TaggingWorkspace {
  ner::DocumentFeatures features;
  std::vector<int32_t> emissions;
  std::vector<int32_t> delta;
  std::vector<uint8_t> back;
  std::vector<uint8_t> labels;
};

void decode_stage(const TaggerModel::Stage& stage, const ner::DocumentFeatures& f, bool second,
                  const std::vector<std::pair<uint32_t, uint32_t>>& sentences, TaggingWorkspace* ws) {
  constexpr int L = ner::kLabels;
  const size_t n = f.size();
  ws->emissions.assign(n * L, 0);
  for (size_t i = 0; i < n; ++i) {
    int32_t* scores = ws->emissions.data() + i * L;
    for (const uint32_t* k = f.stage1_begin(i); k != f.stage1_end(i); ++k) stage.add_weights(*k, scores);
    if (second) {
      for (const uint32_t* k = f.stage2_begin(i); k != f.stage2_end(i); ++k) stage.add_weights(*k, scores);
    }
  }
  ws->labels.assign(n, 0);
  for (const auto& s : sentences) {
    uint32_t a = std::min<uint32_t>(s.first, static_cast<uint32_t>(n));
    uint32_t b = std::min<uint32_t>(std::max(s.second, a), static_cast<uint32_t>(n));
    ner::viterbi<int32_t>(ws->emissions.data() + size_t{a} * L, b - a, stage.transitions.data(),
                          ws->labels.data() + a, &ws->delta, &ws->back);
  }
}

const std::vector<uint8_t>& run(const TaggerModel& model, const std::vector<std::string_view>& words,
                                const std::vector<std::pair<uint32_t, uint32_t>>& sentences,
                                TaggingWorkspace* ws) {
  ws->features.build(words, sentences, &model.clusters());
  const auto& stages = model.stages();
  decode_stage(stages[0], ws->features, false, sentences, ws);
  if (stages.size() > 1) {
    ws->features.add_predictions(ws->labels);
    decode_stage(stages[1], ws->features, true, sentences, ws);
  }
  return ws->labels;
}

}  // namespace

std::vector<uint8_t> tag_document_labels(const TaggerModel& model,
                                         const std::vector<std::string_view>& words,
                                         const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  static thread_local TaggingWorkspace ws;
  return run(model, words, sentences, &ws);
}

std::vector<NameSpan> tag_document(const TaggerModel& model, const std::vector<std::string_view>& words,
                                   const std::vector<std::pair<uint32_t, uint32_t>>& sentences) {
  static thread_local TaggingWorkspace ws;
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
