#pragma once

#include <iosfwd>
#include <string>

#include "app/config.h"
#include "tenancy/commune.h"

namespace guichet::app {

// `guichet tenant create`: what the operator typed, before validation.
struct TenantCreateInput {
    tenancy::NewCommune commune;
    std::string logo_file;  // path of a PNG, JPEG or SVG file, or empty
};

// Each command prints its result on out, or a French/English message on err, and returns the exit code.
int tenant_create(const Config& config, const TenantCreateInput& input, std::ostream& out, std::ostream& err);
int tenant_list(const Config& config, std::ostream& out, std::ostream& err);
int tenant_show(const Config& config, const std::string& slug, std::ostream& out, std::ostream& err);
// `guichet migrate`: applies pending migrations (or, with status_only, lists them).
int migrate_command(const Config& config, bool status_only, std::ostream& out, std::ostream& err);

}  // namespace guichet::app
