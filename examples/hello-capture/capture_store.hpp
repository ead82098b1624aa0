// Where captures go: a JSON Lines file (one complete line per capture, appended with one write()
// under a mutex, so that concurrent connections never tear or interleave lines and a crash loses at
// most the capture being written) and, optionally, an SQLite database with one row per capture
// (schema in docs/hello-capture.md). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "capture_json.hpp"

#include "stats.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hello_capture {

class CaptureStore {
 public:
  /// Opens (creating if needed) the JSON Lines file ("-": standard output) and, when db_path is
  /// not empty, the SQLite database. Counts for stats() start from what the store already holds.
  /// Throws std::runtime_error with a readable message on failure (startup only).
  CaptureStore(const std::string& jsonl_path, const std::string& db_path);
  ~CaptureStore();
  CaptureStore(const CaptureStore&) = delete;
  CaptureStore& operator=(const CaptureStore&) = delete;

  /// Appends one capture. Returns false (and the caller logs it) if the line could not be
  /// written completely.
  bool append(const Json& capture);
  /// Counts per JA4, JA3 and outcome: from SQLite when there is a database, else from the JSON
  /// Lines file (read at startup, then counted as captures are appended).
  [[nodiscard]] Stats stats();
  /// Flushes everything to disk (fsync) and closes; append() does nothing afterwards.
  void close();

  /// One line of JSON for a capture (invalid UTF-8, which tlsx never puts in a capture, would be
  /// replaced rather than throw).
  [[nodiscard]] static std::string to_line(const Json& capture);

 private:
  void count(const Json& capture);
  void load_counts_from_jsonl(const std::string& path);
  void open_db(const std::string& path);
  bool insert_row(const Json& capture);

  std::mutex mutex_;
  int fd_ = -1;
  bool owns_fd_ = false;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  std::uint64_t captures_ = 0;
  std::map<std::string, std::uint64_t> ja4_, ja3_, outcome_;
};

}  // namespace hello_capture
