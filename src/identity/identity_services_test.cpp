// The identity use cases end to end on the in-memory store, with a fixed clock.
#include <functional>

#include <gtest/gtest.h>
#include <sodium.h>

#include "core/fixed_clock.h"
#include "identity/authentication_service.h"
#include "identity/credential_service.h"
#include "identity/in_memory_identity.h"
#include "identity/profile_service.h"
#include "identity/registration_service.h"
#include "identity/secret_token.h"
#include "identity/staff_service.h"

namespace guichet::identity {
namespace {

using namespace std::chrono_literals;

const core::CommuneId kCommune{1};
const core::CommuneId kOtherCommune{2};
const RequestOrigin kOrigin{"192.0.2.10", "test"};
const MailContext kMail{"fr"};
constexpr const char* kPassword = "le chat dort sur le radiateur";

class IdentityServicesTest : public ::testing::Test {
  protected:
    IdentityServicesTest()
        : m_clock(*core::instant_from_iso_utc("2019-06-21T10:06:00Z")),
          m_hasher({crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}),
          m_policy(m_common),
          m_devices("server key of the tests, 32 bytes"),
          m_context{m_store, m_clock, m_hasher, m_policy, m_devices, SessionPolicy{}} {}

    SignupForm form(const std::string& username = "marie.dupont", const std::string& email = "marie@example.fr") {
        SignupForm form;
        form.contact.civility = Civility::madame;
        form.contact.last_name = "Dupont";
        form.contact.first_name = "Marie";
        form.contact.address = {"18 avenue de Poissy", "", "78570", "Chanteloup-les-Vignes"};
        form.email = email;
        form.username = username;
        form.password = kPassword;
        return form;
    }

    // The token carried by the newest mail of this template.
    std::string last_token(const std::string& template_name) {
        const auto mails = m_store.state().mails;
        for (auto it = mails.rbegin(); it != mails.rend(); ++it) {
            if (it->template_name == template_name)
                return it->variables.at("token");
        }
        ADD_FAILURE() << "no mail " << template_name;
        return {};
    }

    std::size_t mails_of(const std::string& template_name, const std::string& to) {
        std::size_t count = 0;
        for (const auto& mail : m_store.state().mails) {
            count += mail.template_name == template_name && mail.to == to ? 1 : 0;
        }
        return count;
    }

    // Signs up and confirms an account; returns nothing, asserts on the way.
    void registered(const std::string& username = "marie.dupont", const std::string& email = "marie@example.fr") {
        RegistrationService registration(m_context);
        auto errors = registration.sign_up(kCommune, form(username, email), kOrigin, kMail);
        ASSERT_TRUE(errors.has_value());
        ASSERT_TRUE(errors->empty());
        ASSERT_TRUE(registration.confirm_email(kCommune, last_token("confirm_email"), kOrigin).has_value());
    }

    // A staff account created from the command line (no actor), active.
    core::AccountId staff_member(const std::string& email, Role role) {
        StaffService staff(m_context);
        FieldErrors errors;
        EXPECT_TRUE(
            staff.create(kCommune, {email, "Paul", "Martin", role}, std::nullopt, errors, kOrigin, kMail).has_value());
        EXPECT_TRUE(errors.empty());
        for (const auto& [id, account] : m_store.state().accounts) {
            if (account.email == email)
                return account.id;
        }
        ADD_FAILURE() << "no account " << email;
        return core::AccountId{0};
    }

    testing::InMemoryIdentity m_store;
    core::FixedClock m_clock;
    PasswordHasher m_hasher;
    CommonPasswords m_common;
    PasswordPolicy m_policy;
    DeviceCookies m_devices;
    IdentityContext m_context;
};

TEST_F(IdentityServicesTest, SignUpWaitsForTheEmailLinkBeforeSignIn) {
    RegistrationService registration(m_context);
    AuthenticationService authentication(m_context);
    ASSERT_TRUE(registration.sign_up(kCommune, form(), kOrigin, kMail)->empty());
    EXPECT_EQ(mails_of("confirm_email", "marie@example.fr"), 1u);
    EXPECT_EQ(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "").error(),
              LoginFailure::bad_credentials)
        << "the same answer as a wrong password: nobody learns that this address has a pending account";
    const std::string token = last_token("confirm_email");
    ASSERT_TRUE(registration.confirm_email(kCommune, token, kOrigin).has_value());
    EXPECT_FALSE(registration.confirm_email(kCommune, token, kOrigin).has_value()) << "single use";
    EXPECT_TRUE(authentication.login(kCommune, "MARIE@example.fr", kPassword, kOrigin, "").has_value());
}

TEST_F(IdentityServicesTest, ConfirmationLinksExpireAfter24HoursAndStayInTheirCommune) {
    RegistrationService registration(m_context);
    ASSERT_TRUE(registration.sign_up(kCommune, form(), kOrigin, kMail)->empty());
    const std::string token = last_token("confirm_email");
    EXPECT_FALSE(registration.confirm_email(kOtherCommune, token, kOrigin).has_value());
    m_clock.advance(24h);
    EXPECT_FALSE(registration.confirm_email(kCommune, token, kOrigin).has_value());
    ASSERT_TRUE(registration.resend_confirmation(kCommune, "marie@example.fr", kOrigin, kMail).has_value());
    EXPECT_TRUE(registration.confirm_email(kCommune, last_token("confirm_email"), kOrigin).has_value());
}

TEST_F(IdentityServicesTest, ATakenEmailIsNotRevealedButItsOwnerIsTold) {
    registered();
    RegistrationService registration(m_context);
    const auto errors = registration.sign_up(kCommune, form("autre.nom", "Marie@Example.fr"), kOrigin, kMail);
    ASSERT_TRUE(errors.has_value());
    EXPECT_TRUE(errors->empty()) << "same answer as a real sign-up";
    EXPECT_EQ(m_store.state().accounts.size(), 1u);
    EXPECT_EQ(mails_of("already_registered", "marie@example.fr"), 1u);
}

TEST_F(IdentityServicesTest, ATakenUsernameIsAFieldError) {
    registered();
    RegistrationService registration(m_context);
    const auto errors = registration.sign_up(kCommune, form("Marie.Dupont", "autre@example.fr"), kOrigin, kMail);
    ASSERT_EQ(errors->size(), 1u);
    EXPECT_EQ((*errors)[0].field, "username");
    EXPECT_EQ((*errors)[0].message_key, "err_username_taken");
    EXPECT_TRUE(registration.sign_up(kOtherCommune, form("marie.dupont", "autre@example.fr"), kOrigin, kMail)->empty())
        << "another commune is another namespace";
}

TEST_F(IdentityServicesTest, SignInRecordsThePreviousLoginAndReplacesTheSession) {
    registered();
    AuthenticationService authentication(m_context);
    const auto first = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "");
    ASSERT_TRUE(first.has_value());
    EXPECT_FALSE(first->account.previous_login_at.has_value());
    m_clock.advance(2h);
    const auto second = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, first->session_token);
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->account.previous_login_at, *core::instant_from_iso_utc("2019-06-21T10:06:00Z"));
    EXPECT_NE(second->session_token, first->session_token);
    EXPECT_FALSE(authentication.resolve(kCommune, first->session_token)->has_value()) << "old session ended";
    EXPECT_TRUE(authentication.resolve(kCommune, second->session_token)->has_value());
    EXPECT_FALSE(authentication.resolve(kOtherCommune, second->session_token)->has_value());
}

TEST_F(IdentityServicesTest, RepeatedFailuresAreThrottledAlikeForKnownAndUnknownIdentifiers) {
    registered();
    AuthenticationService authentication(m_context);
    for (const char* identifier : {"marie.dupont", "personne"}) {
        for (int attempt = 1; attempt <= 4; ++attempt) {
            EXPECT_EQ(authentication.login(kCommune, identifier, "mauvais mot de passe", kOrigin, "").error(),
                      LoginFailure::bad_credentials)
                << identifier << " attempt " << attempt;
        }
        EXPECT_EQ(authentication.login(kCommune, identifier, kPassword, kOrigin, "").error(), LoginFailure::throttled)
            << identifier << ": even the right password waits";
    }
    m_clock.advance(1s);
    EXPECT_TRUE(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "").has_value());
}

// Device cookies: whoever knows a username can lock it out of browsers it never used, not out of its owner's.
TEST_F(IdentityServicesTest, ABrowserThatSignedInBeforePassesTheAccountsLockout) {
    registered();
    AuthenticationService authentication(m_context);
    const auto first = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "");
    ASSERT_TRUE(first.has_value());
    const std::string owners = first->device_cookie;
    ASSERT_FALSE(owners.empty());
    // An attacker, from another address, with no device cookie (or a forged one), keeps failing.
    const RequestOrigin attacker{"198.51.100.66", "curl"};
    for (int attempt = 0; attempt < 12; ++attempt) {
        (void)authentication.login(kCommune, "marie.dupont", "devinette", attacker, "", "7.forged.cookie");
        m_clock.advance(std::chrono::milliseconds(100));
    }
    EXPECT_EQ(authentication.login(kCommune, "marie.dupont", kPassword, attacker, "").error(), LoginFailure::throttled);
    EXPECT_EQ(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "").error(), LoginFailure::throttled)
        << "the owner on a browser she never used waits too";
    const auto known = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "", owners);
    ASSERT_TRUE(known.has_value()) << "her own browser goes through";
    EXPECT_TRUE(known->device_cookie.find(std::to_string(known->account.id.value()) + ".") == 0);
    EXPECT_NE(known->device_cookie, owners) << "a new nonce";
    EXPECT_EQ(authentication.login(kCommune, "marie.dupont", kPassword, attacker, "").error(), LoginFailure::throttled)
        << "her sign-in does not lift the lockout of unknown browsers";
}

TEST_F(IdentityServicesTest, AStolenDeviceCookieIsLockedOnItsOwn) {
    registered();
    registered("xavier.dupont", "xavier@example.fr");
    AuthenticationService authentication(m_context);
    const std::string cookie = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "")->device_cookie;
    for (int attempt = 1; attempt <= 4; ++attempt) {
        EXPECT_EQ(authentication.login(kCommune, "marie.dupont", "devinette", kOrigin, "", cookie).error(),
                  LoginFailure::bad_credentials)
            << attempt;
    }
    EXPECT_EQ(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "", cookie).error(),
              LoginFailure::throttled)
        << "the device is held back like an account";
    EXPECT_TRUE(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "").has_value())
        << "its failures did not lock the account for other browsers";
    EXPECT_EQ(authentication.login(kCommune, "xavier.dupont", "devinette", kOrigin, "", cookie).error(),
              LoginFailure::bad_credentials)
        << "Marie's proof is no proof for Xavier: counted as an unknown browser";
    EXPECT_EQ(m_store.state()
                  .throttles.at("account:" + std::to_string(m_store.state().accounts.rbegin()->second.id.value()))
                  .failures,
              1);
}

TEST_F(IdentityServicesTest, OneAttackerBehindASharedAddressDoesNotLockItsKnownBrowsersOut) {
    registered();
    AuthenticationService authentication(m_context);
    const std::string cookie = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "")->device_cookie;
    // Someone in the same school network (the same address) tries many identifiers.
    for (int i = 0; i < 40; ++i) {
        (void)authentication.login(kCommune, "inconnu" + std::to_string(i), "devinette", kOrigin, "");
    }
    EXPECT_EQ(authentication.login(kCommune, "personne.dautre", "devinette", kOrigin, "").error(),
              LoginFailure::throttled)
        << "the address is held back for unknown browsers";
    EXPECT_TRUE(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "", cookie).has_value());
}

TEST_F(IdentityServicesTest, SessionsEndAfter30MinutesIdleOr12HoursInAll) {
    registered();
    AuthenticationService authentication(m_context);
    const std::string token = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "")->session_token;
    for (int i = 0; i < 24; ++i) {  // active every 29 minutes (11 h 36 min in all): alive
        m_clock.advance(29min);
        ASSERT_TRUE(authentication.resolve(kCommune, token)->has_value()) << i;
    }
    m_clock.advance(29min);  // 12 h 5 min after sign-in: past the absolute limit
    EXPECT_FALSE(authentication.resolve(kCommune, token)->has_value());

    const std::string idle = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "")->session_token;
    m_clock.advance(30min);
    EXPECT_FALSE(authentication.resolve(kCommune, idle)->has_value());
    EXPECT_TRUE(m_store.state().sessions.empty()) << "dead sessions are deleted";
}

TEST_F(IdentityServicesTest, PasswordResetLinksAreSingleUseShortLivedAndEndSessions) {
    registered();
    AuthenticationService authentication(m_context);
    CredentialService credentials(m_context);
    const std::string session = authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "")->session_token;
    ASSERT_TRUE(credentials.request_password_reset(kCommune, "personne@example.fr", kOrigin, kMail).has_value());
    EXPECT_EQ(mails_of("password_reset", "personne@example.fr"), 0u);
    ASSERT_TRUE(credentials.request_password_reset(kCommune, "marie@example.fr", kOrigin, kMail).has_value());
    const std::string token = last_token("password_reset");

    const auto weak =
        credentials.reset_password(kCommune, token, TokenPurpose::password_reset, "court", kOrigin, kMail);
    ASSERT_EQ(weak->size(), 1u);
    EXPECT_EQ((*weak)[0].message_key, "err_password_too_short");
    ASSERT_TRUE(
        credentials
            .reset_password(kCommune, token, TokenPurpose::password_reset, "une toute nouvelle phrase", kOrigin, kMail)
            ->empty());
    EXPECT_FALSE(authentication.resolve(kCommune, session)->has_value());
    EXPECT_EQ(mails_of("credential_changed", "marie@example.fr"), 1u);
    EXPECT_FALSE(
        credentials
            .reset_password(kCommune, token, TokenPurpose::password_reset, "encore une autre phrase", kOrigin, kMail)
            .has_value());

    ASSERT_TRUE(credentials.request_password_reset(kCommune, "marie@example.fr", kOrigin, kMail).has_value());
    m_clock.advance(31min);
    EXPECT_FALSE(credentials
                     .reset_password(kCommune, last_token("password_reset"), TokenPurpose::password_reset,
                                     "encore une autre phrase", kOrigin, kMail)
                     .has_value());
    EXPECT_TRUE(authentication.login(kCommune, "marie.dupont", "une toute nouvelle phrase", kOrigin, "").has_value());
}

TEST_F(IdentityServicesTest, AnEmailChangeWaitsForTheNewAddressAndWarnsTheOldOne) {
    registered();
    CredentialService credentials(m_context);
    const Account account = m_store.state().accounts.begin()->second;
    FieldErrors errors;
    ASSERT_TRUE(credentials.change_email(account, "faux", "nouvelle@example.fr", errors, kOrigin, kMail).has_value());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message_key, "err_current_password");
    errors.clear();
    ASSERT_TRUE(
        credentials.change_email(account, kPassword, "nouvelle@example.fr", errors, kOrigin, kMail).has_value());
    EXPECT_TRUE(errors.empty());
    EXPECT_EQ(m_store.state().accounts.begin()->second.email, "marie@example.fr") << "not before confirmation";
    EXPECT_EQ(*credentials.pending_email(account), "nouvelle@example.fr");
    EXPECT_EQ(mails_of("email_change", "nouvelle@example.fr"), 1u);
    EXPECT_EQ(mails_of("credential_changed", "marie@example.fr"), 1u);
    ASSERT_TRUE(credentials.confirm_email_change(kCommune, last_token("email_change"), kOrigin, kMail).has_value());
    EXPECT_EQ(m_store.state().accounts.begin()->second.email, "nouvelle@example.fr");
    EXPECT_EQ(mails_of("credential_changed", "marie@example.fr"), 2u);
}

TEST_F(IdentityServicesTest, ClosureIsAskedByTheParentAndDoneByAnAdmin) {
    registered();
    ProfileService profile(m_context);
    StaffService staff(m_context);
    const Account account = m_store.state().accounts.begin()->second;
    const core::AccountId admin = staff_member("admin@mairie.example.fr", Role::admin);
    const core::AccountId agent = staff_member("agent@mairie.example.fr", Role::agent);
    EXPECT_EQ(profile.request_closure(account, kPassword, false, kOrigin)->size(), 1u);
    ASSERT_TRUE(profile.request_closure(account, kPassword, true, kOrigin)->empty());
    ASSERT_EQ(staff.closure_requests(kCommune)->size(), 1u);
    EXPECT_EQ(staff.confirm_closure(kOtherCommune, account.id, admin, kOrigin, kMail).error().code,
              core::ErrorCode::forbidden)
        << "an admin of another commune";
    EXPECT_EQ(staff.confirm_closure(kCommune, account.id, agent, kOrigin, kMail).error().code,
              core::ErrorCode::forbidden)
        << "an agent does not confirm closures";
    EXPECT_EQ(m_store.state().accounts.at(account.id.value()).status, AccountStatus::closure_requested);
    ASSERT_TRUE(staff.confirm_closure(kCommune, account.id, admin, kOrigin, kMail).has_value());
    const Account closed = m_store.state().accounts.at(account.id.value());
    EXPECT_EQ(closed.status, AccountStatus::closed);
    EXPECT_EQ(closed.contact.last_name, "");
    EXPECT_EQ(closed.email.find("marie"), std::string::npos);
    EXPECT_TRUE(closed.password_hash.empty());
    EXPECT_TRUE(check_username(closed.username).has_value()) << closed.username << " is a name nobody can choose";
    EXPECT_TRUE(check_email(closed.email).has_value()) << closed.email << " is an address nobody can give";
    AuthenticationService authentication(m_context);
    EXPECT_FALSE(authentication.login(kCommune, "marie.dupont", kPassword, kOrigin, "").has_value());
}

TEST_F(IdentityServicesTest, ASignUpMadeBeforehandCannotBlockAClosure) {
    registered();
    const Account account = m_store.state().accounts.begin()->second;
    // Whatever a stranger reserves now, under the name the closed account will take or anything like it.
    RegistrationService registration(m_context);
    const std::string id = std::to_string(account.id.value());
    for (const std::string& squatted : {"ferme-" + id, "closed-" + id, "#closed-" + id}) {
        SignupForm squat = form(squatted, squatted + "@invalid.example");
        if (validate_signup(squat, m_policy).empty()) {
            ASSERT_TRUE(registration.sign_up(kCommune, squat, kOrigin, kMail)->empty()) << squatted;
        }
    }
    ProfileService profile(m_context);
    ASSERT_TRUE(profile.request_closure(account, kPassword, true, kOrigin)->empty());
    StaffService staff(m_context);
    const core::AccountId admin = staff_member("admin@mairie.example.fr", Role::admin);
    ASSERT_TRUE(staff.confirm_closure(kCommune, account.id, admin, kOrigin, kMail).has_value());
    EXPECT_EQ(m_store.state().accounts.at(account.id.value()).status, AccountStatus::closed);
}

TEST_F(IdentityServicesTest, OnlyAnAdminOfTheCommuneChangesRolesOrCreatesStaff) {
    StaffService staff(m_context);
    const core::AccountId admin = staff_member("admin@mairie.example.fr", Role::admin);
    const core::AccountId agent = staff_member("agent@mairie.example.fr", Role::agent);
    const core::AccountId other = staff_member("other@mairie.example.fr", Role::agent);
    EXPECT_EQ(staff.change_role(kCommune, other, Role::admin, agent, kOrigin).error().code, core::ErrorCode::forbidden);
    EXPECT_EQ(m_store.state().accounts.at(other.value()).role, Role::agent);
    FieldErrors errors;
    EXPECT_EQ(
        staff.create(kCommune, {"new@mairie.example.fr", "Paul", "Martin", Role::admin}, agent, errors, kOrigin, kMail)
            .error()
            .code,
        core::ErrorCode::forbidden);
    EXPECT_EQ(m_store.state().accounts.size(), 3u);
    ASSERT_TRUE(staff.change_role(kCommune, other, Role::admin, admin, kOrigin).has_value());
    EXPECT_EQ(m_store.state().accounts.at(other.value()).role, Role::admin);
}

// The keys of the errors, in order, for comparing what two answers told.
std::vector<std::string> keys_of(const FieldErrors& errors) {
    std::vector<std::string> keys;
    for (const auto& error : errors) {
        keys.push_back(error.field + ":" + error.message_key);
    }
    return keys;
}

TEST_F(IdentityServicesTest, AFormThatChangesNothingSaysNothingOfThePassword) {
    registered();
    ProfileService profile(m_context);
    CredentialService credentials(m_context);
    const Account account = m_store.state().accounts.begin()->second;
    // Each form, with the rest invalid, answered for the right and for a wrong password: the answers are the same,
    // and no failure is counted (the password was not checked).
    using Attempt = std::function<FieldErrors(std::string_view)>;
    const std::vector<std::pair<std::string, Attempt>> forms = {
        {"closure without the box ticked",
         [&](std::string_view password) { return *profile.request_closure(account, password, false, kOrigin); }},
        {"username not allowed",
         [&](std::string_view password) {
             FieldErrors errors;
             EXPECT_TRUE(credentials.change_username(account, password, "a b", errors, kOrigin, kMail).has_value());
             return errors;
         }},
        {"email malformed",
         [&](std::string_view password) {
             FieldErrors errors;
             EXPECT_TRUE(
                 credentials.change_email(account, password, "pas une adresse", errors, kOrigin, kMail).has_value());
             return errors;
         }},
        {"new password too weak",
         [&](std::string_view password) {
             FieldErrors errors;
             EXPECT_TRUE(credentials.change_password(account, password, "court", errors, kOrigin, kMail).has_value());
             return errors;
         }},
    };
    for (const auto& [name, attempt] : forms) {
        const auto right = keys_of(attempt(kPassword));
        const auto wrong = keys_of(attempt("ce n'est pas le bon"));
        EXPECT_FALSE(right.empty()) << name;
        EXPECT_EQ(right, wrong) << name;
        for (const auto& key : right) {
            EXPECT_EQ(key.rfind("current_password:", 0), std::string::npos) << name << ": " << key;
        }
    }
    EXPECT_EQ(m_store.state().throttles.count("reauth:" + std::to_string(account.id.value())), 0u);
    EXPECT_EQ(m_store.state().accounts.at(account.id.value()).status, AccountStatus::active);
}

TEST_F(IdentityServicesTest, EveryFormAskingForThePasswordSharesOneThrottle) {
    registered();
    ProfileService profile(m_context);
    CredentialService credentials(m_context);
    const Account account = m_store.state().accounts.begin()->second;
    // Three free failures, spread over three forms.
    EXPECT_EQ(keys_of(*profile.request_closure(account, "essai 1", true, kOrigin)),
              std::vector<std::string>{"current_password:err_current_password"});
    FieldErrors errors;
    ASSERT_TRUE(credentials.change_username(account, "essai 2", "nouveau.nom", errors, kOrigin, kMail).has_value());
    ASSERT_TRUE(credentials.change_email(account, "essai 3", "autre@example.fr", errors, kOrigin, kMail).has_value());
    EXPECT_EQ(errors.size(), 2u);
    errors.clear();
    // The fourth failure blocks for a second: then even the right password is not checked, on any form.
    EXPECT_EQ(keys_of(*profile.request_closure(account, "essai 4", true, kOrigin)),
              std::vector<std::string>{"current_password:err_current_password"});
    EXPECT_EQ(keys_of(*profile.request_closure(account, kPassword, true, kOrigin)),
              std::vector<std::string>{"current_password:err_reauth_throttled"});
    ASSERT_TRUE(credentials.change_password(account, kPassword, "une nouvelle phrase de passe", errors, kOrigin, kMail)
                    .has_value());
    EXPECT_EQ(keys_of(errors), std::vector<std::string>{"current_password:err_reauth_throttled"});
    EXPECT_EQ(m_store.state().accounts.at(account.id.value()).status, AccountStatus::active);
    std::size_t recorded = 0;
    for (const auto& event : m_store.state().audit) {
        recorded += event.kind == "reauthentication_failure" ? 1 : 0;
    }
    EXPECT_EQ(recorded, 4u);
    m_clock.advance(std::chrono::seconds(1));
    EXPECT_TRUE(profile.request_closure(account, kPassword, true, kOrigin)->empty());
    EXPECT_EQ(m_store.state().accounts.at(account.id.value()).status, AccountStatus::closure_requested);
}

// The answer to "mot de passe oublié" must not tell, by the work it does, which addresses have an account: both
// branches count the same throttle by address and write their audit row; only the link and its mail differ.
TEST_F(IdentityServicesTest, AResetForAnUnknownAddressDoesTheSameWorkButTheMail) {
    registered();
    CredentialService credentials(m_context);
    for (const std::string address : {"marie@example.fr", "personne@example.fr"}) {
        for (int i = 0; i < 5; ++i) {
            ASSERT_TRUE(credentials.request_password_reset(kCommune, address, kOrigin, kMail).has_value());
        }
        const auto& throttle = m_store.state().throttles.at("mail:password_reset:" + address);
        EXPECT_EQ(throttle.failures, 4) << address << ": three free, then blocked (the fifth is not counted)";
    }
    EXPECT_EQ(mails_of("password_reset", "marie@example.fr"), 4u);
    EXPECT_EQ(mails_of("password_reset", "personne@example.fr"), 0u);
    std::size_t known = 0, unknown = 0;
    for (const auto& event : m_store.state().audit) {
        known += event.kind == "password_reset_requested" ? 1 : 0;
        unknown += event.kind == "password_reset_unknown" && !event.account ? 1 : 0;
    }
    EXPECT_EQ(known, 4u);
    EXPECT_EQ(unknown, 4u);
}

TEST_F(IdentityServicesTest, InvitedAgentsChooseTheirPasswordThroughTheirLink) {
    StaffService staff(m_context);
    CredentialService credentials(m_context);
    FieldErrors errors;
    const auto token = staff.create(kCommune, {"agent@mairie.example.fr", "Paul", "Martin", Role::agent}, std::nullopt,
                                    errors, kOrigin, kMail);
    ASSERT_TRUE(token.has_value());
    ASSERT_TRUE(errors.empty());
    EXPECT_EQ(mails_of("agent_invitation", "agent@mairie.example.fr"), 1u);
    EXPECT_TRUE(credentials
                    .reset_password(kCommune, *token, TokenPurpose::set_password, "la mairie ouvre a neuf heures",
                                    kOrigin, kMail)
                    ->empty());
    AuthenticationService authentication(m_context);
    const auto signed_in =
        authentication.login(kCommune, "agent@mairie.example.fr", "la mairie ouvre a neuf heures", kOrigin, "");
    ASSERT_TRUE(signed_in.has_value());
    EXPECT_EQ(signed_in->account.role, Role::agent);
    errors.clear();
    (void)staff.create(kCommune, {"AGENT@mairie.example.fr", "P", "M", Role::admin}, std::nullopt, errors, kOrigin,
                       kMail);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message_key, "err_email_taken");
}

TEST_F(IdentityServicesTest, AdminsChangeOtherAgentsRolesWhichEndsTheirSessionsAndIsAudited) {
    StaffService staff(m_context);
    FieldErrors errors;
    ASSERT_TRUE(
        staff.create(kCommune, {"agent@mairie.example.fr", "P", "M", Role::agent}, std::nullopt, errors, kOrigin, kMail)
            .has_value());
    const core::AccountId agent = m_store.state().accounts.begin()->second.id;
    const core::AccountId admin = staff_member("admin@mairie.example.fr", Role::admin);
    registered();  // a parent, whose role cannot be changed here
    const core::AccountId parent = m_store.state().accounts.rbegin()->second.id;
    EXPECT_EQ(staff.change_role(kCommune, agent, Role::parent, admin, kOrigin).error().code,
              core::ErrorCode::invalid_input);
    EXPECT_EQ(staff.change_role(kCommune, agent, Role::admin, agent, kOrigin).error().code, core::ErrorCode::forbidden);
    EXPECT_EQ(staff.change_role(kCommune, parent, Role::admin, admin, kOrigin).error().code,
              core::ErrorCode::not_found);
    EXPECT_EQ(staff.change_role(kOtherCommune, agent, Role::admin, admin, kOrigin).error().code,
              core::ErrorCode::forbidden)
        << "not an admin there";
    ASSERT_TRUE(staff.change_role(kCommune, agent, Role::admin, admin, kOrigin).has_value());
    EXPECT_EQ(m_store.state().accounts.at(agent.value()).role, Role::admin);
    const auto audit = m_store.state().audit;
    EXPECT_EQ(audit.back().kind, "role_changed");
    EXPECT_EQ(audit.back().actor, admin);
    EXPECT_EQ(audit.back().detail, "agent -> admin");
}

}  // namespace
}  // namespace guichet::identity
