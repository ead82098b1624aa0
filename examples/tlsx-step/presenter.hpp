// Presenter: prints the steps a run has closed since last time, and waits for Enter between
// them unless --auto.
#pragma once

#include <cstddef>

#include "recorder.hpp"

namespace tlsx::step {

class Presenter {
 public:
  Presenter(Recorder& recorder, bool interactive)
      : recorder_(recorder), interactive_(interactive) {}
  /// Prints every step not printed yet.
  void show_new_steps();

 private:
  Recorder& recorder_;
  bool interactive_;
  std::size_t shown_ = 0;
};

}  // namespace tlsx::step
