// lede: finds the people, organisations, places and other names in an English news article,
// merges their mentions into entities, extracts every quotation with who said it, and finds the
// dates, times, amounts of money, percentages and quantities with their normalised values.
//
// This is the whole public C++ API. Everything else in core/ is private. Results are plain value
// types holding UTF-8 byte offsets into the text passed to analyze(); to_json() converts them to
// the caller's offset unit in one pass (see docs/result.schema.json for the JSON contract).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lede {

// The library version; `lede --version` and the JS package print the same string.
const char* version();

// The unit in which JSON output offsets are counted.
//   utf8:      bytes of the original input;
//   utf16:     UTF-16 code units, what JavaScript strings index;
//   codepoint: Unicode scalar values (Python str indexing).
// In utf16 and codepoint units an invalid UTF-8 sequence counts as the one U+FFFD it decodes to.
enum class OffsetUnit : uint8_t { utf8, utf16, codepoint };

// Parses "utf8", "utf16" or "codepoint"; false for anything else.
bool parse_offset_unit(std::string_view name, OffsetUnit* unit);
const char* offset_unit_name(OffsetUnit unit);

// A half-open byte range [start, end) of the original text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
};

enum class TokenKind : uint8_t {
  word,          // letters in any script, with inner hyphens/apostrophes; clitics ('s, n't) split off
  number,        // 1,000.50  3.5  '90s  2022
  abbreviation,  // U.S.  Mr.  Jan.  J.R.R.  (the final full stop belongs to the token)
  punct,         // . , ; : ! ? … ( ) [ ] and the like
  quote,         // every quotation mark: " ' “ ” ‘ ’ « » „ ‚ ‹ › 「 」 『 』
  dash,          // - – — ― ‒ -- standing alone
  symbol,        // $ % & + = / * and other symbols
  url,
  email,
  handle,        // @name
  hashtag,       // #tag
  emoji,         // one grapheme cluster: ZWJ sequences, flags, keycaps, skin tones
  other,         // anything else (control characters, unassigned code points)
};
const char* token_kind_name(TokenKind kind);

struct Token {
  Span span;
  TokenKind kind = TokenKind::other;
  bool space_before = false;      // whitespace separates it from the previous token
  bool newline_before = false;    // a line break lies between it and the previous token
};

// Sentences and paragraphs are token ranges [first_token, end_token) with their byte span.
struct Segment {
  Span span;
  uint32_t first_token = 0;
  uint32_t end_token = 0;
};

enum class EntityType : uint8_t { PERSON, ORG, LOC, MISC };
const char* entity_type_name(EntityType type);

struct Mention {
  Span span;
  uint32_t first_token = 0;
  uint32_t end_token = 0;
  EntityType type = EntityType::MISC;
  std::string title;  // "President" for "President Putin"; empty when there is none
};

struct Entity {
  uint32_t id = 0;
  EntityType type = EntityType::MISC;
  std::string name;                  // the most complete form
  std::vector<std::string> aliases;  // distinct surface forms
  std::vector<Mention> mentions;
};

enum class QuoteKind : uint8_t { direct, partial, indirect };
const char* quote_kind_name(QuoteKind kind);

struct Speaker {
  static constexpr uint32_t kNoEntity = UINT32_MAX;
  uint32_t entity = kNoEntity;  // index into Analysis::entities, or kNoEntity
  std::string name;             // the resolved entity's name, or the mention's text when unresolved
  bool has_mention = false;
  Span mention;                 // the span at the cue (may be a pronoun)
};

struct Quote {
  uint32_t id = 0;
  QuoteKind kind = QuoteKind::direct;
  Span span;  // the quoted words without the marks; for indirect quotes the reported clause
  bool has_speaker = false;
  Speaker speaker;
  bool has_cue = false;
  Span cue;
};

enum class ValueType : uint8_t { DATE, TIME, DURATION, MONEY, PERCENT, QUANTITY };
const char* value_type_name(ValueType type);

// What a value's normalised form is, and so which of Value's strings hold it.
enum class ValueForm : uint8_t {
  none,      // not known: a relative date without a reference date, "31 February"
  iso,       // `iso`: "2025-03-18", "2025-03", "2025", "--05" (May of no year), "14:30 ET", "P30D"
  range,     // `from` and `to`, each an ISO date, month or year: "last week", "the 1990s"
  number,    // `amount`: a percentage
  money,     // `amount` and `unit`, an ISO 4217 code
  quantity,  // `amount` and `unit`: "megawatt", "kilometre", "barrel"
};

// A date, time, duration, amount of money, percentage or quantity, with its normalised value.
// Amounts are decimal numerals, exact ("1200000000", "0.5"): no floating point in between.
struct Value {
  uint32_t id = 0;
  ValueType type = ValueType::DATE;
  Span span;
  ValueForm form = ValueForm::none;
  std::string iso;
  std::string from, to;
  std::string amount;
  std::string unit;
};

struct Analysis {
  std::vector<Token> tokens;
  std::vector<Segment> sentences;
  std::vector<Segment> paragraphs;
  std::vector<Entity> entities;
  std::vector<Quote> quotes;
  std::vector<Value> values;  // in text order, never overlapping
  std::vector<std::string> warnings;
};

// What analyze() is told about the article beyond its text.
struct AnalyzeOptions {
  // The article's date, "YYYY-MM-DD": relative dates ("last week", "Tuesday", "three years ago")
  // are resolved against it. Empty: a date in the article's first lines (a dateline), else they
  // keep a null value. Anything else is ignored with a warning.
  std::string reference_date;
};

// True when `date` is a valid proleptic Gregorian "YYYY-MM-DD" (year 0001 to 9999).
bool is_reference_date(std::string_view date);

struct JsonOptions {
  OffsetUnit offsets = OffsetUnit::codepoint;
  bool tokens = false;  // include the token list
  bool pretty = false;  // indent
};

// Writes the schema-1 JSON result for `analysis` of `text`.
std::string to_json(std::string_view text, const Analysis& analysis, const JsonOptions& options);

// The same result in compact form, for a binding that builds its own objects (the JS package
// does): 32-bit words instead of JSON to print and parse, and no span's text, which the caller
// slices from the text it passed. Every offset is in options.offsets' unit (options.pretty is
// ignored). The layout is the wasm glue's private contract, documented with the writer
// (core/src/output/compact_format.h); kCompactNone marks a null there.
constexpr uint32_t kCompactNone = 0xFFFFFFFFu;
std::vector<uint32_t> to_compact(std::string_view text, const Analysis& analysis, const JsonOptions& options);

// An analyzer owns the loaded model; analyze() is const and may be called from many threads.
class Analyzer {
 public:
  // Loads the model embedded in the library. Returns null and sets *error on failure (also in a
  // build without one: LEDE_EMBED_MODEL=OFF).
  static std::unique_ptr<Analyzer> create(std::string* error);
  // Loads a model from bytes (a file produced by the trainer). The bytes are copied.
  static std::unique_ptr<Analyzer> create_from_model(const uint8_t* data, size_t size,
                                                     std::string* error);
  // The same (since model format 5 the weights are decoded, so `data` is not referenced
  // afterwards either; the name stays for the callers of before). trusted: the bytes are lede's
  // own model file (models/lede-ner.bin, shipped beside a build without an embedded model): its
  // checksum is taken as checked, as the embedded model's is; everything else is still checked,
  // so damaged bytes give an error or wrong names, never a read outside them.
  static std::unique_ptr<Analyzer> create_from_model_in_place(const uint8_t* data, size_t size,
                                                              std::string* error, bool trusted = false);
  // The embedded tagger model without the attribution model: quotations with marks and their
  // speakers by the hand-written patterns alone, no reported speech without marks. For
  // lede-train-attribution, which reads only tokens, sentences and names from the analysis and
  // must run when the embedded attribution model is of another feature scheme (the model it is
  // about to replace).
  static std::unique_ptr<Analyzer> create_without_attribution(std::string* error);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  Analysis analyze(std::string_view text) const;
  std::string analyze_json(std::string_view text, const JsonOptions& options) const;
  std::vector<uint32_t> analyze_compact(std::string_view text, const JsonOptions& options) const;
  // The same with what the caller knows of the article (its date).
  Analysis analyze(std::string_view text, const AnalyzeOptions& article) const;
  std::string analyze_json(std::string_view text, const JsonOptions& options,
                           const AnalyzeOptions& article) const;
  std::vector<uint32_t> analyze_compact(std::string_view text, const JsonOptions& options,
                                        const AnalyzeOptions& article) const;

  struct Impl;

 private:
  explicit Analyzer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lede
