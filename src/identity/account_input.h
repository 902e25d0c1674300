#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "identity/account.h"
#include "identity/password_policy.h"

namespace guichet::identity {

// A problem with one form field. message_key names the text in the message catalogue ("err_required", …): the
// domain says what is wrong, the web layer says it in the visitor's language.
struct FieldError {
    std::string field;
    std::string message_key;
};
using FieldErrors = std::vector<FieldError>;

// What a family types in "Créer mon espace".
struct SignupForm {
    ContactDetails contact;
    std::string email;
    std::string username;
    std::string password;
    std::string childcare_key;  // optional clé enfance
};

inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr std::size_t kMaxAddressLength = 200;
inline constexpr std::size_t kMaxEmailLength = 254;

// Returns the errors of a contact block: civility, last and first names, address line, postal code (five digits)
// and city are required; phones are optional but must look like phone numbers; no field may hold control
// characters or exceed its length.
[[nodiscard]] FieldErrors validate_contact(const ContactDetails& contact);

// Returns every error of a sign-up form (contact block, email, username, password against the policy, clé enfance
// format), in the order of the form.
[[nodiscard]] FieldErrors validate_signup(const SignupForm& form, const PasswordPolicy& policy);

// Each returns the catalogue key of the problem, or std::nullopt when the value is acceptable.
[[nodiscard]] std::optional<std::string> check_email(std::string_view email);
[[nodiscard]] std::optional<std::string> check_username(std::string_view username);
[[nodiscard]] std::optional<std::string> check_phone(std::string_view phone);

// Returns the clé enfance in its canonical form (upper case, without separators: "K7QM3XH9P2TD"), or std::nullopt
// when it is not 12 letters and digits once dashes and spaces are removed.
[[nodiscard]] std::optional<std::string> canonical_childcare_key(std::string_view key);

// Returns the contact block with every text field trimmed of surrounding spaces.
[[nodiscard]] ContactDetails trimmed(ContactDetails contact);

}  // namespace guichet::identity
