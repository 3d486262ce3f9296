// to_compact: the result as 32-bit words (layout in compact_format.h), the JSON writer's content without
// its printing: offsets from the same OffsetTable, strings sanitised as the JSON's are.
#include <cstdint>
#include <cstring>
#include <string>

#include "lede/lede.h"
#include "output/compact_format.h"
#include "output/offset_table.h"
#include "text/utf8.h"

namespace lede {

namespace {

class CompactWriter {
 public:
  CompactWriter(std::string_view text, const Analysis& a, const JsonOptions& o)
      : text_(text), a_(a), o_(o), offsets_(text, a, o.offsets, o.tokens) {}

  // The words, or none when they or the strings would not fit 32-bit counts (a text of
  // gigabytes, with tokens).
  std::vector<uint32_t> write() {
    w_.reserve(64 + 2 * (a_.sentences.size() + a_.paragraphs.size()) + (o_.tokens ? 3 * a_.tokens.size() : 0));
    w_.assign(2, 0);  // N and the strings' size, set at the end
    w_.push_back(offsets_.unit(static_cast<uint32_t>(text_.size())));
    segments(a_.sentences);
    segments(a_.paragraphs);
    if (o_.tokens) {
      w_.push_back(static_cast<uint32_t>(a_.tokens.size()));
      for (const Token& t : a_.tokens) {
        span(t.span);
        w_.push_back(static_cast<uint32_t>(t.kind));
      }
    } else {
      w_.push_back(kCompactNone);
    }
    w_.push_back(static_cast<uint32_t>(a_.entities.size()));
    for (const Entity& e : a_.entities) {
      w_.push_back(e.id);
      w_.push_back(static_cast<uint32_t>(e.type));
      string(e.name);
      w_.push_back(static_cast<uint32_t>(e.aliases.size()));
      for (const std::string& alias : e.aliases) string(alias);
      w_.push_back(static_cast<uint32_t>(e.mentions.size()));
      for (const Mention& m : e.mentions) {
        span(m.span);
        if (m.title.empty()) none();
        else string(m.title);
      }
    }
    w_.push_back(static_cast<uint32_t>(a_.quotes.size()));
    for (const Quote& q : a_.quotes) {
      w_.push_back(q.id);
      w_.push_back(static_cast<uint32_t>(q.kind));
      span(q.span);
      w_.push_back(q.has_speaker ? 1 : 0);
      if (q.has_speaker) {
        const Speaker& sp = q.speaker;
        w_.push_back(sp.entity == Speaker::kNoEntity ? kCompactNone : sp.entity);
        if (sp.name.empty()) none();
        else string(sp.name);
        if (sp.has_mention) span(sp.mention);
        else none();
      }
      if (q.has_cue) span(q.cue);
      else none();
    }
    w_.push_back(static_cast<uint32_t>(a_.warnings.size()));
    for (const std::string& warning : a_.warnings) string(warning);
    w_.push_back(static_cast<uint32_t>(a_.values.size()));
    for (const Value& v : a_.values) value(v);

    const size_t n = w_.size();
    if (n > UINT32_MAX || strings_.size() > UINT32_MAX || strings_overflow_) return {};
    w_[0] = static_cast<uint32_t>(n);
    w_[1] = static_cast<uint32_t>(strings_.size());
    w_.resize(n + (strings_.size() + 3) / 4, 0);
    if (!strings_.empty()) std::memcpy(w_.data() + n, strings_.data(), strings_.size());
    return std::move(w_);
  }

 private:
  std::string_view text_;
  const Analysis& a_;
  const JsonOptions& o_;
  OffsetTable offsets_;
  std::vector<uint32_t> w_;
  std::string strings_;
  uint32_t strings_units_ = 0;  // the strings' length in the unit
  bool strings_overflow_ = false;

  // (id, type, span, form, two strings): which strings hold what depends on the form
  // (compact_format.h); those it does not use are null.
  void value(const Value& v) {
    w_.push_back(v.id);
    w_.push_back(static_cast<uint32_t>(v.type));
    span(v.span);
    w_.push_back(static_cast<uint32_t>(v.form));
    switch (v.form) {
      case ValueForm::none: none(); none(); break;
      case ValueForm::iso: string(v.iso); none(); break;
      case ValueForm::range: string(v.from); string(v.to); break;
      case ValueForm::number: string(v.amount); none(); break;
      case ValueForm::money:
      case ValueForm::quantity: string(v.amount); string(v.unit); break;
    }
  }

  void none() {
    w_.push_back(kCompactNone);
    w_.push_back(kCompactNone);
  }
  void span(Span s) {
    w_.push_back(offsets_.unit(s.start));
    w_.push_back(offsets_.unit(s.end));
  }
  void segments(const std::vector<Segment>& segs) {
    w_.push_back(static_cast<uint32_t>(segs.size()));
    for (const Segment& s : segs) span(s.span);
  }
  void string(std::string_view s) {
    const size_t from = strings_.size();
    if (is_valid_utf8(s)) strings_.append(s);
    else append_sanitized_utf8(s, &strings_);
    w_.push_back(strings_units_);
    const uint32_t length = text_length(std::string_view(strings_).substr(from), o_.offsets);
    strings_overflow_ |= length > UINT32_MAX - strings_units_;
    strings_units_ += length;
    w_.push_back(strings_units_);
  }
};

}  // namespace

std::vector<uint32_t> to_compact(std::string_view text, const Analysis& analysis, const JsonOptions& options) {
  std::vector<uint32_t> words = CompactWriter(text, analysis, options).write();
  if (!words.empty()) return words;
  Analysis none;
  none.warnings.push_back("lede: the result is too large for the compact form (32-bit counts); use to_json");
  return CompactWriter(text, none, options).write();
}

}  // namespace lede
