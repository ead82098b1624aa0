// flood_client: a malicious TLS client for tests/load/flood_test.py. It completes a real
// handshake (AES-128-GCM, no verification), then sends COUNT empty application_data records
// forged under its own write keys in one burst, and reports how the server ended the connection.
//
//   flood_client PORT COUNT
//
// Prints one line "alert <name>" (the server's fatal alert, as decrypted by our engine),
// "reset", "closed" or "open" (the server still had not ended it after 10 s). Exit status 0 when
// it got that far, 1 when the handshake or the sending failed.
#include <poll.h>
#include <sys/socket.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "record/content_type.hpp"
#include "support/record_forger.hpp"
#include "tlsx/alert.hpp"
#include "tlsx/config.hpp"
#include "tlsx/engine.hpp"
#include "tlsx/io/blocking.hpp"

namespace {

using namespace tlsx;

int fail(const std::string& what) {
  (void)std::fprintf(stderr, "flood_client: %s\n", what.c_str());
  return 1;
}

/// Sends all of data on the non-blocking socket; false when the peer reset it meanwhile.
bool send_all(int fd, std::span<const std::uint8_t> data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data = data.subspan(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return false;
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, 10'000) <= 0) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return fail("usage: flood_client PORT COUNT");
  const auto port = static_cast<std::uint16_t>(std::atoi(argv[1]));
  const auto count = static_cast<std::size_t>(std::atol(argv[2]));

  test::KeyCatcher keys;
  ClientConfig config;
  config.verify_peer = false;
  config.cipher_suites = {CipherSuite::TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256};
  config.observer = &keys;
  auto engine = Engine::client(config, "localhost");
  if (!engine) return fail(engine.error().message());
  const auto timeout = std::chrono::milliseconds(10'000);
  auto fd = io::connect_tcp("127.0.0.1", port, timeout);
  if (!fd) return fail(fd.error().message());
  io::BlockingConnection conn(std::move(*engine), std::move(*fd), timeout);
  if (auto done = conn.handshake(); !done) return fail("handshake: " + done.error().message());

  auto forger = test::RecordForger::create(keys.client_key, keys.client_iv);
  if (!forger) return fail(forger.error().message());
  std::vector<std::uint8_t> burst;
  for (std::size_t i = 0; i < count; ++i) {
    auto rec = forger->record(record::ContentType::application_data, {});
    if (!rec) return fail(rec.error().message());
    burst.insert(burst.end(), rec->begin(), rec->end());
  }
  const bool sent = send_all(conn.fd(), burst);

  // Our engine never saw the forged records go out, but its read side is intact: the server's
  // fatal alert decrypts and fails it with peer_alert.
  std::array<std::uint8_t, 256> buffer{};
  auto got = conn.read_some(buffer);
  if (got) {
    std::printf("%s\n", *got == 0 ? "closed" : "data");
  } else if (got.error().code == ErrorCode::peer_alert) {
    std::printf("alert %s\n", to_string(got.error().alert).c_str());
  } else if (got.error().code == ErrorCode::timeout) {
    std::printf("open\n");
  } else {
    std::printf("%s (%s)\n", sent ? "reset" : "reset while sending", got.error().message().c_str());
  }
  return 0;
}
