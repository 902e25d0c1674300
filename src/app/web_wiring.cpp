#include "app/web_wiring.h"

#include "web/agenda/agenda_feature.h"
#include "web/allocation/allocation_feature.h"
#include "web/api/api_feature.h"
#include "web/attendance/attendance_feature.h"
#include "web/booking/absence_feature.h"
#include "web/booking/booking_feature.h"
#include "web/booking/offer_feature.h"
#include "web/catalog/catalog_feature.h"
#include "web/family/family_feature.h"
#include "web/identity/identity_feature.h"
#include "web/jobs/jobs_feature.h"
#include "web/ops/ops_feature.h"
#include "web/portal/portal_feature.h"

namespace guichet::app {

std::unique_ptr<web::Application> build_web_application(Services& services, const core::Clock& clock,
                                                        const Config& config, const Logs& logs,
                                                        core::WorkerPool& slow_work, const std::string& server_key,
                                                        std::function<core::Status()> readiness_probe) {
    web::ApplicationOptions options;
    options.max_body_bytes = config.max_body_bytes;
    options.transport = config.https ? web::Transport::https : web::Transport::plain_http;
    options.mail_from = config.mail_from;
    if (!config.public_url.empty()) {
        options.public_url = config.public_url;
    }
    // Both lists were checked when the configuration was read.
    std::string bad;
    options.trusted_proxies = web::parse_ranges(config.trusted_proxies, bad).value_or(std::vector<web::AddressRange>{});
    options.monitoring.addresses =
        web::parse_ranges(config.metrics_allow, bad).value_or(std::vector<web::AddressRange>{});
    options.monitoring.bearer_token = config.metrics_bearer_token;
    IdentityWiring& identity = services.identity;
    auto application = std::make_unique<web::Application>(
        web::ApplicationDependencies{services.communes, clock, logs.access, logs.events, identity.authentication,
                                     slow_work, server_key},
        options);
    web::Application& app = *application;
    const web::Kit& kit = app.kit();
    const web::IdentityServices identity_services{identity.registration, identity.authentication, identity.credentials,
                                                  identity.profile, identity.staff};
    const bool mail_delivery = !config.smtp_url.empty();

    app.install(std::make_unique<web::OpsFeature>(
        app.metrics(), [&app] { return app.draining(); }, std::move(readiness_probe)));
    app.install(std::make_unique<web::PortalFeature>(kit));
    app.install(std::make_unique<web::ApiFeature>());
    app.install(std::make_unique<web::IdentityFeature>(kit, identity_services, services.family, services.outbox,
                                                       app.mail_renderer(), mail_delivery));
    app.install(std::make_unique<web::FamilyFeature>(kit, services.family, services.household_import, identity.staff,
                                                     services.jobs));
    app.install(std::make_unique<web::CatalogFeature>(kit, services.catalog));
    app.install(std::make_unique<web::BookingFeature>(kit, services.booking, services.catalog));
    app.install(
        std::make_unique<web::AbsenceFeature>(kit, services.absences, services.school_events, services.catalog));
    app.install(std::make_unique<web::JobsFeature>(kit, services.jobs, jobs::JobDirectory(jobs_directory(config))));
    app.install(std::make_unique<web::OfferFeature>(kit, services.offers, services.catalog));
    app.install(std::make_unique<web::AllocationFeature>(kit, services.allocation, services.catalog));
    app.install(std::make_unique<web::AttendanceFeature>(kit, services.attendance, services.identity.staff));
    app.install(std::make_unique<web::AgendaFeature>(kit, services.reminders, services.feeds));
    app.start();
    return application;
}

}  // namespace guichet::app
