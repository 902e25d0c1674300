#include "storage/unit_of_work.h"

#include "storage/booking/sql_absence_store.h"
#include "storage/booking/sql_agenda_store.h"
#include "storage/booking/sql_allocation_store.h"
#include "storage/booking/sql_attendance_store.h"
#include "storage/booking/sql_booking_store.h"
#include "storage/booking/sql_school_event_store.h"
#include "storage/catalog/sql_catalog_store.h"
#include "storage/family/sql_family_store.h"
#include "storage/identity/sql_audit_log.h"
#include "storage/identity/sql_identity_store.h"
#include "storage/identity/sql_throttles.h"
#include "storage/jobs/sql_job_store.h"

namespace guichet::storage {
namespace {

// Every store of every module on one SOCI session: what a business step's transaction hands out.
class SqlTransaction final : public AllStores {
  public:
    SqlTransaction(soci::session& session, StatementCache& statements, Backend backend, const core::Clock& clock,
                   MailDelivery delivery)
        : m_identity(session, backend, statements),
          m_audit(session),
          m_throttles(session),
          m_outbox(session, clock, delivery),
          m_family(session, statements),
          m_jobs(session, backend),
          m_catalog(session, statements),
          m_booking(session, statements),
          m_absences(session, statements),
          m_school_events(session, statements),
          m_allocation(session),
          m_attendance(session, statements),
          m_agenda(session, statements) {}

    identity::IdentityStore& identity() override { return m_identity; }
    identity::AuditLog& audit() override { return m_audit; }
    identity::Throttles& throttles() override { return m_throttles; }
    notify::Outbox& outbox() override { return m_outbox; }
    family::FamilyStore& family() override { return m_family; }
    jobs::JobStore& jobs() override { return m_jobs; }
    catalog::CatalogStore& catalog() override { return m_catalog; }
    booking::BookingStore& booking() override { return m_booking; }
    booking::AbsenceStore& absences() override { return m_absences; }
    booking::SchoolEventStore& school_events() override { return m_school_events; }
    booking::AllocationStore& allocation() override { return m_allocation; }
    booking::AttendanceStore& attendance() override { return m_attendance; }
    booking::AgendaStore& agenda() override { return m_agenda; }

    [[nodiscard]] bool queued_mail() const { return m_outbox.queued_mail(); }

  private:
    SqlIdentityStore m_identity;
    SqlAuditLog m_audit;
    SqlThrottles m_throttles;
    SqlOutbox m_outbox;
    SqlFamilyStore m_family;
    SqlJobStore m_jobs;
    SqlCatalogStore m_catalog;
    SqlBookingStore m_booking;
    SqlAbsenceStore m_absences;
    SqlSchoolEventStore m_school_events;
    SqlAllocationStore m_allocation;
    SqlAttendanceStore m_attendance;
    SqlAgendaStore m_agenda;
};

}  // namespace

template <class Transaction>
core::Status SqlWorkFor<Transaction>::write(const std::function<core::Status(Transaction&)>& work) {
    return static_cast<SqlUnitOfWork&>(*this).run(true, [&](AllStores& tx) { return work(tx); });
}

template <class Transaction>
core::Status SqlWorkFor<Transaction>::read(const std::function<core::Status(Transaction&)>& work) {
    return static_cast<SqlUnitOfWork&>(*this).run(false, [&](AllStores& tx) { return work(tx); });
}

template class SqlWorkFor<identity::Transaction>;
template class SqlWorkFor<family::Transaction>;
template class SqlWorkFor<jobs::Transaction>;
template class SqlWorkFor<catalog::Transaction>;
template class SqlWorkFor<booking::Transaction>;

core::Status SqlUnitOfWork::run(bool write, const std::function<core::Status(AllStores&)>& work) {
    if (!write) {
        return m_database.read([&](soci::session& session) -> core::Status {
            SqlTransaction tx(session, m_database.statements(session), m_database.backend(), m_clock, m_delivery);
            return work(tx);
        });
    }
    bool queued_mail = false;
    auto result = m_database.transact([&](soci::session& session) -> core::Status {
        SqlTransaction tx(session, m_database.statements(session), m_database.backend(), m_clock, m_delivery);
        auto status = work(tx);
        queued_mail = tx.queued_mail();
        return status;
    });
    if (result && queued_mail && m_on_mail_queued) {
        m_on_mail_queued();
    }
    return result;
}

}  // namespace guichet::storage
