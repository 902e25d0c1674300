#include "identity/credential_service.h"

#include "core/text.h"
#include "identity/registration_service.h"
#include "identity/secret_token.h"

namespace guichet::identity {
namespace {

core::Status notify_change(Transaction& tx, const Account& account, const std::string& to, std::string_view change,
                           const MailContext& mail, core::Instant now) {
    return queue_mail(tx, account, to, "credential_changed", mail,
                      {{"change", std::string(change)}, {"when_us", std::to_string(now.time_since_epoch().count())}});
}

}  // namespace

core::Status revoke_credential_links(Transaction& tx, core::AccountId account, core::Instant now) {
    // A new password must not leave behind a link that could change the address or the password again.
    GUICHET_TRY_STATUS(tx.identity().revoke_tokens(account, TokenPurpose::email_change, now));
    return tx.identity().revoke_tokens(account, TokenPurpose::password_reset, now);
}

core::Status CredentialService::request_password_reset(core::CommuneId commune, std::string_view email,
                                                       const RequestOrigin& origin, const MailContext& mail) {
    const core::Instant now = m_context.clock.now();
    const std::string address = core::ascii_lowercase(core::trim(email));
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        // Both answers (an account, no account) do the same work up to the mail itself: the same throttle, by
        // address, the same counts, a token drawn and an audit row written, so that the time of the answer does not
        // tell which addresses have an account.
        const std::string key = "mail:password_reset:" + address;
        GUICHET_TRY(state, tx.throttles().state(key));
        if (!throttle_allows(state, now)) {
            return {};
        }
        GUICHET_TRY_STATUS(tx.throttles().record_failure(key, kMailThrottle, now));
        GUICHET_TRY(found, tx.identity().find_account_by_email(commune, address));
        const bool open = found && found->status != AccountStatus::closed;
        if (open && found->status == AccountStatus::pending_confirmation) {
            // The address of an unconfirmed sign-up was never proved: the reset link is one more mail to it.
            GUICHET_TRY(to_unverified, unverified_mail_allowed(tx, m_context.signups, address, now));
            if (!to_unverified) {
                return {};
            }
        }
        if (!open) {
            // What issue_link does before its two inserts: revoke older links (none match), draw a token.
            GUICHET_TRY_STATUS(tx.identity().revoke_tokens(core::AccountId{0}, TokenPurpose::password_reset, now));
            (void)token_digest(generate_secret_token());
            return tx.audit().record(
                {commune, std::nullopt, std::nullopt, "password_reset_unknown", origin.ip, {}, now});
        }
        GUICHET_TRY(token,
                    issue_link(tx, *found, TokenPurpose::password_reset, found->email, "password_reset", mail, now));
        (void)token;
        return tx.audit().record({commune, found->id, std::nullopt, "password_reset_requested", origin.ip, {}, now});
    });
}

core::Result<FieldErrors> CredentialService::reset_password(core::CommuneId commune, std::string_view token,
                                                            TokenPurpose purpose, std::string_view new_password,
                                                            const RequestOrigin& origin, const MailContext& mail) {
    const core::Instant now = m_context.clock.now();
    const std::string digest = token_digest(token);
    std::optional<Account> account;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().find_token(commune, digest));
        if (found && found->usable_for(purpose, now)) {
            GUICHET_TRY(owner, tx.identity().find_account(commune, found->account));
            account = std::move(owner);
        }
        return {};
    }));
    if (!account || account->status == AccountStatus::closed) {
        return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
    }
    if (auto problem = m_context.policy.check(new_password, account->username, account->email)) {
        return FieldErrors{{"password", *problem}};
    }
    const std::string hash = m_context.hasher.hash(new_password);
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().find_token(commune, digest));
        if (!found || !found->usable_for(purpose, now)) {
            return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");  // used meanwhile
        }
        GUICHET_TRY(fresh, tx.identity().find_account(commune, found->account));
        if (!fresh) {
            return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
        }
        fresh->password_hash = hash;
        if (fresh->status == AccountStatus::pending_confirmation) {
            fresh->status = AccountStatus::active;  // the link proved the address
        }
        GUICHET_TRY_STATUS(tx.identity().update_account(*fresh));
        GUICHET_TRY_STATUS(tx.identity().mark_token_used(digest, now));
        GUICHET_TRY_STATUS(revoke_credential_links(tx, fresh->id, now));
        GUICHET_TRY_STATUS(tx.identity().delete_sessions_of(fresh->id));
        GUICHET_TRY_STATUS(notify_change(tx, *fresh, fresh->email, "password", mail, now));
        return tx.audit().record({commune,
                                  fresh->id,
                                  std::nullopt,
                                  purpose == TokenPurpose::set_password ? "password_set" : "password_reset",
                                  origin.ip,
                                  {},
                                  now});
    }));
    return FieldErrors{};
}

core::Result<std::string> CredentialService::change_password(const Account& account, std::string_view current,
                                                             std::string_view replacement, FieldErrors& errors,
                                                             const RequestOrigin& origin, const MailContext& mail) {
    if (auto problem = m_context.policy.check(replacement, account.username, account.email)) {
        errors.push_back({"new_password", *problem});
        return std::string();
    }
    GUICHET_TRY(confirmed, m_reauthentication.confirm(account, current, origin, errors));
    if (!confirmed) {
        return std::string();
    }
    const std::string hash = m_context.hasher.hash(replacement);
    const core::Instant now = m_context.clock.now();
    std::string token;
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.identity().find_account(account.commune, account.id));
        if (!fresh) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        fresh->password_hash = hash;
        GUICHET_TRY_STATUS(tx.identity().update_account(*fresh));
        GUICHET_TRY_STATUS(revoke_credential_links(tx, fresh->id, now));
        GUICHET_TRY_STATUS(tx.identity().delete_sessions_of(fresh->id));
        GUICHET_TRY(started, m_authentication.start_session(tx, *fresh, origin, now));
        token = std::move(started);
        GUICHET_TRY_STATUS(notify_change(tx, *fresh, fresh->email, "password", mail, now));
        return tx.audit().record({fresh->commune, fresh->id, std::nullopt, "password_changed", origin.ip, {}, now});
    }));
    return token;
}

core::Status CredentialService::change_username(const Account& account, std::string_view current_password,
                                                std::string_view username, FieldErrors& errors,
                                                const RequestOrigin& origin, const MailContext& mail) {
    const std::string wanted = core::trim(username);
    if (auto problem = check_username(wanted)) {
        errors.push_back({"username", *problem});
        return {};
    }
    GUICHET_TRY(confirmed, m_reauthentication.confirm(account, current_password, origin, errors));
    if (!confirmed) {
        return {};
    }
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.identity().find_account(account.commune, account.id));
        if (!fresh) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        if (core::ascii_lowercase(fresh->username) != core::ascii_lowercase(wanted)) {
            GUICHET_TRY(taken, tx.identity().username_taken(account.commune, wanted));
            if (taken) {
                errors.push_back({"username", "err_username_taken"});
                return {};
            }
        }
        const std::string before = fresh->username;
        fresh->username = wanted;
        GUICHET_TRY_STATUS(tx.identity().update_account(*fresh));
        GUICHET_TRY_STATUS(notify_change(tx, *fresh, fresh->email, "username", mail, now));
        return tx.audit().record({fresh->commune, fresh->id, std::nullopt, "username_changed", origin.ip,
                                  "from " + before + " to " + wanted, now});
    });
}

core::Status CredentialService::change_email(const Account& account, std::string_view current_password,
                                             std::string_view email, FieldErrors& errors, const RequestOrigin& origin,
                                             const MailContext& mail) {
    const std::string wanted = core::trim(email);
    if (auto problem = check_email(wanted)) {
        errors.push_back({"email", *problem});
        return {};
    }
    if (core::ascii_lowercase(wanted) == core::ascii_lowercase(account.email)) {
        errors.push_back({"email", "err_email_same"});
        return {};
    }
    GUICHET_TRY(confirmed, m_reauthentication.confirm(account, current_password, origin, errors));
    if (!confirmed) {
        return {};
    }
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(allowed, mail_allowed(tx, account, "email_change", now));
        if (!allowed) {
            errors.push_back({"email", "err_login_throttled"});
            return {};
        }
        GUICHET_TRY(to_unverified, unverified_mail_allowed(tx, m_context.signups, wanted, now));
        if (!to_unverified) {
            errors.push_back({"email", "err_mail_quota"});
            return {};
        }
        GUICHET_TRY(owner, tx.identity().find_account_by_email(account.commune, wanted));
        if (owner) {
            // Seen from the requester, this must look exactly like the other branch: a pending address, a notice.
            // The link is recorded but never sent, and could not be used anyway (the address is taken).
            GUICHET_TRY_STATUS(tx.identity().revoke_tokens(account.id, TokenPurpose::email_change, now));
            GUICHET_TRY_STATUS(tx.identity().insert_token(
                {token_digest(generate_secret_token()), account.id, account.commune, TokenPurpose::email_change, wanted,
                 now, now + token_lifetime(TokenPurpose::email_change), std::nullopt}));
            GUICHET_TRY_STATUS(queue_mail(tx, *owner, owner->email, "already_registered", mail));
        } else {
            GUICHET_TRY(token,
                        issue_link(tx, account, TokenPurpose::email_change, wanted, "email_change", mail, now, wanted));
            (void)token;
        }
        GUICHET_TRY_STATUS(notify_change(tx, account, account.email, "email_requested", mail, now));
        return tx.audit().record(
            {account.commune, account.id, std::nullopt, "email_change_requested", origin.ip, {}, now});
    });
}

core::Status CredentialService::confirm_email_change(core::CommuneId commune, std::string_view token,
                                                     const RequestOrigin& origin, const MailContext& mail) {
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        const std::string digest = token_digest(token);
        GUICHET_TRY(found, tx.identity().find_token(commune, digest));
        if (!found || !found->usable_for(TokenPurpose::email_change, now)) {
            return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
        }
        GUICHET_TRY(account, tx.identity().find_account(commune, found->account));
        GUICHET_TRY(owner, tx.identity().find_account_by_email(commune, found->new_email));
        if (!account || account->status == AccountStatus::closed || owner) {
            return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
        }
        const std::string old_email = account->email;
        account->email = found->new_email;
        GUICHET_TRY_STATUS(tx.identity().update_account(*account));
        GUICHET_TRY_STATUS(tx.identity().mark_token_used(digest, now));
        GUICHET_TRY_STATUS(notify_change(tx, *account, old_email, "email", mail, now));
        return tx.audit().record({commune, account->id, std::nullopt, "email_changed", origin.ip, {}, now});
    });
}

core::Result<std::optional<std::string>> CredentialService::pending_email(const Account& account) {
    std::optional<std::string> pending;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(token, tx.identity().pending_email_change(account.id, m_context.clock.now()));
        if (token) {
            pending = token->new_email;
        }
        return {};
    }));
    return pending;
}

}  // namespace guichet::identity
