// The whole run as one self-contained HTML page (inline CSS and a few lines of inline script, no
// external assets): one section per step, every byte range a labelled span whose field is named
// on hover and highlighted together with its row in the field list.
#pragma once

#include <string>
#include <vector>

#include "run_model.hpp"

namespace tlsx::step {

[[nodiscard]] std::string render_html(const RunInfo& info, const std::vector<Step>& steps);

}  // namespace tlsx::step
