// Bytes as lowercase hex, the form every byte string takes in a capture.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace hello_capture {

/// "16030100" for {0x16, 0x03, 0x01, 0x00}.
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace hello_capture
