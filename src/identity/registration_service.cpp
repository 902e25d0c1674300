#include "identity/registration_service.h"

#include "core/text.h"
#include "identity/secret_token.h"

namespace guichet::identity {

core::Result<std::string> issue_link(Transaction& tx, const Account& account, TokenPurpose purpose,
                                     const std::string& to, const std::string& template_name, const MailContext& mail,
                                     core::Instant now, const std::string& new_email,
                                     std::map<std::string, std::string> extra) {
    GUICHET_TRY_STATUS(tx.identity().revoke_tokens(account.id, purpose, now));
    const std::string token = generate_secret_token();
    AccountToken stored{token_digest(token),           account.id,  account.commune, purpose, new_email, now,
                        now + token_lifetime(purpose), std::nullopt};
    GUICHET_TRY_STATUS(tx.identity().insert_token(stored));
    std::map<std::string, std::string> variables = std::move(extra);
    variables["token"] = token;
    if (!new_email.empty()) {
        variables["new_email"] = new_email;
    }
    GUICHET_TRY_STATUS(queue_mail(tx, account, to, template_name, mail, std::move(variables)));
    return token;
}

core::Status queue_mail(Transaction& tx, const Account& account, const std::string& to,
                        const std::string& template_name, const MailContext& mail,
                        std::map<std::string, std::string> variables) {
    variables["civility"] = std::string(civility_name(account.contact.civility));
    variables["last_name"] = account.contact.last_name;
    variables["first_name"] = account.contact.first_name;
    return tx.outbox().enqueue({account.commune, to, template_name, mail.language, std::move(variables)});
}

core::Result<bool> mail_allowed(Transaction& tx, const Account& account, std::string_view purpose, core::Instant now) {
    const std::string key = "mail:" + std::string(purpose) + ":" + std::to_string(account.id.value());
    GUICHET_TRY(state, tx.throttles().state(key));
    if (!throttle_allows(state, now)) {
        return false;
    }
    GUICHET_TRY_STATUS(tx.throttles().record_failure(key, kMailThrottle, now));
    return true;
}

core::Result<bool> unverified_mail_allowed(Transaction& tx, const SignupLimits& limits, std::string_view address,
                                           core::Instant now) {
    const std::string key = "unverified-mail:" + core::ascii_lowercase(core::trim(address));
    GUICHET_TRY(state, tx.throttles().state(key));
    if (!throttle_allows(state, now)) {
        return false;
    }
    GUICHET_TRY_STATUS(tx.throttles().record_failure(key, limits.per_unverified_address, now));
    return true;
}

core::Result<FieldErrors> RegistrationService::sign_up(core::CommuneId commune, const SignupForm& form,
                                                       const RequestOrigin& origin, const MailContext& mail) {
    const core::Instant now = m_context.clock.now();
    // Hash first: it is slow, and must not hold the transaction open.
    const std::string hash = m_context.hasher.hash(form.password);
    FieldErrors errors;
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(taken, tx.identity().username_taken(commune, form.username));
        if (taken) {
            errors.push_back({"username", "err_username_taken"});
            return {};
        }
        // Every sign-up that gets this far sends a mail: limited per network address, and per destination (counted
        // the same whether the address has an account or not, so that the limit tells nothing about accounts).
        const std::string address_key = "signup-ip:" + origin.ip;
        GUICHET_TRY(from_address, tx.throttles().state(address_key));
        if (!throttle_allows(from_address, now)) {
            return core::fail(core::ErrorCode::throttled, "err_signups_throttled");
        }
        GUICHET_TRY_STATUS(tx.throttles().record_failure(address_key, m_context.signups.per_address, now));
        GUICHET_TRY(mail_allowed_here, unverified_mail_allowed(tx, m_context.signups, form.email, now));
        if (!mail_allowed_here) {
            errors.push_back({"email", "err_mail_quota"});
            return {};
        }
        GUICHET_TRY(existing, tx.identity().find_account_by_email(commune, form.email));
        if (existing) {
            GUICHET_TRY(allowed, mail_allowed(tx, *existing, "already_registered", now));
            if (allowed) {
                GUICHET_TRY_STATUS(queue_mail(tx, *existing, existing->email, "already_registered", mail));
            }
            return tx.audit().record(
                {commune, existing->id, std::nullopt, "signup_existing_email", origin.ip, {}, now});
        }
        Account account;
        account.commune = commune;
        account.role = Role::parent;
        account.status = AccountStatus::pending_confirmation;
        account.username = form.username;
        account.email = form.email;
        account.contact = form.contact;
        account.password_hash = hash;
        account.pending_childcare_key =
            form.childcare_key.empty() ? std::string() : *canonical_childcare_key(form.childcare_key);
        account.created_at = now;
        auto inserted = tx.identity().insert_account(account);
        if (!inserted && inserted.error().code == core::ErrorCode::conflict) {
            errors.push_back({"username", "err_username_taken"});  // taken a moment ago by another sign-up
            return {};
        }
        GUICHET_TRY(id, std::move(inserted));
        account.id = id;
        GUICHET_TRY(token,
                    issue_link(tx, account, TokenPurpose::confirm_email, account.email, "confirm_email", mail, now));
        (void)token;
        return tx.audit().record({commune, id, std::nullopt, "signup", origin.ip, {}, now});
    }));
    return errors;
}

core::Result<Account> confirm_email_in(Transaction& tx, core::CommuneId commune, std::string_view token,
                                       const RequestOrigin& origin, core::Instant now) {
    GUICHET_TRY(found, tx.identity().find_token(commune, token_digest(token)));
    if (!found || !found->usable_for(TokenPurpose::confirm_email, now)) {
        return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
    }
    GUICHET_TRY(account, tx.identity().find_account(commune, found->account));
    if (!account || account->status != AccountStatus::pending_confirmation) {
        return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
    }
    account->status = AccountStatus::active;
    GUICHET_TRY_STATUS(tx.identity().update_account(*account));
    GUICHET_TRY_STATUS(tx.identity().mark_token_used(found->digest, now));
    GUICHET_TRY_STATUS(tx.audit().record({commune, account->id, std::nullopt, "email_confirmed", origin.ip, {}, now}));
    return std::move(*account);
}

core::Result<Account> RegistrationService::confirm_email(core::CommuneId commune, std::string_view token,
                                                         const RequestOrigin& origin) {
    const core::Instant now = m_context.clock.now();
    std::optional<Account> confirmed;
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(account, confirm_email_in(tx, commune, token, origin, now));
        confirmed = std::move(account);
        return {};
    }));
    return std::move(*confirmed);
}

core::Status RegistrationService::resend_confirmation(core::CommuneId commune, std::string_view email,
                                                      const RequestOrigin& origin, const MailContext& mail) {
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(account, tx.identity().find_account_by_email(commune, core::trim(email)));
        if (!account || account->status != AccountStatus::pending_confirmation) {
            return {};
        }
        GUICHET_TRY(allowed, mail_allowed(tx, *account, "confirm_email", now));
        if (!allowed) {
            return {};
        }
        GUICHET_TRY(to_unverified, unverified_mail_allowed(tx, m_context.signups, account->email, now));
        if (!to_unverified) {
            return {};
        }
        GUICHET_TRY(token,
                    issue_link(tx, *account, TokenPurpose::confirm_email, account->email, "confirm_email", mail, now));
        (void)token;
        return tx.audit().record({commune, account->id, std::nullopt, "confirmation_resent", origin.ip, {}, now});
    });
}

core::Result<bool> RegistrationService::token_is_usable(core::CommuneId commune, std::string_view token,
                                                        TokenPurpose purpose) {
    const core::Instant now = m_context.clock.now();
    bool usable = false;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().find_token(commune, token_digest(token)));
        usable = found && found->usable_for(purpose, now);
        return {};
    }));
    return usable;
}

}  // namespace guichet::identity
