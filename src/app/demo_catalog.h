#pragma once

#include <string_view>

#include "app/services.h"

namespace guichet::app {

// The demo commune's catalogue, demo/catalog-chanteloup-les-vignes.json, compiled into the binary.
[[nodiscard]] std::string_view demo_catalog_text();

// Loads the demo catalogue into the commune when its catalogue is empty, through the same path as `guichet catalog
// import`; leaves a catalogue that agents already have alone.
[[nodiscard]] core::Status ensure_demo_catalog(Services& services, core::CommuneId commune);

}  // namespace guichet::app
