// Real handshake messages from the recorded connections in tests/vectors and tests/data, as whole
// messages (4-byte header included) with what a parser needs to know about them. Included by the
// handshake tests; not a test itself.
//
// Sources:
//   - illustrated-tls12/records/*.hex: one TLS record per file; plaintext handshake records give
//     their fragment, the encrypted Finished records come from *finishedplain.hex (plaintext,
//     then a 20-byte HMAC-SHA1 and the padding-length byte, per that folder's README);
//   - go-tls12-transcripts/*.flows.txt: raw flights; records are split, handshake fragments
//     concatenated per direction until that direction's ChangeCipherSpec, then split into
//     messages; the encrypted Finished messages come from the .json's decrypted records;
//   - data/handshake-messages/*.msgs.txt: messages recorded from OpenSSL's s_client -msg trace.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "handshake/client_key_exchange.hpp"
#include "handshake/handshake_header.hpp"
#include "support/test_support.hpp"

namespace tlsx::test {

struct RecordedMessage {
  std::string source;  ///< "<file> #<index>"
  bool from_client = false;
  handshake::HandshakeType type{};
  ByteVec bytes;  ///< the whole message
  handshake::ClientKeyExchangeKind key_exchange = handshake::ClientKeyExchangeKind::ecdhe;

  [[nodiscard]] ByteVec body() const { return ByteVec(bytes.begin() + 4, bytes.end()); }
};

namespace detail {

// Splits a stream of concatenated whole handshake messages.
inline void split_messages(const ByteVec& stream, const std::string& source, bool from_client,
                           handshake::ClientKeyExchangeKind kx, std::vector<RecordedMessage>& out) {
  std::size_t pos = 0;
  while (pos + 4 <= stream.size()) {
    const std::size_t len = (std::size_t{stream[pos + 1]} << 16) |
                            (std::size_t{stream[pos + 2]} << 8) | stream[pos + 3];
    if (pos + 4 + len > stream.size()) throw std::runtime_error(source + ": truncated message");
    RecordedMessage m;
    m.source = source + " #" + std::to_string(out.size());
    m.from_client = from_client;
    m.type = static_cast<handshake::HandshakeType>(stream[pos]);
    m.bytes.assign(stream.begin() + pos, stream.begin() + pos + 4 + len);
    m.key_exchange = kx;
    out.push_back(std::move(m));
    pos += 4 + len;
  }
  if (pos != stream.size()) throw std::runtime_error(source + ": stray bytes");
}

inline std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace detail

/// Illustrated TLS 1.2 (ECDHE-RSA, AES-128-CBC-SHA): 8 messages.
inline std::vector<RecordedMessage> illustrated_messages() {
  using handshake::ClientKeyExchangeKind;
  std::vector<RecordedMessage> out;
  const std::pair<const char*, bool> records[] = {
      {"clienthello", true},        {"serverhello", false},     {"servercert", false},
      {"serverkeyexchange", false}, {"serverhellodone", false}, {"clientkeyexchange", true}};
  for (const auto& [name, from_client] : records) {
    const ByteVec record =
        from_hex(read_file(vector_path(std::string("illustrated-tls12/records/") + name + ".hex")));
    const ByteVec fragment(record.begin() + 5, record.end());
    detail::split_messages(fragment, std::string("illustrated-tls12/") + name, from_client,
                           ClientKeyExchangeKind::ecdhe, out);
  }
  for (const auto& [name, from_client] :
       {std::pair{"clientfinishedplain", true}, std::pair{"serverfinishedplain", false}}) {
    const ByteVec plain =
        from_hex(read_file(vector_path(std::string("illustrated-tls12/records/") + name + ".hex")));
    const ByteVec message(plain.begin(), plain.end() - 21);  // drop HMAC-SHA1 and pad length
    detail::split_messages(message, std::string("illustrated-tls12/") + name, from_client,
                           ClientKeyExchangeKind::ecdhe, out);
  }
  return out;
}

/// One Go transcript: its flights' plaintext handshake messages, then the two Finished messages.
inline std::vector<RecordedMessage> go_messages(const std::string& name) {
  const auto json = load_json_vector("go-tls12-transcripts/" + name + ".json");
  const std::string suite = json.at("cipher_suite");
  const auto kx = suite.find("ECDHE") != std::string::npos ? handshake::ClientKeyExchangeKind::ecdhe
                                                           : handshake::ClientKeyExchangeKind::rsa;
  std::istringstream in(read_file(vector_path("go-tls12-transcripts/" + name + ".flows.txt")));
  ByteVec streams[2];  // [0] server to client, [1] client to server
  bool changed[2] = {false, false};
  std::string line, flight_hex;
  bool from_client = false;
  std::vector<std::pair<bool, ByteVec>> flights;
  while (std::getline(in, line)) {
    if (line.starts_with(">>> Flow")) {
      if (!flight_hex.empty()) flights.emplace_back(from_client, from_hex(flight_hex));
      flight_hex.clear();
      from_client = line.find("client to server") != std::string::npos;
      continue;
    }
    flight_hex += line;
  }
  if (!flight_hex.empty()) flights.emplace_back(from_client, from_hex(flight_hex));
  for (const auto& [client, bytes] : flights) {
    std::size_t pos = 0;
    while (pos + 5 <= bytes.size()) {
      const std::uint8_t type = bytes[pos];
      const std::size_t len = (std::size_t{bytes[pos + 3]} << 8) | bytes[pos + 4];
      if (type == 20) changed[client] = true;
      if (type == 22 && !changed[client]) {
        streams[client].insert(streams[client].end(), bytes.begin() + pos + 5,
                               bytes.begin() + pos + 5 + len);
      }
      pos += 5 + len;
    }
  }
  std::vector<RecordedMessage> out;
  detail::split_messages(streams[1], "go/" + name + " client", true, kx, out);
  detail::split_messages(streams[0], "go/" + name + " server", false, kx, out);
  for (const auto& record : json.at("records")) {
    if (record.at("content_type") == "handshake (22)" && record.at("encrypted").get<bool>()) {
      const bool client = record.at("direction") == "client_to_server";
      detail::split_messages(from_hex(record.at("plaintext_hex").get<std::string>()),
                             "go/" + name + " finished", client, kx, out);
    }
  }
  return out;
}

inline std::vector<std::string> go_transcript_names() {
  return {"Server-TLSv12-RSA-AES", "Client-TLSv12-AES128-GCM-SHA256",
          "Client-TLSv12-ECDHE-RSA-CHACHA20-POLY1305"};
}

/// The OpenSSL recordings in tests/data/handshake-messages/.
inline std::vector<RecordedMessage> openssl_messages() {
  std::vector<RecordedMessage> out;
  const auto dir = std::filesystem::path(TLSX_TEST_DATA_DIR) / "handshake-messages";
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().string().ends_with(".msgs.txt")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    const auto kx = name.starts_with("rsa-kx") ? handshake::ClientKeyExchangeKind::rsa
                                               : handshake::ClientKeyExchangeKind::ecdhe;
    std::istringstream in(read_file(file));
    std::string line;
    while (std::getline(in, line)) {
      line = detail::trim(line);
      if (line.empty() || line.starts_with("#")) continue;
      std::istringstream fields(line);
      std::string direction, label, hex;
      fields >> direction >> label >> hex;
      detail::split_messages(from_hex(hex), name + " " + label, direction == "c2s", kx, out);
    }
  }
  return out;
}

/// Everything above.
inline std::vector<RecordedMessage> all_recorded_messages() {
  auto out = illustrated_messages();
  for (const auto& name : go_transcript_names()) {
    auto more = go_messages(name);
    out.insert(out.end(), more.begin(), more.end());
  }
  auto more = openssl_messages();
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

/// The recorded messages of one type.
inline std::vector<RecordedMessage> recorded_messages_of(handshake::HandshakeType type) {
  std::vector<RecordedMessage> out;
  for (auto& m : all_recorded_messages()) {
    if (m.type == type) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace tlsx::test
