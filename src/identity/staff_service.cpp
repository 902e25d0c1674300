#include "identity/staff_service.h"

#include "core/text.h"
#include "identity/registration_service.h"

namespace guichet::identity {

core::Result<std::string> StaffService::create(core::CommuneId commune, const NewStaffMember& member,
                                               std::optional<core::AccountId> actor, FieldErrors& errors,
                                               const RequestOrigin& origin, const MailContext& mail) {
    const std::string email = core::trim(member.email);
    if (auto problem = check_email(email)) {
        errors.push_back({"email", *problem});
    }
    if (!is_staff(member.role)) {
        errors.push_back({"role", "err_role"});
    }
    ContactDetails contact;
    contact.first_name = core::trim(member.first_name);
    contact.last_name = core::trim(member.last_name);
    if (contact.first_name.empty())
        errors.push_back({"first_name", "err_required"});
    if (contact.last_name.empty())
        errors.push_back({"last_name", "err_required"});
    if (!errors.empty()) {
        return std::string();
    }
    const core::Instant now = m_context.clock.now();
    std::string token;
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(existing, tx.identity().find_account_by_email(commune, email));
        GUICHET_TRY(taken, tx.identity().username_taken(commune, email));
        if (existing || taken) {
            errors.push_back({"email", "err_email_taken"});
            return {};
        }
        Account account;
        account.commune = commune;
        account.role = member.role;
        account.status = AccountStatus::active;
        account.username = core::ascii_lowercase(email);
        account.email = email;
        account.contact = contact;
        account.created_at = now;
        GUICHET_TRY(id, tx.identity().insert_account(account));
        account.id = id;
        GUICHET_TRY(issued, issue_link(tx, account, TokenPurpose::set_password, email, "agent_invitation", mail, now,
                                       {}, {{"role", std::string(role_name(member.role))}}));
        token = std::move(issued);
        return tx.audit().record(
            {commune, id, actor, "agent_created", origin.ip, std::string(role_name(member.role)), now});
    }));
    return token;
}

core::Result<std::vector<Account>> StaffService::list(core::CommuneId commune) {
    std::vector<Account> staff;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().list_accounts(commune, {Role::agent, Role::admin}));
        staff = std::move(found);
        return {};
    }));
    return staff;
}

core::Status StaffService::change_role(core::CommuneId commune, core::AccountId account_id, Role role,
                                       core::AccountId actor, const RequestOrigin& origin) {
    if (!is_staff(role)) {
        return core::fail(core::ErrorCode::invalid_input, "err_role", "role");
    }
    if (account_id == actor) {
        return core::fail(core::ErrorCode::forbidden, "err_own_role");
    }
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(account, tx.identity().find_account(commune, account_id));
        if (!account || !is_staff(account->role)) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        if (account->role == role) {
            return {};
        }
        const std::string detail = std::string(role_name(account->role)) + " -> " + std::string(role_name(role));
        account->role = role;
        GUICHET_TRY_STATUS(tx.identity().update_account(*account));
        GUICHET_TRY_STATUS(tx.identity().delete_sessions_of(account->id));
        return tx.audit().record({commune, account->id, actor, "role_changed", origin.ip, detail, now});
    });
}

core::Result<std::vector<Account>> StaffService::closure_requests(core::CommuneId commune) {
    std::vector<Account> requests;
    GUICHET_TRY_STATUS(m_context.work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(found, tx.identity().list_closure_requests(commune));
        requests = std::move(found);
        return {};
    }));
    return requests;
}

core::Status StaffService::confirm_closure(core::CommuneId commune, core::AccountId account_id, core::AccountId actor,
                                           const RequestOrigin& origin, const MailContext& mail) {
    const core::Instant now = m_context.clock.now();
    return m_context.work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(account, tx.identity().find_account(commune, account_id));
        if (!account || account->status != AccountStatus::closure_requested) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        const std::string address = account->email;
        GUICHET_TRY_STATUS(tx.outbox().drop_unsent_to(commune, address));
        GUICHET_TRY_STATUS(queue_mail(tx, *account, address, "account_closed", mail));
        GUICHET_TRY_STATUS(tx.identity().delete_sessions_of(account->id));
        GUICHET_TRY_STATUS(tx.identity().delete_tokens_of(account->id));
        const std::string anonymous = "ferme-" + std::to_string(account->id.value());
        account->status = AccountStatus::closed;
        account->username = anonymous;
        account->email = anonymous + "@invalid";
        account->contact = ContactDetails{};
        account->password_hash.clear();
        account->pending_childcare_key.clear();
        GUICHET_TRY_STATUS(tx.identity().update_account(*account));
        return tx.audit().record({commune, account->id, actor, "account_closed", origin.ip, {}, now});
    });
}

}  // namespace guichet::identity
