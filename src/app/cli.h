#pragma once

namespace guichet::app {

// Parses the command line and runs the chosen subcommand (serve, demo, migrate, tenant create|list|show).
// Returns the process exit code.
int run_cli(int argc, char** argv);

}  // namespace guichet::app
