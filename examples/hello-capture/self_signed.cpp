#include "self_signed.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace hello_capture {
namespace {

namespace fs = std::filesystem;

// Runs a program with its output discarded; returns its exit status (or -1).
int run_quietly(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

std::expected<std::string, std::string> state_directory() {
  // Read once at startup, before any thread exists.
  // NOLINTBEGIN(concurrency-mt-unsafe)
  const char* xdg = std::getenv("XDG_STATE_HOME");
  if (xdg != nullptr && *xdg == '/') return std::string(xdg) + "/tlsx";
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') {
    return std::unexpected(std::string("neither XDG_STATE_HOME nor HOME is set; use --cert/--key"));
  }
  // NOLINTEND(concurrency-mt-unsafe)
  return std::string(home) + "/.local/state/tlsx";
}

std::expected<CertificateFiles, std::string> ensure_self_signed_certificate() {
  auto dir = state_directory();
  if (!dir) return std::unexpected(dir.error());
  CertificateFiles files{*dir + "/hello-capture-localhost.pem",
                         *dir + "/hello-capture-localhost.key", false};
  std::error_code ec;
  if (fs::exists(files.cert, ec) && fs::exists(files.key, ec)) return files;
  fs::create_directories(*dir, ec);
  if (ec) return std::unexpected("cannot create " + *dir + ": " + ec.message());
  fs::permissions(*dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  // Written under temporary names and renamed, so that an interrupted run leaves no half pair.
  const std::string cert_tmp = files.cert + ".tmp";
  const std::string key_tmp = files.key + ".tmp";
  const std::vector<std::string> command = {"openssl",
                                            "req",
                                            "-x509",
                                            "-newkey",
                                            "rsa:2048",
                                            "-nodes",
                                            "-sha256",
                                            "-days",
                                            "825",
                                            "-subj",
                                            "/CN=localhost",
                                            "-addext",
                                            "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1",
                                            "-addext",
                                            "basicConstraints=critical,CA:FALSE",
                                            "-addext",
                                            "keyUsage=critical,digitalSignature,keyEncipherment",
                                            "-addext",
                                            "extendedKeyUsage=serverAuth",
                                            "-keyout",
                                            key_tmp,
                                            "-out",
                                            cert_tmp};
  const mode_t old_mask = ::umask(077);  // the key is for our eyes only
  const int status = run_quietly(command);
  ::umask(old_mask);
  if (status != 0) {
    fs::remove(cert_tmp, ec);
    fs::remove(key_tmp, ec);
    std::string text;
    for (const auto& a : command) text += (text.empty() ? "" : " ") + a;
    return std::unexpected("could not create a self-signed certificate (" +
                           (status < 0 ? std::string("openssl not found")
                                       : "openssl exited with " + std::to_string(status)) +
                           "): " + text);
  }
  fs::rename(key_tmp, files.key, ec);
  if (!ec) fs::rename(cert_tmp, files.cert, ec);
  if (ec) return std::unexpected("cannot store the certificate in " + *dir + ": " + ec.message());
  files.created = true;
  return files;
}

}  // namespace hello_capture
