#include "handshake/transcript.hpp"

namespace tlsx::handshake {
namespace {

std::vector<std::uint8_t> digest_of(const crypto::Hash& h) {
  auto copy = h.clone();
  std::vector<std::uint8_t> out(crypto::digest_size(copy->algorithm()));
  copy->finish(out);
  return out;
}

}  // namespace

Result<void> Transcript::start_hash(const crypto::Provider& provider, crypto::HashAlgorithm alg) {
  auto running = provider.hash(alg);
  if (!running) return std::unexpected(running.error());
  auto before = provider.hash(alg);
  if (!before) return std::unexpected(before.error());
  (*running)->update(buffer_);
  (*before)->update(std::span(buffer_).first(last_start_));
  running_ = std::move(*running);
  before_last_ = std::move(*before);
  return {};
}

void Transcript::add(std::span<const std::uint8_t> message) {
  if (running_) {
    before_last_ = running_->clone();
    running_->update(message);
  }
  last_start_ = buffer_.size();
  buffer_.insert(buffer_.end(), message.begin(), message.end());
}

Result<std::vector<std::uint8_t>> Transcript::hash() const {
  if (!running_) {
    return fail(ErrorCode::internal, AlertDescription::internal_error,
                "transcript hash used before the suite was known");
  }
  return digest_of(*running_);
}

Result<std::vector<std::uint8_t>> Transcript::hash_before_last() const {
  if (!before_last_) {
    return fail(ErrorCode::internal, AlertDescription::internal_error,
                "transcript hash used before the suite was known");
  }
  return digest_of(*before_last_);
}

}  // namespace tlsx::handshake
