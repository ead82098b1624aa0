// NullProtection: TLS_NULL_WITH_NULL_NULL, the cipher spec every connection starts with
// (RFC 5246 §6.1): records travel as plaintext.
#pragma once

#include <memory>

#include "record/record_protection.hpp"

namespace tlsx::record {

class NullProtection final : public RecordProtection {
 public:
  [[nodiscard]] std::string name() const override { return "null"; }
  [[nodiscard]] bool is_null() const noexcept override { return true; }
  [[nodiscard]] std::size_t sealed_size(std::size_t plaintext_size) const noexcept override {
    return plaintext_size;
  }
  [[nodiscard]] Result<void> seal(const RecordContext& context,
                                  std::span<const std::uint8_t> plaintext,
                                  std::span<std::uint8_t> out) override;
  [[nodiscard]] Result<std::span<std::uint8_t>> open(const RecordContext& context,
                                                     std::span<std::uint8_t> fragment) override;
};

[[nodiscard]] std::unique_ptr<RecordProtection> make_null_protection();

}  // namespace tlsx::record
