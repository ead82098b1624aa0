// TLSX_TRY(expr): evaluate a Result-returning expression and return its error from the
// enclosing function if it failed. Keeps the handshake code a list of steps instead of a ladder
// of ifs; only for internal use (never in public headers).
#pragma once

#include <expected>
#include <utility>

#define TLSX_TRY(expr)                                             \
  do {                                                             \
    if (auto tlsx_try_result_ = (expr); !tlsx_try_result_) {       \
      return std::unexpected(std::move(tlsx_try_result_.error())); \
    }                                                              \
  } while (false)

/// TLSX_TRY_LET(name, expr): declares `name` as the value of a successful Result. (`name` is a
/// declarator, so it cannot be parenthesized.)
// NOLINTBEGIN(bugprone-macro-parentheses): reported where `name` is used, not on the #define
#define TLSX_TRY_LET(name, expr)                                                  \
  auto name##_result_ = (expr);                                                   \
  if (!name##_result_) return std::unexpected(std::move(name##_result_.error())); \
  auto name = std::move(*name##_result_)
// NOLINTEND(bugprone-macro-parentheses)
