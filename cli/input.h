// The CLI's input: a file or standard input, plain or gzip-compressed (told apart by gzip's magic
// bytes, not by the file's name), read as a stream in bounded memory. It also counts the bytes it
// reads from the file, so that --progress can say how far through a file of known size it is.
#pragma once

#include <atomic>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>

namespace lede_cli {

// A read that cannot go on: an I/O error, or a gzip stream that is corrupt or cut short. The
// stream buffer throws it; std::istream turns it into badbit (so a line cut by it is never
// returned) and Input::error() keeps its message.
struct InputError {
  std::string message;
};

class Input {
 public:
  // Opens `path` ("-" for standard input) and looks at its first bytes. nullptr with *error set
  // (a `lede: ...` message) when the file cannot be opened or read.
  static std::unique_ptr<Input> open(const std::string& path, std::string* error);
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  // The decompressed bytes. After a read ends, bad() means error() says why.
  std::istream& stream();
  // All of the (decompressed) input; false with error() set when the read fails.
  bool read_all(std::string* out);

  bool gzip() const { return gzip_; }
  // Bytes read from the file or pipe so far (compressed bytes for gzip), and the bytes they
  // gave (decompressed); safe from any thread.
  uint64_t bytes_read() const { return bytes_read_.load(std::memory_order_relaxed); }
  uint64_t bytes_decoded() const { return bytes_decoded_.load(std::memory_order_relaxed); }
  // The file's size when it is a regular file (standard input redirected from one included).
  std::optional<uint64_t> size() const { return size_; }
  // Why reading stopped early, as `lede: ...`; empty when it ended cleanly or has not ended.
  const std::string& error() const { return error_; }

 private:
  class Buffer;
  Input() = default;

  std::string name_;  // for messages: the path in quotes, or standard input
  int fd_ = -1;
  bool owns_fd_ = false;
  bool gzip_ = false;
  std::optional<uint64_t> size_;
  std::atomic<uint64_t> bytes_read_{0};
  std::atomic<uint64_t> bytes_decoded_{0};
  std::string error_;
  std::unique_ptr<Buffer> buffer_;
  std::unique_ptr<std::istream> stream_;
};

}  // namespace lede_cli
