#include "booking/family_reach.h"

namespace guichet::booking {

core::Result<ReachedChild> reach_child(Transaction& tx, const Scope& scope, const Actor& actor, core::ChildId id) {
    if (actor.channel == BookingChannel::guichet) {
        if (!actor.household) {
            return core::fail(core::ErrorCode::not_found, "err_booking_child_unknown");
        }
        GUICHET_TRY(children, tx.family().children_of(scope.commune, *actor.household));
        for (const family::Child& child : children) {
            if (child.id == id) {
                return ReachedChild{*actor.household, child};
            }
        }
        return core::fail(core::ErrorCode::not_found, "err_booking_child_unknown");
    }
    GUICHET_TRY(found, tx.family().child_represented_by(scope.commune, actor.account, id));
    if (!found) {
        return core::fail(core::ErrorCode::not_found, "err_booking_child_unknown");
    }
    return ReachedChild{found->households.front(), std::move(found->child)};
}

core::Status mail_household(Transaction& tx, core::CommuneId commune, core::HouseholdId household,
                            const std::string& kind, const std::map<std::string, std::string>& variables) {
    GUICHET_TRY(people, tx.family().representatives_of(commune, household));
    for (const family::Representative& person : people) {
        if (person.email.empty()) {
            continue;
        }
        std::map<std::string, std::string> values = variables;
        values["civility"] = std::string(identity::civility_name(person.civility));
        values["first_name"] = person.first_name;
        values["last_name"] = person.last_name;
        GUICHET_TRY_STATUS(tx.outbox().enqueue({commune, person.email, kind, "fr", std::move(values)}));
    }
    return {};
}

}  // namespace guichet::booking
