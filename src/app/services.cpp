#include "app/services.h"

#include <filesystem>

#include "app/runtime.h"

namespace guichet::app {

storage::MailDelivery mail_delivery(const Config& config) {
    return config.smtp_url.empty() ? storage::MailDelivery::hold : storage::MailDelivery::deliver;
}

std::string jobs_directory(const Config& config) {
    if (!config.jobs_directory.empty()) {
        return config.jobs_directory;
    }
    const auto url = storage::parse_database_url(config.database);
    if (url && url->backend == storage::Backend::sqlite) {
        const std::filesystem::path folder = std::filesystem::path(url->connect_string).parent_path();
        return (folder.empty() ? std::filesystem::path(".") : folder) / "jobs";
    }
    return "./var/jobs";
}

Services::Services(storage::Database& database, const core::Clock& clock, const Config& config, std::string server_key,
                   std::function<void()> on_mail_queued, std::function<void()> on_job_queued)
    : work(database, clock, mail_delivery(config), std::move(on_mail_queued)),
      communes(database, clock),
      outbox(database),
      identity(work.identity(), clock, config, server_key),
      family(work.family(), clock, std::move(server_key), key_validity(config)),
      household_import(work.family(), clock),
      jobs(work.jobs(), clock, std::move(on_job_queued)),
      catalog(work.catalog(), clock),
      booking(work.booking(), clock),
      absences(work.booking(), clock),
      school_events(work.booking(), clock),
      offers(work.booking(), clock),
      allocation(work.booking(), clock),
      attendance(work.booking(), clock),
      reminders(work.booking()),
      feeds(work.booking()) {}

}  // namespace guichet::app
