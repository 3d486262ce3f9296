// The `lede` command's work: options, one article, the JSONL stream on every core, the summary,
// `tag --conll`. main.cpp only calls run(); the fuzz targets call the parser and the JSONL loop.
#include "cli.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>
#include <vector>

#include "input.h"
#include "jsonl_line.h"
#include "progress.h"
#include "tag_conll.h"
#include "tagger/tagger.h"
#include "text/utf8.h"

namespace lede_cli {

namespace {

constexpr const char* kUsage = R"(lede — names, entities and quotations in English news articles

Usage:
  lede analyze [FILE|-] [--offsets utf16|codepoint|utf8] [--tokens] [--pretty] [--model FILE]
      Analyse one article (FILE, or standard input when FILE is - or absent) and print the
      schema-1 JSON result. Offsets default to codepoint.
  lede analyze --jsonl [FILE|-] [--threads N] [--progress] [--progress-every S] [--offsets ...]
               [--tokens] [--model FILE]
      Read one {"id": ..., "text": "..."} object a line; write one result a line, in input
      order, each carrying its id. A bad line yields {"id": ..., "line": N, "error": "..."}
      and the rest go on; the exit status is 1 when any line failed. N defaults to all cores.
      --progress reports documents, MB, rates, errors and (for a file) an ETA on stderr once
      a second (every S seconds with --progress-every S), then a summary line.
  lede summary [FILE|-] [--model FILE]
      Print a readable summary: sentences, entities by type, who said what, the values.
  --date YYYY-MM-DD (analyze, summary)
      The article's date: "last week", "Tuesday", "three years ago" are resolved against it.
      Without it, a date in the article's first lines (a dateline) is taken, if any.
  lede tag --conll [FILE|-] [--model FILE]
      Read CoNLL-2003 columns and write each line back with the predicted IOB2 tag appended.
  lede --version | --help

Input (FILE or standard input) may be gzip-compressed, one member or several: it is recognised
by its first bytes, whatever its name, and a corrupt or truncated stream is an I/O error.

Exit status: 0 success, 1 some input failed, 2 usage or I/O error.
)";

[[noreturn]] void usage_error(const std::string& message) { throw UsageError{message}; }

bool read_input(const std::string& path, std::string* out, std::string* error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    *out = ss.str();
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "lede: cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) {
    *error = "lede: error reading '" + path + "'";
    return false;
  }
  return true;
}

std::unique_ptr<lede::Analyzer> load_analyzer(const Options& o, std::string* error) {
  if (o.model_path.empty()) return lede::Analyzer::create(error);
  std::string bytes;
  if (!read_input(o.model_path, &bytes, error)) return nullptr;
  return lede::Analyzer::create_from_model(reinterpret_cast<const uint8_t*>(bytes.data()),
                                           bytes.size(), error);
}

// One JSONL line: its result or its error object, without the trailing newline.

std::string process_line(const lede::Analyzer& analyzer, const std::string& line, size_t number,
                         const lede::JsonOptions& options, const lede::AnalyzeOptions& article,
                         bool* failed) {
  nlohmann::json id;  // null unless the line gives one
  auto error = [&](const std::string& message) {
    *failed = true;
    nlohmann::json e = {{"id", id}, {"line", number}, {"error", message}};
    return e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  if (!lede::is_valid_utf8(line)) return error("line is not valid UTF-8");
  // The text decoded here when it can be (jsonl_line.h), the rest of the line by the library.
  std::string fast_text, rest;
  const bool fast = split_text_member(line, &fast_text, &rest);
  nlohmann::json doc = nlohmann::json::parse(fast ? rest : line, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return error("line is not valid JSON");
  if (!doc.is_object()) return error("line is not a JSON object");
  if (doc.contains("id")) id = doc["id"];
  auto it = doc.find("text");
  if (it == doc.end()) return error("object has no \"text\"");
  if (!it->is_string()) return error("\"text\" is not a string");
  const std::string& text = fast ? fast_text : it->get_ref<const std::string&>();
  const std::string result = analyzer.analyze_json(text, options, article);
  // Splice the id in front of the result's fields: {"id":...,"schema":1,...}
  std::string out = "{\"id\":" + id.dump() + ",";
  out.append(result, 1, std::string::npos);
  return out;
}

std::string slice(const std::string& text, lede::Span s) {
  return text.substr(s.start, s.end - s.start);
}

// A value's normalised form as the summary shows it: "2025-03-18", "1990 to 1999", "2680 INR".
std::string value_summary(const lede::Value& v) {
  switch (v.form) {
    case lede::ValueForm::none: return "(unresolved)";
    case lede::ValueForm::iso: return v.iso;
    case lede::ValueForm::range: return v.from + " to " + v.to;
    case lede::ValueForm::number: return v.amount + "%";
    case lede::ValueForm::money:
    case lede::ValueForm::quantity: return v.amount + " " + v.unit;
  }
  return {};
}

void print_values(const std::string& text, const lede::Analysis& a) {
  std::cout << "\nValues (" << a.values.size() << "):\n";
  for (const auto& v : a.values)
    std::cout << "  [" << lede::value_type_name(v.type) << "] " << slice(text, v.span) << " = "
              << value_summary(v) << '\n';
}

void print_summary(const std::string& text, const lede::Analysis& a) {
  std::cout << "lede " << lede::version() << ": " << text.size() << " bytes, " << a.tokens.size()
            << " tokens, " << a.sentences.size() << " sentences, " << a.paragraphs.size()
            << " paragraphs\n";
  std::cout << "\nEntities (" << a.entities.size() << "):\n";
  for (auto type : {lede::EntityType::PERSON, lede::EntityType::ORG, lede::EntityType::LOC,
                    lede::EntityType::MISC}) {
    std::vector<const lede::Entity*> of_type;
    for (const auto& e : a.entities)
      if (e.type == type) of_type.push_back(&e);
    if (of_type.empty()) continue;
    std::stable_sort(of_type.begin(), of_type.end(), [](const lede::Entity* x, const lede::Entity* y) {
      return x->mentions.size() > y->mentions.size();
    });
    std::cout << "  " << lede::entity_type_name(type) << ":";
    for (size_t k = 0; k < of_type.size(); ++k)
      std::cout << (k ? ", " : " ") << of_type[k]->name << " (" << of_type[k]->mentions.size() << ")";
    std::cout << '\n';
  }
  std::cout << "\nWho said what (" << a.quotes.size() << " quotations):\n";
  for (const auto& q : a.quotes) {
    std::string who = q.has_speaker && !q.speaker.name.empty() ? q.speaker.name : "(unattributed)";
    std::string words = slice(text, q.span);
    if (words.size() > 90) {
      size_t cut = 87;
      while (cut > 0 && (static_cast<unsigned char>(words[cut]) & 0xC0) == 0x80) --cut;
      words = words.substr(0, cut) + "...";
    }
    std::cout << "  [" << lede::quote_kind_name(q.kind) << "] " << who << ": \"" << words << "\"\n";
  }
  print_values(text, a);
  for (const auto& w : a.warnings) std::cout << "warning: " << w << '\n';
}

}  // namespace

Options parse_args(int argc, char** argv) {
  Options o;
  if (argc < 2) usage_error("lede: missing command (try 'lede --help')");
  o.command = argv[1];
  if (o.command != "analyze" && o.command != "summary" && o.command != "tag")
    usage_error("lede: unknown command '" + o.command + "' (try 'lede --help')");
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* flag) -> std::string {
      if (i + 1 >= argc) usage_error(std::string("lede: ") + flag + " needs a value");
      return argv[++i];
    };
    if (a == "--offsets") {
      std::string v = value("--offsets");
      if (!lede::parse_offset_unit(v, &o.json.offsets))
        usage_error("lede: unknown offset unit '" + v + "' (use utf16, codepoint or utf8)");
    } else if (a == "--tokens" && o.command == "analyze") {
      o.json.tokens = true;
    } else if (a == "--pretty" && o.command == "analyze") {
      o.json.pretty = true;
    } else if (a == "--jsonl" && o.command == "analyze") {
      o.jsonl = true;
    } else if (a == "--progress" && o.command == "analyze") {
      o.progress = true;
    } else if (a == "--progress-every" && o.command == "analyze") {
      std::string v = value("--progress-every");
      char* end = nullptr;
      double seconds = std::strtod(v.c_str(), &end);
      if (v.empty() || *end != '\0' || !(seconds >= 0.01 && seconds <= 86400))
        usage_error("lede: --progress-every takes seconds from 0.01 to 86400, not '" + v + "'");
      o.progress = true;
      o.progress_interval_ms = static_cast<unsigned>(seconds * 1000 + 0.5);
    } else if (a == "--conll" && o.command == "tag") {
      o.conll = true;
    } else if (a == "--threads" && o.command == "analyze") {
      std::string v = value("--threads");
      char* end = nullptr;
      errno = 0;
      unsigned long n = std::strtoul(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || errno || n == 0 || n > 1024 || v[0] == '-')
        usage_error("lede: --threads takes a whole number from 1 to 1024, not '" + v + "'");
      o.threads = static_cast<unsigned>(n);
    } else if (a == "--date" && o.command != "tag") {
      std::string v = value("--date");
      if (!lede::is_reference_date(v))
        usage_error("lede: --date takes a date YYYY-MM-DD, not '" + v + "'");
      o.article.reference_date = v;
    } else if (a == "--model") {
      o.model_path = value("--model");
    } else if (a.size() > 1 && a[0] == '-') {
      usage_error("lede: unknown option '" + a + "' for '" + o.command + "' (try 'lede --help')");
    } else {
      if (o.input_given) usage_error("lede: more than one input file given ('" + a + "')");
      o.input = a;
      o.input_given = true;
    }
  }
  if (o.command == "tag" && !o.conll) usage_error("lede: 'tag' needs --conll");
  if (o.threads && !o.jsonl) usage_error("lede: --threads goes with --jsonl");
  if (o.progress && !o.jsonl) usage_error("lede: --progress goes with --jsonl");
  if (o.jsonl && o.json.pretty) usage_error("lede: --pretty cannot be used with --jsonl");
  return o;
}

bool next_line(std::istream& in, std::string* line) {
  if (!std::getline(in, *line)) return false;
  if (!line->empty() && line->back() == '\r') line->pop_back();
  return true;
}

bool is_blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

int run_jsonl(const lede::Analyzer& analyzer, std::istream& in, const Options& o,
              JsonlProgress* progress) {
  unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  // Lines are read in batches, analysed in parallel, and written in input order; memory stays
  // bounded by the batch however long the stream is.
  constexpr size_t kBatchLines = 512;
  constexpr size_t kBatchBytes = 64u << 20;
  std::vector<std::string> lines;
  std::vector<size_t> numbers;
  std::vector<std::string> results;
  std::vector<char> failed;
  size_t line_number = 0;
  bool any_failed = false, eof = false;
  std::string line;
  while (!eof) {
    lines.clear();
    numbers.clear();
    size_t bytes = 0;
    while (lines.size() < kBatchLines && bytes < kBatchBytes) {
      if (!next_line(in, &line)) {
        eof = true;
        break;
      }
      ++line_number;
      if (is_blank(line)) continue;
      bytes += line.size();
      lines.push_back(std::move(line));
      numbers.push_back(line_number);
    }
    results.assign(lines.size(), std::string());
    failed.assign(lines.size(), 0);
    std::atomic<size_t> next{0};
    auto work = [&] {
      for (size_t k; (k = next.fetch_add(1)) < lines.size();) {
        bool f = false;
        results[k] = process_line(analyzer, lines[k], numbers[k], o.json, o.article, &f);
        failed[k] = f;
        if (progress) progress->line_done(lines[k].size() + 1, f);
      }
    };
    std::vector<std::thread> pool;
    unsigned n = static_cast<unsigned>(std::min<size_t>(threads, lines.size()));
    for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    for (size_t k = 0; k < results.size(); ++k) {
      std::cout << results[k] << '\n';
      any_failed = any_failed || failed[k];
    }
  }
  std::cout.flush();
  if (progress) progress->finish();
  if (in.bad()) return 2;
  return any_failed ? 1 : 0;
}

int run(int argc, char** argv) {
  if (argc >= 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-V") == 0)) {
    std::cout << "lede " << lede::version() << '\n';
    return 0;
  }
  if (argc >= 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
                    std::strcmp(argv[1], "help") == 0)) {
    std::cout << kUsage;
    return 0;
  }
  Options o = parse_args(argc, argv);
  std::string error;
  std::unique_ptr<lede::Analyzer> analyzer = load_analyzer(o, &error);
  if (!analyzer) {
    std::cerr << error << '\n';
    return 2;
  }
  std::unique_ptr<Input> input = Input::open(o.input, &error);
  if (!input) {
    std::cerr << error << '\n';
    return 2;
  }
  std::istream& in = input->stream();
  if (o.command == "tag") {
    std::string bytes;
    const uint8_t* data = lede::default_model_data();
    size_t size = lede::default_model_size();
    if (!o.model_path.empty()) {
      if (!read_input(o.model_path, &bytes, &error)) {
        std::cerr << error << '\n';
        return 2;
      }
      data = reinterpret_cast<const uint8_t*>(bytes.data());
      size = bytes.size();
    }
    std::unique_ptr<lede::TaggerModel> model = lede::TaggerModel::load(data, size, &error);
    if (!model) {
      std::cerr << error << '\n';
      return 2;
    }
    int status = run_tag_conll(in, std::cout, *model, &error);
    if (status != 0) std::cerr << (input->error().empty() ? error : input->error()) << '\n';
    return status;
  }
  if (o.jsonl) {
    std::unique_ptr<JsonlProgress> progress;
    if (o.progress) progress = std::make_unique<JsonlProgress>(*input, STDERR_FILENO, isatty(STDERR_FILENO) == 1,
                                                std::chrono::milliseconds(o.progress_interval_ms));
    int status = run_jsonl(*analyzer, in, o, progress.get());
    if (status == 2) std::cerr << (input->error().empty() ? "lede: error reading '" + o.input + "'" : input->error()) << '\n';
    return status;
  }
  std::string text;
  if (!input->read_all(&text)) {
    std::cerr << input->error() << '\n';
    return 2;
  }
  if (o.command == "summary") {
    print_summary(text, analyzer->analyze(text, o.article));
    return 0;
  }
  std::cout << analyzer->analyze_json(text, o.json, o.article) << '\n';
  return 0;
}

}  // namespace lede_cli
