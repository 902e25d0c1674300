#include "identity/profile_service.h"

namespace guichet::identity {

core::Result<FieldErrors> ProfileService::update_contact(const Account& account, const ContactDetails& contact,
                                                         const RequestOrigin& origin) {
    const ContactDetails clean = trimmed(contact);
    FieldErrors errors = validate_contact(clean);
    if (!errors.empty()) {
        return errors;
    }
    const core::Instant now = m_context.clock.now();
    GUICHET_TRY_STATUS(m_context.store.transact([&](IdentityTransaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.find_account(account.commune, account.id));
        if (!fresh) {
            return core::fail(core::ErrorCode::not_found, "account gone");
        }
        fresh->contact = clean;
        GUICHET_TRY_STATUS(tx.update_account(*fresh));
        return tx.record({account.commune, account.id, std::nullopt, "contact_changed", origin.ip, {}, now});
    }));
    return errors;
}

core::Result<AccountDataExport> ProfileService::export_data(const Account& account, const RequestOrigin& origin) {
    const core::Instant now = m_context.clock.now();
    AccountDataExport data;
    GUICHET_TRY_STATUS(m_context.store.transact([&](IdentityTransaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.find_account(account.commune, account.id));
        if (!fresh) {
            return core::fail(core::ErrorCode::not_found, "account gone");
        }
        GUICHET_TRY_STATUS(tx.record({account.commune, account.id, std::nullopt, "data_exported", origin.ip, {}, now}));
        GUICHET_TRY(sessions, tx.sessions_of(account.id));
        GUICHET_TRY(events, tx.audit_of(account.commune, account.id));
        data = AccountDataExport{std::move(*fresh), std::move(sessions), std::move(events)};
        return {};
    }));
    data.account.password_hash.clear();  // a hash is not "data about the person"; it stays out of files
    for (auto& session : data.sessions) {
        session.digest.clear();
    }
    return data;
}

core::Result<FieldErrors> ProfileService::request_closure(const Account& account, std::string_view password,
                                                          bool confirmed, const RequestOrigin& origin) {
    FieldErrors errors;
    if (!confirmed) {
        errors.push_back({"confirm", "err_confirm_required"});
    }
    if (password.empty()) {
        errors.push_back({"current_password", "err_required"});
    } else if (!m_context.hasher.verify(account.password_hash, password)) {
        errors.push_back({"current_password", "err_current_password"});
    }
    if (!errors.empty()) {
        return errors;
    }
    const core::Instant now = m_context.clock.now();
    GUICHET_TRY_STATUS(m_context.store.transact([&](IdentityTransaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.find_account(account.commune, account.id));
        if (!fresh || fresh->status != AccountStatus::active) {
            return {};  // already requested (or closed meanwhile): nothing more to do
        }
        fresh->status = AccountStatus::closure_requested;
        fresh->closure_requested_at = now;
        GUICHET_TRY_STATUS(tx.update_account(*fresh));
        return tx.record({account.commune, account.id, std::nullopt, "closure_requested", origin.ip, {}, now});
    }));
    return errors;
}

core::Status ProfileService::clear_pending_childcare_key(const Account& account, bool linked) {
    return m_context.store.transact([&](IdentityTransaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.find_account(account.commune, account.id));
        if (!fresh || fresh->pending_childcare_key.empty()) {
            return {};
        }
        fresh->pending_childcare_key = linked ? std::string() : std::string(kFailedChildcareKey);
        return tx.update_account(*fresh);
    });
}

}  // namespace guichet::identity
