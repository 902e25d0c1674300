#include "identity/profile_service.h"

#include "identity/reauthentication.h"

namespace guichet::identity {

core::Result<FieldErrors> ProfileService::update_contact(const Account& account, const ContactDetails& contact,
                                                         const RequestOrigin& origin) {
    const ContactDetails clean = trimmed(contact);
    FieldErrors errors = validate_contact(clean);
    if (!errors.empty()) {
        return errors;
    }
    const core::Instant now = m_context.clock.now();
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.identity().find_account(account.commune, account.id));
        if (!fresh) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        fresh->contact = clean;
        GUICHET_TRY_STATUS(tx.identity().update_account(*fresh));
        return tx.audit().record({account.commune, account.id, std::nullopt, "contact_changed", origin.ip, {}, now});
    }));
    return errors;
}

core::Result<AccountDataExport> ProfileService::export_data(const Account& account, const RequestOrigin& origin) {
    const core::Instant now = m_context.clock.now();
    AccountDataExport data;
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.identity().find_account(account.commune, account.id));
        if (!fresh) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        GUICHET_TRY_STATUS(
            tx.audit().record({account.commune, account.id, std::nullopt, "data_exported", origin.ip, {}, now}));
        GUICHET_TRY(sessions, tx.identity().sessions_of(account.id));
        GUICHET_TRY(events, tx.audit().events_of(account.commune, account.id));
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
        // The password is not checked: without the box ticked nothing is closed, so nothing is said of it.
        errors.push_back({"confirm", "err_confirm_required"});
        return errors;
    }
    GUICHET_TRY(reauthenticated, Reauthentication(m_context).confirm(account, password, origin, errors));
    if (!reauthenticated) {
        return errors;
    }
    const core::Instant now = m_context.clock.now();
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(fresh, tx.identity().find_account(account.commune, account.id));
        if (!fresh || fresh->status != AccountStatus::active) {
            return {};  // already requested (or closed meanwhile): nothing more to do
        }
        fresh->status = AccountStatus::closure_requested;
        fresh->closure_requested_at = now;
        GUICHET_TRY_STATUS(tx.identity().update_account(*fresh));
        return tx.audit().record({account.commune, account.id, std::nullopt, "closure_requested", origin.ip, {}, now});
    }));
    return errors;
}

core::Status settle_pending_childcare_key(Transaction& tx, core::CommuneId commune, core::AccountId account,
                                          bool linked) {
    GUICHET_TRY(fresh, tx.identity().find_account(commune, account));
    if (!fresh || fresh->pending_childcare_key.empty()) {
        return {};
    }
    fresh->pending_childcare_key = linked ? std::string() : std::string(kFailedChildcareKey);
    return tx.identity().update_account(*fresh);
}

}  // namespace guichet::identity
