#pragma once

#include <soci/soci.h>

#include "booking/booking_store.h"
#include "storage/statement_cache.h"

namespace guichet::storage {

// booking::BookingStore on one SQL transaction (both backends). Handed out by the unit of work
// (storage/unit_of_work.h); lives as long as its transaction.
class SqlBookingStore final : public booking::BookingStore {
  public:
    // The statements of the booking steps are prepared once per connection, in its cache (the evening a booking
    // window opens, parsing them again for each day of each batch cost more than running them).
    SqlBookingStore(soci::session& session, StatementCache& statements)
        : m_session(session), m_statements(statements) {}

    core::Result<core::EnrolmentId> insert_enrolment(const booking::Enrolment& enrolment) override;
    core::Result<bool> update_enrolment(const booking::Enrolment& enrolment,
                                        booking::EnrolmentStatus expected) override;
    core::Result<std::optional<booking::Enrolment>> find_enrolment(core::CommuneId commune,
                                                                   core::EnrolmentId id) override;
    core::Result<std::vector<booking::Enrolment>> enrolments_of_child(core::CommuneId commune,
                                                                      core::ChildId child) override;
    core::Result<std::vector<booking::Enrolment>> pending_enrolments(core::CommuneId commune) override;

    core::Result<bool> take_place(core::CommuneId commune, const booking::DayPlaces& places, int capacity) override;
    core::Status release_place(core::CommuneId commune, const booking::DayPlaces& places) override;
    core::Result<std::map<core::CivilDate, int>> places_taken(core::CommuneId commune, core::ActivityId activity,
                                                              core::SiteId site, core::CivilDate first,
                                                              core::CivilDate last) override;

    core::Result<core::BookingId> insert_booking(const booking::DayBooking& booking) override;
    core::Result<bool> cancel_booking(const booking::DayBooking& cancelled) override;
    core::Result<std::optional<booking::DayBooking>> find_booking(core::CommuneId commune, core::BookingId id) override;
    core::Result<std::vector<booking::DayBooking>> bookings_of_child(core::CommuneId commune, core::ChildId child,
                                                                     core::CivilDate first,
                                                                     core::CivilDate last) override;
    core::Result<core::WaitingEntryId> join_waiting_list(const booking::WaitingEntry& entry) override;
    core::Result<bool> leave_waiting_list(core::CommuneId commune, core::ChildId child, core::ActivityId activity,
                                          core::CivilDate day, core::Instant at) override;
    core::Result<std::map<std::pair<long long, core::CivilDate>, int>> waiting_positions(core::CommuneId commune,
                                                                                         core::ChildId child,
                                                                                         core::CivilDate first,
                                                                                         core::CivilDate last) override;
    core::Status record(const booking::BookingEvent& event) override;
    core::Result<std::vector<booking::BookingEvent>> history(core::CommuneId commune, core::ChildId child) override;
    core::Status lock_day_places(core::CommuneId commune, const booking::DayPlaces& places) override;
    core::Result<std::vector<booking::WaitingEntry>> waiting_on_day(core::CommuneId commune,
                                                                    const booking::DayPlaces& places) override;
    core::Result<std::vector<booking::WaitingEntry>> waiting_from(core::CommuneId commune,
                                                                  core::CivilDate from) override;
    core::Result<core::WaitingOfferId> insert_offer(const booking::WaitingOffer& offer) override;
    core::Result<std::optional<booking::WaitingOffer>> find_offer(core::CommuneId commune,
                                                                  core::WaitingOfferId id) override;
    core::Result<std::optional<booking::WaitingOffer>> find_offer_by_token(core::CommuneId commune,
                                                                           const std::string& token_digest) override;
    core::Result<bool> close_offer(core::CommuneId commune, core::WaitingOfferId id, booking::OfferStatus status,
                                   core::Instant at, std::optional<core::AccountId> by,
                                   booking::OfferChannel channel) override;
    core::Result<std::vector<booking::WaitingOffer>> offers_from(core::CommuneId commune,
                                                                 core::CivilDate from) override;
    core::Result<std::vector<booking::WaitingOffer>> open_offers_of_child(core::CommuneId commune,
                                                                          core::ChildId child) override;
    core::Result<std::vector<booking::WaitingOffer>> offers_due(core::CommuneId commune, core::Instant at) override;

  private:
    soci::session& m_session;
    StatementCache& m_statements;
};

}  // namespace guichet::storage
