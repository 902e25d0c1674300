#include "identity/reauthentication.h"

#include <string>

namespace guichet::identity {

core::Result<bool> Reauthentication::confirm(const Account& account, std::string_view password,
                                             const RequestOrigin& origin, FieldErrors& errors) const {
    if (password.empty()) {
        errors.push_back({"current_password", "err_required"});
        return false;
    }
    const std::string key = "reauth:" + std::to_string(account.id.value());
    const core::Instant now = m_context.clock.now();
    bool blocked = false;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(state, tx.throttles().state(key));
        blocked = !throttle_allows(state, now);
        return {};
    }));
    if (blocked) {
        errors.push_back({"current_password", "err_reauth_throttled"});
        return false;
    }
    if (m_context.hasher.verify(account.password_hash, password)) {
        return true;
    }
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY_STATUS(tx.throttles().record_failure(key, kAccountThrottle, now));
        return tx.audit().record(
            {account.commune, account.id, std::nullopt, "reauthentication_failure", origin.ip, {}, now});
    }));
    errors.push_back({"current_password", "err_current_password"});
    return false;
}

}  // namespace guichet::identity
