// to_json: the schema-1 result. All span boundaries are gathered first and converted to the
// requested unit in one pass (OffsetTable); the writer then looks each one up.
#include "output/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "output/offset_table.h"
#include "text/bytes.h"
#include "text/utf8.h"

namespace lede {

namespace {

// The writer's output: a string written through inline appends. libc++ (the wasm build's) keeps
// std::string's own out of line, and a result is mostly single characters and short pieces.
class JsonOut {
 public:
  void reserve(size_t n) { buf_.resize(std::max(buf_.size(), n)); }
  void push_back(char c) {
    if (len_ == buf_.size()) grow(1);
    buf_[len_++] = c;
  }
  void append(const char* p, size_t n) {
    if (buf_.size() - len_ < n) grow(n);
    std::memcpy(&buf_[len_], p, n);
    len_ += n;
  }
  void append(const char* s) { append(s, std::strlen(s)); }
  JsonOut& operator+=(char c) {
    push_back(c);
    return *this;
  }
  JsonOut& operator+=(const char* s) {
    append(s);
    return *this;
  }
  std::string take() {
    buf_.resize(len_);
    len_ = 0;
    return std::move(buf_);
  }

 private:
  void grow(size_t n) { buf_.resize(std::max(buf_.size() * 2, len_ + n)); }
  std::string buf_;
  size_t len_ = 0;
};

// What write_json_string does with each byte: copy it (0), escape it (1: controls, '"', '\\'),
// or, past ASCII, have the string checked as UTF-8 once (2).
constexpr std::array<uint8_t, 256> kJsonBytes = [] {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t['"'] = t['\\'] = 1;
  for (int c = 0x80; c < 0x100; ++c) t[c] = 2;
  return t;
}();

// Whether any of eight bytes is one write_json_string must look at: a control character, '"' or
// '\\', or, until the string has been checked as UTF-8, a byte past ASCII.
inline bool needs_look(uint64_t w, bool utf8_checked) {
  return has_byte_below(w, 0x20) || has_byte(w, '"') || has_byte(w, '\\') || (!utf8_checked && has_non_ascii(w));
}

// append_json_string into any output with push_back(char) and append(pointer, size). One pass over
// the bytes: a string found not to be valid UTF-8 at its first byte past ASCII is continued from
// there in its sanitised copy, which has the same ASCII bytes before that one.
template <typename Out>
void write_json_string(std::string_view s, Out* out) {
  std::string clean;
  std::string_view v = s;
  bool checked = false;
  out->push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < v.size(); ++i) {
    // Eight bytes at a time while none of them needs a look (most of a quotation's text).
    while (i + 8 <= v.size() && !needs_look(load_word8(v.data() + i), checked)) i += 8;
    if (i >= v.size()) break;
    const unsigned char c = static_cast<unsigned char>(v[i]);
    const uint8_t kind = kJsonBytes[c];
    if (kind == 0) continue;
    if (kind == 2) {
      if (!checked) {
        checked = true;
        if (!is_valid_utf8(v)) {
          append_sanitized_utf8(s, &clean);
          v = clean;
        }
      }
      continue;
    }
    out->append(v.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\"", 2); break;
      case '\\': out->append("\\\\", 2); break;
      case '\n': out->append("\\n", 2); break;
      case '\r': out->append("\\r", 2); break;
      case '\t': out->append("\\t", 2); break;
      case '\b': out->append("\\b", 2); break;
      case '\f': out->append("\\f", 2); break;
      default: {
        char buf[8];
        int n = std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out->append(buf, static_cast<size_t>(n));
      }
    }
  }
  out->append(v.data() + run, v.size() - run);
  out->push_back('"');
}

}  // namespace

void append_json_string(std::string_view s, std::string* out) { write_json_string(s, out); }

std::string indent_json(std::string_view compact) {
  std::string out;
  out.reserve(compact.size() * 2);
  int depth = 0;
  bool in_string = false;
  auto newline = [&] {
    out.push_back('\n');
    out.append(static_cast<size_t>(depth) * 2, ' ');
  };
  for (size_t i = 0; i < compact.size(); ++i) {
    char c = compact[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\') out.push_back(compact[++i]);
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; out.push_back(c); break;
      case '{': case '[':
        out.push_back(c);
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out.push_back(compact[++i]);
        } else {
          ++depth;
          newline();
        }
        break;
      case '}': case ']': --depth; newline(); out.push_back(c); break;
      case ',': out.push_back(c); newline(); break;
      case ':': out.append(": "); break;
      default: out.push_back(c);
    }
  }
  return out;
}

namespace {

class Writer {
 public:
  Writer(std::string_view text, const Analysis& a, const JsonOptions& o)
      : text_(text), a_(a), o_(o), offsets_(text, a, o.offsets, o.tokens) {}

  std::string write() {
    JsonOut& s = out_;
    s.reserve(text_.size() * (o_.tokens ? 12 : 2) + 256);
    s += "{\"schema\":1,\"offsets\":\"";
    s += offset_unit_name(o_.offsets);
    s += "\",\"length\":";
    number(unit(static_cast<uint32_t>(text_.size())));
    s += ",\"sentences\":";
    segments(a_.sentences);
    s += ",\"paragraphs\":";
    segments(a_.paragraphs);
    if (o_.tokens) {
      s += ",\"tokens\":[";
      for (size_t k = 0; k < a_.tokens.size(); ++k) {
        if (k) s += ',';
        span_object(a_.tokens[k].span, /*close=*/false);
        s += ",\"kind\":\"";
        s += token_kind_name(a_.tokens[k].kind);
        s += "\"}";
      }
      s += ']';
    }
    s += ",\"entities\":[";
    for (size_t k = 0; k < a_.entities.size(); ++k) entity(k);
    s += "],\"quotes\":[";
    for (size_t k = 0; k < a_.quotes.size(); ++k) quote(k);
    s += "],\"values\":[";
    for (size_t k = 0; k < a_.values.size(); ++k) value(k);
    s += "],\"warnings\":[";
    for (size_t k = 0; k < a_.warnings.size(); ++k) {
      if (k) s += ',';
      write_json_string(a_.warnings[k], &s);
    }
    s += "]}";
    std::string json = out_.take();
    if (o_.pretty) return indent_json(json);
    return json;
  }

 private:
  std::string_view text_;
  const Analysis& a_;
  const JsonOptions& o_;
  OffsetTable offsets_;
  JsonOut out_;

  uint32_t unit(uint32_t byte) const { return offsets_.unit(byte); }

  void number(uint32_t v) {
    char buf[10];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    out_.append(buf, static_cast<size_t>(end - buf));
  }

  // {"start":S,"end":E,"text":"..."} — left open when close is false, for more fields.
  void span_object(Span sp, bool close = true) {
    out_ += "{\"start\":";
    number(unit(sp.start));
    out_ += ",\"end\":";
    number(unit(sp.end));
    out_ += ",\"text\":";
    write_json_string(text_.substr(sp.start, sp.end - sp.start), &out_);
    if (close) out_ += '}';
  }

  void segments(const std::vector<Segment>& segs) {
    out_ += '[';
    for (size_t k = 0; k < segs.size(); ++k) {
      if (k) out_ += ',';
      out_ += "{\"start\":";
      number(unit(segs[k].span.start));
      out_ += ",\"end\":";
      number(unit(segs[k].span.end));
      out_ += '}';
    }
    out_ += ']';
  }

  void entity(size_t k) {
    const Entity& e = a_.entities[k];
    if (k) out_ += ',';
    out_ += "{\"id\":";
    number(e.id);
    out_ += ",\"type\":\"";
    out_ += entity_type_name(e.type);
    out_ += "\",\"name\":";
    write_json_string(e.name, &out_);
    out_ += ",\"aliases\":[";
    for (size_t i = 0; i < e.aliases.size(); ++i) {
      if (i) out_ += ',';
      write_json_string(e.aliases[i], &out_);
    }
    out_ += "],\"mentions\":[";
    for (size_t i = 0; i < e.mentions.size(); ++i) {
      if (i) out_ += ',';
      const Mention& m = e.mentions[i];
      span_object(m.span, /*close=*/false);
      if (!m.title.empty()) {
        out_ += ",\"title\":";
        write_json_string(m.title, &out_);
      }
      out_ += '}';
    }
    out_ += "],\"count\":";
    number(static_cast<uint32_t>(e.mentions.size()));
    out_ += '}';
  }

  // {"id":N,"<key>":"<name>","start":S,"end":E,"text":"...": a quote's or a value's first
  // fields, the object left open.
  void item_head(uint32_t id, const char* key, const char* name, Span sp) {
    out_ += "{\"id\":";
    number(id);
    out_ += ",\"";
    out_ += key;
    out_ += "\":\"";
    out_ += name;
    out_ += "\",\"start\":";
    number(unit(sp.start));
    out_ += ",\"end\":";
    number(unit(sp.end));
    out_ += ",\"text\":";
    write_json_string(text_.substr(sp.start, sp.end - sp.start), &out_);
  }

  // {"id":..,"type":"MONEY",start,end,text,"value":...}: the value's JSON by its form.
  void value(size_t k) {
    const Value& v = a_.values[k];
    if (k) out_ += ',';
    item_head(v.id, "type", value_type_name(v.type), v.span);
    out_ += ",\"value\":";
    switch (v.form) {
      case ValueForm::none: out_ += "null"; break;
      case ValueForm::iso: write_json_string(v.iso, &out_); break;
      case ValueForm::range:
        out_ += "{\"from\":";
        write_json_string(v.from, &out_);
        out_ += ",\"to\":";
        write_json_string(v.to, &out_);
        out_ += '}';
        break;
      case ValueForm::number: out_ += v.amount.c_str(); break;
      case ValueForm::money:
      case ValueForm::quantity:
        out_ += "{\"amount\":";
        out_ += v.amount.c_str();
        out_ += v.form == ValueForm::money ? ",\"currency\":" : ",\"unit\":";
        write_json_string(v.unit, &out_);
        out_ += '}';
        break;
    }
    out_ += '}';
  }

  void quote(size_t k) {
    const Quote& q = a_.quotes[k];
    if (k) out_ += ',';
    item_head(q.id, "kind", quote_kind_name(q.kind), q.span);
    out_ += ",\"speaker\":";
    if (!q.has_speaker) {
      out_ += "null";
    } else {
      const Speaker& sp = q.speaker;
      out_ += "{\"entity\":";
      if (sp.entity == Speaker::kNoEntity) out_ += "null";
      else number(sp.entity);
      out_ += ",\"name\":";
      if (sp.name.empty()) out_ += "null";
      else write_json_string(sp.name, &out_);
      out_ += ",\"mention\":";
      if (sp.has_mention) span_object(sp.mention);
      else out_ += "null";
      out_ += '}';
    }
    out_ += ",\"cue\":";
    if (q.has_cue) span_object(q.cue);
    else out_ += "null";
    out_ += '}';
  }
};

}  // namespace

std::string to_json(std::string_view text, const Analysis& analysis, const JsonOptions& options) {
  return Writer(text, analysis, options).write();
}

}  // namespace lede
