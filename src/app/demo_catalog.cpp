#include "app/demo_catalog.h"

namespace guichet::app {

core::Status ensure_demo_catalog(Services& services, core::CommuneId commune) {
    GUICHET_TRY(current, services.catalog.catalog(commune));
    if (!current.sites.empty() || !current.activities.empty() || !current.school_years.empty()) {
        return {};
    }
    const catalog::CatalogDocument document = catalog::read_catalog_file(demo_catalog_text());
    if (!document.valid()) {
        // The shipped file is checked by the tests; a fault here is a bug in the repository, not the operator's.
        return core::fail(core::make_error(core::ErrorCode::internal, "error_internal")
                              .with_detail(document.errors.front().path + " " + document.errors.front().error.key));
    }
    GUICHET_TRY(report, services.catalog.import(commune, std::nullopt, document));
    (void)report;
    return {};
}

}  // namespace guichet::app
