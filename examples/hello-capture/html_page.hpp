// The HTML pages of the echo: a client's own ClientHello (from its capture JSON) and the store's
// fingerprint counts. Every value is HTML-escaped: hellos and their names come from strangers.
#pragma once

#include <string>
#include <string_view>

#include "capture_json.hpp"
#include "html_escape.hpp"

#include "stats.hpp"

namespace hello_capture {

using tlsx::examples::html_escape;
[[nodiscard]] std::string render_capture_page(const Json& capture);
[[nodiscard]] std::string render_stats_page(const Stats& stats);

}  // namespace hello_capture
