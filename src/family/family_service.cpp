#include "family/family_service.h"

#include <algorithm>

#include "core/text.h"
#include "family/childcare_key.h"
#include "identity/profile_service.h"
#include "identity/registration_service.h"

namespace guichet::family {
namespace {

std::string full_name(const std::string& first, const std::string& last) {
    return first + " " + core::uppercase_fr(last);
}

core::Status not_found() {
    return core::fail(core::ErrorCode::not_found, "error_not_found");
}

}  // namespace

core::Status FamilyService::record(Transaction& tx, core::CommuneId commune, core::HouseholdId household,
                                   std::optional<core::AccountId> actor, std::string kind, std::string detail) {
    return tx.family().record({commune, household, actor, std::move(kind), std::move(detail), m_clock.now()});
}

core::Result<core::HouseholdId> FamilyService::create_household(core::CommuneId commune,
                                                                const identity::PostalAddress& address,
                                                                const std::vector<RepresentativeInput>& people,
                                                                std::optional<core::AccountId> actor,
                                                                FieldErrors& errors) {
    const auto clean_address = read_address(address, errors);
    std::vector<Representative> representatives;
    for (std::size_t i = 0; i < people.size() && i < 2; ++i) {
        if (auto person = read_representative(people[i], "rep" + std::to_string(i + 1) + "_", errors)) {
            representatives.push_back(std::move(*person));
        }
    }
    if (people.empty())
        errors.push_back({"rep1_last_name", "err_required"});
    if (people.size() > 2)
        errors.push_back({"rep1_last_name", "err_household_full"});
    if (!errors.empty()) {
        return core::HouseholdId{0};
    }
    core::HouseholdId id{0};
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(inserted,
                    tx.family().insert_household({core::HouseholdId{0}, commune, {}, *clean_address, m_clock.now()}));
        id = inserted;
        for (auto person : representatives) {
            person.household = id;
            person.commune = commune;
            GUICHET_TRY(rep, tx.family().insert_representative(person));
            (void)rep;
        }
        return record(tx, commune, id, actor, "household_created", {});
    }));
    return id;
}

core::Result<std::optional<HouseholdRecord>> FamilyService::household(core::CommuneId commune, core::HouseholdId id) {
    std::optional<HouseholdRecord> result;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().household_record(commune, id));
        result = std::move(found);
        return {};
    }));
    return result;
}

core::Result<std::vector<HouseholdSummary>> FamilyService::search(core::CommuneId commune, std::string_view text) {
    std::vector<HouseholdSummary> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        if (const auto key = parse_childcare_key(text)) {
            GUICHET_TRY(person, tx.family().representative_by_key(commune, childcare_key_digest(*key, m_server_key)));
            if (person) {
                GUICHET_TRY(household, tx.family().find_household(commune, person->household));
                if (household) {
                    GUICHET_TRY(hits, tx.family().search_households(commune, household->reference, 50));
                    for (auto& hit : hits) {
                        if (hit.id == household->id)
                            found.push_back(std::move(hit));
                    }
                    return {};
                }
            }
        }
        GUICHET_TRY(hits, tx.family().search_households(commune, core::trim(text), 50));
        found = std::move(hits);
        return {};
    }));
    return found;
}

core::Status FamilyService::update_address(core::CommuneId commune, core::HouseholdId household,
                                           const identity::PostalAddress& address, core::AccountId actor,
                                           FieldErrors& errors) {
    const auto clean = read_address(address, errors);
    if (!clean) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        found->address = *clean;
        GUICHET_TRY_STATUS(tx.family().update_household(*found));
        return record(tx, commune, household, actor, "address_changed", clean->postal_code + " " + clean->city);
    });
}

core::Status FamilyService::attach_existing_child(core::CommuneId commune, core::HouseholdId household,
                                                  std::string_view other_reference, std::string_view first_name,
                                                  core::AccountId actor, FieldErrors& errors) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(target, tx.family().find_household(commune, household));
        if (!target)
            return not_found();
        GUICHET_TRY(other, tx.family().find_household_by_reference(commune, core::trim(other_reference)));
        if (!other || other->id == household) {
            errors.push_back({"reference", "err_reference_unknown"});
            return {};
        }
        GUICHET_TRY(theirs, tx.family().children_of(commune, other->id));
        GUICHET_TRY(ours, tx.family().children_of(commune, household));
        for (const auto& child : theirs) {
            if (core::ascii_lowercase(child.first_name) != core::ascii_lowercase(core::trim(first_name)))
                continue;
            for (const auto& known : ours) {
                if (known.id == child.id)
                    return {};  // already attached
            }
            GUICHET_TRY_STATUS(tx.family().attach_child(household, child.id));
            return record(tx, commune, household, actor, "child_attached",
                          full_name(child.first_name, child.last_name) + " (" + other->reference + ")");
        }
        errors.push_back({"first_name", "err_child_unknown"});
        return {};
    });
}

core::Status FamilyService::add_representative(core::CommuneId commune, core::HouseholdId household,
                                               const RepresentativeInput& input, core::AccountId actor,
                                               FieldErrors& errors) {
    auto person = read_representative(input, "", errors);
    if (!person) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        GUICHET_TRY(existing, tx.family().representatives_of(commune, household));
        if (existing.size() >= 2) {
            errors.push_back({"last_name", "err_household_full"});
            return {};
        }
        person->household = household;
        person->commune = commune;
        GUICHET_TRY(id, tx.family().insert_representative(*person));
        (void)id;
        return record(tx, commune, household, actor, "representative_added",
                      full_name(person->first_name, person->last_name));
    });
}

core::Status FamilyService::update_representative(core::CommuneId commune, core::HouseholdId household,
                                                  core::RepresentativeId id, const RepresentativeInput& input,
                                                  core::AccountId actor, FieldErrors& errors) {
    auto corrected = read_representative(input, "", errors);
    if (!corrected) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(people, tx.family().representatives_of(commune, household));
        for (auto person : people) {
            if (person.id != id)
                continue;
            person.civility = corrected->civility;
            person.last_name = corrected->last_name;
            person.first_name = corrected->first_name;
            person.relationship = corrected->relationship;
            person.email = corrected->email;
            person.mobile_phone = corrected->mobile_phone;
            person.landline_phone = corrected->landline_phone;
            GUICHET_TRY_STATUS(tx.family().update_representative(person));
            return record(tx, commune, household, actor, "representative_changed",
                          full_name(person.first_name, person.last_name));
        }
        return not_found();
    });
}

core::Status FamilyService::remove_representative(core::CommuneId commune, core::HouseholdId household,
                                                  core::RepresentativeId id, core::AccountId actor) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(people, tx.family().representatives_of(commune, household));
        for (const auto& person : people) {
            if (person.id == id) {
                GUICHET_TRY_STATUS(tx.family().delete_representative(commune, id));
                return record(tx, commune, household, actor, "representative_removed",
                              full_name(person.first_name, person.last_name));
            }
        }
        return not_found();
    });
}

core::Status FamilyService::add_child(core::CommuneId commune, core::HouseholdId household, const ChildInput& input,
                                      core::AccountId actor, FieldErrors& errors, core::CivilDate today) {
    auto child = read_child(input, today, errors);
    if (!child) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        child->commune = commune;
        GUICHET_TRY(id, tx.family().insert_child(*child));
        GUICHET_TRY_STATUS(tx.family().attach_child(household, id));
        return record(tx, commune, household, actor, "child_added", full_name(child->first_name, child->last_name));
    });
}

core::Status FamilyService::remove_child(core::CommuneId commune, core::HouseholdId household, core::ChildId child,
                                         core::AccountId actor) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(children, tx.family().children_of(commune, household));
        for (const auto& known : children) {
            if (known.id == child) {
                GUICHET_TRY_STATUS(tx.family().detach_child(commune, household, child));
                return record(tx, commune, household, actor, "child_removed",
                              full_name(known.first_name, known.last_name));
            }
        }
        return not_found();
    });
}

core::Status FamilyService::add_authorised(core::CommuneId commune, core::HouseholdId household,
                                           const AuthorisedInput& input, core::AccountId actor, FieldErrors& errors) {
    auto person = read_authorised(input, errors);
    if (!person) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        person->household = household;
        GUICHET_TRY(id, tx.family().insert_authorised(*person));
        (void)id;
        return record(tx, commune, household, actor, "authorised_added",
                      full_name(person->first_name, person->last_name));
    });
}

core::Status FamilyService::remove_authorised_in(Transaction& tx, core::CommuneId commune, core::HouseholdId household,
                                                 core::AuthorisedPersonId id, core::AccountId actor) {
    GUICHET_TRY(found, tx.family().find_household(commune, household));
    if (!found)
        return not_found();
    GUICHET_TRY(people, tx.family().authorised_of(household));
    for (const auto& person : people) {
        if (person.id == id) {
            GUICHET_TRY_STATUS(tx.family().delete_authorised(household, id));
            return record(tx, commune, household, actor, "authorised_removed",
                          full_name(person.first_name, person.last_name));
        }
    }
    return not_found();
}

core::Status FamilyService::remove_authorised(core::CommuneId commune, core::HouseholdId household,
                                              core::AuthorisedPersonId id, core::AccountId actor) {
    return m_work.write(
        [&](Transaction& tx) -> core::Status { return remove_authorised_in(tx, commune, household, id, actor); });
}

core::Status FamilyService::record_quotient(core::CommuneId commune, core::HouseholdId household,
                                            const QuotientInput& input, core::AccountId actor, FieldErrors& errors) {
    auto quotient = read_quotient(input, errors);
    if (!quotient) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        quotient->household = household;
        GUICHET_TRY(id, tx.family().insert_quotient(*quotient));
        (void)id;
        return record(
            tx, commune, household, actor, "quotient_recorded",
            std::to_string(quotient->amount_euros) + " (" + std::string(quotient_source_name(quotient->source)) + ")");
    });
}

core::Result<std::vector<FamilyEvent>> FamilyService::history(core::CommuneId commune, core::HouseholdId household) {
    std::vector<FamilyEvent> events;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().history(commune, household));
        events = std::move(found);
        return {};
    }));
    return events;
}

core::Result<IssuedKey> FamilyService::issue_in(Transaction& tx, const Household& household, Representative person,
                                                core::AccountId actor) {
    const std::string key = generate_childcare_key();
    const core::Instant now = m_clock.now();
    person.key_digest = childcare_key_digest(key, m_server_key);
    person.key_issued_at = now;
    person.key_used_at.reset();
    person.key_expires_at = m_key_validity ? std::optional(now + *m_key_validity) : std::nullopt;
    GUICHET_TRY_STATUS(tx.family().update_representative(person));
    GUICHET_TRY_STATUS(record(tx, household.commune, household.id, actor, "key_issued",
                              full_name(person.first_name, person.last_name)));
    return IssuedKey{std::move(person), household, key};
}

core::Result<IssuedKey> FamilyService::issue_key(core::CommuneId commune, core::HouseholdId household,
                                                 core::RepresentativeId id, core::AccountId actor) {
    std::optional<IssuedKey> issued;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        GUICHET_TRY(people, tx.family().representatives_of(commune, household));
        for (const auto& person : people) {
            if (person.id == id) {
                GUICHET_TRY(key, issue_in(tx, *found, person, actor));
                issued = std::move(key);
                return {};
            }
        }
        return not_found();
    }));
    return std::move(*issued);
}

core::Result<long long> FamilyService::count_unlinked(core::CommuneId commune) {
    long long count = 0;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().count_unlinked_representatives(commune));
        count = found;
        return {};
    }));
    return count;
}

core::Result<std::vector<IssuedKey>> FamilyService::issue_keys_for_unlinked(core::CommuneId commune,
                                                                            core::AccountId actor,
                                                                            core::RepresentativeId after,
                                                                            std::size_t limit) {
    std::vector<IssuedKey> issued;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        issued.clear();  // a retried transaction starts again
        GUICHET_TRY(people, tx.family().unlinked_representatives(commune, after, limit));
        std::optional<Household> household;  // the two representatives of a household usually follow each other
        for (const auto& person : people) {
            if (!household || household->id != person.household) {
                GUICHET_TRY(found, tx.family().find_household(commune, person.household));
                household = std::move(found);
            }
            if (!household)
                continue;
            GUICHET_TRY(key, issue_in(tx, *household, person, actor));
            issued.push_back(std::move(key));
        }
        return {};
    }));
    return issued;
}

core::Result<std::vector<HouseholdRecord>> FamilyService::households_after(core::CommuneId commune,
                                                                           core::HouseholdId after, std::size_t limit) {
    std::vector<HouseholdRecord> found;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(records, tx.family().household_records_after(commune, after, limit));
        found = std::move(records);
        return {};
    }));
    return found;
}

core::Status FamilyService::send_key_by_mail(core::CommuneId commune, core::HouseholdId household,
                                             core::RepresentativeId id, core::AccountId actor,
                                             const identity::MailContext& mail) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().find_household(commune, household));
        if (!found)
            return not_found();
        GUICHET_TRY(people, tx.family().representatives_of(commune, household));
        for (const auto& person : people) {
            if (person.id != id)
                continue;
            if (person.email.empty()) {
                return core::fail(core::ErrorCode::invalid_input, "err_email_invalid", "email");
            }
            GUICHET_TRY(issued, issue_in(tx, *found, person, actor));
            std::map<std::string, std::string> variables = {
                {"key", format_childcare_key(issued.key)},
                {"civility", std::string(identity::civility_name(person.civility))},
                {"first_name", person.first_name},
                {"last_name", person.last_name}};
            if (issued.representative.key_expires_at) {
                variables["key_expires_us"] =
                    std::to_string(issued.representative.key_expires_at->time_since_epoch().count());
            }
            GUICHET_TRY_STATUS(tx.outbox().enqueue({commune, person.email, "childcare_key", mail.language, variables}));
            return record(tx, commune, household, actor, "key_sent", full_name(person.first_name, person.last_name));
        }
        return not_found();
    });
}

core::Result<LinkOutcome> FamilyService::link_in(Transaction& tx, core::CommuneId commune, core::AccountId account,
                                                 std::string_view typed_key, const std::string& ip, core::Instant now) {
    const std::string account_key = "childcare:" + std::to_string(account.value());
    const std::string address_key = "childcare-ip:" + ip;
    GUICHET_TRY(by_account, tx.throttles().state(account_key));
    GUICHET_TRY(by_address, tx.throttles().state(address_key));
    if (!identity::throttle_allows(by_account, now) || !identity::throttle_allows(by_address, now)) {
        return LinkOutcome::throttled;
    }
    const auto canonical = parse_childcare_key(typed_key);
    std::optional<Representative> person;
    if (canonical) {
        GUICHET_TRY(found, tx.family().representative_by_key(commune, childcare_key_digest(*canonical, m_server_key)));
        person = std::move(found);
    }
    const bool expired = person && person->key_expires_at && now >= *person->key_expires_at;
    if (!person || expired || person->key_used_at) {
        GUICHET_TRY_STATUS(tx.throttles().record_failure(account_key, identity::kAccountThrottle, now));
        GUICHET_TRY_STATUS(tx.throttles().record_failure(address_key, identity::kAddressThrottle, now));
        return person && person->key_used_at ? LinkOutcome::used_key : LinkOutcome::unknown_key;
    }
    GUICHET_TRY(mine, tx.family().representatives_of_account(commune, account));
    for (const auto& known : mine) {
        if (known.household == person->household) {
            return LinkOutcome::same_household;  // the other parent's key stays unused, for him
        }
    }
    GUICHET_TRY(claimed, tx.family().claim_key(commune, person->id, person->key_digest, account, now));
    if (!claimed) {
        return LinkOutcome::used_key;  // a concurrent request used it a moment ago
    }
    GUICHET_TRY_STATUS(record(tx, commune, person->household, account, "account_linked",
                              full_name(person->first_name, person->last_name)));
    return LinkOutcome::linked;
}

core::Result<LinkOutcome> FamilyService::link_account(core::CommuneId commune, core::AccountId account,
                                                      std::string_view typed_key, const std::string& ip) {
    const core::Instant now = m_clock.now();
    LinkOutcome outcome = LinkOutcome::unknown_key;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(result, link_in(tx, commune, account, typed_key, ip, now));
        outcome = result;
        if (outcome != LinkOutcome::linked) {
            return {};
        }
        // A key typed at sign-up that failed then is settled by this success.
        return identity::settle_pending_childcare_key(tx, commune, account, true);
    }));
    return outcome;
}

core::Result<identity::Account> FamilyService::confirm_email_and_link(core::CommuneId commune, std::string_view token,
                                                                      const identity::RequestOrigin& origin) {
    const core::Instant now = m_clock.now();
    std::optional<identity::Account> confirmed;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(account, identity::confirm_email_in(tx, commune, token, origin, now));
        const std::string pending = account.pending_childcare_key;
        if (!pending.empty() && pending != identity::kFailedChildcareKey) {
            // The clé enfance typed at sign-up links the account now that its address is proven; then it is
            // forgotten (or marked as failed, for the home page to say so).
            GUICHET_TRY(outcome, link_in(tx, commune, account.id, pending, origin.ip, now));
            const bool linked = outcome == LinkOutcome::linked;
            GUICHET_TRY_STATUS(identity::settle_pending_childcare_key(tx, commune, account.id, linked));
            account.pending_childcare_key = linked ? std::string() : std::string(identity::kFailedChildcareKey);
        }
        confirmed = std::move(account);
        return {};
    }));
    return std::move(*confirmed);
}

core::Result<std::vector<HouseholdRecord>> FamilyService::households_of(core::CommuneId commune,
                                                                        core::AccountId account) {
    std::vector<HouseholdRecord> records;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().households_of_account(commune, account));
        records = std::move(found);
        return {};
    }));
    return records;
}

core::Result<std::optional<ChildProfile>> FamilyService::child_of(core::CommuneId commune, core::AccountId account,
                                                                  core::ChildId child) {
    std::optional<ChildProfile> profile;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.family().child_of_account(commune, account, child));
        profile = std::move(found);
        return {};
    }));
    return profile;
}

core::Result<bool> FamilyService::represents_in(Transaction& tx, core::CommuneId commune, core::AccountId account,
                                                core::HouseholdId household) {
    GUICHET_TRY(mine, tx.family().representatives_of_account(commune, account));
    return std::any_of(mine.begin(), mine.end(), [&](const auto& person) { return person.household == household; });
}

core::Status FamilyService::add_authorised_as_parent(core::CommuneId commune, core::AccountId account,
                                                     core::HouseholdId household, const AuthorisedInput& input,
                                                     FieldErrors& errors) {
    auto person = read_authorised(input, errors);
    if (!person) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(mine, represents_in(tx, commune, account, household));
        if (!mine)
            return not_found();
        person->household = household;
        GUICHET_TRY(id, tx.family().insert_authorised(*person));
        (void)id;
        return record(tx, commune, household, account, "authorised_added",
                      full_name(person->first_name, person->last_name));
    });
}

core::Status FamilyService::remove_authorised_as_parent(core::CommuneId commune, core::AccountId account,
                                                        core::HouseholdId household, core::AuthorisedPersonId id) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(mine, represents_in(tx, commune, account, household));
        if (!mine)
            return not_found();
        return remove_authorised_in(tx, commune, household, id, account);
    });
}

core::Result<bool> FamilyService::represents(core::CommuneId commune, core::AccountId account,
                                             core::HouseholdId household) {
    bool found = false;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(mine, represents_in(tx, commune, account, household));
        found = mine;
        return {};
    }));
    return found;
}

core::Status FamilyService::update_own_contact(core::CommuneId commune, core::AccountId account,
                                               core::HouseholdId household, const RepresentativeInput& contact,
                                               FieldErrors& errors) {
    const std::string email = core::trim(contact.email);
    const std::string mobile = core::trim(contact.mobile_phone);
    const std::string landline = core::trim(contact.landline_phone);
    if (!email.empty()) {
        if (auto problem = identity::check_email(email))
            errors.push_back({"email", *problem});
    }
    if (!mobile.empty()) {
        if (auto problem = identity::check_phone(mobile))
            errors.push_back({"mobile_phone", *problem});
    }
    if (!landline.empty()) {
        if (auto problem = identity::check_phone(landline))
            errors.push_back({"landline_phone", *problem});
    }
    if (!errors.empty()) {
        return {};
    }
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(mine, tx.family().representatives_of_account(commune, account));
        for (auto person : mine) {
            if (person.household != household)
                continue;
            person.email = email;
            person.mobile_phone = mobile;
            person.landline_phone = landline;
            GUICHET_TRY_STATUS(tx.family().update_representative(person));
            return record(tx, commune, household, account, "contact_changed",
                          full_name(person.first_name, person.last_name));
        }
        return not_found();
    });
}

}  // namespace guichet::family
