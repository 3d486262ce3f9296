// The word cache's sizing, growth and binding to a model, and the calling thread's cache.
#include "tagger/word_cache.h"

#include "tagger/tagger.h"

namespace lede {

void WordCache::resize(size_t entries, size_t start_entries) {
  max_capacity_ = power_of_two(entries);
  set_capacity(std::min(max_capacity_, std::max(power_of_two(start_entries), kWays)));
}

void WordCache::begin_document(const TaggerModel& model, std::vector<uint32_t>* keys) {
  if (tags_ && capacity_ < max_capacity_ && misses_ >= kGrowAfter * capacity_) grow();
  bool fresh = model.id() != model_id_;
  if (fresh) {
    model_id_ = model.id();
    for (int part = 1; part < ner::kWordKeyParts; ++part) {
      keys->clear();
      ner::neighbour_part_keys(part, nullptr, keys);
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

void WordCache::grow() {
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

void WordCache::set_capacity(size_t n) {
  capacity_ = n;
  shape_capacity_ = shape_entries(n);
  tags_.reset();
  words_.reset();
  shapes_.reset();
  shape_sums_.reset();
  model_id_ = 0;  // so that the next document starts afresh
}

WordCache& thread_word_cache() {
  static thread_local WordCache cache(kDefaultWordCacheEntries, kStartWordCacheEntries);
  return cache;
}

void set_word_cache_entries(size_t entries, size_t start_entries) {
  thread_word_cache().resize(entries, start_entries);
}
size_t word_cache_entries() { return thread_word_cache().entries(); }
size_t word_cache_bytes() { return thread_word_cache().bytes(); }

}  // namespace lede
