// HTML text escaping shared by the programs that write HTML (hello-capture, tlsx-step).
#pragma once

#include <string>
#include <string_view>

namespace tlsx::examples {

/// text with & < > " ' replaced by entities, safe inside element content and quoted attributes.
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace tlsx::examples
