// The JSON type of captures: nlohmann's ordered_json, so that fields print in the order the schema
// lists them (time, peer, tls, outcome) rather than sorted.
#pragma once

#include <nlohmann/json.hpp>

namespace hello_capture {

using Json = nlohmann::ordered_json;

}  // namespace hello_capture
