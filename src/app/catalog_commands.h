#pragma once

#include <iosfwd>
#include <string>

#include "app/config.h"

namespace guichet::app {

// `guichet catalog export COMMUNE FILE`: writes the commune's catalogue (docs/catalog-format.md) to FILE ("-" for
// standard output). Exit code 0 when written.
int catalog_export(const Config& config, const std::string& commune, const std::string& file, std::ostream& out,
                   std::ostream& err);

// `guichet catalog import COMMUNE FILE`: checks the whole file, prints every fault with its JSON path in French and
// changes nothing when there is one (exit code 2); otherwise replaces the commune's catalogue by the file's, or says
// that it already was the same (exit code 0).
int catalog_import(const Config& config, const std::string& commune, const std::string& file, std::ostream& out,
                   std::ostream& err);

}  // namespace guichet::app
