// UTCTime and GeneralizedTime in the only forms RFC 5280 §4.1.2.5 allows:
//   UTCTime          YYMMDDHHMMSSZ    (YY >= 50 means 19YY, else 20YY)
//   GeneralizedTime  YYYYMMDDHHMMSSZ  (no fractional seconds)
// Both always carry seconds and end in 'Z'; DER (X.690 §11.7, §11.8) forbids any other form.
// RFC 5280 also says dates before 2050 use UTCTime; that is a rule for CAs which tlsx does not
// enforce (neither do the major verifiers), so either type is read for any year.
#include <fmt/format.h>

#include "crypto/der.hpp"

namespace tlsx::crypto::der {

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) noexcept {
  // Count days in eras of 400 years (146097 days) starting on March 1st, so that the leap day
  // is the last day of a "year" and month lengths follow a simple linear formula.
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;                         // [0, 399]
  const unsigned shifted_month = month > 2 ? month - 3 : month + 9;          // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;  // [0, 365]
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

namespace {

bool is_leap(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(std::int64_t year, unsigned month) {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Reads n decimal digits; false on any non-digit.
bool digits(Bytes text, std::size_t offset, std::size_t n, unsigned& value) {
  value = 0;
  for (std::size_t i = offset; i < offset + n; ++i) {
    const std::uint8_t c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

bool decode_time(Tag tag, Bytes c, std::int64_t& unix_seconds, std::string& why) {
  const bool utc = tag == tag::kUtcTime;
  const char* name = utc ? "UTCTime" : "GeneralizedTime";
  if (!utc && tag != tag::kGeneralizedTime) {
    why = fmt::format("expected a time, found {}", to_string(tag));
    return false;
  }
  const std::size_t year_digits = utc ? 2 : 4;
  if (c.size() != year_digits + 11 || c.back() != 'Z') {
    why = fmt::format("{} must have the form {}MMDDHHMMSSZ", name, utc ? "YY" : "YYYY");
    return false;
  }
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const std::size_t y = year_digits;
  if (!(digits(c, 0, y, year) && digits(c, y, 2, month) && digits(c, y + 2, 2, day) &&
        digits(c, y + 4, 2, hour) && digits(c, y + 6, 2, minute) && digits(c, y + 8, 2, second))) {
    why = fmt::format("{} contains a non-digit", name);
    return false;
  }
  if (utc) year += year >= 50 ? 1900 : 2000;
  // Leap seconds (60) are not allowed: RFC 5280 times are UTC without them in practice, and
  // accepting them would make two encodings denote one instant.
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    why = fmt::format("{} is not a valid date and time", name);
    return false;
  }
  unix_seconds = days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return true;
}

}  // namespace tlsx::crypto::der
