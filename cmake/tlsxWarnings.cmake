include_guard(GLOBAL)
# Warnings every tlsx target builds with; TLSX_WERROR (on in CI) makes them errors.
function(tlsx_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    $<$<BOOL:${TLSX_WERROR}>:-Werror>)
endfunction()
