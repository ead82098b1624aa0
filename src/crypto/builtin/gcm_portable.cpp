#include "crypto/builtin/gcm_kernel.hpp"

namespace tlsx::crypto::builtin {

std::unique_ptr<GcmKernel> make_gcm_kernel_portable(Bytes /*key*/) {
  return nullptr;
}

}  // namespace tlsx::crypto::builtin
