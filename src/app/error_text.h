#pragma once

#include <ostream>
#include <string>

#include "core/error.h"

namespace guichet::app {

// The French text of an error for the command line, from the message catalogue, with the diagnostic detail after it
// for the errors that are not the operator's input (a database that does not answer, a bug).
[[nodiscard]] std::string error_text(const core::Error& error);

// Prints "error (field): text" and returns the exit code the commands use: 2 for bad input or a conflict, 1 otherwise.
int report_error(const core::Error& error, std::ostream& err);

}  // namespace guichet::app
