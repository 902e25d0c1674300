#include "identity/account_input.h"

#include <algorithm>
#include <cctype>

#include "core/text.h"
#include "identity/person_name.h"

namespace guichet::identity {
namespace {

// Adds the first problem of a free-text field: missing (when required), control characters, or too long.
void check_text(FieldErrors& errors, const char* field, const std::string& value, std::size_t max_length,
                bool required) {
    if (value.empty()) {
        if (required) {
            errors.push_back({field, "err_required"});
        }
        return;
    }
    if (!core::is_clean_utf8(value) || value.find_first_of("\r\n\t") != std::string::npos) {
        errors.push_back({field, "err_invalid_characters"});
        return;
    }
    if (core::count_code_points(value) > max_length) {
        errors.push_back({field, "err_too_long"});
    }
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::optional<std::string> check_email(std::string_view email) {
    if (email.empty()) {
        return "err_required";
    }
    if (email.size() > kMaxEmailLength || !core::is_clean_utf8(email)) {
        return "err_email_invalid";
    }
    const auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at > 64 || email.find('@', at + 1) != std::string_view::npos) {
        return "err_email_invalid";
    }
    const std::string_view domain = email.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (domain.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size() ||
        domain.find("..") != std::string_view::npos || domain.front() == '-' || email.front() == '.' ||
        email[at - 1] == '.') {
        return "err_email_invalid";
    }
    if (email.find_first_of(" \t\r\n<>()[],;:\"\\") != std::string_view::npos) {
        return "err_email_invalid";
    }
    return std::nullopt;
}

std::optional<std::string> check_username(std::string_view username) {
    if (username.empty()) {
        return "err_required";
    }
    const bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
    });
    if (!allowed || username.size() < 3 || username.size() > 64) {
        return "err_username_invalid";
    }
    return std::nullopt;
}

std::optional<std::string> check_phone(std::string_view phone) {
    std::size_t digits = 0;
    for (std::size_t i = 0; i < phone.size(); ++i) {
        const char c = phone[i];
        if (is_digit(c)) {
            ++digits;
        } else if (!(c == ' ' || c == '.' || c == '-' || c == '(' || c == ')' || (c == '+' && digits == 0))) {
            return "err_phone";
        }
    }
    if (digits < 10 || digits > 15) {
        return "err_phone";
    }
    return std::nullopt;
}

std::optional<std::string> canonical_childcare_key(std::string_view key) {
    std::string canonical;
    for (char c : key) {
        if (c == '-' || c == ' ') {
            continue;
        }
        if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
            return std::nullopt;
        }
        canonical.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (canonical.size() != 12) {
        return std::nullopt;
    }
    return canonical;
}

ContactDetails trimmed(ContactDetails contact) {
    for (std::string* field :
         {&contact.last_name, &contact.first_name, &contact.address.line, &contact.address.complement,
          &contact.address.postal_code, &contact.address.city, &contact.mobile_phone, &contact.landline_phone}) {
        *field = core::trim(*field);
    }
    return contact;
}

FieldErrors validate_contact(const ContactDetails& contact) {
    FieldErrors errors;
    if (contact.civility == Civility::unspecified) {
        errors.push_back({"civility", "err_civility"});
    }
    for (const auto& [field, name] :
         {std::pair{"last_name", &contact.last_name}, {"first_name", &contact.first_name}}) {
        if (auto problem = check_person_name(*name)) {
            errors.push_back({field, *problem});
        }
    }
    check_text(errors, "address_line", contact.address.line, kMaxAddressLength, true);
    check_text(errors, "address_complement", contact.address.complement, kMaxAddressLength, false);
    const std::string& postal = contact.address.postal_code;
    if (postal.empty()) {
        errors.push_back({"postal_code", "err_required"});
    } else if (postal.size() != 5 || !std::all_of(postal.begin(), postal.end(), is_digit)) {
        errors.push_back({"postal_code", "err_postal_code"});
    }
    check_text(errors, "city", contact.address.city, kMaxNameLength, true);
    if (!contact.mobile_phone.empty()) {
        if (auto problem = check_phone(contact.mobile_phone)) {
            errors.push_back({"mobile_phone", *problem});
        }
    }
    if (!contact.landline_phone.empty()) {
        if (auto problem = check_phone(contact.landline_phone)) {
            errors.push_back({"landline_phone", *problem});
        }
    }
    return errors;
}

FieldErrors validate_signup(const SignupForm& form, const PasswordPolicy& policy) {
    FieldErrors errors = validate_contact(form.contact);
    if (auto problem = check_email(form.email)) {
        errors.push_back({"email", *problem});
    }
    if (auto problem = check_username(form.username)) {
        errors.push_back({"username", *problem});
    }
    if (auto problem = policy.check(form.password, form.username, form.email)) {
        errors.push_back({"password", *problem});
    }
    if (!form.childcare_key.empty() && !canonical_childcare_key(form.childcare_key)) {
        errors.push_back({"childcare_key", "err_childcare_key_format"});
    }
    return errors;
}

}  // namespace guichet::identity
