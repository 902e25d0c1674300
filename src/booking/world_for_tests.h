#pragma once

// The in-memory world of the absence and school-event tests: the zone C catalogue (plus an evening activity at the
// first school, so that an event may spare an activity of its own site), families with one child each, and booked
// days written as the booking steps write them.
#include <string>

#include "booking/in_memory_booking.h"
#include "catalog/test_catalog.h"
#include "core/fixed_clock.h"

namespace guichet::booking::testing {

inline core::CivilDate iso_day(const char* iso) {
    return core::CivilDate::parse_iso(iso).value();
}

inline core::Instant paris_time(const char* local) {
    const auto zone = core::TimeZone::locate("Europe/Paris").value();
    return zone.to_instant(core::LocalDateTime::parse_iso(local).value()).value();
}

struct TestFamily {
    core::AccountId parent{0};
    core::HouseholdId household{0};
    core::ChildId child{0};
};

const core::CommuneId kTestCommune{1};
const core::CommuneId kOtherTestCommune{2};
const core::ActivityId kMorning{1};   // apps-matin, at sites 1 and 2
const core::ActivityId kEvening{40};  // apps-soir, at site 1
const core::SiteId kSchool{1};
const core::SiteId kOtherSchool{2};

inline void load_catalogue(BookingWorld& world) {
    catalog::Catalog catalog = catalog::testing::zone_c_catalog();
    catalog::Activity evening = *catalog.activity(kMorning);
    evening.id = kEvening;
    evening.code = "apps-soir";
    evening.name = "Accueil du soir";
    evening.sites = {{kSchool, 60}};
    catalog.activities.push_back(evening);
    for (const auto& site : catalog.sites)
        world.catalog.sites[site.id.value()] = site;
    for (const auto& activity : catalog.activities)
        world.catalog.activities[activity.id.value()] = activity;
    for (const auto& year : catalog.school_years)
        world.catalog.school_years[year.id.value()] = year;
    for (const auto& session : catalog.sessions)
        world.catalog.sessions[session.id.value()] = session;
    for (const auto& closure : catalog.closures)
        world.catalog.closures[closure.id.value()] = closure;
    world.catalog.next_id = 100;
}

inline TestFamily add_test_family(BookingWorld& world, core::CommuneId commune, const std::string& name,
                                  const std::string& child_name) {
    TestFamily made;
    identity::Account account;
    account.id = core::AccountId{world.identity.next_id++};
    account.commune = commune;
    account.role = identity::Role::parent;
    account.status = identity::AccountStatus::active;
    account.username = name;
    account.email = name + "@example.fr";
    world.identity.accounts[account.id.value()] = account;
    made.parent = account.id;
    family::Household household{core::HouseholdId{world.family.next_id++}, commune, "F-" + name, {}, {}};
    world.family.households[household.id.value()] = household;
    made.household = household.id;
    family::Representative person;
    person.id = core::RepresentativeId{world.family.next_id++};
    person.household = household.id;
    person.commune = commune;
    person.last_name = name;
    person.first_name = "Parent";
    person.account = account.id;
    person.email = name + "@example.fr";
    world.family.representatives[person.id.value()] = person;
    family::Child child{core::ChildId{world.family.next_id++}, commune, name, child_name, iso_day("2017-05-01")};
    child.class_level = family::ClassLevel::ce2;
    world.family.children.insert_or_assign(child.id.value(), child);
    world.family.household_children.insert({household.id.value(), child.id.value()});
    made.child = child.id;
    return made;
}

// A booked day as BookingService::confirm writes it: the row and its place.
inline core::BookingId add_booked_day(BookingWorld& world, const TestFamily& family, core::ActivityId activity,
                                      core::SiteId site, const char* day) {
    DayBooking booking;
    booking.id = core::BookingId{world.booking.next_id++};
    booking.commune = kTestCommune;
    booking.household = family.household;
    booking.child = family.child;
    booking.activity = activity;
    booking.site = site;
    booking.day = iso_day(day);
    booking.unit_price = core::Money::from_cents(250);
    booking.booked_by = family.parent;
    world.booking.bookings.push_back(booking);
    ++world.booking.places[{kTestCommune.value(), activity.value(), site.value(), booking.day}];
    return booking.id;
}

inline Scope test_scope(core::CommuneId commune = kTestCommune) {
    return {commune, core::TimeZone::locate("Europe/Paris").value()};
}

inline Actor parent_actor(const TestFamily& family) {
    return {family.parent, BookingChannel::portal, std::nullopt, "192.0.2.1"};
}

inline Actor agent_actor() {
    return {core::AccountId{900}, BookingChannel::guichet, std::nullopt, "192.0.2.9"};
}

}  // namespace guichet::booking::testing
