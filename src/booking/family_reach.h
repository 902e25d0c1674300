#pragma once

#include <map>
#include <string>

#include "booking/booking_service.h"
#include "booking/transaction.h"

namespace guichet::booking {

// The child a use case of absences acts on, and the household it acts for.
struct ReachedChild {
    core::HouseholdId household{0};
    family::Child child;
};

// The child when he belongs to a household the parent represents, or to the household the agent has open (channel
// guichet); fails with not_found "err_booking_child_unknown" otherwise, as for an id that does not exist.
[[nodiscard]] core::Result<ReachedChild> reach_child(Transaction& tx, const Scope& scope, const Actor& actor,
                                                     core::ChildId child);

// Queues the mail `kind` to every representative of the household who has an address, with `variables` added to
// his civility and names. Queued in the step's transaction: it leaves once the step commits.
[[nodiscard]] core::Status mail_household(Transaction& tx, core::CommuneId commune, core::HouseholdId household,
                                          const std::string& kind, const std::map<std::string, std::string>& variables);

}  // namespace guichet::booking
