#include "storage/family/sql_family_store.h"

#include <fmt/format.h>
#include <sodium.h>
#include <nlohmann/json.hpp>

#include <map>

#include "core/text.h"
#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using family::Child;
using family::FamilyEvent;
using family::Household;
using family::Representative;

constexpr const char* kHouseholdColumns =
    "SELECT id, commune_id, reference, address_line, address_complement, postal_code, city, created_at_us "
    "FROM household ";

struct HouseholdRow {
    long long id = 0, commune = 0, created = 0;
    std::string reference, line, complement, postal, city;
    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        for (std::string* column : {&reference, &line, &complement, &postal, &city})
            s.exchange(soci::into(*column));
        s.exchange(soci::into(created));
    }
    [[nodiscard]] Household value() const {
        return {core::HouseholdId{id},
                core::CommuneId{commune},
                reference,
                {line, complement, postal, city},
                from_micros(created)};
    }
};

constexpr const char* kRepresentativeColumns =
    "SELECT id, household_id, commune_id, civility, last_name, first_name, relationship, email, mobile_phone, "
    "landline_phone, account_id, key_digest, key_issued_at_us, key_expires_at_us, key_used_at_us FROM representative ";

struct RepresentativeRow {
    long long id = 0, household = 0, commune = 0, account = 0;
    soci::indicator account_null = soci::i_null;
    std::string civility, last_name, first_name, relationship, email, mobile, landline, key;
    OptionalInstantColumn issued, expires, used;
    void bind(soci::statement& s) {
        for (long long* column : {&id, &household, &commune})
            s.exchange(soci::into(*column));
        for (std::string* column : {&civility, &last_name, &first_name, &relationship, &email, &mobile, &landline}) {
            s.exchange(soci::into(*column));
        }
        s.exchange(soci::into(account, account_null));
        s.exchange(soci::into(key));
        for (OptionalInstantColumn* column : {&issued, &expires, &used}) {
            s.exchange(soci::into(column->micros, column->indicator));
        }
    }
    [[nodiscard]] Representative value() const {
        Representative person;
        person.id = core::RepresentativeId{id};
        person.household = core::HouseholdId{household};
        person.commune = core::CommuneId{commune};
        person.civility = identity::civility_from_name(civility).value_or(identity::Civility::unspecified);
        person.last_name = last_name;
        person.first_name = first_name;
        person.relationship = family::relationship_from_name(relationship).value_or(family::Relationship::other);
        person.email = email;
        person.mobile_phone = mobile;
        person.landline_phone = landline;
        if (account_null == soci::i_ok)
            person.account = core::AccountId{account};
        person.key_digest = key;
        person.key_issued_at = issued.get();
        person.key_expires_at = expires.get();
        person.key_used_at = used.get();
        return person;
    }
};

constexpr const char* kChildColumns =
    "SELECT c.id, c.commune_id, c.last_name, c.first_name, c.birth_date, c.sex, c.school, c.class_level, c.diet, "
    "c.pai FROM child c ";

struct ChildRow {
    long long id = 0, commune = 0, pai = 0;
    std::string last_name, first_name, birth, sex, school, class_level, diet;
    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(commune));
        for (std::string* column : {&last_name, &first_name, &birth, &sex, &school, &class_level, &diet}) {
            s.exchange(soci::into(*column));
        }
        s.exchange(soci::into(pai));
    }
    [[nodiscard]] Child value() const {
        const auto date = core::CivilDate::parse_iso(birth);
        return {core::ChildId{id},
                core::CommuneId{commune},
                last_name,
                first_name,
                date ? *date : *core::CivilDate::from_ymd(1970, 1, 1),
                family::sex_from_name(sex).value_or(family::Sex::female),
                school,
                family::class_from_name(class_level).value_or(family::ClassLevel::none),
                family::diet_from_name(diet).value_or(family::DietaryOption::standard),
                pai != 0};
    }
};

constexpr const char* kHouseholdChildColumns =
    "SELECT hc.household_id, c.id, c.commune_id, c.last_name, c.first_name, c.birth_date, c.sex, c.school, "
    "c.class_level, c.diet, c.pai FROM child c JOIN household_child hc ON hc.child_id = c.id ";

// A child with the household he was found through (a child may belong to two).
struct HouseholdChildRow {
    long long household = 0;
    ChildRow child;
    void bind(soci::statement& s) {
        s.exchange(soci::into(household));
        child.bind(s);
    }
    [[nodiscard]] std::pair<long long, Child> value() const { return {household, child.value()}; }
};

// ":h0, :h1, :h2": the placeholders of an IN list, bound one by one (never values pasted into the SQL).
std::string placeholders(const std::string& prefix, std::size_t count) {
    std::string list;
    for (std::size_t i = 0; i < count; ++i) {
        list += (i == 0 ? ":" : ", :") + prefix + std::to_string(i);
    }
    return list;
}

struct AuthorisedRow {
    long long id = 0, household = 0;
    std::string last_name, first_name, phone, relationship;
    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(household));
        for (std::string* column : {&last_name, &first_name, &phone, &relationship})
            s.exchange(soci::into(*column));
    }
    [[nodiscard]] family::AuthorisedPerson value() const {
        return {core::AuthorisedPersonId{id}, core::HouseholdId{household}, last_name, first_name, phone, relationship};
    }
};

struct QuotientRow {
    long long id = 0, household = 0, amount = 0;
    std::string source, from, to;
    soci::indicator to_null = soci::i_null;
    void bind(soci::statement& s) {
        s.exchange(soci::into(id));
        s.exchange(soci::into(household));
        s.exchange(soci::into(amount));
        s.exchange(soci::into(source));
        s.exchange(soci::into(from));
        s.exchange(soci::into(to, to_null));
    }
    [[nodiscard]] family::Quotient value() const {
        const auto start = core::CivilDate::parse_iso(from);
        std::optional<core::CivilDate> end;
        if (to_null == soci::i_ok) {
            if (auto parsed = core::CivilDate::parse_iso(to))
                end = *parsed;
        }
        return {core::QuotientId{id},
                core::HouseholdId{household},
                amount,
                family::quotient_source_from_name(source).value_or(family::QuotientSource::caf),
                start ? *start : *core::CivilDate::from_ymd(1970, 1, 1),
                end};
    }
};

struct EventRow {
    long long commune = 0, household = 0, actor = 0, at = 0;
    soci::indicator actor_null = soci::i_null;
    std::string kind, detail;
    void bind(soci::statement& s) {
        s.exchange(soci::into(commune));
        s.exchange(soci::into(household));
        s.exchange(soci::into(actor, actor_null));
        s.exchange(soci::into(kind));
        s.exchange(soci::into(detail));
        s.exchange(soci::into(at));
    }
    [[nodiscard]] FamilyEvent value() const {
        return {core::CommuneId{commune},
                core::HouseholdId{household},
                actor_null == soci::i_ok ? std::optional(core::AccountId{actor}) : std::nullopt,
                kind,
                detail,
                from_micros(at)};
    }
};

}  // namespace

core::Result<core::HouseholdId> SqlFamilyStore::insert_household(const Household& household) {
    long long commune = household.commune.value(), created = to_micros(household.created_at), id = 0;
    // A household created without a reference gets "F" and its number, once the number is known.
    // Unique until replaced below, so that two households created at once never clash on it.
    const std::string reference = household.reference.empty()
                                      ? fmt::format("~{}{}", randombytes_random(), randombytes_random())
                                      : household.reference;
    m_session << "INSERT INTO household (commune_id, reference, address_line, address_complement, postal_code, "
                 "city, created_at_us) VALUES (:c, :r, :l, :x, :p, :v, :t) RETURNING id",
        soci::use(commune), soci::use(reference), soci::use(household.address.line),
        soci::use(household.address.complement), soci::use(household.address.postal_code),
        soci::use(household.address.city), soci::use(created), soci::into(id);
    if (household.reference.empty()) {
        std::string generated = std::to_string(id);
        generated = fmt::format("F{:0>6}", generated);
        m_session << "UPDATE household SET reference = :r WHERE id = :id", soci::use(generated), soci::use(id);
    }
    return core::HouseholdId{id};
}

core::Status SqlFamilyStore::update_household(const Household& household) {
    long long id = household.id.value(), commune = household.commune.value();
    m_session << "UPDATE household SET address_line = :l, address_complement = :x, postal_code = :p, city = :v "
                 "WHERE id = :id AND commune_id = :c",
        soci::use(household.address.line), soci::use(household.address.complement),
        soci::use(household.address.postal_code), soci::use(household.address.city), soci::use(id), soci::use(commune);
    return {};
}

core::Result<std::optional<Household>> SqlFamilyStore::find_household(core::CommuneId commune, core::HouseholdId id) {
    long long c = commune.value(), h = id.value();
    return first(query_rows<HouseholdRow>(
        m_session, std::string(kHouseholdColumns) + "WHERE commune_id = :c AND id = :id", [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(h));
        }));
}

core::Result<std::vector<Household>> SqlFamilyStore::households_by_ids(core::CommuneId commune,
                                                                       const std::vector<core::HouseholdId>& ids) {
    if (ids.empty()) {
        return std::vector<Household>{};
    }
    long long c = commune.value();
    std::vector<long long> wanted;
    for (core::HouseholdId id : ids) {
        wanted.push_back(id.value());
    }
    return query_rows<HouseholdRow>(m_session,
                                    std::string(kHouseholdColumns) + "WHERE commune_id = :c AND id IN (" +
                                        placeholders("h", wanted.size()) + ") ORDER BY id",
                                    [&](soci::statement& s) {
                                        s.exchange(soci::use(c));
                                        for (long long& id : wanted)
                                            s.exchange(soci::use(id));
                                    });
}

core::Result<std::vector<Child>> SqlFamilyStore::children_by_ids(core::CommuneId commune,
                                                                 const std::vector<core::ChildId>& ids) {
    if (ids.empty()) {
        return std::vector<Child>{};
    }
    long long c = commune.value();
    std::vector<long long> wanted;
    for (core::ChildId id : ids) {
        wanted.push_back(id.value());
    }
    return query_rows<ChildRow>(m_session,
                                std::string(kChildColumns) + "WHERE c.commune_id = :c AND c.id IN (" +
                                    placeholders("k", wanted.size()) + ") ORDER BY c.id",
                                [&](soci::statement& s) {
                                    s.exchange(soci::use(c));
                                    for (long long& id : wanted)
                                        s.exchange(soci::use(id));
                                });
}

core::Result<std::optional<Household>> SqlFamilyStore::find_household_by_reference(core::CommuneId commune,
                                                                                   std::string_view reference) {
    long long c = commune.value();
    const std::string wanted(reference);
    return first(query_rows<HouseholdRow>(m_session,
                                          std::string(kHouseholdColumns) + "WHERE commune_id = :c AND reference = :r",
                                          [&](soci::statement& s) {
                                              s.exchange(soci::use(c));
                                              s.exchange(soci::use(wanted));
                                          }));
}

core::Result<std::vector<family::HouseholdSummary>> SqlFamilyStore::search_households(core::CommuneId commune,
                                                                                      std::string_view text,
                                                                                      std::size_t limit) {
    long long c = commune.value(), n = static_cast<long long>(limit);
    std::string escaped;  // % and _ typed by an agent are searched for, not wildcards
    for (char c : core::ascii_lowercase(text)) {
        if (c == '%' || c == '_' || c == '!')
            escaped.push_back('!');
        escaped.push_back(c);
    }
    const std::string pattern = fmt::format("%{}%", escaped);
    auto households = query_rows<HouseholdRow>(
        m_session,
        std::string(kHouseholdColumns) +
            "WHERE commune_id = :c AND (LOWER(reference) LIKE :p1 ESCAPE '!' OR id IN (SELECT household_id FROM "
            "representative WHERE commune_id = :c2 AND (LOWER(last_name) LIKE :p2 ESCAPE '!' OR LOWER(first_name) "
            "LIKE "
            ":p3 ESCAPE '!')) OR id IN (SELECT hc.household_id FROM household_child hc JOIN child c ON c.id = "
            "hc.child_id "
            "WHERE c.commune_id = :c3 AND (LOWER(c.last_name) LIKE :p4 ESCAPE '!' OR LOWER(c.first_name) LIKE :p5 "
            "ESCAPE '!'))) "
            "ORDER BY id DESC LIMIT :n",
        [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(pattern));
            s.exchange(soci::use(c));
            s.exchange(soci::use(pattern));
            s.exchange(soci::use(pattern));
            s.exchange(soci::use(c));
            s.exchange(soci::use(pattern));
            s.exchange(soci::use(pattern));
            s.exchange(soci::use(n));
        });
    std::vector<long long> ids;
    for (const auto& household : households) {
        ids.push_back(household.id.value());
    }
    const std::string in_list = placeholders("h", ids.size());
    std::vector<Representative> people;
    std::vector<std::pair<long long, Child>> children;
    if (!ids.empty()) {
        people = query_rows<RepresentativeRow>(m_session,
                                               std::string(kRepresentativeColumns) +
                                                   "WHERE commune_id = :c AND household_id IN (" + in_list +
                                                   ") ORDER BY household_id, id",
                                               [&](soci::statement& s) {
                                                   s.exchange(soci::use(c));
                                                   for (long long& id : ids)
                                                       s.exchange(soci::use(id));
                                               });
        children = query_rows<HouseholdChildRow>(m_session,
                                                 std::string(kHouseholdChildColumns) +
                                                     "WHERE c.commune_id = :c AND hc.household_id IN (" + in_list +
                                                     ") ORDER BY c.birth_date, c.id",
                                                 [&](soci::statement& s) {
                                                     s.exchange(soci::use(c));
                                                     for (long long& id : ids)
                                                         s.exchange(soci::use(id));
                                                 });
    }
    std::vector<family::HouseholdSummary> summaries;
    for (const auto& household : households) {
        family::HouseholdSummary summary{household.id, household.reference, {}, {}, 0, 0};
        for (const auto& person : people) {
            if (person.household != household.id)
                continue;
            summary.representatives += (summary.representatives.empty() ? "" : ", ") + person.first_name + " " +
                                       core::uppercase_fr(person.last_name);
            summary.linked += person.account ? 1 : 0;
            ++summary.total;
        }
        for (const auto& [owner, child] : children) {
            if (owner == household.id.value())
                summary.children += (summary.children.empty() ? "" : ", ") + child.first_name;
        }
        summaries.push_back(std::move(summary));
    }
    return summaries;
}

std::vector<family::HouseholdRecord> SqlFamilyStore::records_where(const std::string& filter, long long first,
                                                                   long long second) {
    auto households = cached_rows<HouseholdRow>(
        m_session, m_statements, std::string(kHouseholdColumns) + "WHERE id IN (" + filter + ") ORDER BY id", first,
        second);
    std::vector<family::HouseholdRecord> records;
    if (households.empty()) {
        return records;
    }
    auto people = cached_rows<RepresentativeRow>(
        m_session, m_statements,
        std::string(kRepresentativeColumns) + "WHERE household_id IN (" + filter + ") ORDER BY household_id, id", first,
        second);
    auto children = cached_rows<HouseholdChildRow>(
        m_session, m_statements,
        std::string(kHouseholdChildColumns) + "WHERE hc.household_id IN (" + filter + ") ORDER BY c.birth_date, c.id",
        first, second);
    auto authorised = cached_rows<AuthorisedRow>(
        m_session, m_statements,
        "SELECT id, household_id, last_name, first_name, phone, relationship FROM authorised_person WHERE "
        "household_id IN (" +
            filter + ") ORDER BY id",
        first, second);
    auto quotients = cached_rows<QuotientRow>(
        m_session, m_statements,
        "SELECT id, household_id, amount_euros, source, valid_from, valid_to FROM family_quotient WHERE "
        "household_id IN (" +
            filter + ") ORDER BY valid_from DESC, id DESC",
        first, second);
    for (auto& household : households) {
        family::HouseholdRecord record{household, {}, {}, {}, {}};
        for (const auto& person : people) {
            if (person.household == household.id)
                record.representatives.push_back(person);
        }
        for (const auto& [owner, child] : children) {
            if (owner == household.id.value())
                record.children.push_back(child);
        }
        for (const auto& person : authorised) {
            if (person.household == household.id)
                record.authorised.push_back(person);
        }
        for (const auto& quotient : quotients) {
            if (quotient.household == household.id)
                record.quotients.push_back(quotient);
        }
        records.push_back(std::move(record));
    }
    return records;
}

core::Result<std::vector<family::HouseholdRecord>> SqlFamilyStore::households_of_account(core::CommuneId commune,
                                                                                         core::AccountId account) {
    return records_where("SELECT household_id FROM representative WHERE commune_id = :fc AND account_id = :fa",
                         commune.value(), account.value());
}

core::Result<std::optional<family::HouseholdRecord>> SqlFamilyStore::household_record(core::CommuneId commune,
                                                                                      core::HouseholdId id) {
    return first(
        records_where("SELECT id FROM household WHERE commune_id = :fc AND id = :fh", commune.value(), id.value()));
}

core::Result<std::vector<family::HouseholdRecord>> SqlFamilyStore::household_records_after(core::CommuneId commune,
                                                                                           core::HouseholdId after,
                                                                                           std::size_t limit) {
    // The limit is part of the text (the filter takes two values): one prepared text per chunk size a caller uses.
    return records_where(
        "SELECT id FROM household WHERE commune_id = :fc AND id > :fa ORDER BY id LIMIT " + std::to_string(limit),
        commune.value(), after.value());
}

core::Result<std::optional<family::ChildProfile>> SqlFamilyStore::child_of_account(core::CommuneId commune,
                                                                                   core::AccountId account,
                                                                                   core::ChildId child) {
    const long long c = commune.value(), a = account.value(), id = child.value();
    // The households that hold this child and that the account represents.
    static const std::string kMine =
        "SELECT hc.household_id FROM household_child hc JOIN representative r ON r.household_id = hc.household_id "
        "WHERE hc.child_id = :id AND r.commune_id = :c AND r.account_id = :a";
    static const std::string kChild =
        std::string(kChildColumns) + "WHERE c.commune_id = :cc AND c.id = :cid AND EXISTS (" + kMine + ")";
    static const std::string kAuthorised =
        "SELECT id, household_id, last_name, first_name, phone, relationship FROM authorised_person WHERE "
        "household_id IN (" +
        kMine + ") ORDER BY household_id, id";
    auto found = first(cached_rows<ChildRow>(m_session, m_statements, kChild, c, id, id, c, a));
    if (!found) {
        return std::optional<family::ChildProfile>{};
    }
    auto authorised = cached_rows<AuthorisedRow>(m_session, m_statements, kAuthorised, id, c, a);
    return std::optional(family::ChildProfile{std::move(*found), std::move(authorised)});
}

core::Result<std::optional<family::RepresentedChild>> SqlFamilyStore::child_represented_by(core::CommuneId commune,
                                                                                           core::AccountId account,
                                                                                           core::ChildId child) {
    static const std::string kSql = std::string(kHouseholdChildColumns) +
                                    "JOIN representative r ON r.household_id = hc.household_id WHERE c.commune_id = :c "
                                    "AND c.id = :id AND r.commune_id = :rc AND r.account_id = :a ORDER BY "
                                    "hc.household_id";
    const long long c = commune.value();
    const auto rows =
        cached_rows<HouseholdChildRow>(m_session, m_statements, kSql, c, child.value(), c, account.value());
    if (rows.empty()) {
        return std::optional<family::RepresentedChild>{};
    }
    family::RepresentedChild found{rows.front().second, {}};
    for (const auto& row : rows) {
        // Two representatives of one household may be the same account: the household once.
        if (found.households.empty() || found.households.back().value() != row.first) {
            found.households.push_back(core::HouseholdId{row.first});
        }
    }
    return std::optional(std::move(found));
}

core::Result<core::RepresentativeId> SqlFamilyStore::insert_representative(const Representative& person) {
    long long household = person.household.value(), commune = person.commune.value(), id = 0;
    const std::string civility(identity::civility_name(person.civility));
    const std::string relationship(family::relationship_name(person.relationship));
    m_session << "INSERT INTO representative (household_id, commune_id, civility, last_name, first_name, "
                 "relationship, email, mobile_phone, landline_phone, account_id, key_digest) VALUES (:h, :c, :ci, "
                 ":l, :f, :r, :e, :m, :p, NULL, '') RETURNING id",
        soci::use(household), soci::use(commune), soci::use(civility), soci::use(person.last_name),
        soci::use(person.first_name), soci::use(relationship), soci::use(person.email), soci::use(person.mobile_phone),
        soci::use(person.landline_phone), soci::into(id);
    return core::RepresentativeId{id};
}

core::Status SqlFamilyStore::update_representative(const Representative& person) {
    long long id = person.id.value(), commune = person.commune.value();
    long long account = person.account ? person.account->value() : 0;
    soci::indicator account_indicator = person.account ? soci::i_ok : soci::i_null;
    OptionalInstantColumn issued, expires, used;
    issued.set(person.key_issued_at);
    expires.set(person.key_expires_at);
    used.set(person.key_used_at);
    const std::string civility(identity::civility_name(person.civility));
    const std::string relationship(family::relationship_name(person.relationship));
    m_session << "UPDATE representative SET civility = :ci, last_name = :l, first_name = :f, relationship = :r, "
                 "email = :e, mobile_phone = :m, landline_phone = :p, account_id = :a, key_digest = :k, "
                 "key_issued_at_us = :ki, key_expires_at_us = :ke, key_used_at_us = :ku WHERE id = :id AND "
                 "commune_id = :c",
        soci::use(civility), soci::use(person.last_name), soci::use(person.first_name), soci::use(relationship),
        soci::use(person.email), soci::use(person.mobile_phone), soci::use(person.landline_phone),
        soci::use(account, account_indicator), soci::use(person.key_digest), soci::use(issued.micros, issued.indicator),
        soci::use(expires.micros, expires.indicator), soci::use(used.micros, used.indicator), soci::use(id),
        soci::use(commune);
    return {};
}

core::Status SqlFamilyStore::delete_representative(core::CommuneId commune, core::RepresentativeId id) {
    long long c = commune.value(), r = id.value();
    m_session << "DELETE FROM representative WHERE id = :id AND commune_id = :c", soci::use(r), soci::use(c);
    return {};
}

core::Result<std::vector<Representative>> SqlFamilyStore::representatives_of(core::CommuneId commune,
                                                                             core::HouseholdId household) {
    long long c = commune.value(), h = household.value();
    return query_rows<RepresentativeRow>(
        m_session, std::string(kRepresentativeColumns) + "WHERE commune_id = :c AND household_id = :h ORDER BY id",
        [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(h));
        });
}

core::Result<std::optional<Representative>> SqlFamilyStore::representative_by_key(core::CommuneId commune,
                                                                                  std::string_view key_digest) {
    long long c = commune.value();
    const std::string digest(key_digest);
    if (digest.empty())
        return std::optional<Representative>{};
    return first(query_rows<RepresentativeRow>(
        m_session, std::string(kRepresentativeColumns) + "WHERE commune_id = :c AND key_digest = :k",
        [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(digest));
        }));
}

core::Result<std::vector<Representative>> SqlFamilyStore::representatives_of_account(core::CommuneId commune,
                                                                                     core::AccountId account) {
    long long c = commune.value(), a = account.value();
    return query_rows<RepresentativeRow>(
        m_session, std::string(kRepresentativeColumns) + "WHERE commune_id = :c AND account_id = :a ORDER BY id",
        [&](soci::statement& s) {
            s.exchange(soci::use(c));
            s.exchange(soci::use(a));
        });
}

core::Result<bool> SqlFamilyStore::claim_key(core::CommuneId commune, core::RepresentativeId id,
                                             std::string_view key_digest, core::AccountId account, core::Instant at) {
    long long c = commune.value(), r = id.value(), a = account.value(), when = to_micros(at);
    const std::string digest(key_digest);
    soci::statement statement =
        (m_session.prepare << "UPDATE representative SET account_id = :a, key_used_at_us = :t WHERE id = :id AND "
                              "commune_id = :c AND key_digest = :k AND key_used_at_us IS NULL",
         soci::use(a), soci::use(when), soci::use(r), soci::use(c), soci::use(digest));
    statement.execute(true);
    return statement.get_affected_rows() == 1;
}

core::Result<std::vector<Representative>> SqlFamilyStore::unlinked_representatives(core::CommuneId commune,
                                                                                   core::RepresentativeId after,
                                                                                   std::size_t limit) {
    long long c = commune.value(), a = after.value(), n = static_cast<long long>(limit);
    return query_rows<RepresentativeRow>(m_session,
                                         std::string(kRepresentativeColumns) +
                                             "WHERE commune_id = :c AND account_id IS NULL AND id > :a ORDER BY id "
                                             "LIMIT :n",
                                         [&](soci::statement& s) {
                                             s.exchange(soci::use(c));
                                             s.exchange(soci::use(a));
                                             s.exchange(soci::use(n));
                                         });
}

core::Result<long long> SqlFamilyStore::count_unlinked_representatives(core::CommuneId commune) {
    long long c = commune.value(), count = 0;
    m_session << "SELECT COUNT(*) FROM representative WHERE commune_id = :c AND account_id IS NULL", soci::use(c),
        soci::into(count);
    return count;
}

core::Result<core::ChildId> SqlFamilyStore::insert_child(const Child& child) {
    long long commune = child.commune.value(), id = 0, pai = child.pai ? 1 : 0;
    const std::string birth = child.birth_date.to_iso();
    const std::string sex(family::sex_name(child.sex));
    const std::string level(family::class_name(child.class_level));
    const std::string diet(family::diet_name(child.diet));
    m_session << "INSERT INTO child (commune_id, last_name, first_name, birth_date, sex, school, class_level, "
                 "diet, pai) VALUES (:c, :l, :f, :b, :s, :sc, :cl, :d, :p) RETURNING id",
        soci::use(commune), soci::use(child.last_name), soci::use(child.first_name), soci::use(birth), soci::use(sex),
        soci::use(child.school), soci::use(level), soci::use(diet), soci::use(pai), soci::into(id);
    return core::ChildId{id};
}

core::Status SqlFamilyStore::attach_child(core::HouseholdId household, core::ChildId child) {
    long long h = household.value(), c = child.value();
    m_session << "INSERT INTO household_child (household_id, child_id) VALUES (:h, :c)", soci::use(h), soci::use(c);
    return {};
}

core::Status SqlFamilyStore::detach_child(core::CommuneId commune, core::HouseholdId household, core::ChildId child) {
    long long h = household.value(), c = child.value(), cm = commune.value();
    m_session << "DELETE FROM household_child WHERE household_id = :h AND child_id = :c", soci::use(h), soci::use(c);
    int remaining = 0;
    m_session << "SELECT COUNT(*) FROM household_child WHERE child_id = :c", soci::use(c), soci::into(remaining);
    if (remaining == 0) {
        m_session << "DELETE FROM child WHERE id = :c AND commune_id = :cm", soci::use(c), soci::use(cm);
    }
    return {};
}

core::Result<std::vector<Child>> SqlFamilyStore::children_of(core::CommuneId commune, core::HouseholdId household) {
    long long c = commune.value(), h = household.value();
    return query_rows<ChildRow>(m_session,
                                std::string(kChildColumns) +
                                    "JOIN household_child hc ON hc.child_id = c.id WHERE c.commune_id = :c AND "
                                    "hc.household_id = :h ORDER BY c.birth_date, c.id",
                                [&](soci::statement& s) {
                                    s.exchange(soci::use(c));
                                    s.exchange(soci::use(h));
                                });
}

core::Result<core::AuthorisedPersonId> SqlFamilyStore::insert_authorised(const family::AuthorisedPerson& person) {
    long long household = person.household.value(), id = 0;
    m_session << "INSERT INTO authorised_person (household_id, last_name, first_name, phone, relationship) VALUES "
                 "(:h, :l, :f, :p, :r) RETURNING id",
        soci::use(household), soci::use(person.last_name), soci::use(person.first_name), soci::use(person.phone),
        soci::use(person.relationship), soci::into(id);
    return core::AuthorisedPersonId{id};
}

core::Status SqlFamilyStore::delete_authorised(core::HouseholdId household, core::AuthorisedPersonId id) {
    long long h = household.value(), a = id.value();
    m_session << "DELETE FROM authorised_person WHERE id = :id AND household_id = :h", soci::use(a), soci::use(h);
    return {};
}

core::Result<std::vector<family::AuthorisedPerson>> SqlFamilyStore::authorised_of(core::HouseholdId household) {
    long long h = household.value();
    return query_rows<AuthorisedRow>(m_session,
                                     "SELECT id, household_id, last_name, first_name, phone, relationship FROM "
                                     "authorised_person WHERE household_id = :h ORDER BY id",
                                     [&](soci::statement& s) { s.exchange(soci::use(h)); });
}

core::Result<std::vector<family::AuthorisedPerson>> SqlFamilyStore::authorised_of_households(
    core::CommuneId commune, const std::vector<core::HouseholdId>& households) {
    if (households.empty()) {
        return std::vector<family::AuthorisedPerson>{};
    }
    long long c = commune.value();
    std::vector<long long> wanted;
    for (core::HouseholdId id : households) {
        wanted.push_back(id.value());
    }
    return query_rows<AuthorisedRow>(
        m_session,
        "SELECT a.id, a.household_id, a.last_name, a.first_name, a.phone, a.relationship FROM authorised_person a "
        "JOIN household h ON h.id = a.household_id WHERE h.commune_id = :c AND a.household_id IN (" +
            placeholders("h", wanted.size()) + ") ORDER BY a.household_id, a.id",
        [&](soci::statement& s) {
            s.exchange(soci::use(c));
            for (long long& id : wanted)
                s.exchange(soci::use(id));
        });
}

core::Result<core::QuotientId> SqlFamilyStore::insert_quotient(const family::Quotient& quotient) {
    long long household = quotient.household.value(), amount = quotient.amount_euros, id = 0;
    const std::string source(family::quotient_source_name(quotient.source));
    const std::string from = quotient.valid_from.to_iso();
    const std::string to = quotient.valid_to ? quotient.valid_to->to_iso() : std::string();
    soci::indicator to_indicator = quotient.valid_to ? soci::i_ok : soci::i_null;
    m_session << "INSERT INTO family_quotient (household_id, amount_euros, source, valid_from, valid_to) VALUES "
                 "(:h, :a, :s, :f, :t) RETURNING id",
        soci::use(household), soci::use(amount), soci::use(source), soci::use(from), soci::use(to, to_indicator),
        soci::into(id);
    return core::QuotientId{id};
}

core::Result<std::vector<family::Quotient>> SqlFamilyStore::quotients_of(core::HouseholdId household) {
    long long h = household.value();
    return query_rows<QuotientRow>(m_session,
                                   "SELECT id, household_id, amount_euros, source, valid_from, valid_to FROM "
                                   "family_quotient WHERE household_id = :h ORDER BY valid_from DESC, id DESC",
                                   [&](soci::statement& s) { s.exchange(soci::use(h)); });
}

core::Status SqlFamilyStore::record(const FamilyEvent& event) {
    long long commune = event.commune.value(), household = event.household.value(), at = to_micros(event.at);
    long long actor = event.actor ? event.actor->value() : 0;
    soci::indicator actor_indicator = event.actor ? soci::i_ok : soci::i_null;
    m_session << "INSERT INTO family_event (commune_id, household_id, actor_id, kind, detail, at_us) VALUES (:c, "
                 ":h, :a, :k, :d, :t)",
        soci::use(commune), soci::use(household), soci::use(actor, actor_indicator), soci::use(event.kind),
        soci::use(event.detail), soci::use(at);
    return {};
}

core::Result<std::vector<FamilyEvent>> SqlFamilyStore::history(core::CommuneId commune, core::HouseholdId household) {
    long long c = commune.value(), h = household.value();
    return query_rows<EventRow>(m_session,
                                "SELECT commune_id, household_id, actor_id, kind, detail, at_us FROM family_event "
                                "WHERE commune_id = :c AND household_id = :h ORDER BY id DESC",
                                [&](soci::statement& s) {
                                    s.exchange(soci::use(c));
                                    s.exchange(soci::use(h));
                                });
}

}  // namespace guichet::storage
