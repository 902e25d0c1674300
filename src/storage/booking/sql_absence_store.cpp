#include "storage/booking/sql_absence_store.h"

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using booking::Absence;

core::CivilDate day_of(const std::string& text) {
    // Written by these stores from a CivilDate: always a valid ISO date.
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(date::sys_days{}));
}

constexpr const char* kAbsenceColumns =
    "SELECT id, commune_id, household_id, child_id, booking_id, activity_id, day, reason, note, channel, "
    "reported_by, reported_at_us, justification, justification_deadline, document_id, decided_by, decided_at_us, "
    "refusal_reason FROM absence ";

struct AbsenceRow {
    long long id = 0, commune = 0, household = 0, child = 0, booking = 0, activity = 0, reported_by = 0, reported = 0;
    long long document = 0, decided_by = 0;
    std::string day, reason, note, channel, justification, deadline, refusal;
    soci::indicator deadline_indicator = soci::i_null, document_indicator = soci::i_null,
                    decided_by_indicator = soci::i_null;
    OptionalInstantColumn decided;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &household, &child, &booking, &activity})
            s.exchange(soci::into(*column));
        for (std::string* column : {&day, &reason, &note, &channel})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(reported_by));
        s.exchange(soci::into(reported));
        s.exchange(soci::into(justification));
        s.exchange(soci::into(deadline, deadline_indicator));
        s.exchange(soci::into(document, document_indicator));
        s.exchange(soci::into(decided_by, decided_by_indicator));
        s.exchange(soci::into(decided.micros, decided.indicator));
        s.exchange(soci::into(refusal));
    }

    [[nodiscard]] Absence value() const {
        Absence a;
        a.id = booking::AbsenceId{id};
        a.commune = core::CommuneId{commune};
        a.household = core::HouseholdId{household};
        a.child = core::ChildId{child};
        a.booking = core::BookingId{booking};
        a.activity = core::ActivityId{activity};
        a.day = day_of(day);
        a.reason = booking::absence_reason_from_name(reason).value_or(booking::AbsenceReason::other);
        a.note = note;
        a.channel = booking::booking_channel_from_name(channel).value_or(booking::BookingChannel::portal);
        a.reported_by = core::AccountId{reported_by};
        a.reported_at = from_micros(reported);
        a.justification =
            booking::justification_status_from_name(justification).value_or(booking::JustificationStatus::none);
        if (deadline_indicator == soci::i_ok) {
            a.justification_deadline = day_of(deadline);
        }
        if (document_indicator == soci::i_ok) {
            a.document_id = document;
        }
        if (decided_by_indicator == soci::i_ok) {
            a.decided_by = core::AccountId{decided_by};
        }
        a.decided_at = decided.get();
        a.refusal_reason = refusal;
        return a;
    }
};

}  // namespace

core::Result<booking::AbsenceId> SqlAbsenceStore::insert_absence(const Absence& a) {
    long long booking = a.booking.value(), already = 0;
    // The unique index is the rule; this look first gives the family its own message instead of a failed
    // transaction.
    m_session << "SELECT COUNT(*) FROM absence WHERE booking_id = :b", soci::use(booking), soci::into(already);
    if (already > 0) {
        return core::fail(core::ErrorCode::conflict, "err_absence_already_reported");
    }
    long long commune = a.commune.value(), household = a.household.value(), child = a.child.value(),
              activity = a.activity.value(), by = a.reported_by.value(), at = to_micros(a.reported_at), id = 0;
    const std::string day = a.day.to_iso(), reason(booking::absence_reason_name(a.reason)),
                      channel(booking::booking_channel_name(a.channel)),
                      justification(booking::justification_status_name(a.justification));
    std::string deadline = a.justification_deadline ? a.justification_deadline->to_iso() : std::string();
    soci::indicator deadline_indicator = a.justification_deadline ? soci::i_ok : soci::i_null;
    long long document = a.document_id.value_or(0);
    soci::indicator document_indicator = a.document_id ? soci::i_ok : soci::i_null;
    m_session << "INSERT INTO absence (commune_id, household_id, child_id, booking_id, activity_id, day, reason, "
                 "note, channel, reported_by, reported_at_us, justification, justification_deadline, document_id, "
                 "refusal_reason) VALUES (:c, :h, :ch, :b, :a, :d, :r, :n, :chan, :by, :at, :j, :dl, :doc, '') "
                 "RETURNING id",
        soci::use(commune), soci::use(household), soci::use(child), soci::use(booking), soci::use(activity),
        soci::use(day), soci::use(reason), soci::use(a.note), soci::use(channel), soci::use(by), soci::use(at),
        soci::use(justification), soci::use(deadline, deadline_indicator), soci::use(document, document_indicator),
        soci::into(id);
    return booking::AbsenceId{id};
}

core::Result<std::optional<Absence>> SqlAbsenceStore::find_absence(core::CommuneId commune, booking::AbsenceId id) {
    static const std::string kSql = std::string(kAbsenceColumns) + "WHERE commune_id = :c AND id = :id";
    return first(cached_rows<AbsenceRow>(m_session, m_statements, kSql, commune.value(), id.value()));
}

core::Result<std::vector<Absence>> SqlAbsenceStore::absences_of_child(core::CommuneId commune, core::ChildId child) {
    static const std::string kSql =
        std::string(kAbsenceColumns) + "WHERE commune_id = :c AND child_id = :ch ORDER BY day DESC, id";
    return cached_rows<AbsenceRow>(m_session, m_statements, kSql, commune.value(), child.value());
}

core::Result<std::vector<booking::Absence>> SqlAbsenceStore::absences_between(core::CommuneId commune,
                                                                              core::ActivityId activity,
                                                                              core::CivilDate first,
                                                                              core::CivilDate last) {
    static const std::string kSql = std::string(kAbsenceColumns) +
                                    "WHERE commune_id = :c AND activity_id = :a AND day >= :f AND day <= :l "
                                    "ORDER BY day, id";
    return cached_rows<AbsenceRow>(m_session, m_statements, kSql, commune.value(), activity.value(), first.to_iso(),
                                   last.to_iso());
}

core::Result<std::vector<Absence>> SqlAbsenceStore::open_justifications(core::CommuneId commune) {
    static const std::string kSql = std::string(kAbsenceColumns) +
                                    "WHERE commune_id = :c AND justification IN ('awaited', 'submitted') ORDER BY "
                                    "justification_deadline, id";
    return cached_rows<AbsenceRow>(m_session, m_statements, kSql, commune.value());
}

core::Result<bool> SqlAbsenceStore::update_justification(const Absence& a, booking::JustificationStatus expected) {
    long long id = a.id.value(), commune = a.commune.value();
    const std::string status(booking::justification_status_name(a.justification));
    const std::string previous(booking::justification_status_name(expected));
    long long document = a.document_id.value_or(0), decided_by = a.decided_by ? a.decided_by->value() : 0;
    soci::indicator document_indicator = a.document_id ? soci::i_ok : soci::i_null;
    soci::indicator decided_by_indicator = a.decided_by ? soci::i_ok : soci::i_null;
    OptionalInstantColumn decided;
    decided.set(a.decided_at);
    soci::statement statement =
        (m_session.prepare << "UPDATE absence SET justification = :s, document_id = :doc, decided_by = :by, "
                              "decided_at_us = :at, refusal_reason = :r WHERE id = :id AND commune_id = :c AND "
                              "justification = :previous",
         soci::use(status), soci::use(document, document_indicator), soci::use(decided_by, decided_by_indicator),
         soci::use(decided.micros, decided.indicator), soci::use(a.refusal_reason), soci::use(id), soci::use(commune),
         soci::use(previous));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

}  // namespace guichet::storage
