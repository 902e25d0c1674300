#pragma once

#include <iosfwd>
#include <string>

#include "app/config.h"

namespace guichet::app {

// `guichet family import COMMUNE FILE [--skip-errors]`: the command-line twin of the back office's import, with
// progress on standard error and a per-line report. Exit code 0 when imported, 2 when the file has errors.
int family_import(const Config& config, const std::string& commune, const std::string& file, bool skip_errors,
                  std::ostream& out, std::ostream& err);

}  // namespace guichet::app
