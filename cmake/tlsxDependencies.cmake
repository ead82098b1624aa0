# Finds tlsx's link dependencies; used by the build and by the installed tlsxConfig.cmake.
include_guard(GLOBAL)
include(CMakeFindDependencyMacro)

# fmt ships a CMake package in Debian (libfmt-dev).
find_dependency(fmt)

# libsodium ships only pkg-config metadata, so make an imported target ourselves.
if(NOT TARGET tlsx::sodium)
  find_path(TLSX_SODIUM_INCLUDE_DIR sodium.h)
  find_library(TLSX_SODIUM_LIBRARY NAMES sodium)
  if(NOT TLSX_SODIUM_INCLUDE_DIR OR NOT TLSX_SODIUM_LIBRARY)
    message(FATAL_ERROR "libsodium not found (Debian: apt-get install libsodium-dev)")
  endif()
  add_library(tlsx::sodium UNKNOWN IMPORTED)
  set_target_properties(tlsx::sodium PROPERTIES
    IMPORTED_LOCATION "${TLSX_SODIUM_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${TLSX_SODIUM_INCLUDE_DIR}")
endif()
