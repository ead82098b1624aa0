#include "presenter.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "text_render.hpp"

namespace tlsx::step {

void Presenter::show_new_steps() {
  auto& steps = recorder_.steps();
  for (; shown_ < steps.size(); ++shown_) {
    if (interactive_ && shown_ > 0) {
      static_cast<void>(std::fputs("-- Enter: next step, a + Enter: run to the end --", stderr));
      static_cast<void>(std::fflush(stderr));
      std::string line;
      for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar()) {
        line += static_cast<char>(c);
      }
      if (line == "a" || std::feof(stdin)) interactive_ = false;
      // On a terminal the Enter ended the prompt's line; from a pipe nothing did.
      if (isatty(STDIN_FILENO) == 0) static_cast<void>(std::fputc('\n', stderr));
    }
    const auto text = render_text_step(steps[shown_]);
    static_cast<void>(std::fwrite(text.data(), 1, text.size(), stdout));
    static_cast<void>(std::fflush(stdout));
  }
}

}  // namespace tlsx::step
