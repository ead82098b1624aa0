// Which backend serves each primitive of default_provider(), for tests, benchmarks and logs.
#pragma once

#include <string>
#include <vector>

namespace tlsx::crypto {

/// One line per primitive, e.g. "SHA-256: builtin (SHA-NI)", "X25519: sodium". Reflects the
/// choices default_provider() made on this CPU (and under TLSX_CPU_PORTABLE).
[[nodiscard]] std::vector<std::string> describe_default_provider();

}  // namespace tlsx::crypto
