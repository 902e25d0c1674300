// The waiting-list offers of SqlBookingStore ([G6]): table waiting_offer (migration 10), read with the account that
// put the child on the list (waiting_entry.joined_by).
#include "storage/booking/sql_booking_store.h"
#include "storage/sql_query.h"
#include "storage/statement_cache.h"

namespace guichet::storage {
namespace {

using booking::OfferChannel;
using booking::OfferStatus;
using booking::WaitingEntry;
using booking::WaitingOffer;

core::CivilDate offer_day_of(const std::string& text) {
    // Written by this store from a CivilDate: always a valid ISO date.
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(date::sys_days{}));
}

constexpr const char* kOfferColumns =
    "SELECT o.id, o.commune_id, o.waiting_entry_id, o.child_id, o.household_id, o.activity_id, o.site_id, o.day, "
    "o.offered_at_us, o.expires_at_us, o.status, o.token_digest, o.decided_at_us, o.decided_by, o.channel, "
    "w.joined_by FROM waiting_offer o JOIN waiting_entry w ON w.id = o.waiting_entry_id ";

struct OfferRow {
    long long id = 0, commune = 0, entry = 0, child = 0, household = 0, activity = 0, site = 0, offered = 0,
              expires = 0, joined_by = 0;
    std::string day, status, digest, channel;
    OptionalInstantColumn decided;
    long long decided_by = 0;
    soci::indicator decided_by_indicator = soci::i_null, channel_indicator = soci::i_null;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &entry, &child, &household, &activity, &site})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(day));
        s.exchange(soci::into(offered));
        s.exchange(soci::into(expires));
        s.exchange(soci::into(status));
        s.exchange(soci::into(digest));
        s.exchange(soci::into(decided.micros, decided.indicator));
        s.exchange(soci::into(decided_by, decided_by_indicator));
        s.exchange(soci::into(channel, channel_indicator));
        s.exchange(soci::into(joined_by));
    }

    [[nodiscard]] WaitingOffer value() const {
        WaitingOffer o;
        o.id = core::WaitingOfferId{id};
        o.commune = core::CommuneId{commune};
        o.entry = core::WaitingEntryId{entry};
        o.child = core::ChildId{child};
        o.household = core::HouseholdId{household};
        o.activity = core::ActivityId{activity};
        o.site = core::SiteId{site};
        o.day = offer_day_of(day);
        o.offered_at = from_micros(offered);
        o.expires_at = from_micros(expires);
        o.status = booking::offer_status_from_name(status).value_or(OfferStatus::withdrawn);
        o.token_digest = digest;
        o.decided_at = decided.get();
        if (decided_by_indicator == soci::i_ok) {
            o.decided_by = core::AccountId{decided_by};
        }
        if (channel_indicator == soci::i_ok) {
            o.channel = booking::offer_channel_from_name(channel);
        }
        o.joined_by = core::AccountId{joined_by};
        return o;
    }
};

struct EntryRow {
    long long id = 0, commune = 0, household = 0, child = 0, activity = 0, site = 0, joined_by = 0, joined = 0;
    std::string day;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &household, &child, &activity, &site})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(day));
        s.exchange(soci::into(joined_by));
        s.exchange(soci::into(joined));
    }

    [[nodiscard]] WaitingEntry value() const {
        WaitingEntry e;
        e.id = core::WaitingEntryId{id};
        e.commune = core::CommuneId{commune};
        e.household = core::HouseholdId{household};
        e.child = core::ChildId{child};
        e.activity = core::ActivityId{activity};
        e.site = core::SiteId{site};
        e.day = offer_day_of(day);
        e.joined_by = core::AccountId{joined_by};
        e.joined_at = from_micros(joined);
        e.waiting = true;
        return e;
    }
};

constexpr const char* kEntryColumns =
    "SELECT id, commune_id, household_id, child_id, activity_id, site_id, day, joined_by, joined_at_us FROM "
    "waiting_entry ";

struct CountColumn {
    long long value_ = 0;
    void bind(soci::statement& s) { s.exchange(soci::into(value_)); }
    [[nodiscard]] long long value() const { return value_; }
};

}  // namespace

core::Status SqlBookingStore::lock_day_places(core::CommuneId commune, const booking::DayPlaces& places) {
    // A write of the row (PostgreSQL: its lock until the transaction ends; SQLite: writers are serialised anyway).
    (void)cached_execute(m_session, m_statements,
                         "UPDATE day_places SET taken = taken WHERE activity_id = :a AND site_id = :s AND day = :d "
                         "AND commune_id = :c",
                         places.activity.value(), places.site.value(), places.day.to_iso(), commune.value());
    return {};
}

core::Result<std::vector<WaitingEntry>> SqlBookingStore::waiting_on_day(core::CommuneId commune,
                                                                        const booking::DayPlaces& places) {
    static const std::string kSql = std::string(kEntryColumns) +
                                    "WHERE commune_id = :c AND activity_id = :a AND site_id = :s AND day = :d AND "
                                    "left_at_us IS NULL ORDER BY id";
    return cached_rows<EntryRow>(m_session, m_statements, kSql, commune.value(), places.activity.value(),
                                 places.site.value(), places.day.to_iso());
}

core::Result<std::vector<WaitingEntry>> SqlBookingStore::waiting_from(core::CommuneId commune, core::CivilDate from) {
    static const std::string kSql = std::string(kEntryColumns) +
                                    "WHERE commune_id = :c AND day >= :d AND left_at_us IS NULL ORDER BY activity_id, "
                                    "site_id, day, id";
    return cached_rows<EntryRow>(m_session, m_statements, kSql, commune.value(), from.to_iso());
}

core::Result<core::WaitingOfferId> SqlBookingStore::insert_offer(const WaitingOffer& o) {
    const auto open = cached_rows<CountColumn>(m_session, m_statements,
                                               "SELECT COUNT(*) FROM waiting_offer WHERE commune_id = :c AND "
                                               "waiting_entry_id = :e AND status = 'offered'",
                                               o.commune.value(), o.entry.value());
    if (!open.empty() && open.front() > 0) {
        return core::fail(core::ErrorCode::conflict, "err_offer_exists");
    }
    const auto id = cached_rows<CountColumn>(
        m_session, m_statements,
        "INSERT INTO waiting_offer (commune_id, waiting_entry_id, child_id, household_id, activity_id, site_id, day, "
        "offered_at_us, expires_at_us, status, token_digest) VALUES (:c, :e, :ch, :h, :a, :s, :d, :o, :x, :st, :t) "
        "RETURNING id",
        o.commune.value(), o.entry.value(), o.child.value(), o.household.value(), o.activity.value(), o.site.value(),
        o.day.to_iso(), to_micros(o.offered_at), to_micros(o.expires_at),
        std::string(booking::offer_status_name(o.status)), o.token_digest);
    return core::WaitingOfferId{id.empty() ? 0 : id.front()};
}

core::Result<std::optional<WaitingOffer>> SqlBookingStore::find_offer(core::CommuneId commune,
                                                                      core::WaitingOfferId id) {
    static const std::string kSql = std::string(kOfferColumns) + "WHERE o.commune_id = :c AND o.id = :id";
    return first(cached_rows<OfferRow>(m_session, m_statements, kSql, commune.value(), id.value()));
}

core::Result<std::optional<WaitingOffer>> SqlBookingStore::find_offer_by_token(core::CommuneId commune,
                                                                               const std::string& token_digest) {
    static const std::string kSql = std::string(kOfferColumns) + "WHERE o.commune_id = :c AND o.token_digest = :t";
    return first(cached_rows<OfferRow>(m_session, m_statements, kSql, commune.value(), token_digest));
}

core::Result<bool> SqlBookingStore::close_offer(core::CommuneId commune, core::WaitingOfferId id, OfferStatus status,
                                                core::Instant at, std::optional<core::AccountId> by,
                                                OfferChannel channel) {
    long long c = commune.value(), o = id.value(), when = to_micros(at), account = by ? by->value() : 0;
    soci::indicator account_indicator = by ? soci::i_ok : soci::i_null;
    const std::string to(booking::offer_status_name(status)), how(booking::offer_channel_name(channel));
    // Conditional: only an offer still offered moves (an offer accepted twice books once).
    soci::statement statement =
        (m_session.prepare << "UPDATE waiting_offer SET status = :st, decided_at_us = :at, decided_by = :by, "
                              "channel = :ch WHERE id = :id AND commune_id = :c AND status = 'offered'",
         soci::use(to), soci::use(when), soci::use(account, account_indicator), soci::use(how), soci::use(o),
         soci::use(c));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::vector<WaitingOffer>> SqlBookingStore::offers_from(core::CommuneId commune, core::CivilDate from) {
    static const std::string kSql =
        std::string(kOfferColumns) + "WHERE o.commune_id = :c AND o.day >= :d ORDER BY o.day, o.id";
    return cached_rows<OfferRow>(m_session, m_statements, kSql, commune.value(), from.to_iso());
}

core::Result<std::vector<WaitingOffer>> SqlBookingStore::open_offers_of_child(core::CommuneId commune,
                                                                              core::ChildId child) {
    static const std::string kSql = std::string(kOfferColumns) +
                                    "WHERE o.commune_id = :c AND o.child_id = :ch AND o.status = 'offered' ORDER BY "
                                    "o.day, o.id";
    return cached_rows<OfferRow>(m_session, m_statements, kSql, commune.value(), child.value());
}

core::Result<std::vector<WaitingOffer>> SqlBookingStore::offers_due(core::CommuneId commune, core::Instant at) {
    static const std::string kSql = std::string(kOfferColumns) +
                                    "WHERE o.commune_id = :c AND o.status = 'offered' AND o.expires_at_us <= :at "
                                    "ORDER BY o.expires_at_us, o.id";
    return cached_rows<OfferRow>(m_session, m_statements, kSql, commune.value(), to_micros(at));
}

}  // namespace guichet::storage
