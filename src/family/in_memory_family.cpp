#include "family/in_memory_family.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"

namespace guichet::family::testing {
namespace {

bool contains_lowercase(const std::string& haystack, const std::string& needle) {
    return core::ascii_lowercase(haystack).find(needle) != std::string::npos;
}

}  // namespace

core::Result<core::HouseholdId> InMemoryFamilyStore::insert_household(const Household& household) {
    Household stored = household;
    stored.id = core::HouseholdId{m_state.next_id++};
    if (stored.reference.empty()) {
        char reference[16];
        std::snprintf(reference, sizeof reference, "F%06lld", static_cast<long long>(stored.id.value()));
        stored.reference = reference;
    }
    for (const auto& [id, other] : m_state.households) {
        if (other.commune == stored.commune && other.reference == stored.reference) {
            return core::fail(core::ErrorCode::conflict, "error_conflict");
        }
    }
    m_state.households[stored.id.value()] = stored;
    return stored.id;
}

core::Status InMemoryFamilyStore::update_household(const Household& household) {
    auto it = m_state.households.find(household.id.value());
    if (it != m_state.households.end() && it->second.commune == household.commune) {
        it->second.address = household.address;
    }
    return {};
}

core::Result<std::optional<Household>> InMemoryFamilyStore::find_household(core::CommuneId commune,
                                                                           core::HouseholdId id) {
    const auto it = m_state.households.find(id.value());
    if (it == m_state.households.end() || it->second.commune != commune)
        return std::optional<Household>{};
    return std::optional(it->second);
}

core::Result<std::vector<Household>> InMemoryFamilyStore::households_by_ids(core::CommuneId commune,
                                                                            const std::vector<core::HouseholdId>& ids) {
    std::vector<Household> found;
    for (const auto& [id, household] : m_state.households) {
        if (household.commune == commune && std::find(ids.begin(), ids.end(), household.id) != ids.end())
            found.push_back(household);
    }
    return found;
}

core::Result<std::vector<Child>> InMemoryFamilyStore::children_by_ids(core::CommuneId commune,
                                                                      const std::vector<core::ChildId>& ids) {
    std::vector<Child> found;
    for (const auto& [id, child] : m_state.children) {
        if (child.commune == commune && std::find(ids.begin(), ids.end(), child.id) != ids.end())
            found.push_back(child);
    }
    return found;
}

core::Result<std::optional<Household>> InMemoryFamilyStore::find_household_by_reference(core::CommuneId commune,
                                                                                        std::string_view reference) {
    for (const auto& [id, household] : m_state.households) {
        if (household.commune == commune && household.reference == reference)
            return std::optional(household);
    }
    return std::optional<Household>{};
}

core::Result<std::vector<HouseholdSummary>> InMemoryFamilyStore::search_households(core::CommuneId commune,
                                                                                   std::string_view text,
                                                                                   std::size_t limit) {
    const std::string wanted = core::ascii_lowercase(text);
    std::vector<HouseholdSummary> hits;
    for (auto it = m_state.households.rbegin(); it != m_state.households.rend() && hits.size() < limit; ++it) {
        const Household& household = it->second;
        if (household.commune != commune)
            continue;
        const HouseholdRecord record = record_of(household);
        bool match = contains_lowercase(household.reference, wanted);
        HouseholdSummary summary{household.id, household.reference, {}, {}, 0, 0};
        for (const auto& person : record.representatives) {
            match =
                match || contains_lowercase(person.last_name, wanted) || contains_lowercase(person.first_name, wanted);
            summary.representatives += (summary.representatives.empty() ? "" : ", ") + person.first_name + " " +
                                       core::uppercase_fr(person.last_name);
            summary.linked += person.account ? 1 : 0;
            ++summary.total;
        }
        for (const auto& child : record.children) {
            match =
                match || contains_lowercase(child.last_name, wanted) || contains_lowercase(child.first_name, wanted);
            summary.children += (summary.children.empty() ? "" : ", ") + child.first_name;
        }
        if (match)
            hits.push_back(std::move(summary));
    }
    return hits;
}

HouseholdRecord InMemoryFamilyStore::record_of(const Household& household) {
    HouseholdRecord record{household, {}, {}, {}, {}};
    record.representatives = *representatives_of(household.commune, household.id);
    record.children = *children_of(household.commune, household.id);
    record.authorised = *authorised_of(household.id);
    record.quotients = *quotients_of(household.id);
    return record;
}

core::Result<std::vector<HouseholdRecord>> InMemoryFamilyStore::households_of_account(core::CommuneId commune,
                                                                                      core::AccountId account) {
    std::vector<HouseholdRecord> records;
    for (const auto& [id, household] : m_state.households) {
        if (household.commune != commune)
            continue;
        const auto people = *representatives_of(commune, household.id);
        if (std::any_of(people.begin(), people.end(), [&](const auto& person) { return person.account == account; }))
            records.push_back(record_of(household));
    }
    return records;
}

core::Result<std::optional<HouseholdRecord>> InMemoryFamilyStore::household_record(core::CommuneId commune,
                                                                                   core::HouseholdId id) {
    GUICHET_TRY(household, find_household(commune, id));
    if (!household)
        return std::optional<HouseholdRecord>{};
    return std::optional(record_of(*household));
}

core::Result<std::vector<HouseholdRecord>> InMemoryFamilyStore::household_records_after(core::CommuneId commune,
                                                                                        core::HouseholdId after,
                                                                                        std::size_t limit) {
    std::vector<HouseholdRecord> found;
    for (auto it = m_state.households.upper_bound(after.value());
         it != m_state.households.end() && found.size() < limit; ++it) {
        if (it->second.commune == commune)
            found.push_back(record_of(it->second));
    }
    return found;
}

core::Result<core::RepresentativeId> InMemoryFamilyStore::insert_representative(const Representative& person) {
    Representative stored = person;
    stored.id = core::RepresentativeId{m_state.next_id++};
    stored.account.reset();
    stored.key_digest.clear();
    m_state.representatives[stored.id.value()] = stored;
    return stored.id;
}

core::Status InMemoryFamilyStore::update_representative(const Representative& person) {
    auto it = m_state.representatives.find(person.id.value());
    if (it != m_state.representatives.end() && it->second.commune == person.commune) {
        const core::HouseholdId household = it->second.household;
        it->second = person;
        it->second.household = household;
    }
    return {};
}

core::Status InMemoryFamilyStore::delete_representative(core::CommuneId commune, core::RepresentativeId id) {
    auto it = m_state.representatives.find(id.value());
    if (it != m_state.representatives.end() && it->second.commune == commune)
        m_state.representatives.erase(it);
    return {};
}

core::Result<std::vector<Representative>> InMemoryFamilyStore::representatives_of(core::CommuneId commune,
                                                                                  core::HouseholdId household) {
    std::vector<Representative> found;
    for (const auto& [id, person] : m_state.representatives) {
        if (person.commune == commune && person.household == household)
            found.push_back(person);
    }
    return found;
}

core::Result<std::optional<Representative>> InMemoryFamilyStore::representative_by_key(core::CommuneId commune,
                                                                                       std::string_view key_digest) {
    if (key_digest.empty())
        return std::optional<Representative>{};
    for (const auto& [id, person] : m_state.representatives) {
        if (person.commune == commune && person.key_digest == key_digest)
            return std::optional(person);
    }
    return std::optional<Representative>{};
}

core::Result<std::vector<Representative>> InMemoryFamilyStore::representatives_of_account(core::CommuneId commune,
                                                                                          core::AccountId account) {
    std::vector<Representative> found;
    for (const auto& [id, person] : m_state.representatives) {
        if (person.commune == commune && person.account == account)
            found.push_back(person);
    }
    return found;
}

core::Result<bool> InMemoryFamilyStore::claim_key(core::CommuneId commune, core::RepresentativeId id,
                                                  std::string_view key_digest, core::AccountId account,
                                                  core::Instant at) {
    auto it = m_state.representatives.find(id.value());
    if (it == m_state.representatives.end() || it->second.commune != commune || it->second.key_digest != key_digest ||
        it->second.key_used_at) {
        return false;
    }
    it->second.account = account;
    it->second.key_used_at = at;
    return true;
}

core::Result<std::vector<Representative>> InMemoryFamilyStore::unlinked_representatives(core::CommuneId commune,
                                                                                        core::RepresentativeId after,
                                                                                        std::size_t limit) {
    std::vector<Representative> found;
    for (auto it = m_state.representatives.upper_bound(after.value());
         it != m_state.representatives.end() && found.size() < limit; ++it) {
        if (it->second.commune == commune && !it->second.account)
            found.push_back(it->second);
    }
    return found;
}

core::Result<long long> InMemoryFamilyStore::count_unlinked_representatives(core::CommuneId commune) {
    long long count = 0;
    for (const auto& [id, person] : m_state.representatives) {
        if (person.commune == commune && !person.account)
            ++count;
    }
    return count;
}

core::Result<core::ChildId> InMemoryFamilyStore::insert_child(const Child& child) {
    Child stored = child;
    stored.id = core::ChildId{m_state.next_id++};
    m_state.children.insert_or_assign(stored.id.value(), stored);
    return stored.id;
}

core::Status InMemoryFamilyStore::attach_child(core::HouseholdId household, core::ChildId child) {
    if (!m_state.household_children.insert({household.value(), child.value()}).second) {
        return core::fail(core::ErrorCode::conflict, "error_conflict");
    }
    return {};
}

core::Status InMemoryFamilyStore::detach_child(core::CommuneId commune, core::HouseholdId household,
                                               core::ChildId child) {
    m_state.household_children.erase({household.value(), child.value()});
    const bool still_attached = std::any_of(m_state.household_children.begin(), m_state.household_children.end(),
                                            [&](const auto& link) { return link.second == child.value(); });
    auto it = m_state.children.find(child.value());
    if (!still_attached && it != m_state.children.end() && it->second.commune == commune)
        m_state.children.erase(it);
    return {};
}

core::Result<std::vector<Child>> InMemoryFamilyStore::children_of(core::CommuneId commune,
                                                                  core::HouseholdId household) {
    std::vector<Child> found;
    for (const auto& [household_id, child_id] : m_state.household_children) {
        const auto it = m_state.children.find(child_id);
        if (household_id == household.value() && it != m_state.children.end() && it->second.commune == commune)
            found.push_back(it->second);
    }
    std::sort(found.begin(), found.end(), [](const Child& a, const Child& b) {
        return a.birth_date != b.birth_date ? a.birth_date < b.birth_date : a.id.value() < b.id.value();
    });
    return found;
}

core::Result<std::optional<ChildProfile>> InMemoryFamilyStore::child_of_account(core::CommuneId commune,
                                                                                core::AccountId account,
                                                                                core::ChildId child) {
    std::optional<ChildProfile> profile;
    GUICHET_TRY(records, households_of_account(commune, account));
    for (const auto& record : records) {
        for (const auto& known : record.children) {
            if (known.id != child)
                continue;
            if (!profile)
                profile = ChildProfile{known, {}};
            profile->authorised.insert(profile->authorised.end(), record.authorised.begin(), record.authorised.end());
        }
    }
    return profile;
}

core::Result<std::optional<RepresentedChild>> InMemoryFamilyStore::child_represented_by(core::CommuneId commune,
                                                                                        core::AccountId account,
                                                                                        core::ChildId child) {
    std::optional<RepresentedChild> found;
    GUICHET_TRY(records, households_of_account(commune, account));
    for (const auto& record : records) {
        for (const auto& known : record.children) {
            if (known.id != child)
                continue;
            if (!found)
                found = RepresentedChild{known, {}};
            found->households.push_back(record.household.id);
        }
    }
    return found;
}

core::Result<core::AuthorisedPersonId> InMemoryFamilyStore::insert_authorised(const AuthorisedPerson& person) {
    AuthorisedPerson stored = person;
    stored.id = core::AuthorisedPersonId{m_state.next_id++};
    m_state.authorised[stored.id.value()] = stored;
    return stored.id;
}

core::Status InMemoryFamilyStore::delete_authorised(core::HouseholdId household, core::AuthorisedPersonId id) {
    auto it = m_state.authorised.find(id.value());
    if (it != m_state.authorised.end() && it->second.household == household)
        m_state.authorised.erase(it);
    return {};
}

core::Result<std::vector<AuthorisedPerson>> InMemoryFamilyStore::authorised_of(core::HouseholdId household) {
    std::vector<AuthorisedPerson> found;
    for (const auto& [id, person] : m_state.authorised) {
        if (person.household == household)
            found.push_back(person);
    }
    return found;
}

core::Result<std::vector<AuthorisedPerson>> InMemoryFamilyStore::authorised_of_households(
    core::CommuneId commune, const std::vector<core::HouseholdId>& households) {
    std::vector<AuthorisedPerson> found;
    for (const auto& [id, person] : m_state.authorised) {
        const auto household = m_state.households.find(person.household.value());
        if (household != m_state.households.end() && household->second.commune == commune &&
            std::find(households.begin(), households.end(), person.household) != households.end())
            found.push_back(person);
    }
    std::stable_sort(found.begin(), found.end(), [](const AuthorisedPerson& a, const AuthorisedPerson& b) {
        return a.household.value() < b.household.value();
    });
    return found;
}

core::Result<core::QuotientId> InMemoryFamilyStore::insert_quotient(const Quotient& quotient) {
    Quotient stored = quotient;
    stored.id = core::QuotientId{m_state.next_id++};
    m_state.quotients.insert_or_assign(stored.id.value(), stored);
    return stored.id;
}

core::Result<std::vector<Quotient>> InMemoryFamilyStore::quotients_of(core::HouseholdId household) {
    std::vector<Quotient> found;
    for (auto it = m_state.quotients.rbegin(); it != m_state.quotients.rend(); ++it) {
        if (it->second.household == household)
            found.push_back(it->second);
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Quotient& a, const Quotient& b) { return b.valid_from < a.valid_from; });
    return found;
}

core::Status InMemoryFamilyStore::record(const FamilyEvent& event) {
    m_state.events.push_back(event);
    return {};
}

core::Result<std::vector<FamilyEvent>> InMemoryFamilyStore::history(core::CommuneId commune,
                                                                    core::HouseholdId household) {
    std::vector<FamilyEvent> found;
    for (auto it = m_state.events.rbegin(); it != m_state.events.rend(); ++it) {
        if (it->commune == commune && it->household == household)
            found.push_back(*it);
    }
    return found;
}

}  // namespace guichet::family::testing
