// The pipeline, top to bottom: this file is the table of contents of the library.
#include <utility>

#include "entities/entities.h"
#include "entities/facts.h"
#include "lede/lede.h"
#include "output/json_writer.h"
#include "quotes/cue_model.h"
#include "quotes/quotes.h"
#include "tagger/tagger.h"
#include "text/segment.h"
#include "text/tokenize.h"
#include "values/values.h"

#ifndef LEDE_VERSION
#error "LEDE_VERSION must be defined by the build"
#endif

namespace lede {

const char* version() { return LEDE_VERSION; }

struct Analyzer::Impl {
  std::unique_ptr<TaggerModel> tagger;
  const quotes::CueModel* attribution = nullptr;  // the embedded one, shared by every analyzer (or none)
};

Analyzer::Analyzer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Analyzer::~Analyzer() = default;

std::unique_ptr<Analyzer> Analyzer::create(std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->tagger = TaggerModel::load_default(error);
  if (!impl->tagger) return nullptr;
  impl->attribution = quotes::CueModel::embedded(error);
  if (!impl->attribution) return nullptr;
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

std::unique_ptr<Analyzer> Analyzer::create_without_attribution(std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->tagger = TaggerModel::load_default(error);
  if (!impl->tagger) return nullptr;
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

std::unique_ptr<Analyzer> Analyzer::create_from_model(const uint8_t* data, size_t size,
                                                      std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->tagger = TaggerModel::load(data, size, error);
  if (!impl->tagger) return nullptr;
  impl->attribution = quotes::CueModel::embedded(error);
  if (!impl->attribution) return nullptr;
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

std::unique_ptr<Analyzer> Analyzer::create_from_model_in_place(const uint8_t* data, size_t size,
                                                               std::string* error, bool trusted) {
  auto impl = std::make_unique<Impl>();
  impl->tagger = TaggerModel::load(data, size, error, trusted);
  if (!impl->tagger) return nullptr;
  impl->attribution = quotes::CueModel::embedded(error);
  if (!impl->attribution) return nullptr;
  return std::unique_ptr<Analyzer>(new Analyzer(std::move(impl)));
}

// Offsets are 32-bit: texts of 4 GiB and more are refused with a warning.
constexpr size_t kMaxTextBytes = 0xFFFFFFF0u;

Analysis Analyzer::analyze(std::string_view text) const { return analyze(text, AnalyzeOptions()); }

Analysis Analyzer::analyze(std::string_view text, const AnalyzeOptions& article) const {
  Analysis a;
  if (text.size() > kMaxTextBytes) {
    a.warnings.push_back("lede: text of " + std::to_string(text.size()) +
                         " bytes exceeds the 4 GiB limit; nothing was analysed");
    return a;
  }
  a.tokens = tokenize(text);
  a.paragraphs = find_paragraphs(text, a.tokens);
  a.sentences = find_sentences(text, a.tokens, a.paragraphs);
  a.values = find_values(text, a.tokens, article.reference_date, &a.warnings);
  std::vector<Mention> mentions = find_mentions(text, a.tokens, a.sentences, *impl_->tagger);
  a.entities = merge_entities(text, a.tokens, a.sentences, std::move(mentions));
  const EntityFacts facts = find_entity_facts(a.entities, a.tokens.size());
  a.quotes = find_quotes({text, a.tokens, a.sentences, a.paragraphs, a.entities, facts, impl_->attribution});
  return a;
}

std::string Analyzer::analyze_json(std::string_view text, const JsonOptions& options) const {
  return analyze_json(text, options, AnalyzeOptions());
}

std::vector<uint32_t> Analyzer::analyze_compact(std::string_view text, const JsonOptions& options) const {
  return analyze_compact(text, options, AnalyzeOptions());
}

std::string Analyzer::analyze_json(std::string_view text, const JsonOptions& options,
                                   const AnalyzeOptions& article) const {
  Analysis a = analyze(text, article);
  return to_json(text.size() > kMaxTextBytes ? std::string_view() : text, a, options);
}

std::vector<uint32_t> Analyzer::analyze_compact(std::string_view text, const JsonOptions& options,
                                                const AnalyzeOptions& article) const {
  Analysis a = analyze(text, article);
  return to_compact(text.size() > kMaxTextBytes ? std::string_view() : text, a, options);
}

}  // namespace lede
