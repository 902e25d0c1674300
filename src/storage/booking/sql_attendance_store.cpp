#include "storage/booking/sql_attendance_store.h"

#include "storage/sql_query.h"
#include "storage/statement_cache.h"

namespace guichet::storage {
namespace {

using booking::AttendanceMark;
using booking::BookedChild;

core::CivilDate day_of(const std::string& text) {
    // Written by this store from a CivilDate: always a valid ISO date.
    return core::CivilDate::parse_iso(text).value_or(core::CivilDate::from_sys_days(date::sys_days{}));
}

struct BookedChildRow {
    long long child = 0, household = 0, site = 0;
    std::string day;

    void bind(soci::statement& s) {
        s.exchange(soci::into(child));
        s.exchange(soci::into(household));
        s.exchange(soci::into(site));
        s.exchange(soci::into(day));
    }
    [[nodiscard]] BookedChild value() const {
        return {core::ChildId{child}, core::HouseholdId{household}, core::SiteId{site}, day_of(day)};
    }
};

struct EnrolledRow {
    long long id = 0, commune = 0, household = 0, child = 0, activity = 0, site = 0;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune, &household, &child, &activity, &site})
            s.exchange(soci::into(*column));
    }
    [[nodiscard]] booking::Enrolment value() const {
        booking::Enrolment e;
        e.id = core::EnrolmentId{id};
        e.commune = core::CommuneId{commune};
        e.household = core::HouseholdId{household};
        e.child = core::ChildId{child};
        e.activity = core::ActivityId{activity};
        e.site = core::SiteId{site};
        e.status = booking::EnrolmentStatus::accepted;
        return e;
    }
};

constexpr const char* kMarkColumns =
    "commune_id, child_id, household_id, activity_id, site_id, day, presence, basis, mark_id, marked_by, "
    "marked_at_us";

struct MarkRow {
    long long commune = 0, child = 0, household = 0, activity = 0, site = 0, by = 0, at = 0;
    std::string day, presence, basis, mark_id;

    void bind(soci::statement& s) {
        for (long long* column : {&commune, &child, &household, &activity, &site})
            s.exchange(soci::into(*column));
        for (std::string* column : {&day, &presence, &basis, &mark_id})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(by));
        s.exchange(soci::into(at));
    }
    [[nodiscard]] AttendanceMark value() const {
        AttendanceMark m;
        m.commune = core::CommuneId{commune};
        m.child = core::ChildId{child};
        m.household = core::HouseholdId{household};
        m.activity = core::ActivityId{activity};
        m.site = core::SiteId{site};
        m.day = day_of(day);
        m.presence = booking::presence_from_name(presence).value_or(booking::Presence::absent);
        m.basis = booking::mark_basis_from_name(basis).value_or(booking::MarkBasis::booked);
        m.mark_id = mark_id;
        m.marked_by = core::AccountId{by};
        m.marked_at = from_micros(at);
        return m;
    }
};

struct IdRow {
    long long id = 0;
    void bind(soci::statement& s) { s.exchange(soci::into(id)); }
    [[nodiscard]] long long value() const { return id; }
};

}  // namespace

core::Result<std::vector<BookedChild>> SqlAttendanceStore::booked_on(core::CommuneId commune, core::ActivityId activity,
                                                                     core::SiteId site, core::CivilDate day) {
    static const std::string kSql =
        "SELECT child_id, household_id, site_id, day FROM day_booking WHERE commune_id = :c AND activity_id = :a "
        "AND site_id = :s AND day = :d AND status = 'booked' ORDER BY child_id";
    return cached_rows<BookedChildRow>(m_session, m_statements, kSql, commune.value(), activity.value(), site.value(),
                                       day.to_iso());
}

core::Result<std::vector<BookedChild>> SqlAttendanceStore::booked_between(core::CommuneId commune,
                                                                          core::ActivityId activity,
                                                                          core::CivilDate first, core::CivilDate last) {
    static const std::string kSql =
        "SELECT child_id, household_id, site_id, day FROM day_booking WHERE commune_id = :c AND activity_id = :a "
        "AND day >= :f AND day <= :l AND status = 'booked' ORDER BY day, site_id, child_id";
    return cached_rows<BookedChildRow>(m_session, m_statements, kSql, commune.value(), activity.value(), first.to_iso(),
                                       last.to_iso());
}

core::Result<std::vector<booking::Enrolment>> SqlAttendanceStore::enrolled_at(core::CommuneId commune,
                                                                              core::ActivityId activity,
                                                                              core::SiteId site) {
    static const std::string kSql =
        "SELECT id, commune_id, household_id, child_id, activity_id, site_id FROM enrolment WHERE commune_id = :c "
        "AND activity_id = :a AND site_id = :s AND status = 'accepted' ORDER BY id";
    return cached_rows<EnrolledRow>(m_session, m_statements, kSql, commune.value(), activity.value(), site.value());
}

core::Result<std::vector<AttendanceMark>> SqlAttendanceStore::marks_on(core::CommuneId commune,
                                                                       core::ActivityId activity, core::SiteId site,
                                                                       core::CivilDate day) {
    static const std::string kSql = std::string("SELECT ") + kMarkColumns +
                                    " FROM attendance_mark WHERE commune_id = :c AND activity_id = :a AND site_id = "
                                    ":s AND day = :d ORDER BY child_id";
    return cached_rows<MarkRow>(m_session, m_statements, kSql, commune.value(), activity.value(), site.value(),
                                day.to_iso());
}

core::Result<bool> SqlAttendanceStore::put_mark(const AttendanceMark& mark) {
    // The unique (commune_id, mark_id) is the rule: a tap already stored inserts nothing, on both backends, and
    // two transactions storing the same tap at once queue on it.
    static const std::string kTap =
        "INSERT INTO attendance_tap (commune_id, mark_id, household_id, child_id, activity_id, site_id, day, "
        "presence, basis, marked_by, marked_at_us) VALUES (:c, :m, :h, :ch, :a, :s, :d, :p, :b, :by, :at) "
        "ON CONFLICT (commune_id, mark_id) DO NOTHING";
    const std::string presence(booking::presence_name(mark.presence));
    const std::string basis(booking::mark_basis_name(mark.basis));
    const std::string day = mark.day.to_iso();
    const long long inserted =
        cached_execute(m_session, m_statements, kTap, mark.commune.value(), mark.mark_id, mark.household.value(),
                       mark.child.value(), mark.activity.value(), mark.site.value(), day, presence, basis,
                       mark.marked_by.value(), to_micros(mark.marked_at));
    if (inserted != 1) {
        return false;
    }
    static const std::string kMark =
        "INSERT INTO attendance_mark (commune_id, child_id, activity_id, day, household_id, site_id, presence, basis, "
        "mark_id, marked_by, marked_at_us) VALUES (:c, :ch, :a, :d, :h, :s, :p, :b, :m, :by, :at) "
        "ON CONFLICT (commune_id, child_id, activity_id, day) DO UPDATE SET household_id = excluded.household_id, "
        "site_id = excluded.site_id, presence = excluded.presence, basis = excluded.basis, mark_id = "
        "excluded.mark_id, marked_by = excluded.marked_by, marked_at_us = excluded.marked_at_us";
    cached_execute(m_session, m_statements, kMark, mark.commune.value(), mark.child.value(), mark.activity.value(), day,
                   mark.household.value(), mark.site.value(), presence, basis, mark.mark_id, mark.marked_by.value(),
                   to_micros(mark.marked_at));
    return true;
}

core::Result<std::vector<AttendanceMark>> SqlAttendanceStore::taps_of(core::CommuneId commune, core::ChildId child,
                                                                      core::ActivityId activity, core::CivilDate day) {
    static const std::string kSql = std::string("SELECT ") + kMarkColumns +
                                    " FROM attendance_tap WHERE commune_id = :c AND child_id = :ch AND activity_id = "
                                    ":a AND day = :d ORDER BY id";
    return cached_rows<MarkRow>(m_session, m_statements, kSql, commune.value(), child.value(), activity.value(),
                                day.to_iso());
}

core::Result<std::vector<core::SiteId>> SqlAttendanceStore::staff_sites(core::CommuneId commune,
                                                                        core::AccountId account) {
    static const std::string kSql =
        "SELECT site_id FROM staff_site WHERE commune_id = :c AND account_id = :a ORDER BY site_id";
    std::vector<core::SiteId> sites;
    for (long long id : cached_rows<IdRow>(m_session, m_statements, kSql, commune.value(), account.value())) {
        sites.push_back(core::SiteId{id});
    }
    return sites;
}

core::Status SqlAttendanceStore::set_staff_sites(core::CommuneId commune, core::AccountId account,
                                                 const std::vector<core::SiteId>& sites) {
    static const std::string kDelete = "DELETE FROM staff_site WHERE commune_id = :c AND account_id = :a";
    static const std::string kInsert = "INSERT INTO staff_site (commune_id, account_id, site_id) VALUES (:c, :a, :s)";
    cached_execute(m_session, m_statements, kDelete, commune.value(), account.value());
    for (core::SiteId site : sites) {
        cached_execute(m_session, m_statements, kInsert, commune.value(), account.value(), site.value());
    }
    return {};
}

}  // namespace guichet::storage
