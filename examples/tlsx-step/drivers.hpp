// The two ways tlsx-step runs a handshake: both engines in this process, or one engine against
// a real peer over TCP. Both fill the Recorder and let the Presenter show each step as it closes.
#pragma once

#include "options.hpp"
#include "presenter.hpp"
#include "recorder.hpp"
#include "session.hpp"

namespace tlsx::step {

/// Returns the exit status (0: handshake and data exchange done).
int run_in_process(const Options& options, const Session& session, Recorder& recorder,
                   Presenter& presenter);
int run_against_peer(const Options& options, const Session& session, Recorder& recorder,
                     Presenter& presenter);

}  // namespace tlsx::step
