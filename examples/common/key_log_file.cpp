#include "key_log_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>

namespace tlsx::examples {

std::shared_ptr<KeyLogFile> KeyLogFile::from_environment(std::string* error) {
  // Read once while the program starts, before it starts threads.
  const char* path = std::getenv("SSLKEYLOGFILE");  // NOLINT(concurrency-mt-unsafe)
  if (path == nullptr || *path == '\0') return nullptr;
  // The file holds secrets: create it readable by its owner only.
  const mode_t old_mask = ::umask(077);
  std::FILE* file = std::fopen(path, "a");
  ::umask(old_mask);
  if (file == nullptr) {
    *error = fmt::format("cannot open SSLKEYLOGFILE '{}': {}", path,
                         std::generic_category().message(errno));
    return nullptr;
  }
  return std::make_shared<KeyLogFile>(file, path);
}

KeyLogFile::~KeyLogFile() {
  // Nothing to report a failed close to from a destructor; every line was flushed already.
  if (file_ != nullptr) (void)std::fclose(file_);
}

KeyLogCallback KeyLogFile::callback() {
  return [self = shared_from_this()](std::string_view line) { self->append(line); };
}

void KeyLogFile::append(std::string_view line) {
  const std::lock_guard lock(mutex_);
  // A key log is a debugging aid: a failed write must not disturb the connection that asked for
  // it, and a callback has no one to report to, so write errors are ignored.
  (void)std::fwrite(line.data(), 1, line.size(), file_);
  (void)std::fputc('\n', file_);
  (void)std::fflush(file_);  // tools read the file while the program runs
}

}  // namespace tlsx::examples
