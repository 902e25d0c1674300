#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "family/family_input.h"
#include "family/transaction.h"
#include "identity/identity_context.h"

namespace guichet::family {

// A key just issued: shown or printed once, never stored in clear.
struct IssuedKey {
    Representative representative;
    Household household;
    std::string key;  // canonical
};

// How linking a clé enfance ended. same_household: the account already represents that household (a parent cannot
// take the other parent's place with the second letter); the key is not used up.
enum class LinkOutcome { linked, unknown_key, used_key, throttled, same_household };

// The family record: what agents keep, what parents see of their own household, and the clé enfance that joins
// the two. Every change is one transaction with a history line.
class FamilyService {
  public:
    FamilyService(UnitOfWork& work, const core::Clock& clock, std::string server_key,
                  std::optional<std::chrono::days> key_validity)
        : m_work(work), m_clock(clock), m_server_key(std::move(server_key)), m_key_validity(key_validity) {}

    // Agents.
    [[nodiscard]] core::Result<core::HouseholdId> create_household(core::CommuneId commune,
                                                                   const identity::PostalAddress& address,
                                                                   const std::vector<RepresentativeInput>& people,
                                                                   std::optional<core::AccountId> actor,
                                                                   FieldErrors& errors);
    [[nodiscard]] core::Result<std::optional<HouseholdRecord>> household(core::CommuneId commune, core::HouseholdId id);
    // Households matching a name, a child's name or a reference; a clé enfance typed in full finds the household of
    // its representative (a parent on the phone reads it out).
    [[nodiscard]] core::Result<std::vector<HouseholdSummary>> search(core::CommuneId commune, std::string_view text);
    [[nodiscard]] core::Status update_address(core::CommuneId commune, core::HouseholdId household,
                                              const identity::PostalAddress& address, core::AccountId actor,
                                              FieldErrors& errors);
    // Attaches a child already known in another household of the commune (separated parents: one child, two
    // foyers), found by that household's reference and the child's first name.
    [[nodiscard]] core::Status attach_existing_child(core::CommuneId commune, core::HouseholdId household,
                                                     std::string_view other_reference, std::string_view first_name,
                                                     core::AccountId actor, FieldErrors& errors);
    [[nodiscard]] core::Status add_representative(core::CommuneId commune, core::HouseholdId household,
                                                  const RepresentativeInput& input, core::AccountId actor,
                                                  FieldErrors& errors);
    // Corrects a representative's identity and contacts; his key and linked account stay as they are.
    [[nodiscard]] core::Status update_representative(core::CommuneId commune, core::HouseholdId household,
                                                     core::RepresentativeId id, const RepresentativeInput& input,
                                                     core::AccountId actor, FieldErrors& errors);
    [[nodiscard]] core::Status remove_representative(core::CommuneId commune, core::HouseholdId household,
                                                     core::RepresentativeId id, core::AccountId actor);
    // `today` (in the commune's time zone) bounds the birth date.
    [[nodiscard]] core::Status add_child(core::CommuneId commune, core::HouseholdId household, const ChildInput& input,
                                         core::AccountId actor, FieldErrors& errors, core::CivilDate today);
    [[nodiscard]] core::Status remove_child(core::CommuneId commune, core::HouseholdId household, core::ChildId child,
                                            core::AccountId actor);
    [[nodiscard]] core::Status add_authorised(core::CommuneId commune, core::HouseholdId household,
                                              const AuthorisedInput& input, core::AccountId actor, FieldErrors& errors);
    [[nodiscard]] core::Status remove_authorised(core::CommuneId commune, core::HouseholdId household,
                                                 core::AuthorisedPersonId id, core::AccountId actor);
    [[nodiscard]] core::Status record_quotient(core::CommuneId commune, core::HouseholdId household,
                                               const QuotientInput& input, core::AccountId actor, FieldErrors& errors);
    [[nodiscard]] core::Result<std::vector<FamilyEvent>> history(core::CommuneId commune, core::HouseholdId household);
    // At most `limit` households of the commune whose id is above `after`, in id order, with everything in them:
    // an export reads the commune chunk by chunk.
    [[nodiscard]] core::Result<std::vector<HouseholdRecord>> households_after(core::CommuneId commune,
                                                                              core::HouseholdId after,
                                                                              std::size_t limit);

    // Issues a new key for a representative (the previous one stops working) and returns it, to show or print once.
    [[nodiscard]] core::Result<IssuedKey> issue_key(core::CommuneId commune, core::HouseholdId household,
                                                    core::RepresentativeId id, core::AccountId actor);
    // How many representatives of the commune have no linked account: the letters a batch would print.
    [[nodiscard]] core::Result<long long> count_unlinked(core::CommuneId commune);
    // Issues new keys, in one transaction, for at most `limit` representatives of the commune without a linked
    // account whose id is above `after`, in id order: a batch of letters goes through them chunk by chunk (the next
    // chunk starts after the last representative of this one), so that no transaction stays open for the whole
    // batch. Each key replaces the representative's previous one.
    [[nodiscard]] core::Result<std::vector<IssuedKey>> issue_keys_for_unlinked(core::CommuneId commune,
                                                                               core::AccountId actor,
                                                                               core::RepresentativeId after,
                                                                               std::size_t limit);
    // Issues a new key and mails it to the representative's address (in the same transaction).
    [[nodiscard]] core::Status send_key_by_mail(core::CommuneId commune, core::HouseholdId household,
                                                core::RepresentativeId id, core::AccountId actor,
                                                const identity::MailContext& mail);

    // Parents.
    // Links the account to the representative whose key this is, in the account's commune only. Wrong keys are
    // throttled per account and per address as passwords are. A key typed at sign-up that had failed is settled.
    [[nodiscard]] core::Result<LinkOutcome> link_account(core::CommuneId commune, core::AccountId account,
                                                         std::string_view typed_key, const std::string& ip);
    // Applies a confirmation link (identity::confirm_email_in) and, when a clé enfance was typed at sign-up, links
    // it and forgets it, all in one transaction: the confirmation never happens without the attempt being recorded.
    // Returns invalid_input "err_token_invalid" for a dead link.
    [[nodiscard]] core::Result<identity::Account> confirm_email_and_link(core::CommuneId commune,
                                                                         std::string_view token,
                                                                         const identity::RequestOrigin& origin);
    [[nodiscard]] core::Result<std::vector<HouseholdRecord>> households_of(core::CommuneId commune,
                                                                           core::AccountId account);
    // A child of one of the account's households, or std::nullopt (for any other id, of any commune).
    [[nodiscard]] core::Result<std::optional<ChildProfile>> child_of(core::CommuneId commune, core::AccountId account,
                                                                     core::ChildId child);
    // A parent adds or removes a person allowed to pick the children up, in a household he represents (checked in
    // the same transaction as the write; not_found for any other household).
    [[nodiscard]] core::Status add_authorised_as_parent(core::CommuneId commune, core::AccountId account,
                                                        core::HouseholdId household, const AuthorisedInput& input,
                                                        FieldErrors& errors);
    [[nodiscard]] core::Status remove_authorised_as_parent(core::CommuneId commune, core::AccountId account,
                                                           core::HouseholdId household, core::AuthorisedPersonId id);
    // The parent's own contacts on the family record.
    [[nodiscard]] core::Status update_own_contact(core::CommuneId commune, core::AccountId account,
                                                  core::HouseholdId household, const RepresentativeInput& contact,
                                                  FieldErrors& errors);
    // Whether the account is a representative of the household (the check every parent action makes first).
    [[nodiscard]] core::Result<bool> represents(core::CommuneId commune, core::AccountId account,
                                                core::HouseholdId household);

  private:
    [[nodiscard]] core::Status record(Transaction& tx, core::CommuneId commune, core::HouseholdId household,
                                      std::optional<core::AccountId> actor, std::string kind, std::string detail);
    [[nodiscard]] core::Result<IssuedKey> issue_in(Transaction& tx, const Household& household, Representative person,
                                                   core::AccountId actor);
    [[nodiscard]] core::Result<LinkOutcome> link_in(Transaction& tx, core::CommuneId commune, core::AccountId account,
                                                    std::string_view typed_key, const std::string& ip,
                                                    core::Instant now);
    [[nodiscard]] core::Status remove_authorised_in(Transaction& tx, core::CommuneId commune,
                                                    core::HouseholdId household, core::AuthorisedPersonId id,
                                                    core::AccountId actor);
    [[nodiscard]] static core::Result<bool> represents_in(Transaction& tx, core::CommuneId commune,
                                                          core::AccountId account, core::HouseholdId household);

    UnitOfWork& m_work;
    const core::Clock& m_clock;
    std::string m_server_key;
    std::optional<std::chrono::days> m_key_validity;
};

}  // namespace guichet::family
