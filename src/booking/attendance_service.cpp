#include "booking/attendance_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"

namespace guichet::booking {
namespace {

core::Status not_found() {
    return core::fail(core::ErrorCode::not_found, "error_not_found");
}

bool runs_at(const catalog::Activity& activity, core::SiteId site) {
    return std::any_of(activity.sites.begin(), activity.sites.end(),
                       [&](const catalog::ActivitySite& where) { return where.site == site; });
}

// The meals the kitchen counts: the TRAM (temps du repas) activities.
bool is_meal(const catalog::Activity& activity) {
    return activity.code == "tram" || activity.tariff_category == "tram";
}

// Whether the taker may reach the site: agents and admins every site of the commune, site staff theirs; anyone else
// none. Read in the step's own transaction.
core::Result<bool> reaches(Transaction& tx, const Scope& scope, const RollTaker& taker, core::SiteId site) {
    if (identity::is_staff(taker.role)) {
        return true;
    }
    if (taker.role != identity::Role::site_staff) {
        return false;
    }
    GUICHET_TRY(sites, tx.attendance().staff_sites(scope.commune, taker.account));
    return std::find(sites.begin(), sites.end(), site) != sites.end();
}

// The site and activity of a roll, when the taker reaches the site and the activity runs there.
struct RollPlace {
    catalog::Site site;
    catalog::Activity activity;
};

core::Result<std::optional<RollPlace>> place_of(Transaction& tx, catalog::CatalogCache& catalogs, const Scope& scope,
                                                const RollTaker& taker, core::SiteId site_id,
                                                core::ActivityId activity_id) {
    GUICHET_TRY(allowed, reaches(tx, scope, taker, site_id));
    if (!allowed) {
        return std::optional<RollPlace>();
    }
    GUICHET_TRY(entry, catalogs.get(tx.catalog(), scope.commune));
    const catalog::Site* site = entry.catalog->site(site_id);
    const catalog::Activity* activity = entry.catalog->activity(activity_id);
    if (site == nullptr || activity == nullptr || !runs_at(*activity, site_id)) {
        return std::optional<RollPlace>();
    }
    return std::optional<RollPlace>(RollPlace{*site, *activity});
}

std::string full_name(const family::Child& child) {
    return child.last_name + " " + child.first_name;
}

bool by_name(const RollLine& a, const RollLine& b) {
    const auto key = [](const RollLine& line) {
        return std::make_tuple(core::ascii_lowercase(line.child.last_name),
                               core::ascii_lowercase(line.child.first_name), line.child.id.value());
    };
    return key(a) < key(b);
}

}  // namespace

core::CivilDate AttendanceService::today(const Scope& scope) const {
    return scope.zone.to_local(m_clock.now()).date();
}

core::Result<std::vector<catalog::Site>> AttendanceService::sites_for(const Scope& scope, const RollTaker& taker) {
    if (!identity::works_for_commune(taker.role)) {
        return core::fail(core::ErrorCode::forbidden, "error_forbidden");
    }
    std::vector<catalog::Site> sites;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        std::vector<core::SiteId> own;
        if (taker.role == identity::Role::site_staff) {
            GUICHET_TRY(found, tx.attendance().staff_sites(scope.commune, taker.account));
            own = std::move(found);
        }
        for (const catalog::Site& site : entry.catalog->sites) {
            if (identity::is_staff(taker.role) || std::find(own.begin(), own.end(), site.id) != own.end()) {
                sites.push_back(site);
            }
        }
        return {};
    }));
    return sites;
}

core::Result<std::vector<catalog::Activity>> AttendanceService::activities_at(const Scope& scope,
                                                                              const RollTaker& taker,
                                                                              core::SiteId site) {
    std::vector<catalog::Activity> activities;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(allowed, reaches(tx, scope, taker, site));
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        if (!allowed || entry.catalog->site(site) == nullptr) {
            return not_found();
        }
        for (const catalog::Activity& activity : entry.catalog->activities) {
            if (runs_at(activity, site)) {
                activities.push_back(activity);
            }
        }
        return {};
    }));
    return activities;
}

core::Result<Roll> AttendanceService::roll(const Scope& scope, const RollTaker& taker, core::SiteId site,
                                           core::ActivityId activity, core::CivilDate day, const std::string& search) {
    Roll roll;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(place, place_of(tx, m_catalogs, scope, taker, site, activity));
        if (!place) {
            return not_found();
        }
        roll.site = place->site;
        roll.activity = place->activity;
        roll.day = day;
        GUICHET_TRY(booked, tx.attendance().booked_on(scope.commune, activity, site, day));
        GUICHET_TRY(marks, tx.attendance().marks_on(scope.commune, activity, site, day));
        GUICHET_TRY(enrolled, tx.attendance().enrolled_at(scope.commune, activity, site));
        // child → (household, basis): the booked, then those marked without a booking, then the enrolled others.
        std::map<long long, std::pair<core::HouseholdId, MarkBasis>> on_roll;
        for (const BookedChild& child : booked) {
            on_roll.emplace(child.child.value(), std::pair(child.household, MarkBasis::booked));
        }
        std::map<long long, AttendanceMark> mark_of;
        for (const AttendanceMark& mark : marks) {
            mark_of.insert_or_assign(mark.child.value(), mark);
            on_roll.emplace(mark.child.value(), std::pair(mark.household, MarkBasis::unbooked));
        }
        std::map<long long, core::HouseholdId> others;
        if (!search.empty()) {
            for (const Enrolment& enrolment : enrolled) {
                if (!on_roll.contains(enrolment.child.value())) {
                    others.emplace(enrolment.child.value(), enrolment.household);
                }
            }
        }
        std::vector<core::ChildId> ids;
        for (const auto& [id, _] : on_roll)
            ids.push_back(core::ChildId{id});
        for (const auto& [id, _] : others)
            ids.push_back(core::ChildId{id});
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, ids));
        // The pick-up persons of every household on the page, in one query however long the roll.
        std::vector<core::HouseholdId> households;
        for (const auto& [id, entry] : on_roll)
            households.push_back(entry.first);
        for (const auto& [id, household] : others)
            households.push_back(household);
        std::sort(households.begin(), households.end());
        households.erase(std::unique(households.begin(), households.end()), households.end());
        GUICHET_TRY(people, tx.family().authorised_of_households(scope.commune, households));
        std::map<long long, std::vector<family::AuthorisedPerson>> authorised;
        for (family::AuthorisedPerson& person : people)
            authorised[person.household.value()].push_back(std::move(person));
        const std::string wanted = core::ascii_lowercase(core::trim(search));
        for (const family::Child& child : children) {
            RollLine line{child, core::HouseholdId{0}, MarkBasis::booked, {}, std::nullopt};
            if (const auto it = on_roll.find(child.id.value()); it != on_roll.end()) {
                line.household = it->second.first;
                line.basis = it->second.second;
                if (const auto marked = mark_of.find(child.id.value()); marked != mark_of.end()) {
                    line.mark = marked->second;
                    line.basis = marked->second.basis;
                }
            } else {
                line.household = others.at(child.id.value());
                line.basis = MarkBasis::unbooked;
                if (core::ascii_lowercase(full_name(child)).find(wanted) == std::string::npos &&
                    core::ascii_lowercase(child.first_name + " " + child.last_name).find(wanted) == std::string::npos) {
                    continue;
                }
            }
            if (const auto known = authorised.find(line.household.value()); known != authorised.end())
                line.authorised = known->second;
            (on_roll.contains(child.id.value()) ? roll.lines : roll.candidates).push_back(std::move(line));
        }
        return {};
    }));
    std::sort(roll.lines.begin(), roll.lines.end(), [](const RollLine& a, const RollLine& b) {
        if (a.basis != b.basis) {
            return a.basis == MarkBasis::booked;
        }
        return by_name(a, b);
    });
    std::sort(roll.candidates.begin(), roll.candidates.end(), by_name);
    return roll;
}

core::Result<MarkOutcome> AttendanceService::mark(const Scope& scope, const RollTaker& taker,
                                                  const MarkRequest& request) {
    if (!is_mark_id(request.mark_id)) {
        return core::fail(core::ErrorCode::invalid_input, "err_attendance_mark_id", "mark");
    }
    if (request.day > today(scope)) {
        return core::fail(core::ErrorCode::invalid_input, "err_attendance_future", "day");
    }
    const core::Instant now = m_clock.now();
    MarkOutcome outcome = MarkOutcome::stored;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(place, place_of(tx, m_catalogs, scope, taker, request.site, request.activity));
        if (!place) {
            return not_found();
        }
        AttendanceMark mark;
        mark.commune = scope.commune;
        mark.child = request.child;
        mark.activity = request.activity;
        mark.site = request.site;
        mark.day = request.day;
        mark.presence = request.presence;
        mark.mark_id = request.mark_id;
        mark.marked_by = taker.account;
        mark.marked_at = now;
        GUICHET_TRY(booked, tx.attendance().booked_on(scope.commune, request.activity, request.site, request.day));
        const auto it = std::find_if(booked.begin(), booked.end(),
                                     [&](const BookedChild& child) { return child.child == request.child; });
        if (it != booked.end()) {
            mark.household = it->household;
            mark.basis = MarkBasis::booked;
        } else {
            GUICHET_TRY(enrolled, tx.attendance().enrolled_at(scope.commune, request.activity, request.site));
            const auto found = std::find_if(enrolled.begin(), enrolled.end(),
                                            [&](const Enrolment& e) { return e.child == request.child; });
            if (found == enrolled.end()) {
                return not_found();
            }
            if (request.presence == Presence::absent) {
                return core::fail(core::ErrorCode::invalid_input, "err_attendance_not_booked", "presence");
            }
            mark.household = found->household;
            mark.basis = MarkBasis::unbooked;
        }
        GUICHET_TRY(stored, tx.attendance().put_mark(mark));
        if (!stored) {
            outcome = MarkOutcome::already_stored;
            return {};
        }
        const std::string kind = mark.basis == MarkBasis::unbooked    ? "attendance_unbooked"
                                 : mark.presence == Presence::present ? "attendance_present"
                                                                      : "attendance_absent";
        return tx.booking().record(
            BookingEvent{scope.commune, mark.household, mark.child, taker.account, BookingChannel::guichet, kind,
                         place->activity.code + " " + mark.day.to_iso() + " " + place->site.code + " " + mark.mark_id,
                         taker.ip, now});
    }));
    return outcome;
}

core::Result<KitchenCounts> AttendanceService::kitchen(const Scope& scope, int working_days) {
    KitchenCounts result;
    for (core::CivilDate day = today(scope); static_cast<int>(result.days.size()) < working_days;
         day = day.add_days(1)) {
        if (day.weekday() != core::Weekday::saturday && day.weekday() != core::Weekday::sunday) {
            result.days.push_back(day);
        }
    }
    if (result.days.empty()) {
        return result;
    }
    // (day, site, diet) → meals
    std::map<std::tuple<core::CivilDate, long long, int>, int> counts;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        std::vector<BookedChild> booked;
        for (const catalog::Activity& activity : entry.catalog->activities) {
            if (!is_meal(activity)) {
                continue;
            }
            GUICHET_TRY(found, tx.attendance().booked_between(scope.commune, activity.id, result.days.front(),
                                                              result.days.back()));
            // A child his family reported absent eats no meal: the kitchen cooks for the others.
            GUICHET_TRY(absent, tx.absences().absences_between(scope.commune, activity.id, result.days.front(),
                                                               result.days.back()));
            std::set<std::pair<long long, core::CivilDate>> away;
            for (const Absence& absence : absent)
                away.emplace(absence.child.value(), absence.day);
            for (const BookedChild& child : found) {
                if (!away.contains({child.child.value(), child.day}))
                    booked.push_back(child);
            }
        }
        std::set<long long> unique;
        for (const BookedChild& child : booked)
            unique.insert(child.child.value());
        std::vector<core::ChildId> ids;
        for (long long id : unique)
            ids.push_back(core::ChildId{id});
        GUICHET_TRY(children, tx.family().children_by_ids(scope.commune, ids));
        std::map<long long, family::DietaryOption> diet;
        for (const family::Child& child : children)
            diet.emplace(child.id.value(), child.diet);
        for (const BookedChild& child : booked) {
            const auto it = diet.find(child.child.value());
            const auto option = it == diet.end() ? family::DietaryOption::standard : it->second;
            ++counts[{child.day, child.site.value(), static_cast<int>(option)}];
        }
        return {};
    }));
    for (const auto& [key, meals] : counts) {
        const auto& [day, site, diet] = key;
        result.counts.push_back({day, core::SiteId{site}, static_cast<family::DietaryOption>(diet), meals});
    }
    return result;
}

core::Result<std::vector<core::SiteId>> AttendanceService::staff_sites(const Scope& scope, core::AccountId staff) {
    std::vector<core::SiteId> sites;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(account, tx.identity().find_account(scope.commune, staff));
        if (!account || account->role != identity::Role::site_staff) {
            return not_found();
        }
        GUICHET_TRY(found, tx.attendance().staff_sites(scope.commune, staff));
        sites = std::move(found);
        return {};
    }));
    return sites;
}

core::Status AttendanceService::set_staff_sites(const Scope& scope, core::AccountId admin, core::AccountId staff,
                                                const std::vector<core::SiteId>& sites, const std::string& ip) {
    const core::Instant now = m_clock.now();
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(actor, tx.identity().find_account(scope.commune, admin));
        if (!actor || actor->role != identity::Role::admin || actor->status != identity::AccountStatus::active) {
            return core::fail(core::ErrorCode::forbidden, "error_forbidden");
        }
        GUICHET_TRY(account, tx.identity().find_account(scope.commune, staff));
        if (!account || account->role != identity::Role::site_staff) {
            return not_found();
        }
        GUICHET_TRY(entry, m_catalogs.get(tx.catalog(), scope.commune));
        std::set<long long> unique;
        std::string detail;
        for (core::SiteId site : sites) {
            const catalog::Site* known = entry.catalog->site(site);
            if (known == nullptr) {
                return not_found();
            }
            if (unique.insert(site.value()).second) {
                detail += (detail.empty() ? "" : ",") + known->code;
            }
        }
        std::vector<core::SiteId> kept;
        for (long long id : unique)
            kept.push_back(core::SiteId{id});
        GUICHET_TRY_STATUS(tx.attendance().set_staff_sites(scope.commune, staff, kept));
        return tx.audit().record({scope.commune, staff, admin, "staff_sites_set", ip, detail, now});
    });
}

}  // namespace guichet::booking
