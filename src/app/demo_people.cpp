#include "app/demo_people.h"

#include <algorithm>

#include "catalog/service_calendar.h"
#include "core/time_zone.h"
#include "family/childcare_key.h"

namespace guichet::app {
namespace {

constexpr const char* kAdminEmail = "admin@chanteloup.demo";
constexpr const char* kAgentEmail = "agent@chanteloup.demo";
constexpr const char* kStaffEmail = "animateur@chanteloup.demo";
constexpr const char* kParentUsername = "marie.dupont";
constexpr const char* kParentEmail = "marie.dupont@chanteloup.demo";

const identity::RequestOrigin kOrigin{"demo", "guichet demo"};
const identity::MailContext kMail{"fr"};

tl::unexpected<core::Error> failed(const std::string& step) {
    return core::fail(core::make_error(core::ErrorCode::internal, "error_internal").with_detail("demo: " + step));
}

// The token of the newest mail of a kind queued to an address: the demo holds its mails, it reads its own links.
core::Result<std::string> token_mailed(Services& services, core::CommuneId commune, const std::string& kind,
                                       const std::string& to) {
    GUICHET_TRY(mails, services.outbox.recent(commune, 50));
    for (const auto& mail : mails) {
        if (mail.request.template_name == kind && mail.request.to == to) {
            const auto token = mail.request.variables.find("token");
            if (token != mail.request.variables.end()) {
                return token->second;
            }
        }
    }
    return core::fail(core::make_error(core::ErrorCode::internal, "error_internal").with_detail("demo: no " + kind));
}

core::Status staff_member(Services& services, core::CommuneId commune, const std::string& email,
                          const std::string& first_name, identity::Role role, const std::string& password) {
    identity::FieldErrors errors;
    GUICHET_TRY(token, services.identity.staff.create(commune, {email, first_name, "Démo", role}, std::nullopt, errors,
                                                      kOrigin, kMail));
    if (!errors.empty()) {
        return failed("agent " + email + ": " + errors.front().message_key);
    }
    GUICHET_TRY(refused, services.identity.credentials.reset_password(
                             commune, token, identity::TokenPurpose::set_password, password, kOrigin, kMail));
    if (!refused.empty()) {
        return failed("password of " + email + ": " + refused.front().message_key);
    }
    return {};
}

// The site staff of the school that serves lunch: takes the roll (pointage) there and nowhere else. Added on a demo
// database made before site staff existed too.
core::Status ensure_site_staff(Services& services, core::CommuneId commune) {
    GUICHET_TRY(staff, services.identity.staff.list(commune));
    const auto has = [&](const char* email) {
        return std::any_of(staff.begin(), staff.end(), [&](const identity::Account& a) { return a.email == email; });
    };
    if (has(kStaffEmail)) {
        return {};
    }
    const auto admin =
        std::find_if(staff.begin(), staff.end(), [](const identity::Account& a) { return a.email == kAdminEmail; });
    GUICHET_TRY(catalog, services.catalog.catalog(commune));
    const catalog::Activity* tram = catalog.activity_by_code("tram");
    if (admin == staff.end() || tram == nullptr || tram->sites.empty()) {
        return {};
    }
    GUICHET_TRY_STATUS(
        staff_member(services, commune, kStaffEmail, "Chloé", identity::Role::site_staff, DemoPeople::kStaffPassword));
    GUICHET_TRY(after, services.identity.staff.list(commune));
    const auto created =
        std::find_if(after.begin(), after.end(), [](const identity::Account& a) { return a.email == kStaffEmail; });
    if (created == after.end()) {
        return failed("site staff");
    }
    GUICHET_TRY(zone, core::TimeZone::locate("Europe/Paris"));
    return services.attendance.set_staff_sites({commune, zone}, admin->id, created->id, {tram->sites.front().site},
                                               "demo");
}

}  // namespace

core::Result<DemoPeople> ensure_demo_people(Services& services, core::CommuneId commune, const core::Clock& clock) {
    DemoPeople people;
    GUICHET_TRY(staff, services.identity.staff.list(commune));
    const bool seeded = !staff.empty();
    if (!seeded) {
        GUICHET_TRY_STATUS(
            staff_member(services, commune, kAdminEmail, "Alice", identity::Role::admin, DemoPeople::kAdminPassword));
        GUICHET_TRY_STATUS(
            staff_member(services, commune, kAgentEmail, "Bruno", identity::Role::agent, DemoPeople::kAgentPassword));
        GUICHET_TRY(agents, services.identity.staff.list(commune));
        const core::AccountId agent = agents.front().id;
        identity::FieldErrors errors;
        GUICHET_TRY(household, services.family.create_household(
                                   commune, {"12 rue de la Mairie", "", "78570", "Chanteloup-les-Vignes"},
                                   {{"madame", "Dupont", "Marie", "mother", kParentEmail, "06 12 34 56 78", ""},
                                    {"monsieur", "Dupont", "Xavier", "father", "", "", ""}},
                                   agent, errors));
        const core::CivilDate today = core::TimeZone::locate("Europe/Paris")->today(clock.now());
        for (const family::ChildInput& child :
             {family::ChildInput{"Dupont", "Rémi", "2016-09-14", "male", "École Victor Hugo", "cm1", "no_pork", false},
              family::ChildInput{"Dupont", "Léa", "2019-03-02", "female", "École Victor Hugo", "gs", "standard",
                                 false}}) {
            GUICHET_TRY_STATUS(services.family.add_child(commune, household, child, agent, errors, today));
        }
        GUICHET_TRY_STATUS(services.family.add_authorised(
            commune, household, {"Martin", "Jeanne", "06 98 76 54 32", "grand-mère"}, agent, errors));
        GUICHET_TRY_STATUS(
            services.family.record_quotient(commune, household, {"640", "caf", "2026-01-01", ""}, agent, errors));
        if (!errors.empty()) {
            return failed("household: " + errors.front().field + " " + errors.front().message_key);
        }
        GUICHET_TRY(record, services.family.household(commune, household));
        GUICHET_TRY(mother_key, services.family.issue_key(commune, household, record->representatives[0].id, agent));
        identity::SignupForm form;
        form.contact.civility = identity::Civility::madame;
        form.contact.last_name = "Dupont";
        form.contact.first_name = "Marie";
        form.contact.address = {"12 rue de la Mairie", "", "78570", "Chanteloup-les-Vignes"};
        form.contact.mobile_phone = "06 12 34 56 78";
        form.email = kParentEmail;
        form.username = kParentUsername;
        form.password = DemoPeople::kParentPassword;
        form.childcare_key = family::format_childcare_key(mother_key.key);
        GUICHET_TRY(refused, services.identity.registration.sign_up(commune, form, kOrigin, kMail));
        if (!refused.empty()) {
            return failed("parent: " + refused.front().field + " " + refused.front().message_key);
        }
        GUICHET_TRY(token, token_mailed(services, commune, "confirm_email", kParentEmail));
        GUICHET_TRY(confirmed, services.family.confirm_email_and_link(commune, token, kOrigin));
        (void)confirmed;
    }
    // The father has no space yet: his clé enfance is issued anew at each start (only its digest is kept), so that a
    // visitor can create a second parent's space with it.
    GUICHET_TRY(found, services.family.search(commune, "Dupont"));
    for (const auto& hit : found) {
        GUICHET_TRY(record, services.family.household(commune, hit.id));
        if (!record) {
            continue;
        }
        for (const auto& person : record->representatives) {
            if (!person.account && person.first_name == "Xavier") {
                GUICHET_TRY(agents, services.identity.staff.list(commune));
                GUICHET_TRY(issued, services.family.issue_key(commune, hit.id, person.id, agents.front().id));
                people.second_parent_key = family::format_childcare_key(issued.key);
            }
        }
    }
    return people;
}

namespace {

// The days Rémi's parents booked before the demo began: his school lunches and morning care of the next two weeks,
// today included, so that the site's roll (pointage) and the kitchen's counts show a child from the first minute.
// Written as they were then, on time, each with its place and history row; booking them now would be late.
core::Status book_days_already_made(Services& services, core::CommuneId commune, const core::Clock& clock,
                                    const family::HouseholdRecord& record, const family::Child& remi) {
    GUICHET_TRY(zone, core::TimeZone::locate("Europe/Paris"));
    GUICHET_TRY(catalog, services.catalog.catalog(commune));
    const catalog::ServiceCalendar calendar(catalog);
    const core::CivilDate today = zone.today(clock.now());
    const core::AccountId parent = record.representatives.front().account.value_or(core::AccountId{0});
    if (parent.value() == 0) {
        return {};
    }
    return services.work.booking().write([&](booking::Transaction& tx) -> core::Status {
        for (const char* code : {"tram", "apps-matin"}) {
            const catalog::Activity* activity = catalog.activity_by_code(code);
            if (activity == nullptr || activity->sites.empty()) {
                continue;
            }
            const core::SiteId site = activity->sites.front().site;
            for (int offset = 0; offset < 14; ++offset) {
                const core::CivilDate day = today.add_days(offset);
                if (!calendar.opening(activity->id, site, day).open) {
                    continue;
                }
                GUICHET_TRY(taken, tx.booking().take_place(commune, {activity->id, site, day},
                                                           calendar.capacity(activity->id, site, day)));
                if (!taken) {
                    continue;
                }
                booking::DayBooking day_booking;
                day_booking.commune = commune;
                day_booking.household = record.household.id;
                day_booking.child = remi.id;
                day_booking.activity = activity->id;
                day_booking.site = site;
                day_booking.day = day;
                day_booking.unit_price = activity->unit_price;
                day_booking.booked_by = parent;
                day_booking.booked_at = clock.now() - std::chrono::hours(24 * 20);
                GUICHET_TRY(id, tx.booking().insert_booking(day_booking));
                (void)id;
                GUICHET_TRY_STATUS(tx.booking().record(
                    {commune, record.household.id, remi.id, parent, booking::BookingChannel::portal, "day_booked",
                     std::string(code) + " " + day.to_iso() + " on_time", "demo", day_booking.booked_at}));
            }
        }
        return {};
    });
}

}  // namespace

core::Status ensure_demo_enrolments(Services& services, core::CommuneId commune, const core::Clock& clock) {
    GUICHET_TRY_STATUS(ensure_site_staff(services, commune));  // needs the catalogue's sites
    GUICHET_TRY(found, services.family.search(commune, "Dupont"));
    GUICHET_TRY(agents, services.identity.staff.list(commune));
    if (found.empty() || agents.empty()) {
        return {};
    }
    GUICHET_TRY(record, services.family.household(commune, found.front().id));
    if (!record) {
        return {};
    }
    const auto remi = std::find_if(record->children.begin(), record->children.end(),
                                   [](const family::Child& child) { return child.first_name == "Rémi"; });
    if (remi == record->children.end()) {
        return {};
    }
    GUICHET_TRY(zone, core::TimeZone::locate("Europe/Paris"));
    const booking::Scope scope{commune, zone};
    const booking::Actor agent{agents.front().id, booking::BookingChannel::guichet, record->household.id, "demo"};
    GUICHET_TRY(existing, services.booking.enrolments(scope, agent, remi->id));
    if (!existing.empty()) {
        return {};
    }
    GUICHET_TRY(catalog, services.catalog.catalog(commune));
    const core::CivilDate today = zone.today(clock.now());
    const catalog::SchoolYear* year = catalog::ServiceCalendar(catalog).school_year_of(today);
    for (const catalog::SchoolYear& candidate : catalog.school_years) {
        if (year == nullptr && candidate.rentree.date > today) {
            year = &candidate;
        }
    }
    if (year == nullptr) {
        return {};
    }
    for (const char* code : {"apps-matin", "apps-soir", "tram", "mercredi"}) {
        const catalog::Activity* activity = catalog.activity_by_code(code);
        if (activity == nullptr || activity->sites.empty()) {
            continue;
        }
        std::vector<core::Error> errors;
        GUICHET_TRY(made,
                    services.booking.enrol(
                        scope, agent, {remi->id, activity->id, {year->id, std::nullopt}, activity->sites.front().site},
                        errors));
        if (!errors.empty()) {
            return failed(std::string("enrolment in ") + code + ": " + errors.front().key);
        }
        (void)made;
    }
    return book_days_already_made(services, commune, clock, *record, *remi);
}

}  // namespace guichet::app
