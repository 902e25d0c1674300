#pragma once

#include <optional>
#include <string>

#include "family/household.h"
#include "identity/account_input.h"

namespace guichet::family {

using identity::FieldError;
using identity::FieldErrors;

// What an agent (or an import line) gives for a legal representative, as typed.
struct RepresentativeInput {
    std::string civility;
    std::string last_name;
    std::string first_name;
    std::string relationship;  // mother, father, guardian, other
    std::string email;
    std::string mobile_phone;
    std::string landline_phone;
};

struct ChildInput {
    std::string last_name;
    std::string first_name;
    std::string birth_date;  // "2016-09-01" (HTML date input) or "01/09/2016"
    std::string sex;         // female, male
    std::string school;
    std::string class_level;  // none, ps … cm2
    std::string diet;         // standard, no_pork, no_meat, packed_meal
    bool pai = false;
};

struct AuthorisedInput {
    std::string last_name;
    std::string first_name;
    std::string phone;
    std::string relationship;
};

struct QuotientInput {
    std::string amount;  // euros, "850"
    std::string source;  // caf, commune
    std::string valid_from;
    std::string valid_to;  // optional
};

// Each reads and checks its input, adding errors named `prefix + field`; returns the value when there is none.
// `today` bounds birth dates.
[[nodiscard]] std::optional<Representative> read_representative(const RepresentativeInput& input,
                                                                const std::string& prefix, FieldErrors& errors);
[[nodiscard]] std::optional<Child> read_child(const ChildInput& input, core::CivilDate today, FieldErrors& errors);
[[nodiscard]] std::optional<AuthorisedPerson> read_authorised(const AuthorisedInput& input, FieldErrors& errors);
[[nodiscard]] std::optional<Quotient> read_quotient(const QuotientInput& input, FieldErrors& errors);
[[nodiscard]] std::optional<identity::PostalAddress> read_address(const identity::PostalAddress& input,
                                                                  FieldErrors& errors);

// Reads "2016-09-01" or "01/09/2016".
[[nodiscard]] std::optional<core::CivilDate> read_date(std::string_view text);

}  // namespace guichet::family
