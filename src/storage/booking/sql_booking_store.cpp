#include "storage/booking/sql_booking_store.h"

#include "storage/sql_query.h"
#include "storage/statement_cache.h"

namespace guichet::storage {
namespace {

using booking::DayBooking;
using booking::Enrolment;
using booking::EnrolmentStatus;

// A nullable id column bound by reference.
struct OptionalIdColumn {
    long long value = 0;
    soci::indicator indicator = soci::i_null;

    template <class Id>
    void set(const std::optional<Id>& id) {
        value = id ? id->value() : 0;
        indicator = id ? soci::i_ok : soci::i_null;
    }
    template <class Id>
    [[nodiscard]] std::optional<Id> get() const {
        return indicator == soci::i_ok ? std::optional(Id{value}) : std::nullopt;
    }
};

core::CivilDate day_of(const std::string& text) {
    // Written by this store from a CivilDate: always a valid ISO date.
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(date::sys_days{}));
}

// One integer column: a count, or the id a RETURNING gives back.
struct CountRow {
    long long value_ = 0;
    void bind(soci::statement& s) { s.exchange(soci::into(value_)); }
    [[nodiscard]] long long value() const { return value_; }
};

constexpr const char* kEnrolmentColumns =
    "SELECT id, commune_id, household_id, child_id, activity_id, school_year_id, session_id, site_id, status, "
    "refusal_reason, requested_by, requested_at_us, decided_by, decided_at_us FROM enrolment ";

struct EnrolmentRow {
    long long id = 0, commune = 0, household = 0, child = 0, activity = 0, site = 0, requested_by = 0, requested = 0;
    OptionalIdColumn school_year, session, decided_by;
    OptionalInstantColumn decided;
    std::string status, reason;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &household, &child, &activity})
            s.exchange(soci::into(*column));
        for (OptionalIdColumn* column : {&school_year, &session})
            s.exchange(soci::into(column->value, column->indicator));
        s.exchange(soci::into(site));
        s.exchange(soci::into(status));
        s.exchange(soci::into(reason));
        s.exchange(soci::into(requested_by));
        s.exchange(soci::into(requested));
        s.exchange(soci::into(decided_by.value, decided_by.indicator));
        s.exchange(soci::into(decided.micros, decided.indicator));
    }

    [[nodiscard]] Enrolment value() const {
        Enrolment e;
        e.id = core::EnrolmentId{id};
        e.commune = core::CommuneId{commune};
        e.household = core::HouseholdId{household};
        e.child = core::ChildId{child};
        e.activity = core::ActivityId{activity};
        e.period = {school_year.get<core::SchoolYearId>(), session.get<core::HolidaySessionId>()};
        e.site = core::SiteId{site};
        e.status = booking::enrolment_status_from_name(status).value_or(EnrolmentStatus::withdrawn);
        e.refusal_reason = reason;
        e.requested_by = core::AccountId{requested_by};
        e.requested_at = from_micros(requested);
        e.decided_by = decided_by.get<core::AccountId>();
        e.decided_at = decided.get();
        return e;
    }
};

constexpr const char* kBookingColumns =
    "SELECT id, commune_id, household_id, child_id, activity_id, site_id, day, status, timing, unit_price_cents, "
    "surcharge_cents, channel, booked_by, booked_at_us, cancelled_by, cancelled_at_us, cancellation FROM "
    "day_booking ";

struct BookingRow {
    long long id = 0, commune = 0, household = 0, child = 0, activity = 0, site = 0, price = 0, surcharge = 0,
              booked_by = 0, booked = 0;
    std::string day, status, timing, channel, cancellation;
    soci::indicator cancellation_indicator = soci::i_null;
    OptionalIdColumn cancelled_by;
    OptionalInstantColumn cancelled;

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
        s.exchange(soci::into(cancelled_by.value, cancelled_by.indicator));
        s.exchange(soci::into(cancelled.micros, cancelled.indicator));
        s.exchange(soci::into(cancellation, cancellation_indicator));
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
        b.cancelled_by = cancelled_by.get<core::AccountId>();
        b.cancelled_at = cancelled.get();
        if (cancellation_indicator == soci::i_ok) {
            b.cancellation = booking::cancellation_billing_from_name(cancellation);
        }
        return b;
    }
};

}  // namespace

core::Result<core::EnrolmentId> SqlBookingStore::insert_enrolment(const Enrolment& e) {
    long long commune = e.commune.value(), child = e.child.value(), activity = e.activity.value(), taken = 0;
    OptionalIdColumn school_year, session;
    school_year.set(e.period.school_year);
    session.set(e.period.session);
    // The unique index is the rule; this look first gives the family its own message instead of a failed
    // transaction.
    m_session << "SELECT COUNT(*) FROM enrolment WHERE commune_id = :c AND child_id = :ch AND activity_id = :a AND "
                 "COALESCE(school_year_id, 0) = :y AND COALESCE(session_id, 0) = :s AND status IN ('pending', "
                 "'accepted')",
        soci::use(commune), soci::use(child), soci::use(activity), soci::use(school_year.value),
        soci::use(session.value), soci::into(taken);
    if (taken > 0) {
        return core::fail(core::ErrorCode::conflict, "err_enrolment_exists");
    }
    long long household = e.household.value(), site = e.site.value(), requested_by = e.requested_by.value(),
              requested = to_micros(e.requested_at), id = 0;
    const std::string status(booking::enrolment_status_name(e.status));
    OptionalIdColumn decided_by;
    decided_by.set(e.decided_by);
    OptionalInstantColumn decided;
    decided.set(e.decided_at);
    m_session << "INSERT INTO enrolment (commune_id, household_id, child_id, activity_id, school_year_id, "
                 "session_id, site_id, status, refusal_reason, requested_by, requested_at_us, decided_by, "
                 "decided_at_us) VALUES (:c, :h, :ch, :a, :y, :s, :site, :st, :r, :by, :at, :dby, :dat) RETURNING id",
        soci::use(commune), soci::use(household), soci::use(child), soci::use(activity),
        soci::use(school_year.value, school_year.indicator), soci::use(session.value, session.indicator),
        soci::use(site), soci::use(status), soci::use(e.refusal_reason), soci::use(requested_by), soci::use(requested),
        soci::use(decided_by.value, decided_by.indicator), soci::use(decided.micros, decided.indicator), soci::into(id);
    return core::EnrolmentId{id};
}

core::Result<bool> SqlBookingStore::update_enrolment(const Enrolment& e, EnrolmentStatus expected) {
    long long id = e.id.value(), commune = e.commune.value();
    const std::string status(booking::enrolment_status_name(e.status));
    const std::string previous(booking::enrolment_status_name(expected));
    OptionalIdColumn decided_by;
    decided_by.set(e.decided_by);
    OptionalInstantColumn decided;
    decided.set(e.decided_at);
    soci::statement statement =
        (m_session.prepare << "UPDATE enrolment SET status = :s, refusal_reason = :r, decided_by = :dby, "
                              "decided_at_us = :dat WHERE id = :id AND commune_id = :c AND status = :previous",
         soci::use(status), soci::use(e.refusal_reason), soci::use(decided_by.value, decided_by.indicator),
         soci::use(decided.micros, decided.indicator), soci::use(id), soci::use(commune), soci::use(previous));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::optional<Enrolment>> SqlBookingStore::find_enrolment(core::CommuneId commune, core::EnrolmentId id) {
    long long c = commune.value(), e = id.value();
    return first(query_rows<EnrolmentRow>(
        m_session, std::string(kEnrolmentColumns) + "WHERE commune_id = :c AND id = :id", [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(e));
        }));
}

core::Result<std::vector<Enrolment>> SqlBookingStore::enrolments_of_child(core::CommuneId commune,
                                                                          core::ChildId child) {
    static const std::string kSql =
        std::string(kEnrolmentColumns) + "WHERE commune_id = :c AND child_id = :ch ORDER BY id DESC";
    return cached_rows<EnrolmentRow>(m_session, m_statements, kSql, commune.value(), child.value());
}

core::Result<std::vector<Enrolment>> SqlBookingStore::pending_enrolments(core::CommuneId commune) {
    long long c = commune.value();
    return query_rows<EnrolmentRow>(
        m_session, std::string(kEnrolmentColumns) + "WHERE commune_id = :c AND status = 'pending' ORDER BY id",
        [&](soci::statement& s) { s.exchange(soci::use(c)); });
}

core::Result<bool> SqlBookingStore::take_place(core::CommuneId commune, const booking::DayPlaces& places,
                                               int capacity) {
    const long long c = commune.value(), activity = places.activity.value(), site = places.site.value(),
                    limit = capacity;
    const std::string day = places.day.to_iso();
    // The row first (a concurrent first booking of the day waits for this one's, then does nothing), then the
    // conditional increment: one statement, which on PostgreSQL re-reads the row once it holds its lock.
    (void)cached_execute(m_session, m_statements,
                         "INSERT INTO day_places (commune_id, activity_id, site_id, day, taken) VALUES (:c, :a, :s, "
                         ":d, 0) ON CONFLICT (activity_id, site_id, day) DO NOTHING",
                         c, activity, site, day);
    return cached_execute(m_session, m_statements,
                          "UPDATE day_places SET taken = taken + 1 WHERE activity_id = :a AND site_id = :s AND day = "
                          ":d AND commune_id = :c AND taken < :capacity",
                          activity, site, day, c, limit) == 1;
}

core::Status SqlBookingStore::release_place(core::CommuneId commune, const booking::DayPlaces& places) {
    (void)cached_execute(m_session, m_statements,
                         "UPDATE day_places SET taken = taken - 1 WHERE activity_id = :a AND site_id = :s AND day = "
                         ":d AND commune_id = :c AND taken > 0",
                         places.activity.value(), places.site.value(), places.day.to_iso(), commune.value());
    return {};
}

core::Result<std::map<core::CivilDate, int>> SqlBookingStore::places_taken(core::CommuneId commune,
                                                                           core::ActivityId activity, core::SiteId site,
                                                                           core::CivilDate first,
                                                                           core::CivilDate last) {
    struct Row {
        std::string day;
        long long taken = 0;
        void bind(soci::statement& s) {
            s.exchange(soci::into(day));
            s.exchange(soci::into(taken));
        }
        [[nodiscard]] std::pair<core::CivilDate, int> value() const { return {day_of(day), static_cast<int>(taken)}; }
    };
    const auto rows = cached_rows<Row>(m_session, m_statements,
                                       "SELECT day, taken FROM day_places WHERE commune_id = :c AND activity_id = :a "
                                       "AND site_id = :s AND day >= :f AND day <= :t AND taken > 0 ORDER BY day",
                                       commune.value(), activity.value(), site.value(), first.to_iso(), last.to_iso());
    return std::map<core::CivilDate, int>(rows.begin(), rows.end());
}

core::Result<core::BookingId> SqlBookingStore::insert_booking(const DayBooking& b) {
    const long long commune = b.commune.value(), child = b.child.value(), activity = b.activity.value();
    const std::string day = b.day.to_iso();
    const auto booked_twice = cached_rows<CountRow>(m_session, m_statements,
                                                    "SELECT COUNT(*) FROM day_booking WHERE commune_id = :c AND "
                                                    "child_id = :ch AND activity_id = :a AND day = :d AND status = "
                                                    "'booked'",
                                                    commune, child, activity, day);
    if (!booked_twice.empty() && booked_twice.front() > 0) {
        return core::fail(core::ErrorCode::conflict, "err_day_already_booked");
    }
    const auto id = cached_rows<CountRow>(
        m_session, m_statements,
        "INSERT INTO day_booking (commune_id, household_id, child_id, activity_id, site_id, day, status, timing, "
        "unit_price_cents, surcharge_cents, channel, booked_by, booked_at_us) VALUES (:c, :h, :ch, :a, :s, :d, :st, "
        ":t, :p, :su, :chan, :by, :at) RETURNING id",
        commune, b.household.value(), child, activity, b.site.value(), day,
        std::string(booking::booking_status_name(b.status)), std::string(booking::booking_timing_name(b.timing)),
        static_cast<long long>(b.unit_price.cents()), static_cast<long long>(b.surcharge.cents()),
        std::string(booking::booking_channel_name(b.channel)), b.booked_by.value(), to_micros(b.booked_at));
    return core::BookingId{id.empty() ? 0 : id.front()};
}

core::Result<bool> SqlBookingStore::cancel_booking(const DayBooking& cancelled) {
    long long id = cancelled.id.value(), commune = cancelled.commune.value();
    OptionalIdColumn by;
    by.set(cancelled.cancelled_by);
    OptionalInstantColumn at;
    at.set(cancelled.cancelled_at);
    std::string billing;
    soci::indicator billing_indicator = soci::i_null;
    if (cancelled.cancellation) {
        billing = std::string(booking::cancellation_billing_name(*cancelled.cancellation));
        billing_indicator = soci::i_ok;
    }
    soci::statement statement =
        (m_session.prepare << "UPDATE day_booking SET status = 'cancelled', cancelled_by = :by, cancelled_at_us = "
                              ":at, cancellation = :billing WHERE id = :id AND commune_id = :c AND status = 'booked'",
         soci::use(by.value, by.indicator), soci::use(at.micros, at.indicator), soci::use(billing, billing_indicator),
         soci::use(id), soci::use(commune));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::optional<DayBooking>> SqlBookingStore::find_booking(core::CommuneId commune, core::BookingId id) {
    long long c = commune.value(), b = id.value();
    return first(query_rows<BookingRow>(m_session, std::string(kBookingColumns) + "WHERE commune_id = :c AND id = :id",
                                        [&](soci::statement& s) {
                                            s.exchange(soci::use(c));
                                            s.exchange(soci::use(b));
                                        }));
}

core::Result<std::vector<DayBooking>> SqlBookingStore::bookings_of_child(core::CommuneId commune, core::ChildId child,
                                                                         core::CivilDate first, core::CivilDate last) {
    static const std::string kSql = std::string(kBookingColumns) +
                                    "WHERE commune_id = :c AND child_id = :ch AND day >= :f AND day <= :t ORDER BY "
                                    "day, activity_id, id";
    return cached_rows<BookingRow>(m_session, m_statements, kSql, commune.value(), child.value(), first.to_iso(),
                                   last.to_iso());
}

core::Result<core::WaitingEntryId> SqlBookingStore::join_waiting_list(const booking::WaitingEntry& entry) {
    long long commune = entry.commune.value(), child = entry.child.value(), activity = entry.activity.value(),
              already = 0;
    const std::string day = entry.day.to_iso();
    m_session << "SELECT COUNT(*) FROM waiting_entry WHERE commune_id = :c AND child_id = :ch AND activity_id = :a AND "
                 "day = :d AND left_at_us IS NULL",
        soci::use(commune), soci::use(child), soci::use(activity), soci::use(day), soci::into(already);
    if (already > 0) {
        return core::fail(core::ErrorCode::conflict, "err_waiting_already");
    }
    long long household = entry.household.value(), site = entry.site.value(), by = entry.joined_by.value(),
              at = to_micros(entry.joined_at), id = 0;
    m_session << "INSERT INTO waiting_entry (commune_id, household_id, child_id, activity_id, site_id, day, joined_by, "
                 "joined_at_us) VALUES (:c, :h, :ch, :a, :s, :d, :by, :at) RETURNING id",
        soci::use(commune), soci::use(household), soci::use(child), soci::use(activity), soci::use(site),
        soci::use(day), soci::use(by), soci::use(at), soci::into(id);
    return core::WaitingEntryId{id};
}

core::Result<bool> SqlBookingStore::leave_waiting_list(core::CommuneId commune, core::ChildId child,
                                                       core::ActivityId activity, core::CivilDate day,
                                                       core::Instant at) {
    long long c = commune.value(), ch = child.value(), a = activity.value(), left = to_micros(at);
    const std::string d = day.to_iso();
    soci::statement statement =
        (m_session.prepare << "UPDATE waiting_entry SET left_at_us = :at WHERE commune_id = :c AND child_id = :ch AND "
                              "activity_id = :a AND day = :d AND left_at_us IS NULL",
         soci::use(left), soci::use(c), soci::use(ch), soci::use(a), soci::use(d));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::map<std::pair<long long, core::CivilDate>, int>> SqlBookingStore::waiting_positions(
    core::CommuneId commune, core::ChildId child, core::CivilDate first, core::CivilDate last) {
    struct Row {
        long long activity = 0, position = 0;
        std::string day;
        void bind(soci::statement& s) {
            s.exchange(soci::into(activity));
            s.exchange(soci::into(day));
            s.exchange(soci::into(position));
        }
        [[nodiscard]] std::pair<std::pair<long long, core::CivilDate>, int> value() const {
            return {{activity, day_of(day)}, static_cast<int>(position)};
        }
    };
    // A child's position: the entries still waiting for the same activity, site and day, joined before his, plus one.
    const auto rows = cached_rows<Row>(m_session, m_statements,
                                       "SELECT w.activity_id, w.day, (SELECT COUNT(*) FROM waiting_entry o WHERE "
                                       "o.activity_id = w.activity_id AND o.site_id = w.site_id AND o.day = w.day AND "
                                       "o.left_at_us IS NULL AND o.id <= w.id) FROM waiting_entry w WHERE "
                                       "w.commune_id = :c AND w.child_id = :ch AND w.day >= :f AND w.day <= :t AND "
                                       "w.left_at_us IS NULL",
                                       commune.value(), child.value(), first.to_iso(), last.to_iso());
    return std::map<std::pair<long long, core::CivilDate>, int>(rows.begin(), rows.end());
}

core::Status SqlBookingStore::record(const booking::BookingEvent& event) {
    (void)cached_execute(m_session, m_statements,
                         "INSERT INTO booking_event (commune_id, household_id, child_id, actor_id, channel, kind, "
                         "detail, ip, at_us) VALUES (:c, :h, :ch, :a, :chan, :k, :d, :ip, :at)",
                         event.commune.value(), event.household.value(), event.child.value(), event.actor.value(),
                         std::string(booking::booking_channel_name(event.channel)), event.kind, event.detail, event.ip,
                         to_micros(event.at));
    return {};
}

core::Result<std::vector<booking::BookingEvent>> SqlBookingStore::history(core::CommuneId commune,
                                                                          core::ChildId child) {
    struct Row {
        long long commune = 0, household = 0, child = 0, actor = 0, at = 0;
        std::string channel, kind, detail, ip;
        void bind(soci::statement& s) {
            for (long long* column : {&commune, &household, &child, &actor})
                s.exchange(soci::into(*column));
            for (std::string* column : {&channel, &kind, &detail, &ip})
                s.exchange(soci::into(*column));
            s.exchange(soci::into(at));
        }
        [[nodiscard]] booking::BookingEvent value() const {
            return {core::CommuneId{commune},
                    core::HouseholdId{household},
                    core::ChildId{child},
                    core::AccountId{actor},
                    booking::booking_channel_from_name(channel).value_or(booking::BookingChannel::portal),
                    kind,
                    detail,
                    ip,
                    from_micros(at)};
        }
    };
    long long c = commune.value(), ch = child.value();
    return query_rows<Row>(m_session,
                           "SELECT commune_id, household_id, child_id, actor_id, channel, kind, detail, ip, at_us FROM "
                           "booking_event WHERE commune_id = :c AND child_id = :ch ORDER BY id",
                           [&](soci::statement& s) {
                               s.exchange(soci::use(c));
                               s.exchange(soci::use(ch));
                           });
}

}  // namespace guichet::storage
