#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "family/household.h"
#include "identity/login_throttle.h"
#include "notify/mail_request.h"

namespace guichet::family {

// The storage operations of the family module, inside one transaction (FamilyStore::transact). Every lookup is
// scoped by commune; household members are reached through their household.
class FamilyTransaction {
  public:
    virtual ~FamilyTransaction() = default;

    [[nodiscard]] virtual core::Result<core::HouseholdId> insert_household(const Household& household) = 0;
    [[nodiscard]] virtual core::Status update_household(const Household& household) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Household>> find_household(core::CommuneId commune,
                                                                                core::HouseholdId id) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Household>> find_household_by_reference(
        core::CommuneId commune, std::string_view reference) = 0;
    // Households whose reference, or a representative's or child's name, contains the text (case-insensitive on
    // ASCII); at most `limit`, newest first. An empty text lists the newest.
    [[nodiscard]] virtual core::Result<std::vector<HouseholdSummary>> search_households(core::CommuneId commune,
                                                                                        std::string_view text,
                                                                                        std::size_t limit) = 0;

    [[nodiscard]] virtual core::Result<core::RepresentativeId> insert_representative(const Representative& person) = 0;
    [[nodiscard]] virtual core::Status update_representative(const Representative& person) = 0;
    [[nodiscard]] virtual core::Status delete_representative(core::CommuneId commune, core::RepresentativeId id) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Representative>> representatives_of(core::CommuneId commune,
                                                                                       core::HouseholdId household) = 0;
    [[nodiscard]] virtual core::Result<std::optional<Representative>> representative_by_key(
        core::CommuneId commune, std::string_view key_digest) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Representative>> representatives_of_account(
        core::CommuneId commune, core::AccountId account) = 0;
    // Links the account to the representative if his key (this digest) is still unused, marking it used; returns
    // false when a concurrent request used it first. The only way a key gets used.
    [[nodiscard]] virtual core::Result<bool> claim_key(core::CommuneId commune, core::RepresentativeId id,
                                                       std::string_view key_digest, core::AccountId account,
                                                       core::Instant at) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Representative>> unlinked_representatives(
        core::CommuneId commune) = 0;

    [[nodiscard]] virtual core::Result<core::ChildId> insert_child(const Child& child) = 0;
    [[nodiscard]] virtual core::Status attach_child(core::HouseholdId household, core::ChildId child) = 0;
    // Detaches a child from a household; deletes the child when no household is left.
    [[nodiscard]] virtual core::Status detach_child(core::CommuneId commune, core::HouseholdId household,
                                                    core::ChildId child) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Child>> children_of(core::CommuneId commune,
                                                                       core::HouseholdId household) = 0;

    [[nodiscard]] virtual core::Result<core::AuthorisedPersonId> insert_authorised(const AuthorisedPerson& person) = 0;
    [[nodiscard]] virtual core::Status delete_authorised(core::HouseholdId household, core::AuthorisedPersonId id) = 0;
    [[nodiscard]] virtual core::Result<std::vector<AuthorisedPerson>> authorised_of(core::HouseholdId household) = 0;

    [[nodiscard]] virtual core::Result<core::QuotientId> insert_quotient(const Quotient& quotient) = 0;
    [[nodiscard]] virtual core::Result<std::vector<Quotient>> quotients_of(core::HouseholdId household) = 0;

    [[nodiscard]] virtual core::Status record(const FamilyEvent& event) = 0;
    [[nodiscard]] virtual core::Result<std::vector<FamilyEvent>> history(core::CommuneId commune,
                                                                         core::HouseholdId household) = 0;

    // The shared throttling table and the outbox, as in identity.
    [[nodiscard]] virtual core::Result<identity::ThrottleState> throttle(std::string_view key) = 0;
    [[nodiscard]] virtual core::Status save_throttle(std::string_view key, const identity::ThrottleState& state) = 0;
    [[nodiscard]] virtual core::Status enqueue_mail(const notify::MailRequest& mail) = 0;
};

class FamilyStore {
  public:
    virtual ~FamilyStore() = default;
    [[nodiscard]] virtual core::Status transact(const std::function<core::Status(FamilyTransaction&)>& work) = 0;
    [[nodiscard]] virtual core::Status read(const std::function<core::Status(FamilyTransaction&)>& work) = 0;
};

}  // namespace guichet::family
