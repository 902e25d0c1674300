#pragma once

#include <functional>
#include <string>

#include "app/config.h"
#include "app/identity_wiring.h"
#include "booking/absence_service.h"
#include "booking/allocation_service.h"
#include "booking/attendance_service.h"
#include "booking/booking_service.h"
#include "booking/calendar_feed.h"
#include "booking/reminder_service.h"
#include "booking/school_event_service.h"
#include "booking/waiting_offers.h"
#include "catalog/catalog_service.h"
#include "core/clock.h"
#include "family/family_service.h"
#include "family/household_import.h"
#include "jobs/job_service.h"
#include "storage/database.h"
#include "storage/notify/sql_outbox_repository.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "storage/unit_of_work.h"

namespace guichet::app {

// Every domain service assembled on one database, as `serve` and the command-line tools use them: one unit of work
// for all of them, so that a step spanning modules commits as one. `on_mail_queued` wakes the mail sender after a
// commit that queued mail, `on_job_queued` the jobs' runner after a job was queued. Owns them all; not copyable.
class Services {
  public:
    Services(storage::Database& database, const core::Clock& clock, const Config& config, std::string server_key,
             std::function<void()> on_mail_queued = {}, std::function<void()> on_job_queued = {});
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;

    storage::SqlUnitOfWork work;
    storage::SqlCommuneRepository communes;
    storage::SqlOutboxRepository outbox;
    IdentityWiring identity;
    family::FamilyService family;
    family::HouseholdImport household_import;
    jobs::JobService jobs;
    catalog::CatalogService catalog;
    booking::BookingService booking;
    booking::AbsenceService absences;
    booking::SchoolEventService school_events;
    booking::OfferService offers;
    booking::AllocationService allocation;
    booking::AttendanceService attendance;
    booking::ReminderService reminders;
    booking::CalendarFeedService feeds;
};

// How mails leave with this configuration: through the configured server, or held for administrators to read.
[[nodiscard]] storage::MailDelivery mail_delivery(const Config& config);

// Where jobs write their files with this configuration (see Config::jobs_directory).
[[nodiscard]] std::string jobs_directory(const Config& config);

}  // namespace guichet::app
