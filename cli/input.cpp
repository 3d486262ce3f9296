// Plain or gzip input for the CLI, as one stream buffer over a file descriptor. Plain bytes are
// handed out straight from the read buffer; gzip goes through zlib's inflate, member after member
// (what `gzip -c a b` or `cat a.gz b.gz` produce), and fails loudly on a corrupt or cut stream.
#include "input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <streambuf>
#include <vector>

namespace lede_cli {

namespace {

constexpr size_t kReadBytes = 1u << 16;
constexpr size_t kInflatedBytes = 1u << 18;

}  // namespace

class Input::Buffer : public std::streambuf {
 public:
  explicit Buffer(Input& input) : input_(input), raw_(kReadBytes) {}
  ~Buffer() override {
    if (inflating_) inflateEnd(&zlib_);
  }

  // Reads until the first two bytes are in (or the input ends) and says whether they are gzip's
  // magic number. Throws InputError.
  bool starts_with_gzip_magic() {
    while (raw_end_ < 2 && !raw_eof_) raw_end_ += read_raw(raw_.data() + raw_end_, raw_.size() - raw_end_);
    return raw_end_ >= 2 && static_cast<unsigned char>(raw_[0]) == 0x1f &&
           static_cast<unsigned char>(raw_[1]) == 0x8b;
  }

  void start_inflating() {
    // 16 + 15: a gzip wrapper (header and CRC-32 trailer checked) around a 32 KiB window.
    if (inflateInit2(&zlib_, 16 + MAX_WBITS) != Z_OK) fail("cannot start gzip decompression");
    inflating_ = true;
    inflated_.resize(kInflatedBytes);
    zlib_.next_in = reinterpret_cast<Bytef*>(raw_.data());
    zlib_.avail_in = static_cast<uInt>(raw_end_);
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    int_type next = inflating_ ? underflow_gzip() : underflow_plain();
    input_.bytes_decoded_.fetch_add(static_cast<uint64_t>(egptr() - gptr()), std::memory_order_relaxed);
    return next;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    input_.error_ = "lede: " + input_.name_ + ": " + what;
    throw InputError{input_.error_};
  }

  // One read(2), retried on EINTR: the bytes read, 0 at the end of the input.
  size_t read_raw(char* into, size_t room) {
    for (;;) {
      ssize_t n = ::read(input_.fd_, into, room);
      if (n >= 0) {
        if (n == 0) raw_eof_ = true;
        input_.bytes_read_.fetch_add(static_cast<uint64_t>(n), std::memory_order_relaxed);
        return static_cast<size_t>(n);
      }
      if (errno != EINTR) fail(std::string("read error: ") + std::strerror(errno));
    }
  }

  int_type underflow_plain() {
    // The bytes read while looking for the magic number come first.
    if (raw_end_ == 0 && !raw_eof_) raw_end_ = read_raw(raw_.data(), raw_.size());
    if (raw_end_ == 0) return traits_type::eof();
    setg(raw_.data(), raw_.data(), raw_.data() + raw_end_);
    raw_end_ = 0;
    return traits_type::to_int_type(*gptr());
  }

  int_type underflow_gzip() {
    for (;;) {
      if (zlib_.avail_in == 0 && !raw_eof_) {
        zlib_.next_in = reinterpret_cast<Bytef*>(raw_.data());
        zlib_.avail_in = static_cast<uInt>(read_raw(raw_.data(), raw_.size()));
      }
      if (member_ended_) {
        if (zlib_.avail_in == 0) return traits_type::eof();
        // More bytes after a member: the next member of a concatenated stream.
        if (inflateReset(&zlib_) != Z_OK) fail("cannot restart gzip decompression");
        member_ended_ = false;
      }
      if (zlib_.avail_in == 0) fail("gzip stream is truncated (it ends before its last member does)");
      zlib_.next_out = reinterpret_cast<Bytef*>(inflated_.data());
      zlib_.avail_out = static_cast<uInt>(inflated_.size());
      int status = inflate(&zlib_, Z_NO_FLUSH);
      if (status == Z_STREAM_END) {
        member_ended_ = true;
      } else if (status == Z_MEM_ERROR) {
        fail("out of memory in gzip decompression");
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        fail(std::string("gzip stream is corrupt (") + (zlib_.msg ? zlib_.msg : "zlib error") + ")");
      }
      size_t produced = inflated_.size() - zlib_.avail_out;
      if (produced > 0) {
        setg(inflated_.data(), inflated_.data(), inflated_.data() + produced);
        return traits_type::to_int_type(*gptr());
      }
    }
  }

  Input& input_;
  std::vector<char> raw_;  // bytes as read from the file
  size_t raw_end_ = 0;     // plain input: bytes in raw_ not yet handed out
  bool raw_eof_ = false;
  std::vector<char> inflated_;
  z_stream zlib_{};
  bool inflating_ = false;
  bool member_ended_ = false;
};

std::unique_ptr<Input> Input::open(const std::string& path, std::string* error) {
  std::unique_ptr<Input> input(new Input());
  if (path == "-") {
    input->name_ = "standard input";
    input->fd_ = STDIN_FILENO;
  } else {
    input->name_ = "'" + path + "'";
    input->fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (input->fd_ < 0) {
      *error = "lede: cannot read '" + path + "': " + std::strerror(errno);
      return nullptr;
    }
    input->owns_fd_ = true;
  }
  struct stat st;
  if (fstat(input->fd_, &st) == 0 && S_ISREG(st.st_mode)) input->size_ = static_cast<uint64_t>(st.st_size);
  input->buffer_ = std::make_unique<Buffer>(*input);
  try {
    input->gzip_ = input->buffer_->starts_with_gzip_magic();
    if (input->gzip_) input->buffer_->start_inflating();
  } catch (const InputError& e) {
    *error = e.message;
    return nullptr;
  }
  input->stream_ = std::make_unique<std::istream>(input->buffer_.get());
  return input;
}

Input::~Input() {
  stream_.reset();
  buffer_.reset();
  if (owns_fd_) ::close(fd_);
}

std::istream& Input::stream() { return *stream_; }

bool Input::read_all(std::string* out) {
  out->clear();
  // A plain file's size is known: its bytes go into one buffer of that size, not into one that
  // doubles as it fills (which held up to twice the text, and copied it at each growth).
  if (size_ && !gzip_ && *size_ <= out->max_size()) out->reserve(static_cast<size_t>(*size_));
  std::vector<char> chunk(kReadBytes);
  while (stream_->read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || stream_->gcount() > 0)
    out->append(chunk.data(), static_cast<size_t>(stream_->gcount()));
  if (!stream_->bad()) return true;
  // Anything but an InputError (say, bad_alloc) reaches here without a message of its own.
  if (error_.empty()) error_ = "lede: error reading " + name_;
  return false;
}

}  // namespace lede_cli
