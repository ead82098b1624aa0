// Plain-text rendering of a run for the terminal (and the golden files): one block per step,
// fields as "offset  hex  name: value" lines in the manner of The Illustrated TLS 1.2.
#pragma once

#include <string>
#include <vector>

#include "run_model.hpp"

namespace tlsx::step {

[[nodiscard]] std::string render_text_header(const RunInfo& info);
[[nodiscard]] std::string render_text_step(const Step& step);
[[nodiscard]] std::string render_text_summary(const RunInfo& info);

/// Lines of a field tree over buf (shared with tests of the dissector).
void render_field_lines(const Field& field, std::span<const std::uint8_t> buf, int depth,
                        std::string& out);

}  // namespace tlsx::step
