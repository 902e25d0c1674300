#include "storage/booking/sql_school_event_store.h"

#include <map>

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using booking::DayBooking;
using booking::SchoolEvent;

core::CivilDate day_of(const std::string& text) {
    // Written by these stores from a CivilDate: always a valid ISO date.
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(date::sys_days{}));
}

constexpr const char* kEventColumns =
    "SELECT id, commune_id, site_id, first_day, last_day, kind, status, declared_by, declared_at_us, undone_by, "
    "undone_at_us FROM school_event ";

struct EventRow {
    long long id = 0, commune = 0, site = 0, declared_by = 0, declared = 0, undone_by = 0;
    soci::indicator undone_by_indicator = soci::i_null;
    std::string first_day, last_day, kind, status;
    OptionalInstantColumn undone;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &site})
            s.exchange(soci::into(*column));
        for (std::string* column : {&first_day, &last_day, &kind, &status})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(declared_by));
        s.exchange(soci::into(declared));
        s.exchange(soci::into(undone_by, undone_by_indicator));
        s.exchange(soci::into(undone.micros, undone.indicator));
    }

    [[nodiscard]] SchoolEvent value() const {
        SchoolEvent e;
        e.id = booking::SchoolEventId{id};
        e.commune = core::CommuneId{commune};
        e.site = core::SiteId{site};
        e.first_day = day_of(first_day);
        e.last_day = day_of(last_day);
        e.kind = booking::school_event_kind_from_name(kind).value_or(booking::SchoolEventKind::closure);
        e.status = booking::school_event_status_from_name(status).value_or(booking::SchoolEventStatus::undone);
        e.declared_by = core::AccountId{declared_by};
        e.declared_at = from_micros(declared);
        if (undone_by_indicator == soci::i_ok) {
            e.undone_by = core::AccountId{undone_by};
        }
        e.undone_at = undone.get();
        return e;
    }
};

// The columns of day_booking this store reads (the same as the booking store's), prefixed for a join.
constexpr const char* kBookingColumns =
    "SELECT b.id, b.commune_id, b.household_id, b.child_id, b.activity_id, b.site_id, b.day, b.status, b.timing, "
    "b.unit_price_cents, b.surcharge_cents, b.channel, b.booked_by, b.booked_at_us FROM day_booking b ";

// A booking as an event needs it: cancelled or restored, its cancellation columns are the event's own.
struct BookingRow {
    long long id = 0, commune = 0, household = 0, child = 0, activity = 0, site = 0, price = 0, surcharge = 0,
              booked_by = 0, booked = 0;
    std::string day, status, timing, channel;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &household, &child, &activity, &site})
            s.exchange(soci::into(*column));
        for (std::string* column : {&day, &status, &timing})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(price));
        s.exchange(soci::into(surcharge));
        s.exchange(soci::into(channel));
        s.exchange(soci::into(booked_by));
        s.exchange(soci::into(booked));
    }

    [[nodiscard]] DayBooking value() const {
        DayBooking b;
        b.id = core::BookingId{id};
        b.commune = core::CommuneId{commune};
        b.household = core::HouseholdId{household};
        b.child = core::ChildId{child};
        b.activity = core::ActivityId{activity};
        b.site = core::SiteId{site};
        b.day = day_of(day);
        b.status = booking::booking_status_from_name(status).value_or(booking::BookingStatus::cancelled);
        b.timing = booking::booking_timing_from_name(timing).value_or(booking::BookingTiming::late);
        b.unit_price = core::Money::from_cents(price);
        b.surcharge = core::Money::from_cents(surcharge);
        b.channel = booking::booking_channel_from_name(channel).value_or(booking::BookingChannel::portal);
        b.booked_by = core::AccountId{booked_by};
        b.booked_at = from_micros(booked);
        return b;
    }
};

struct ActivityRow {
    long long event = 0, activity = 0;
    void bind(soci::statement& s) {
        s.exchange(soci::into(event));
        s.exchange(soci::into(activity));
    }
    [[nodiscard]] std::pair<long long, long long> value() const { return {event, activity}; }
};

}  // namespace

core::Result<booking::SchoolEventId> SqlSchoolEventStore::insert_event(const SchoolEvent& e) {
    long long commune = e.commune.value(), site = e.site.value(), by = e.declared_by.value(),
              at = to_micros(e.declared_at), id = 0;
    const std::string first_day = e.first_day.to_iso(), last_day = e.last_day.to_iso(),
                      kind(booking::school_event_kind_name(e.kind)),
                      status(booking::school_event_status_name(e.status));
    m_session << "INSERT INTO school_event (commune_id, site_id, first_day, last_day, kind, status, declared_by, "
                 "declared_at_us) VALUES (:c, :s, :f, :l, :k, :st, :by, :at) RETURNING id",
        soci::use(commune), soci::use(site), soci::use(first_day), soci::use(last_day), soci::use(kind),
        soci::use(status), soci::use(by), soci::use(at), soci::into(id);
    for (core::ActivityId activity : e.activities) {
        (void)cached_execute(m_session, m_statements,
                             "INSERT INTO school_event_activity (event_id, commune_id, activity_id) VALUES (:e, :c, "
                             ":a)",
                             id, commune, activity.value());
    }
    return booking::SchoolEventId{id};
}

core::Result<std::vector<SchoolEvent>> SqlSchoolEventStore::events_where(const std::string& sql,
                                                                         core::CommuneId commune) {
    auto events = cached_rows<EventRow>(m_session, m_statements, sql, commune.value());
    if (events.empty()) {
        return events;
    }
    const auto activities = cached_rows<ActivityRow>(
        m_session, m_statements,
        "SELECT event_id, activity_id FROM school_event_activity WHERE commune_id = :c ORDER BY event_id, activity_id",
        commune.value());
    std::map<long long, std::vector<core::ActivityId>> by_event;
    for (const auto& [event, activity] : activities) {
        by_event[event].push_back(core::ActivityId{activity});
    }
    for (SchoolEvent& event : events) {
        event.activities = by_event[event.id.value()];
    }
    return events;
}

core::Result<std::optional<SchoolEvent>> SqlSchoolEventStore::find_event(core::CommuneId commune,
                                                                         booking::SchoolEventId id) {
    auto found = cached_rows<EventRow>(m_session, m_statements,
                                       std::string(kEventColumns) + "WHERE commune_id = :c AND id = :id",
                                       commune.value(), id.value());
    if (found.empty()) {
        return std::optional<SchoolEvent>();
    }
    const auto activities = cached_rows<ActivityRow>(
        m_session, m_statements,
        "SELECT event_id, activity_id FROM school_event_activity WHERE commune_id = :c AND event_id = :e ORDER BY "
        "activity_id",
        commune.value(), id.value());
    for (const auto& [event, activity] : activities) {
        found.front().activities.push_back(core::ActivityId{activity});
    }
    return std::optional(std::move(found.front()));
}

core::Result<std::vector<SchoolEvent>> SqlSchoolEventStore::events(core::CommuneId commune) {
    return events_where(std::string(kEventColumns) + "WHERE commune_id = :c ORDER BY first_day DESC, id DESC", commune);
}

core::Result<std::vector<SchoolEvent>> SqlSchoolEventStore::active_events(core::CommuneId commune) {
    return events_where(std::string(kEventColumns) + "WHERE commune_id = :c AND status = 'active' ORDER BY id",
                        commune);
}

core::Result<bool> SqlSchoolEventStore::mark_undone(const SchoolEvent& e) {
    long long id = e.id.value(), commune = e.commune.value(), by = e.undone_by ? e.undone_by->value() : 0;
    soci::indicator by_indicator = e.undone_by ? soci::i_ok : soci::i_null;
    OptionalInstantColumn at;
    at.set(e.undone_at);
    soci::statement statement =
        (m_session.prepare << "UPDATE school_event SET status = 'undone', undone_by = :by, undone_at_us = :at WHERE "
                              "id = :id AND commune_id = :c AND status = 'active'",
         soci::use(by, by_indicator), soci::use(at.micros, at.indicator), soci::use(id), soci::use(commune));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::vector<DayBooking>> SqlSchoolEventStore::booked_days(core::CommuneId commune,
                                                                       core::ActivityId activity, core::SiteId site,
                                                                       core::CivilDate first, core::CivilDate last) {
    static const std::string kSql = std::string(kBookingColumns) +
                                    "WHERE b.commune_id = :c AND b.activity_id = :a AND b.site_id = :s AND b.day >= "
                                    ":f AND b.day <= :l AND b.status = 'booked' ORDER BY b.household_id, b.day, b.id";
    return cached_rows<BookingRow>(m_session, m_statements, kSql, commune.value(), activity.value(), site.value(),
                                   first.to_iso(), last.to_iso());
}

core::Status SqlSchoolEventStore::link_cancellation(core::CommuneId commune, booking::SchoolEventId event,
                                                    core::BookingId booking) {
    (void)cached_execute(m_session, m_statements,
                         "INSERT INTO school_event_cancellation (event_id, commune_id, booking_id) VALUES (:e, :c, :b)",
                         event.value(), commune.value(), booking.value());
    return {};
}

core::Result<std::vector<DayBooking>> SqlSchoolEventStore::cancelled_by(core::CommuneId commune,
                                                                        booking::SchoolEventId event) {
    static const std::string kSql = std::string(kBookingColumns) +
                                    "JOIN school_event_cancellation x ON x.booking_id = b.id WHERE x.commune_id = :c "
                                    "AND x.event_id = :e AND b.commune_id = x.commune_id ORDER BY x.id";
    return cached_rows<BookingRow>(m_session, m_statements, kSql, commune.value(), event.value());
}

core::Result<bool> SqlSchoolEventStore::restore_booking(core::CommuneId commune, core::BookingId booking) {
    // Conditional on the row still cancelled and on no other booking of the same day (the unique index
    // day_booking_once would refuse it).
    return cached_execute(m_session, m_statements,
                          "UPDATE day_booking SET status = 'booked', cancelled_by = NULL, cancelled_at_us = NULL, "
                          "cancellation = NULL WHERE id = :b AND commune_id = :c AND status = 'cancelled' AND NOT "
                          "EXISTS (SELECT 1 FROM day_booking o WHERE o.child_id = day_booking.child_id AND "
                          "o.activity_id = day_booking.activity_id AND o.day = day_booking.day AND o.status = "
                          "'booked')",
                          booking.value(), commune.value()) == 1;
}

}  // namespace guichet::storage
