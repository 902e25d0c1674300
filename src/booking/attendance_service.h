#pragma once

#include <optional>
#include <string>
#include <vector>

#include "booking/attendance_mark.h"
#include "booking/booking_service.h"
#include "booking/transaction.h"
#include "catalog/catalog_cache.h"
#include "catalog/site.h"
#include "core/clock.h"
#include "family/household.h"
#include "identity/account.h"

namespace guichet::booking {

// Who takes the roll: an agent or admin of the commune (every site), or a site staff account (its sites only).
struct RollTaker {
    core::AccountId account{0};
    identity::Role role = identity::Role::agent;
    std::string ip;
};

// One child on the roll of a day, with what the staff need to look after him (no photo): his class, whether he has
// a PAI, his dietary option, who may pick him up, and his mark so far.
struct RollLine {
    family::Child child;
    core::HouseholdId household{0};
    MarkBasis basis = MarkBasis::booked;
    std::vector<family::AuthorisedPerson> authorised;
    std::optional<AttendanceMark> mark;  // the last tap, if any
};

// The roll (liste d'appel) of a site, day and activity: the booked children by name, then those who came without a
// booking; `candidates` are the children enrolled there who are neither (the unbooked presence searches them).
struct Roll {
    catalog::Site site;
    catalog::Activity activity;
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    std::vector<RollLine> lines;
    std::vector<RollLine> candidates;
};

// A tap on the roll.
struct MarkRequest {
    core::SiteId site{0};
    core::ActivityId activity{0};
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    core::ChildId child{0};
    Presence presence = Presence::present;
    std::string mark_id;
};

// What a tap did: stored (and now the child's mark), or already stored before (a retry: nothing changed).
enum class MarkOutcome { stored, already_stored };

// The TRAM meals (repas) of a day at a site for one dietary option.
struct MealCount {
    core::CivilDate day = core::CivilDate::from_sys_days(date::sys_days{});
    core::SiteId site{0};
    family::DietaryOption diet = family::DietaryOption::standard;
    int meals = 0;
};

// The kitchen's counts for the coming days: the working days counted, and the non-zero counts by day, site, option.
struct KitchenCounts {
    std::vector<core::CivilDate> days;
    std::vector<MealCount> counts;
};

// Attendance (pointage) and the kitchen's counts: the roll of a site, day and activity, the taps of the site staff
// (each idempotent by its mark id, the last tap of a child winning, every tap in the booking history), the sites of
// each site staff account, and the meals booked per site and dietary option.
class AttendanceService {
  public:
    AttendanceService(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    // The sites whose roll `taker` may take, in the catalogue's order: every site for agents and admins, his own for
    // site staff; forbidden for any other account.
    [[nodiscard]] core::Result<std::vector<catalog::Site>> sites_for(const Scope& scope, const RollTaker& taker);
    // The activities that run at `site` (any day), in the catalogue's order; not_found for a site the taker may not
    // reach, as for an unknown one.
    [[nodiscard]] core::Result<std::vector<catalog::Activity>> activities_at(const Scope& scope, const RollTaker& taker,
                                                                             core::SiteId site);
    // The roll of a day. `search`, when not empty, keeps the candidates whose name contains it (case and accents
    // aside); when empty, no candidates are listed. not_found for a site the taker may not reach, an activity that
    // does not run there or an unknown one.
    [[nodiscard]] core::Result<Roll> roll(const Scope& scope, const RollTaker& taker, core::SiteId site,
                                          core::ActivityId activity, core::CivilDate day,
                                          const std::string& search = {});
    // Stores a tap, with its history row (who, when, for whom). A booked child may be marked present or absent; a
    // child enrolled there but not booked only present (an unbooked presence). Fails with not_found for a site,
    // activity or child out of reach, invalid_input "err_attendance_mark_id" for a malformed mark id,
    // "err_attendance_future" for a day after today (the commune's), "err_attendance_not_booked" for an absence of
    // a child who was not booked.
    [[nodiscard]] core::Result<MarkOutcome> mark(const Scope& scope, const RollTaker& taker,
                                                 const MarkRequest& request);
    // The TRAM meals booked for the `working_days` days from today (Monday to Friday), by day, site and option.
    [[nodiscard]] core::Result<KitchenCounts> kitchen(const Scope& scope, int working_days);

    // The sites of a site staff account, and their replacement by an admin (recorded in the audit log). not_found
    // for an account that is not site staff of the commune; not_found for a site of another commune.
    [[nodiscard]] core::Result<std::vector<core::SiteId>> staff_sites(const Scope& scope, core::AccountId staff);
    [[nodiscard]] core::Status set_staff_sites(const Scope& scope, core::AccountId admin, core::AccountId staff,
                                               const std::vector<core::SiteId>& sites, const std::string& ip);

    // Today in the commune's time zone.
    [[nodiscard]] core::CivilDate today(const Scope& scope) const;

  private:
    UnitOfWork& m_work;
    const core::Clock& m_clock;
    catalog::CatalogCache m_catalogs;
};

}  // namespace guichet::booking
