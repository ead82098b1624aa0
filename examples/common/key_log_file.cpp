#include "key_log_file.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

namespace tlsx::examples {

std::shared_ptr<KeyLogFile> KeyLogFile::from_environment(std::string* error) {
  const char* path = std::getenv("SSLKEYLOGFILE");
  if (path == nullptr || *path == '\0') return nullptr;
  // The file holds secrets: create it readable by its owner only.
  const mode_t old_mask = ::umask(077);
  std::FILE* file = std::fopen(path, "a");
  ::umask(old_mask);
  if (file == nullptr) {
    *error = fmt::format("cannot open SSLKEYLOGFILE '{}': {}", path, std::strerror(errno));
    return nullptr;
  }
  return std::make_shared<KeyLogFile>(file, path);
}

KeyLogFile::~KeyLogFile() {
  if (file_ != nullptr) std::fclose(file_);
}

KeyLogCallback KeyLogFile::callback() {
  return [self = shared_from_this()](std::string_view line) { self->append(line); };
}

void KeyLogFile::append(std::string_view line) {
  const std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fputc('\n', file_);
  std::fflush(file_);  // tools read the file while the program runs
}

}  // namespace tlsx::examples
