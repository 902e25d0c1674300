#include "family/family_input.h"

#include <algorithm>

#include "core/text.h"
#include "identity/person_name.h"

namespace guichet::family {
namespace {

// Adds an error when a required text is missing, too long, or holds control characters; returns the trimmed text.
std::string text(const std::string& value, const std::string& field, bool required, std::size_t max,
                 FieldErrors& errors) {
    std::string clean = core::trim(value);
    if (clean.empty()) {
        if (required)
            errors.push_back({field, "err_required"});
    } else if (!core::is_clean_utf8(clean) || clean.find_first_of("\r\n\t") != std::string::npos) {
        errors.push_back({field, "err_invalid_characters"});
    } else if (core::count_code_points(clean) > max) {
        errors.push_back({field, "err_too_long"});
    }
    return clean;
}

// A person's first or last name (identity::check_person_name); returns it trimmed.
std::string person_name(const std::string& value, const std::string& field, FieldErrors& errors) {
    std::string clean = core::trim(value);
    if (auto problem = identity::check_person_name(clean)) {
        errors.push_back({field, *problem});
    }
    return clean;
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::optional<core::CivilDate> read_date(std::string_view value) {
    const std::string clean = core::trim(value);
    if (auto iso = core::CivilDate::parse_iso(clean))
        return *iso;
    if (auto french = core::CivilDate::parse_fr(clean))
        return *french;
    return std::nullopt;
}

std::optional<identity::PostalAddress> read_address(const identity::PostalAddress& input, FieldErrors& errors) {
    const std::size_t before = errors.size();
    identity::PostalAddress address{text(input.line, "address_line", true, 200, errors),
                                    text(input.complement, "address_complement", false, 200, errors),
                                    core::trim(input.postal_code), text(input.city, "city", true, 100, errors)};
    if (address.postal_code.empty()) {
        errors.push_back({"postal_code", "err_required"});
    } else if (address.postal_code.size() != 5 ||
               !std::all_of(address.postal_code.begin(), address.postal_code.end(), is_ascii_digit)) {
        errors.push_back({"postal_code", "err_postal_code"});
    }
    return errors.size() == before ? std::optional(address) : std::nullopt;
}

std::optional<Representative> read_representative(const RepresentativeInput& input, const std::string& prefix,
                                                  FieldErrors& errors) {
    const std::size_t before = errors.size();
    Representative person;
    person.civility = identity::civility_from_name(input.civility).value_or(identity::Civility::unspecified);
    if (person.civility == identity::Civility::unspecified)
        errors.push_back({prefix + "civility", "err_civility"});
    person.last_name = person_name(input.last_name, prefix + "last_name", errors);
    person.first_name = person_name(input.first_name, prefix + "first_name", errors);
    const auto relationship = relationship_from_name(core::trim(input.relationship));
    if (!relationship)
        errors.push_back({prefix + "relationship", "err_relationship"});
    person.relationship = relationship.value_or(Relationship::other);
    person.email = core::trim(input.email);
    if (!person.email.empty()) {
        if (auto problem = identity::check_email(person.email))
            errors.push_back({prefix + "email", *problem});
    }
    person.mobile_phone = core::trim(input.mobile_phone);
    if (!person.mobile_phone.empty()) {
        if (auto problem = identity::check_phone(person.mobile_phone))
            errors.push_back({prefix + "mobile_phone", *problem});
    }
    person.landline_phone = core::trim(input.landline_phone);
    if (!person.landline_phone.empty()) {
        if (auto problem = identity::check_phone(person.landline_phone))
            errors.push_back({prefix + "landline_phone", *problem});
    }
    return errors.size() == before ? std::optional(person) : std::nullopt;
}

std::optional<Child> read_child(const ChildInput& input, core::CivilDate today, FieldErrors& errors) {
    const std::size_t before = errors.size();
    const std::string last_name = person_name(input.last_name, "last_name", errors);
    const std::string first_name = person_name(input.first_name, "first_name", errors);
    const auto birth_date = read_date(input.birth_date);
    if (!birth_date) {
        errors.push_back({"birth_date", core::trim(input.birth_date).empty() ? "err_required" : "err_date"});
    } else if (*birth_date > today) {
        errors.push_back({"birth_date", "err_birth_date_future"});
    }
    const auto sex = sex_from_name(core::trim(input.sex));
    if (!sex)
        errors.push_back({"sex", "err_sex"});
    const std::string school = text(input.school, "school", false, 150, errors);
    const auto class_level =
        class_from_name(core::trim(input.class_level).empty() ? "none" : core::trim(input.class_level));
    if (!class_level)
        errors.push_back({"class_level", "err_class"});
    const auto diet = diet_from_name(core::trim(input.diet).empty() ? "standard" : core::trim(input.diet));
    if (!diet)
        errors.push_back({"diet", "err_diet"});
    if (errors.size() != before) {
        return std::nullopt;
    }
    return Child{core::ChildId{0}, core::CommuneId{0}, last_name, first_name, *birth_date, *sex,
                 school,           *class_level,       *diet,     input.pai};
}

std::optional<AuthorisedPerson> read_authorised(const AuthorisedInput& input, FieldErrors& errors) {
    const std::size_t before = errors.size();
    AuthorisedPerson person;
    person.last_name = person_name(input.last_name, "last_name", errors);
    person.first_name = person_name(input.first_name, "first_name", errors);
    person.phone = core::trim(input.phone);
    if (person.phone.empty()) {
        errors.push_back({"phone", "err_required"});
    } else if (auto problem = identity::check_phone(person.phone)) {
        errors.push_back({"phone", *problem});
    }
    person.relationship = text(input.relationship, "relationship", false, 60, errors);
    return errors.size() == before ? std::optional(person) : std::nullopt;
}

std::optional<Quotient> read_quotient(const QuotientInput& input, FieldErrors& errors) {
    const std::size_t before = errors.size();
    const std::string amount = core::trim(input.amount);
    long long euros = -1;
    if (!amount.empty() && amount.size() <= 6 && std::all_of(amount.begin(), amount.end(), is_ascii_digit)) {
        euros = std::stoll(amount);
    }
    if (euros < 0)
        errors.push_back({"amount", amount.empty() ? "err_required" : "err_amount"});
    const auto source = quotient_source_from_name(core::trim(input.source));
    if (!source)
        errors.push_back({"source", "err_qf_source"});
    const auto from = read_date(input.valid_from);
    if (!from)
        errors.push_back({"valid_from", core::trim(input.valid_from).empty() ? "err_required" : "err_date"});
    std::optional<core::CivilDate> to;
    if (!core::trim(input.valid_to).empty()) {
        to = read_date(input.valid_to);
        if (!to) {
            errors.push_back({"valid_to", "err_date"});
        } else if (from && *to < *from) {
            errors.push_back({"valid_to", "err_date_order"});
        }
    }
    if (errors.size() != before) {
        return std::nullopt;
    }
    return Quotient{core::QuotientId{0}, core::HouseholdId{0}, euros, *source, *from, to};
}

}  // namespace guichet::family
