#include "capture_store.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace hello_capture {
namespace {

using json = Json;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS captures (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  time           TEXT NOT NULL,
  peer           TEXT NOT NULL,
  server_name    TEXT,
  record_version TEXT,
  client_version TEXT,
  ja3            TEXT,
  ja3_hash       TEXT,
  ja3n_hash      TEXT,
  ja4            TEXT,
  ja4_r          TEXT,
  result         TEXT NOT NULL,
  alert          TEXT,
  capture        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS captures_ja4 ON captures(ja4);
CREATE INDEX IF NOT EXISTS captures_ja3_hash ON captures(ja3_hash);
CREATE INDEX IF NOT EXISTS captures_ja3n_hash ON captures(ja3n_hash);
CREATE INDEX IF NOT EXISTS captures_time ON captures(time);
)sql";

constexpr const char* kInsert =
    "INSERT INTO captures (time, peer, server_name, record_version, client_version, ja3, "
    "ja3_hash, ja3n_hash, ja4, ja4_r, result, alert, capture) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

constexpr std::size_t kStatsRows = 100;

// A string field of an object, or nullopt.
std::optional<std::string> field(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::string> server_name_of(const json& tls) {
  if (!tls.is_object() || !tls.contains("extensions")) return std::nullopt;
  for (const auto& ext : tls["extensions"]) {
    if (auto name = field(ext, "server_name")) return name;
  }
  return std::nullopt;
}

Stats::Counts top(const std::map<std::string, std::uint64_t>& counts) {
  Stats::Counts out(counts.begin(), counts.end());
  // Most frequent first; ties by value, like the SQL query's ORDER BY.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (out.size() > kStatsRows) out.resize(kStatsRows);
  return out;
}

}  // namespace

std::string CaptureStore::to_line(const json& capture) {
  return capture.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
}

CaptureStore::CaptureStore(const std::string& jsonl_path, const std::string& db_path) {
  if (jsonl_path == "-") {
    fd_ = STDOUT_FILENO;
  } else {
    load_counts_from_jsonl(jsonl_path);
    fd_ = ::open(jsonl_path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      throw std::runtime_error("cannot open " + jsonl_path + ": " +
                               std::generic_category().message(errno));
    }
    owns_fd_ = true;
  }
  if (!db_path.empty()) open_db(db_path);
}

CaptureStore::~CaptureStore() {
  close();
}

void CaptureStore::open_db(const std::string& path) {
  auto fail = [&](const std::string& what) {
    const std::string message = what + " " + path + ": " + (db_ ? sqlite3_errmsg(db_) : "?");
    if (insert_ != nullptr) sqlite3_finalize(insert_);
    if (db_ != nullptr) sqlite3_close(db_);
    insert_ = nullptr;
    db_ = nullptr;
    throw std::runtime_error(message);
  };
  if (sqlite3_open_v2(path.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    fail("cannot open database");
  }
  sqlite3_busy_timeout(db_, 5000);
  // WAL: readers (sqlite3 CLI, /stats) do not block the writer; NORMAL sync is safe with WAL.
  if (sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr,
                   nullptr) != SQLITE_OK ||
      sqlite3_exec(db_, kSchema, nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail("cannot set up the schema of");
  }
  if (sqlite3_prepare_v2(db_, kInsert, -1, &insert_, nullptr) != SQLITE_OK) {
    fail("cannot prepare the insert into");
  }
}

void CaptureStore::load_counts_from_jsonl(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    json capture = json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (capture.is_object()) count(capture);
  }
}

void CaptureStore::count(const json& capture) {
  ++captures_;
  const json tls = capture.value("tls", json::object());
  ++ja4_[field(tls, "ja4").value_or("(none)")];
  ++ja3_[field(tls, "ja3_hash").value_or("(none)")];
  ++outcome_[field(capture.value("outcome", json::object()), "result").value_or("(none)")];
}

bool CaptureStore::insert_row(const json& capture) {
  const json tls = capture.value("tls", json::object());
  const json outcome = capture.value("outcome", json::object());
  const std::string whole = capture.dump(-1, ' ', false, json::error_handler_t::replace);
  const std::optional<std::string> values[] = {field(capture, "time"),
                                               field(capture, "peer"),
                                               server_name_of(tls),
                                               field(tls, "record_version"),
                                               field(tls, "client_version"),
                                               field(tls, "ja3"),
                                               field(tls, "ja3_hash"),
                                               field(tls, "ja3n_hash"),
                                               field(tls, "ja4"),
                                               field(tls, "ja4_r"),
                                               field(outcome, "result"),
                                               field(outcome, "alert"),
                                               whole};
  sqlite3_reset(insert_);
  sqlite3_clear_bindings(insert_);
  int index = 1;
  for (const auto& value : values) {
    if (value) {
      sqlite3_bind_text(insert_, index, value->data(), static_cast<int>(value->size()),
                        SQLITE_TRANSIENT);
    } else {
      sqlite3_bind_null(insert_, index);
    }
    ++index;
  }
  // time, peer and result are NOT NULL: every capture has them, but never let a row fail on it.
  for (int i : {1, 2, 11}) {
    if (!values[i - 1]) sqlite3_bind_text(insert_, i, "", 0, SQLITE_STATIC);
  }
  return sqlite3_step(insert_) == SQLITE_DONE;
}

bool CaptureStore::append(const json& capture) {
  const std::string line = to_line(capture);
  std::lock_guard lock(mutex_);
  if (fd_ < 0) return false;
  bool ok = true;
  // One write() for the whole line; the loop only matters on a full disk or a signal.
  for (std::size_t done = 0; done < line.size();) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  if (db_ != nullptr && !insert_row(capture)) ok = false;
  count(capture);
  return ok;
}

Stats CaptureStore::stats() {
  std::lock_guard lock(mutex_);
  Stats stats;
  if (db_ == nullptr) {
    stats.captures = captures_;
    stats.ja4 = top(ja4_);
    stats.ja3_hash = top(ja3_);
    stats.outcome = top(outcome_);
    return stats;
  }
  auto query = [&](const char* column) {
    Stats::Counts counts;
    const std::string sql = std::string("SELECT COALESCE(") + column +
                            ", '(none)') AS v, COUNT(*) AS n FROM captures GROUP BY v "
                            "ORDER BY n DESC, v LIMIT " +
                            std::to_string(kStatsRows);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return counts;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      counts.emplace_back(text ? text : "",
                          static_cast<std::uint64_t>(sqlite3_column_int64(stmt, 1)));
    }
    sqlite3_finalize(stmt);
    return counts;
  };
  stats.ja4 = query("ja4");
  stats.ja3_hash = query("ja3_hash");
  stats.outcome = query("result");
  for (const auto& [value, n] : stats.outcome) stats.captures += n;
  return stats;
}

void CaptureStore::close() {
  std::lock_guard lock(mutex_);
  if (fd_ >= 0) {
    ::fsync(fd_);
    if (owns_fd_) ::close(fd_);
    fd_ = -1;
  }
  if (insert_ != nullptr) sqlite3_finalize(insert_);
  insert_ = nullptr;
  if (db_ != nullptr) sqlite3_close(db_);
  db_ = nullptr;
}

}  // namespace hello_capture
