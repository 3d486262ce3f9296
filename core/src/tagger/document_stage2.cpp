// A document's stage-2 features: what the first stage made of the same word elsewhere in the
// document (its other occurrences' labels, the names it is part of), from per-word aggregates.
#include "tagger/document_features.h"

#include <algorithm>

namespace lede {
namespace ner {

void DocumentFeatures::add_predictions(const std::vector<uint8_t>& labels, bool keep_stage2_keys) {
  const size_t n = type_of_.size();
  labels_ = &labels;
  keys2_.clear();
  offsets2_.assign(1, 0);
  // Every predicted name, by the lower-cased form of each of its words.
  std::vector<LabelSpan>& spans = spans_;
  std::vector<EntityWord>& words = entity_words_;
  spans.clear();
  words.clear();
  for (const auto& s : sentences_) {
    if (s.second > s.first) labels_to_spans(labels.data() + s.first, s.second - s.first, s.first, &spans);
  }
  size_t n_words = 0;
  for (const LabelSpan& sp : spans) n_words += sp.end - sp.first;
  words.reserve(n_words);
  for (const LabelSpan& sp : spans) {
    for (uint32_t k = sp.first; k < sp.end; ++k) {
      int part = sp.end - sp.first == 1 ? kPartU : k == sp.first ? kPartB : k + 1 == sp.end ? kPartL : kPartI;
      words.push_back({word(k).lower, type_of_[k], sp.first, sp.end, static_cast<uint16_t>(sp.type * 4 + part)});
    }
  }
  // A total order, so that every standard library (libstdc++ natively, libc++ in wasm) gives the
  // same sequence and so the same capped visits below.
  std::sort(words.begin(), words.end(), [](const EntityWord& x, const EntityWord& y) {
    if (x.lower != y.lower) return x.lower < y.lower;
    if (x.first != y.first) return x.first < y.first;
    return x.code < y.code;
  });

  // The stage-2 aggregates were of the last labels.
  for (uint32_t slot : stage2_slots_) forms_.slot(slot).stage2 = FormTable::kNotYet;
  stage2_slots_.clear();
  stage2_aggregates_.clear();
  forms_pool_.clear();

  if (!keep_stage2_keys) return;
  for (uint32_t i = 0; i < n; ++i) {
    stage2_keys(i, &keys2_);
    offsets2_.push_back(static_cast<uint32_t>(keys2_.size()));
  }
}

uint32_t DocumentFeatures::stage2_self_key(uint8_t label) { return make_key(T_S2_SELF, label); }

bool DocumentFeatures::stage2_self_only(size_t i) const { return word(i).cap < kCapInitial; }

void DocumentFeatures::stage2_keys(size_t token, std::vector<uint32_t>* keys) const {
  const std::vector<uint8_t>& labels = *labels_;
  const uint32_t i = static_cast<uint32_t>(token);
  keys->push_back(stage2_self_key(labels[i]));
  if (stage2_self_only(i)) return;
  keys->push_back(make_key(T_S2_SELF_CAP, labels[i] * 16u + context(i)));
  stage2_document_keys(i, keys);
}

void DocumentFeatures::stage2_document_keys(size_t token, std::vector<uint32_t>* keys) const {
  const std::vector<uint8_t>& labels = *labels_;
  const std::vector<EntityWord>& words = entity_words_;
  const uint32_t i = static_cast<uint32_t>(token);
  const WordInfo& t = word(i);
  const uint32_t form_slot = this->form_slot(i);
  auto add = [&](uint32_t tmpl, uint64_t v) { keys->push_back(make_key(tmpl, v)); };
  // Adds (form, bits) to the list ending forms_pool_, or the bits to the form's entry in it.
  auto pool_bits = [&](uint32_t begin, uint64_t form, uint32_t bits) {
    auto it = std::find_if(forms_pool_.begin() + begin, forms_pool_.end(),
                           [&](const std::pair<uint64_t, uint32_t>& e) { return e.first == form; });
    if (it == forms_pool_.end()) {
      forms_pool_.emplace_back(form, bits);
    } else {
      it->second |= bits;
    }
  };

  // The word's first kStage2Visits occurrences (a word repeated thousands of times must not make
  // tagging quadratic), and the names in which its first kStage2Visits name words are (entity_words_
  // is in document order within a form): worked out once, for every token these do not include.
  const Stage2Aggregate* aggregate = nullptr;
  Occurrences occurrences_of = {nullptr, nullptr};
  bool past_occurrences = false;  // token i is past the first kStage2Visits occurrences
  if (aggregates_ && form_slot != kNoGroup) {
    FormTable::Form& form = forms_.slot(form_slot);
    occurrences_of = {by_lower_.data() + form.start, by_lower_.data() + form.start + form.count};
    const bool visits_all = form.count > kStage2Visits;  // else every token of it is among them
    past_occurrences = visits_all && by_lower_[form.start + kStage2Visits - 1] < i;
    if (form.stage2 == FormTable::kNotYet) {
      form.stage2 = static_cast<uint32_t>(stage2_aggregates_.size());
      stage2_slots_.push_back(form_slot);
      Stage2Aggregate a = {};
      a.types_begin = static_cast<uint32_t>(forms_pool_.size());
      for (uint32_t k = 0; visits_all && k < kStage2Visits; ++k) {
        uint32_t j = by_lower_[form.start + k];
        if (word(j).cap < kCapInitial) continue;
        ++a.others;
        a.counts[label_type(labels[j]) + 1]++;
        pool_bits(a.types_begin, word(j).form, 1u << (label_type(labels[j]) + 1));
      }
      a.types_end = a.codes_begin = static_cast<uint32_t>(forms_pool_.size());
      auto er = std::equal_range(words.begin(), words.end(), EntityWord{t.lower, 0, 0, 0, 0},
                             [](const EntityWord& x, const EntityWord& y) { return x.lower < y.lower; });
      a.names_first = UINT32_MAX;
      int visits = 0;
      for (auto it = er.first; it != er.second && visits < kStage2Visits; ++it, ++visits) {
        a.names_first = std::min(a.names_first, it->first);
        a.names_end = std::max(a.names_end, it->end);
        pool_bits(a.codes_begin, types_[it->type].form, 1u << it->code);
      }
      a.codes_end = static_cast<uint32_t>(forms_pool_.size());
      stage2_aggregates_.push_back(a);
    }
    aggregate = &stage2_aggregates_[form.stage2];
  } else {
    occurrences_of = occurrences(i);
  }

  // Token majority: how the other occurrences of this word were labelled.
  int counts[kTypes + 1] = {};
  int others = 0;
  uint32_t same_form_types = 0;
  if (past_occurrences) {
    std::copy(aggregate->counts, aggregate->counts + kTypes + 1, counts);
    others = aggregate->others;
    for (uint32_t e = aggregate->types_begin; e < aggregate->types_end; ++e) {
      if (forms_pool_[e].first == t.form) same_form_types = forms_pool_[e].second;
    }
  } else {
    int visits = 0;
    for (const uint32_t* it = occurrences_of.begin; it != occurrences_of.end && visits < kStage2Visits;
         ++it, ++visits) {
      uint32_t j = *it;
      if (j == i || word(j).cap < kCapInitial) continue;
      ++others;
      counts[label_type(labels[j]) + 1]++;
      if (word(j).form == t.form) same_form_types |= 1u << (label_type(labels[j]) + 1);
    }
  }
  for (int k = 0; k <= kTypes; ++k) {
    if (same_form_types & (1u << k)) add(T_S2_SAME_FORM, k);
  }
  if (others > 0) {
    int best = 0;
    for (int k = 1; k <= kTypes; ++k) {
      if (counts[k] > counts[best]) best = k;
    }
    add(T_S2_MAJ, best);
    for (int k = 1; k <= kTypes; ++k) {
      if (counts[k] > 0) add(T_S2_HAS, k);
    }
  }

  // Entity words: this word seen inside a name elsewhere (e.g. "Trump" in "Donald Trump"), written
  // the same way ("Un" in "Kim Jong Un": bit code) or only matching in lower case ("UN": code + 16).
  uint32_t mask = 0;
  if (aggregate && (i < aggregate->names_first || i >= aggregate->names_end)) {
    for (uint32_t e = aggregate->codes_begin; e < aggregate->codes_end; ++e) {
      mask |= forms_pool_[e].first == t.form ? forms_pool_[e].second : forms_pool_[e].second << 16;
    }
  } else {
    auto er = std::equal_range(words.begin(), words.end(), EntityWord{t.lower, 0, 0, 0, 0},
                             [](const EntityWord& x, const EntityWord& y) { return x.lower < y.lower; });
    int visits = 0;
    for (auto it = er.first; it != er.second && visits < kStage2Visits; ++it, ++visits) {
      if (i >= it->first && i < it->end) continue;
      mask |= 1u << (it->code + (types_[it->type].form == t.form ? 0 : 16));
    }
  }
  for (uint32_t code = 0; code < 32; ++code) {
    if (mask & (1u << code)) add(T_S2_ENT, code);
  }
}

}  // namespace ner
}  // namespace lede
