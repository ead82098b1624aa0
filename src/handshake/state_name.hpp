// The name of the state a handshake variant holds (each Expect* state has a kName), for
// Engine::state(), the observer and error messages.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <variant>

namespace tlsx::handshake {

template <class State>
[[nodiscard]] std::string_view state_name_of(const State& state) noexcept {
  // An index lookup instead of std::visit: no bad_variant_access path in a noexcept function.
  std::string_view name = "Failed";
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((state.index() == I ? (name = std::variant_alternative_t<I, State>::kName, 0) : 0), ...);
  }(std::make_index_sequence<std::variant_size_v<State>>{});
  return name;
}

}  // namespace tlsx::handshake
