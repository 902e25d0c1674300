#pragma once

#include "app/config.h"
#include "app/logging.h"
#include "tenancy/commune.h"

namespace guichet::app {

// The demo commune of the user guide: Chanteloup-les-Vignes and its guichet unique.
[[nodiscard]] tenancy::NewCommune demo_commune();

// `guichet demo`: migrates, creates the demo commune unless it exists, then serves like `guichet serve`.
int run_demo(const Config& config, const Logs& logs);

}  // namespace guichet::app
