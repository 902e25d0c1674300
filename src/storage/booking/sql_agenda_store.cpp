#include "storage/booking/sql_agenda_store.h"

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

// The columns of an accepted enrolment the reminders read.
struct AcceptedEnrolmentRow {
    long long id = 0, commune = 0, household = 0, child = 0, activity = 0, site = 0;
    long long school_year = 0, session = 0;
    soci::indicator school_year_indicator = soci::i_null, session_indicator = soci::i_null;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &household, &child, &activity, &site})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(school_year, school_year_indicator));
        s.exchange(soci::into(session, session_indicator));
    }

    [[nodiscard]] booking::Enrolment value() const {
        booking::Enrolment e;
        e.id = core::EnrolmentId{id};
        e.commune = core::CommuneId{commune};
        e.household = core::HouseholdId{household};
        e.child = core::ChildId{child};
        e.activity = core::ActivityId{activity};
        e.site = core::SiteId{site};
        if (school_year_indicator == soci::i_ok) {
            e.period.school_year = core::SchoolYearId{school_year};
        }
        if (session_indicator == soci::i_ok) {
            e.period.session = core::HolidaySessionId{session};
        }
        e.status = booking::EnrolmentStatus::accepted;
        return e;
    }
};

struct FeedRow {
    long long commune = 0, account = 0, created = 0;
    std::string digest;

    void bind(soci::statement& s) {
        s.exchange(soci::into(commune));
        s.exchange(soci::into(account));
        s.exchange(soci::into(digest));
        s.exchange(soci::into(created));
    }
    [[nodiscard]] booking::CalendarFeed value() const {
        return {core::CommuneId{commune}, core::AccountId{account}, digest, from_micros(created)};
    }
};

struct WantedRow {
    long long wanted = 1;
    void bind(soci::statement& s) { s.exchange(soci::into(wanted)); }
    [[nodiscard]] bool value() const { return wanted != 0; }
};

}  // namespace

core::Result<bool> SqlAgendaStore::mark_sent(const booking::SentReminder& reminder) {
    return cached_execute(m_session, m_statements,
                          "INSERT INTO reminder_sent (commune_id, child_id, deadline_key, step, sent_at_us) VALUES "
                          "(:c, :ch, :k, :s, :at) ON CONFLICT (commune_id, child_id, deadline_key, step) DO NOTHING",
                          reminder.commune.value(), reminder.child.value(), reminder.deadline_key,
                          std::string(booking::reminder_step_name(reminder.step)), to_micros(reminder.sent_at)) == 1;
}

core::Result<std::vector<booking::Enrolment>> SqlAgendaStore::accepted_enrolments(core::CommuneId commune) {
    long long c = commune.value();
    return query_rows<AcceptedEnrolmentRow>(
        m_session,
        "SELECT id, commune_id, household_id, child_id, activity_id, site_id, school_year_id, session_id FROM "
        "enrolment WHERE commune_id = :c AND status = 'accepted' ORDER BY child_id, id",
        [&](soci::statement& s) { s.exchange(soci::use(c)); });
}

core::Result<bool> SqlAgendaStore::reminders_wanted(core::CommuneId commune, core::AccountId account) {
    const auto rows = cached_rows<WantedRow>(
        m_session, m_statements, "SELECT wanted FROM reminder_preference WHERE commune_id = :c AND account_id = :a",
        commune.value(), account.value());
    return rows.empty() || rows.front();
}

core::Status SqlAgendaStore::set_reminders_wanted(core::CommuneId commune, core::AccountId account, bool wanted,
                                                  core::Instant at) {
    const long long value = wanted ? 1 : 0;
    (void)cached_execute(m_session, m_statements,
                         "INSERT INTO reminder_preference (commune_id, account_id, wanted, changed_at_us) VALUES (:c, "
                         ":a, :w, :at) ON CONFLICT (commune_id, account_id) DO UPDATE SET wanted = excluded.wanted, "
                         "changed_at_us = excluded.changed_at_us",
                         commune.value(), account.value(), value, to_micros(at));
    return {};
}

core::Result<std::optional<booking::CalendarFeed>> SqlAgendaStore::feed_of(core::CommuneId commune,
                                                                           core::AccountId account) {
    return first(cached_rows<FeedRow>(m_session, m_statements,
                                      "SELECT commune_id, account_id, token_digest, created_at_us FROM calendar_feed "
                                      "WHERE commune_id = :c AND account_id = :a AND revoked_at_us IS NULL",
                                      commune.value(), account.value()));
}

core::Result<std::optional<booking::CalendarFeed>> SqlAgendaStore::feed_by_digest(core::CommuneId commune,
                                                                                  std::string_view digest) {
    return first(cached_rows<FeedRow>(m_session, m_statements,
                                      "SELECT commune_id, account_id, token_digest, created_at_us FROM calendar_feed "
                                      "WHERE commune_id = :c AND token_digest = :d AND revoked_at_us IS NULL",
                                      commune.value(), std::string(digest)));
}

core::Status SqlAgendaStore::insert_feed(const booking::CalendarFeed& feed) {
    (void)cached_execute(m_session, m_statements,
                         "INSERT INTO calendar_feed (commune_id, account_id, token_digest, created_at_us) VALUES (:c, "
                         ":a, :d, :at)",
                         feed.commune.value(), feed.account.value(), feed.token_digest, to_micros(feed.created_at));
    return {};
}

core::Result<bool> SqlAgendaStore::revoke_feed(core::CommuneId commune, core::AccountId account, core::Instant at) {
    return cached_execute(m_session, m_statements,
                          "UPDATE calendar_feed SET revoked_at_us = :at WHERE commune_id = :c AND account_id = :a AND "
                          "revoked_at_us IS NULL",
                          to_micros(at), commune.value(), account.value()) > 0;
}

}  // namespace guichet::storage
