#pragma once

#include <ostream>
#include <string>

#include "app/config.h"
#include "app/error_text.h"
#include "app/runtime.h"
#include "app/services.h"
#include "core/system_clock.h"
#include "storage/server_key.h"
#include "tenancy/commune.h"

namespace guichet::app {

// What every command on one commune starts with: opens the database (its schema brought up to date), assembles the
// services on it and finds the commune by its slug, then returns work(services, commune) — or prints the fault and
// returns its exit code: 3 for an unknown commune, report_error's otherwise.
template <class Work>
int with_commune(const Config& config, const std::string& slug, std::ostream& err, Work&& work) {
    core::SystemClock clock;
    auto database = open_migrated_database(config, clock);
    if (!database) {
        return report_error(database.error(), err);
    }
    auto server_key = storage::load_or_create_server_key(**database);
    if (!server_key) {
        return report_error(server_key.error(), err);
    }
    Services services(**database, clock, config, *server_key);
    auto commune = services.communes.find_by_slug(slug);
    if (!commune) {
        return report_error(commune.error(), err);
    }
    if (!*commune) {
        err << "error: no commune with the slug " << slug << "\n";
        return 3;
    }
    return work(services, **commune, clock);
}

}  // namespace guichet::app
