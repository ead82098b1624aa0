// SSLKEYLOGFILE support: appends the engine's NSS key log lines to the file the environment
// variable names, so that Wireshark/tshark can decrypt a capture of the connection.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "tlsx/config.hpp"

namespace tlsx::examples {

class KeyLogFile : public std::enable_shared_from_this<KeyLogFile> {
 public:
  /// Opens $SSLKEYLOGFILE for appending; nullptr when the variable is unset or empty. A file
  /// that cannot be opened is an error (message in *error), as a typo should not go unnoticed.
  static std::shared_ptr<KeyLogFile> from_environment(std::string* error);

  explicit KeyLogFile(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  ~KeyLogFile();
  KeyLogFile(const KeyLogFile&) = delete;
  KeyLogFile& operator=(const KeyLogFile&) = delete;

  /// A callback for CommonConfig::key_log that keeps this file alive; safe from many threads.
  [[nodiscard]] KeyLogCallback callback();
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  void append(std::string_view line);

  std::mutex mutex_;
  std::FILE* file_;
  std::string path_;
};

}  // namespace tlsx::examples
