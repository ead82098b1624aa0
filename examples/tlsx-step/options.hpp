// tlsx-step's command line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli_parsing.hpp"
#include "tlsx/code_points.hpp"

namespace tlsx::step {

struct Options {
  bool auto_run = false;                      ///< --auto: no pause for Enter
  std::vector<CipherSuite> suites;            ///< --suite (empty: tlsx's defaults)
  std::string suite_text;                     ///< as given
  bool ems = true;                            ///< --ems / --no-ems
  bool mtls = false;                          ///< --mtls: client authentication
  bool resume = false;                        ///< --resume: a second, resumed connection
  bool ticket = false;                        ///< --ticket: resume by ticket, not session ID
  std::size_t fragment = 0;                   ///< --fragment N (0: as the engine writes them)
  std::optional<std::uint64_t> seed;          ///< --seed N
  std::optional<examples::HostPort> connect;  ///< --connect HOST:PORT
  std::optional<std::uint16_t> listen;        ///< --listen PORT
  std::string servername;                     ///< --servername (default: HOST or localhost)
  std::optional<std::string> cafile;          ///< --cafile
  bool insecure = false;                      ///< --insecure
  std::optional<std::string> cert, key;       ///< --cert/--key for --listen
  std::string send;                           ///< --send TEXT
  bool send_given = false;
  std::optional<std::string> keylog;  ///< --keylog FILE
  std::optional<std::string> html;    ///< --html FILE
  double timeout_seconds = 10;        ///< --timeout
};

/// Parses argv; exits with status 2 and a message on bad input, 0 after --help.
Options parse_options(int argc, char** argv);

/// The options that shape the output, as one line for the header ("suite=... seed=1 ems=on").
std::string describe(const Options& options);

}  // namespace tlsx::step
