#include "app/services.h"

#include "app/runtime.h"

namespace guichet::app {

storage::MailDelivery mail_delivery(const Config& config) {
    return config.smtp_url.empty() ? storage::MailDelivery::hold : storage::MailDelivery::deliver;
}

Services::Services(storage::Database& database, const core::Clock& clock, const Config& config, std::string server_key,
                   std::function<void()> on_mail_queued)
    : work(database, clock, mail_delivery(config), std::move(on_mail_queued)),
      communes(database, clock),
      outbox(database),
      identity(work.identity(), clock, config, server_key),
      family(work.family(), clock, std::move(server_key), key_validity(config)),
      household_import(work.family(), clock) {}

}  // namespace guichet::app
