// The progress report of the JSONL loop. Worker threads only bump atomic counters; a reporter
// thread wakes once per interval to print, so the report neither slows the analysis down nor
// waits for a batch of long articles to finish before it says anything.
#include "progress.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "input.h"

namespace lede_cli {

namespace {

constexpr double kMegabyte = 1e6;

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, pattern, a, b, c);
  return buffer;
}

std::string clock_time(double seconds) {
  auto s = static_cast<long long>(seconds + 0.5);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return buffer;
}

// "12 documents, 3.4 MB, 5 documents/s, 1.20 MB/s, 0 errors" over `seconds`, for the status and
// summary lines; the summary, printed once, also names the time taken.
std::string tally(uint64_t documents, uint64_t bytes, uint64_t errors, double seconds, bool with_time) {
  double rate_seconds = std::max(seconds, 1e-3);
  return std::to_string(documents) + (documents == 1 ? " document, " : " documents, ") +
         format("%.1f MB", bytes / kMegabyte) + (with_time ? format(" in %.1f s", seconds) : "") + ", " +
         format("%.0f documents/s, %.2f MB/s", documents / rate_seconds, bytes / kMegabyte / rate_seconds) +
         ", " + std::to_string(errors) + (errors == 1 ? " error" : " errors");
}

}  // namespace

JsonlProgress::JsonlProgress(const Input& input, int fd, bool terminal, std::chrono::milliseconds interval)
    : input_(input), fd_(fd), terminal_(terminal), interval_(interval) {
  reporter_ = std::thread([this] { report_periodically(); });
}

JsonlProgress::~JsonlProgress() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
  }
  wake_.notify_all();
  if (reporter_.joinable()) reporter_.join();
}

void JsonlProgress::line_done(uint64_t bytes, bool failed) {
  documents_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  if (failed) errors_.fetch_add(1, std::memory_order_relaxed);
}

void JsonlProgress::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
  }
  wake_.notify_all();
  if (reporter_.joinable()) reporter_.join();
  print(summary_line(), true);
}

void JsonlProgress::report_periodically() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [this] { return finished_; })) print(status_line(), false);
}

double JsonlProgress::seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

std::string JsonlProgress::tally_so_far(double seconds, bool with_time) const {
  return tally(documents_.load(std::memory_order_relaxed), bytes_.load(std::memory_order_relaxed),
               errors_.load(std::memory_order_relaxed), seconds, with_time);
}

std::string JsonlProgress::status_line() {
  double elapsed = seconds();
  std::string line = "lede: " + tally_so_far(elapsed, false);
  // The share of the file done: the share read (compressed bytes for gzip, against the file's
  // size) times the share of what was read that is analysed (the loop reads a batch ahead). The
  // ETA assumes the rest goes at the rate so far.
  uint64_t decoded = input_.bytes_decoded();
  if (input_.size() && *input_.size() > 0 && decoded > 0) {
    double read = static_cast<double>(input_.bytes_read()) / static_cast<double>(*input_.size());
    double analysed = static_cast<double>(bytes_.load(std::memory_order_relaxed)) / static_cast<double>(decoded);
    // Reading the next batch makes the estimate dip; the share shown never goes back.
    double done = std::max(shown_share_done_, std::min(1.0, read * std::min(1.0, analysed)));
    shown_share_done_ = done;
    line += format(", %.0f%% done", 100 * done);
    if (done > 0) line += ", ETA " + clock_time(elapsed * (1 - done) / done);
  }
  return line;
}

std::string JsonlProgress::summary_line() const { return "lede: done: " + tally_so_far(seconds(), true); }

void JsonlProgress::print(const std::string& line, bool last) {
  std::string text;
  if (terminal_) {
    // In place: back to the start of the line, and spaces over what a longer previous line left.
    text = '\r' + line + std::string(drawn_width_ > line.size() ? drawn_width_ - line.size() : 0, ' ');
    drawn_width_ = line.size();
    if (last) text += '\n';
  } else {
    text = line + '\n';
  }
  // One write(2) a line: a report is never interleaved with other writers' output. A report
  // that cannot be written (stderr closed) is dropped; the analysis goes on.
  for (size_t done = 0; done < text.size();) {
    ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace lede_cli
