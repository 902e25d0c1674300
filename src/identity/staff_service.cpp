#include "identity/staff_service.h"

#include "core/text.h"
#include "identity/person_name.h"
#include "identity/registration_service.h"

namespace guichet::identity {
namespace {

// The route already asks for an admin; the use case checks it again, in its own transaction, so that no other caller
// (a later route, a command) can do an admin's work with an agent's account.
core::Status require_admin(Transaction& tx, core::CommuneId commune, core::AccountId actor) {
    GUICHET_TRY(account, tx.identity().find_account(commune, actor));
    if (!account || account->role != Role::admin || account->status != AccountStatus::active) {
        return core::fail(core::ErrorCode::forbidden, "error_forbidden");
    }
    return {};
}

}  // namespace

std::string closed_account_name(core::AccountId account) {
    return "#closed-" + std::to_string(account.value());
}

core::Result<std::string> StaffService::create(core::CommuneId commune, const NewStaffMember& member,
                                               std::optional<core::AccountId> actor, FieldErrors& errors,
                                               const RequestOrigin& origin, const MailContext& mail) {
    const std::string email = core::trim(member.email);
    if (auto problem = check_email(email)) {
        errors.push_back({"email", *problem});
    }
    if (!works_for_commune(member.role)) {
        errors.push_back({"role", "err_role"});
    }
    ContactDetails contact;
    contact.first_name = core::trim(member.first_name);
    contact.last_name = core::trim(member.last_name);
    if (auto problem = check_person_name(contact.first_name))
        errors.push_back({"first_name", *problem});
    if (auto problem = check_person_name(contact.last_name))
        errors.push_back({"last_name", *problem});
    if (!errors.empty()) {
        return std::string();
    }
    const core::Instant now = m_context.clock.now();
    std::string token;
    GUICHET_TRY_STATUS(m_context.work.write([&](Transaction& tx) -> core::Status {
        if (actor) {
            GUICHET_TRY_STATUS(require_admin(tx, commune, *actor));
        }
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
        GUICHET_TRY(found, tx.identity().list_accounts(commune, {Role::agent, Role::admin, Role::site_staff}));
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
        GUICHET_TRY_STATUS(require_admin(tx, commune, actor));
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
        GUICHET_TRY_STATUS(require_admin(tx, commune, actor));
        GUICHET_TRY(account, tx.identity().find_account(commune, account_id));
        if (!account || account->status != AccountStatus::closure_requested) {
            return core::fail(core::ErrorCode::not_found, "error_not_found");
        }
        const std::string address = account->email;
        GUICHET_TRY_STATUS(tx.outbox().drop_unsent_to(commune, address));
        GUICHET_TRY_STATUS(queue_mail(tx, *account, address, "account_closed", mail));
        GUICHET_TRY_STATUS(tx.identity().delete_sessions_of(account->id));
        GUICHET_TRY_STATUS(tx.identity().delete_tokens_of(account->id));
        // Outside the names a person can choose (check_username, check_email refuse "#"), so that no sign-up made
        // beforehand can take it and block the erasure.
        const std::string anonymous = closed_account_name(account->id);
        account->status = AccountStatus::closed;
        account->username = anonymous;
        account->email = anonymous;
        account->contact = ContactDetails{};
        account->password_hash.clear();
        account->pending_childcare_key.clear();
        GUICHET_TRY_STATUS(tx.identity().update_account(*account));
        return tx.audit().record({commune, account->id, actor, "account_closed", origin.ip, {}, now});
    });
}

}  // namespace guichet::identity
