// The 70 real ClientHellos of tests/vectors/fingerprints/client-hellos.json, parsed once.
#pragma once

#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "handshake/client_hello.hpp"
#include "support/test_support.hpp"

namespace tlsx::test {

struct HelloVector {
  std::string id;  ///< "capture#tcp_stream"
  nlohmann::json json;
  ByteVec message;  ///< the whole handshake message (header included)
  handshake::ClientHello hello;
};

inline const std::vector<HelloVector>& hello_vectors() {
  static const std::vector<HelloVector> vectors = [] {
    std::vector<HelloVector> out;
    for (const auto& entry : load_json_vector("fingerprints/client-hellos.json")) {
      HelloVector v;
      v.id = entry["capture"].get<std::string>() + "#" +
             std::to_string(entry["tcp_stream"].get<int>());
      v.json = entry;
      v.message = from_hex(entry["client_hello_hex"].get<std::string>());
      REQUIRE(v.message.size() >= 4);
      REQUIRE(v.message[0] == 1);
      const std::size_t length =
          (std::size_t{v.message[1]} << 16) | (v.message[2] << 8) | v.message[3];
      REQUIRE(length == v.message.size() - 4);
      auto parsed = handshake::ClientHello::parse(std::span(v.message).subspan(4));
      REQUIRE(parsed);
      v.hello = std::move(*parsed);
      out.push_back(std::move(v));
    }
    return out;
  }();
  return vectors;
}

}  // namespace tlsx::test
