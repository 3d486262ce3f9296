// `lede analyze --jsonl --progress`: how far the JSONL loop has got, on stderr, about once a
// second (documents, MB, documents/s, MB/s, errors, and an ETA when the input's size is known),
// redrawn in place on a terminal and as plain lines otherwise, then one summary line.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace lede_cli {

class Input;

class JsonlProgress {
 public:
  // Reports on file descriptor `fd` (stderr) until finish(); `input` gives the bytes read against
  // the file's size (the compressed bytes for gzip). `terminal`: redraw one line with \r rather
  // than add lines. Not std::cerr: it is tied to std::cout, and flushing std::cout from the
  // reporter thread while the loop writes to it mixes up the results.
  JsonlProgress(const Input& input, int fd, bool terminal,
                std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~JsonlProgress();
  JsonlProgress(const JsonlProgress&) = delete;
  JsonlProgress& operator=(const JsonlProgress&) = delete;

  // One input line analysed (or refused), `bytes` long with its newline; from any thread.
  void line_done(uint64_t bytes, bool failed);
  // Stops the periodic report and prints the summary line. Called once, at the end.
  void finish();

 private:
  void report_periodically();
  double seconds() const;  // since the start
  std::string tally_so_far(double seconds, bool with_time) const;
  std::string status_line();
  std::string summary_line() const;
  void print(const std::string& line, bool last);

  const Input& input_;
  const int fd_;
  const bool terminal_;
  const std::chrono::milliseconds interval_;
  const std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::atomic<uint64_t> documents_{0};
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> errors_{0};
  size_t drawn_width_ = 0;  // terminal: the length of the line on screen, to blank it out
  double shown_share_done_ = 0;  // the share done last reported (reporter thread only)
  std::mutex mutex_;
  std::condition_variable wake_;
  bool finished_ = false;
  std::thread reporter_;
};

}  // namespace lede_cli
