#pragma once

#include <map>
#include <tuple>
#include <vector>

#include "booking/booking_store.h"
#include "booking/in_memory_absences.h"
#include "booking/in_memory_agenda.h"
#include "booking/in_memory_allocation.h"
#include "booking/in_memory_attendance.h"
#include "booking/transaction.h"
#include "catalog/in_memory_catalog.h"
#include "family/in_memory_family.h"

namespace guichet::booking::testing {

// The booking records of the in-memory world the domain tests use.
struct BookingState {
    std::vector<Enrolment> enrolments;
    std::vector<DayBooking> bookings;
    // (commune, activity, site, day) → places taken.
    std::map<std::tuple<long long, long long, long long, core::CivilDate>, int> places;
    std::vector<BookingEvent> events;
    std::vector<WaitingEntry> waiting;
    long long next_id = 1;
    std::vector<Absence> absences;
    std::vector<SchoolEvent> school_events;
    std::vector<std::tuple<long long, long long, long long>> event_cancellations;  // (commune, event, booking)
    std::vector<WaitingOffer> offers;
};

// booking::BookingStore on a BookingState, with the rules the database holds (one active enrolment per child,
// activity and period; one booking of a day; places never above capacity).
class InMemoryBookingStore final : public BookingStore {
  public:
    explicit InMemoryBookingStore(BookingState& state) : m_state(state) {}

    core::Result<core::EnrolmentId> insert_enrolment(const Enrolment& enrolment) override;
    core::Result<bool> update_enrolment(const Enrolment& enrolment, EnrolmentStatus expected) override;
    core::Result<std::optional<Enrolment>> find_enrolment(core::CommuneId commune, core::EnrolmentId id) override;
    core::Result<std::vector<Enrolment>> enrolments_of_child(core::CommuneId commune, core::ChildId child) override;
    core::Result<std::vector<Enrolment>> pending_enrolments(core::CommuneId commune) override;
    core::Result<bool> take_place(core::CommuneId commune, const DayPlaces& places, int capacity) override;
    core::Status release_place(core::CommuneId commune, const DayPlaces& places) override;
    core::Result<std::map<core::CivilDate, int>> places_taken(core::CommuneId commune, core::ActivityId activity,
                                                              core::SiteId site, core::CivilDate first,
                                                              core::CivilDate last) override;
    core::Result<core::BookingId> insert_booking(const DayBooking& booking) override;
    core::Result<bool> cancel_booking(const DayBooking& cancelled) override;
    core::Result<std::optional<DayBooking>> find_booking(core::CommuneId commune, core::BookingId id) override;
    core::Result<std::vector<DayBooking>> bookings_of_child(core::CommuneId commune, core::ChildId child,
                                                            core::CivilDate first, core::CivilDate last) override;
    core::Result<core::WaitingEntryId> join_waiting_list(const WaitingEntry& entry) override;
    core::Result<bool> leave_waiting_list(core::CommuneId commune, core::ChildId child, core::ActivityId activity,
                                          core::CivilDate day, core::Instant at) override;
    core::Result<std::map<std::pair<long long, core::CivilDate>, int>> waiting_positions(core::CommuneId commune,
                                                                                         core::ChildId child,
                                                                                         core::CivilDate first,
                                                                                         core::CivilDate last) override;
    core::Status record(const BookingEvent& event) override;
    core::Result<std::vector<BookingEvent>> history(core::CommuneId commune, core::ChildId child) override;
    core::Status lock_day_places(core::CommuneId commune, const DayPlaces& places) override;
    core::Result<std::vector<WaitingEntry>> waiting_on_day(core::CommuneId commune, const DayPlaces& places) override;
    core::Result<std::vector<WaitingEntry>> waiting_from(core::CommuneId commune, core::CivilDate from) override;
    core::Result<core::WaitingOfferId> insert_offer(const WaitingOffer& offer) override;
    core::Result<std::optional<WaitingOffer>> find_offer(core::CommuneId commune, core::WaitingOfferId id) override;
    core::Result<std::optional<WaitingOffer>> find_offer_by_token(core::CommuneId commune,
                                                                  const std::string& token_digest) override;
    core::Result<bool> close_offer(core::CommuneId commune, core::WaitingOfferId id, OfferStatus status,
                                   core::Instant at, std::optional<core::AccountId> by, OfferChannel channel) override;
    core::Result<std::vector<WaitingOffer>> offers_from(core::CommuneId commune, core::CivilDate from) override;
    core::Result<std::vector<WaitingOffer>> open_offers_of_child(core::CommuneId commune, core::ChildId child) override;
    core::Result<std::vector<WaitingOffer>> offers_due(core::CommuneId commune, core::Instant at) override;

  private:
    BookingState& m_state;
};

// The identity stores, the family record, the catalogue and the bookings together, as one database holds them.
struct BookingWorld {
    identity::testing::IdentityState identity;
    family::testing::FamilyState family;
    catalog::testing::CatalogState catalog;
    BookingState booking;
    AllocationState allocation;
    AttendanceState attendance;
    AgendaState agenda;
};

class BookingTransaction final : public identity::testing::IdentityTransaction, public Transaction {
  public:
    explicit BookingTransaction(BookingWorld& world)
        : IdentityTransaction(world.identity),
          m_family(world.family),
          m_catalog(world.catalog),
          m_booking(world.booking),
          m_absences(world.booking),
          m_school_events(world.booking),
          m_allocation(world.allocation),
          m_attendance(world.attendance, world.booking),
          m_agenda(world.agenda, world.booking.enrolments) {}

    family::FamilyStore& family() override { return m_family; }
    catalog::CatalogStore& catalog() override { return m_catalog; }
    BookingStore& booking() override { return m_booking; }
    AbsenceStore& absences() override { return m_absences; }
    SchoolEventStore& school_events() override { return m_school_events; }
    AllocationStore& allocation() override { return m_allocation; }
    AttendanceStore& attendance() override { return m_attendance; }
    AgendaStore& agenda() override { return m_agenda; }

  private:
    family::testing::InMemoryFamilyStore m_family;
    catalog::testing::InMemoryCatalogStore m_catalog;
    InMemoryBookingStore m_booking;
    InMemoryAbsenceStore m_absences;
    InMemorySchoolEventStore m_school_events;
    InMemoryAllocationStore m_allocation;
    InMemoryAttendanceStore m_attendance;
    InMemoryAgendaStore m_agenda;
};

// booking::UnitOfWork on one in-memory world, for the booking domain tests.
using InMemoryBooking = core::testing::InMemoryUnitOfWork<BookingWorld, BookingTransaction, Transaction>;

}  // namespace guichet::booking::testing
