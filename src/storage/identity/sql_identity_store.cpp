#include "storage/identity/sql_identity_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/text.h"
#include "storage/sql_error.h"
#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

using identity::Account;
using identity::AccountToken;
using identity::Session;

constexpr const char* kAccountColumns =
    "SELECT id, commune_id, CASE WHEN site_staff = 1 THEN 'site_staff' ELSE role END, status, username, email, "
    "civility, last_name, first_name, address_line, "
    "address_complement, postal_code, city, mobile_phone, landline_phone, password_hash, pending_childcare_key, "
    "created_at_us, last_login_at_us, previous_login_at_us, closure_requested_at_us FROM account ";

struct AccountRow {
    long long id = 0, commune = 0, created = 0;
    std::string role, status, username, email, civility, last_name, first_name, line, complement, postal, city, mobile,
        landline, hash, pending_key;
    OptionalInstantColumn last_login, previous_login, closure_requested;

    void bind(soci::statement& s) {
        for (long long* column : {&id, &commune})
            s.exchange(soci::into(*column));
        for (std::string* column : {&role, &status, &username, &email, &civility, &last_name, &first_name, &line,
                                    &complement, &postal, &city, &mobile, &landline, &hash, &pending_key}) {
            s.exchange(soci::into(*column));
        }
        s.exchange(soci::into(created));
        for (OptionalInstantColumn* column : {&last_login, &previous_login, &closure_requested}) {
            s.exchange(soci::into(column->micros, column->indicator));
        }
    }

    [[nodiscard]] Account value() const {
        Account account;
        account.id = core::AccountId{id};
        account.commune = core::CommuneId{commune};
        account.role = identity::role_from_name(role).value_or(identity::Role::parent);
        account.status = identity::account_status_from_name(status).value_or(identity::AccountStatus::closed);
        account.username = username;
        account.email = email;
        account.contact.civility = identity::civility_from_name(civility).value_or(identity::Civility::unspecified);
        account.contact.last_name = last_name;
        account.contact.first_name = first_name;
        account.contact.address = {line, complement, postal, city};
        account.contact.mobile_phone = mobile;
        account.contact.landline_phone = landline;
        account.password_hash = hash;
        account.pending_childcare_key = pending_key;
        account.created_at = from_micros(created);
        account.last_login_at = last_login.get();
        account.previous_login_at = previous_login.get();
        account.closure_requested_at = closure_requested.get();
        return account;
    }
};

constexpr const char* kTokenColumns =
    "SELECT digest, account_id, commune_id, purpose, new_email, created_at_us, expires_at_us, used_at_us "
    "FROM account_token ";

struct TokenRow {
    std::string digest, purpose, new_email;
    long long account = 0, commune = 0, created = 0, expires = 0;
    OptionalInstantColumn used;

    void bind(soci::statement& s) {
        s.exchange(soci::into(digest));
        s.exchange(soci::into(account));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(purpose));
        s.exchange(soci::into(new_email));
        s.exchange(soci::into(created));
        s.exchange(soci::into(expires));
        s.exchange(soci::into(used.micros, used.indicator));
    }
    [[nodiscard]] AccountToken value() const {
        return {digest,
                core::AccountId{account},
                core::CommuneId{commune},
                identity::token_purpose_from_name(purpose).value_or(identity::TokenPurpose::confirm_email),
                new_email,
                from_micros(created),
                from_micros(expires),
                used.get()};
    }
};

constexpr const char* kSessionColumns =
    "SELECT digest, account_id, commune_id, created_at_us, last_seen_at_us, ip, user_agent FROM session ";

struct SessionRow {
    std::string digest, ip, agent;
    long long account = 0, commune = 0, created = 0, seen = 0;

    void bind(soci::statement& s) {
        s.exchange(soci::into(digest));
        s.exchange(soci::into(account));
        s.exchange(soci::into(commune));
        s.exchange(soci::into(created));
        s.exchange(soci::into(seen));
        s.exchange(soci::into(ip));
        s.exchange(soci::into(agent));
    }
    [[nodiscard]] Session value() const {
        return {digest, core::AccountId{account}, core::CommuneId{commune}, from_micros(created), from_micros(seen), ip,
                agent};
    }
};

constexpr const char* kSessionWithAccountColumns =
    "SELECT s.digest, s.account_id, s.commune_id, s.created_at_us, s.last_seen_at_us, s.ip, s.user_agent, a.id, "
    "a.commune_id, CASE WHEN a.site_staff = 1 THEN 'site_staff' ELSE a.role END, a.status, a.username, a.email, "
    "a.civility, a.last_name, a.first_name, a.address_line, "
    "a.address_complement, a.postal_code, a.city, a.mobile_phone, a.landline_phone, a.password_hash, "
    "a.pending_childcare_key, a.created_at_us, a.last_login_at_us, a.previous_login_at_us, "
    "a.closure_requested_at_us ";

// A session and its account, read by one query for every signed-in page.
struct SessionWithAccountRow {
    SessionRow session;
    AccountRow account;

    void bind(soci::statement& s) {
        session.bind(s);
        account.bind(s);
    }
    [[nodiscard]] std::pair<Session, Account> value() const { return {session.value(), account.value()}; }
};

// The account columns that a write sets, bound by reference from one Account.
struct AccountValues {
    explicit AccountValues(const Account& account)
        : commune(account.commune.value()),
          // Site staff are agents limited to their sites (migration 10).
          role(identity::role_name(account.role == identity::Role::site_staff ? identity::Role::agent : account.role)),
          site_staff(account.role == identity::Role::site_staff ? 1 : 0),
          status(identity::account_status_name(account.status)),
          username(account.username),
          username_lower(core::ascii_lowercase(account.username)),
          email(account.email),
          email_lower(core::ascii_lowercase(account.email)),
          civility(identity::civility_name(account.contact.civility)),
          contact(account.contact),
          hash(account.password_hash),
          pending_key(account.pending_childcare_key),
          created(to_micros(account.created_at)) {
        last_login.set(account.last_login_at);
        previous_login.set(account.previous_login_at);
        closure_requested.set(account.closure_requested_at);
    }

    long long commune;
    std::string role;
    long long site_staff;
    std::string status, username, username_lower, email, email_lower, civility;
    identity::ContactDetails contact;
    std::string hash, pending_key;
    long long created;
    OptionalInstantColumn last_login, previous_login, closure_requested;
};

void insert_account_row(soci::session& session, AccountValues& v, long long& id) {
    session << "INSERT INTO account (commune_id, role, status, username, username_lower, email, email_lower, "
               "civility, last_name, first_name, address_line, address_complement, postal_code, city, "
               "mobile_phone, landline_phone, password_hash, pending_childcare_key, created_at_us, "
               "last_login_at_us, previous_login_at_us, closure_requested_at_us, site_staff) VALUES (:commune, :role, "
               ":status, :username, :username_lower, :email, :email_lower, :civility, :last_name, "
               ":first_name, :line, :complement, :postal, :city, :mobile, :landline, :hash, :pending, "
               ":created, :last_login, :previous_login, :closure, :site_staff) RETURNING id",
        soci::use(v.commune), soci::use(v.role), soci::use(v.status), soci::use(v.username),
        soci::use(v.username_lower), soci::use(v.email), soci::use(v.email_lower), soci::use(v.civility),
        soci::use(v.contact.last_name), soci::use(v.contact.first_name), soci::use(v.contact.address.line),
        soci::use(v.contact.address.complement), soci::use(v.contact.address.postal_code),
        soci::use(v.contact.address.city), soci::use(v.contact.mobile_phone), soci::use(v.contact.landline_phone),
        soci::use(v.hash), soci::use(v.pending_key), soci::use(v.created),
        soci::use(v.last_login.micros, v.last_login.indicator),
        soci::use(v.previous_login.micros, v.previous_login.indicator),
        soci::use(v.closure_requested.micros, v.closure_requested.indicator), soci::use(v.site_staff), soci::into(id);
}

}  // namespace

core::Result<std::optional<Account>> SqlIdentityStore::find_account(core::CommuneId commune, core::AccountId id) {
    long long commune_id = commune.value(), account_id = id.value();
    return first(query_rows<AccountRow>(m_session, std::string(kAccountColumns) + "WHERE commune_id = :c AND id = :id",
                                        [&](soci::statement& s) {
                                            s.exchange(soci::use(commune_id));
                                            s.exchange(soci::use(account_id));
                                        }));
}

core::Result<std::optional<Account>> SqlIdentityStore::find_account_by_login(core::CommuneId commune,
                                                                             std::string_view login) {
    long long commune_id = commune.value();
    const std::string wanted = core::ascii_lowercase(login);
    return first(query_rows<AccountRow>(
        m_session,
        std::string(kAccountColumns) +
            "WHERE commune_id = :c AND (username_lower = :u OR email_lower = :e) ORDER BY id LIMIT 1",
        [&](soci::statement& s) {
            s.exchange(soci::use(commune_id));
            s.exchange(soci::use(wanted));
            s.exchange(soci::use(wanted));
        }));
}

core::Result<std::optional<Account>> SqlIdentityStore::find_account_by_email(core::CommuneId commune,
                                                                             std::string_view email) {
    long long commune_id = commune.value();
    const std::string wanted = core::ascii_lowercase(email);
    return first(query_rows<AccountRow>(m_session,
                                        std::string(kAccountColumns) + "WHERE commune_id = :c AND email_lower = :e",
                                        [&](soci::statement& s) {
                                            s.exchange(soci::use(commune_id));
                                            s.exchange(soci::use(wanted));
                                        }));
}

core::Result<bool> SqlIdentityStore::username_taken(core::CommuneId commune, std::string_view username) {
    long long commune_id = commune.value();
    const std::string wanted = core::ascii_lowercase(username);
    int count = 0;
    m_session << "SELECT COUNT(*) FROM account WHERE commune_id = :c AND username_lower = :u", soci::use(commune_id),
        soci::use(wanted), soci::into(count);
    return count > 0;
}

core::Result<core::AccountId> SqlIdentityStore::insert_account(const Account& account) {
    AccountValues v(account);
    long long id = 0;
    try {
        insert_account_row(m_session, v, id);
    } catch (const soci::soci_error& error) {
        // A username or email taken by a concurrent sign-up: the caller turns it into a field error.
        auto translated = translate_sql_error(error, m_backend);
        return tl::unexpected<core::Error>(translated.error);
    }
    return core::AccountId{id};
}

core::Status SqlIdentityStore::update_account(const Account& account) {
    AccountValues v(account);
    long long id = account.id.value();
    m_session << "UPDATE account SET role = :role, status = :status, username = :username, username_lower = "
                 ":username_lower, email = :email, email_lower = :email_lower, civility = :civility, last_name = "
                 ":last_name, first_name = :first_name, address_line = :line, address_complement = :complement, "
                 "postal_code = :postal, city = :city, mobile_phone = :mobile, landline_phone = :landline, "
                 "password_hash = :hash, pending_childcare_key = :pending, last_login_at_us = :last_login, "
                 "previous_login_at_us = :previous_login, closure_requested_at_us = :closure, site_staff = :site_staff "
                 "WHERE id = :id "
                 "AND commune_id = :commune",
        soci::use(v.role), soci::use(v.status), soci::use(v.username), soci::use(v.username_lower), soci::use(v.email),
        soci::use(v.email_lower), soci::use(v.civility), soci::use(v.contact.last_name),
        soci::use(v.contact.first_name), soci::use(v.contact.address.line), soci::use(v.contact.address.complement),
        soci::use(v.contact.address.postal_code), soci::use(v.contact.address.city), soci::use(v.contact.mobile_phone),
        soci::use(v.contact.landline_phone), soci::use(v.hash), soci::use(v.pending_key),
        soci::use(v.last_login.micros, v.last_login.indicator),
        soci::use(v.previous_login.micros, v.previous_login.indicator),
        soci::use(v.closure_requested.micros, v.closure_requested.indicator), soci::use(v.site_staff), soci::use(id),
        soci::use(v.commune);
    return {};
}

core::Result<std::vector<Account>> SqlIdentityStore::list_accounts(core::CommuneId commune,
                                                                   std::vector<identity::Role> roles) {
    long long commune_id = commune.value();
    std::vector<Account> all = query_rows<AccountRow>(
        m_session, std::string(kAccountColumns) + "WHERE commune_id = :c ORDER BY last_name, first_name, id",
        [&](soci::statement& s) { s.exchange(soci::use(commune_id)); });
    std::erase_if(all, [&](const Account& a) { return std::find(roles.begin(), roles.end(), a.role) == roles.end(); });
    return all;
}

core::Result<std::vector<Account>> SqlIdentityStore::list_closure_requests(core::CommuneId commune) {
    long long commune_id = commune.value();
    return query_rows<AccountRow>(m_session,
                                  std::string(kAccountColumns) +
                                      "WHERE commune_id = :c AND status = 'closure_requested' "
                                      "ORDER BY closure_requested_at_us, id",
                                  [&](soci::statement& s) { s.exchange(soci::use(commune_id)); });
}

core::Status SqlIdentityStore::insert_token(const AccountToken& token) {
    long long account = token.account.value(), commune = token.commune.value();
    long long created = to_micros(token.created_at), expires = to_micros(token.expires_at);
    const std::string purpose(identity::token_purpose_name(token.purpose));
    OptionalInstantColumn used;
    used.set(token.used_at);
    m_session << "INSERT INTO account_token (digest, account_id, commune_id, purpose, new_email, created_at_us, "
                 "expires_at_us, used_at_us) VALUES (:d, :a, :c, :p, :n, :cr, :ex, :u)",
        soci::use(token.digest), soci::use(account), soci::use(commune), soci::use(purpose), soci::use(token.new_email),
        soci::use(created), soci::use(expires), soci::use(used.micros, used.indicator);
    return {};
}

core::Result<std::optional<AccountToken>> SqlIdentityStore::find_token(core::CommuneId commune,
                                                                       std::string_view digest) {
    long long commune_id = commune.value();
    const std::string wanted(digest);
    return first(query_rows<TokenRow>(m_session, std::string(kTokenColumns) + "WHERE digest = :d AND commune_id = :c",
                                      [&](soci::statement& s) {
                                          s.exchange(soci::use(wanted));
                                          s.exchange(soci::use(commune_id));
                                      }));
}

core::Status SqlIdentityStore::mark_token_used(std::string_view digest, core::Instant at) {
    const std::string wanted(digest);
    long long when = to_micros(at);
    soci::statement statement =
        (m_session.prepare << "UPDATE account_token SET used_at_us = :t WHERE digest = :d AND used_at_us IS NULL",
         soci::use(when), soci::use(wanted));
    statement.execute(true);
    if (statement.get_affected_rows() != 1) {
        // Used by a concurrent request since it was read: the link works once, so this one fails.
        return core::fail(core::ErrorCode::invalid_input, "err_token_invalid");
    }
    return {};
}

core::Status SqlIdentityStore::revoke_tokens(core::AccountId account, identity::TokenPurpose purpose,
                                             core::Instant at) {
    long long id = account.value(), when = to_micros(at);
    const std::string name(identity::token_purpose_name(purpose));
    m_session << "UPDATE account_token SET used_at_us = :t WHERE account_id = :a AND purpose = :p AND "
                 "used_at_us IS NULL",
        soci::use(when), soci::use(id), soci::use(name);
    return {};
}

core::Status SqlIdentityStore::delete_tokens_of(core::AccountId account) {
    long long id = account.value();
    m_session << "DELETE FROM account_token WHERE account_id = :a", soci::use(id);
    return {};
}

core::Result<std::optional<AccountToken>> SqlIdentityStore::pending_email_change(core::AccountId account,
                                                                                 core::Instant now) {
    long long id = account.value(), when = to_micros(now);
    return first(query_rows<TokenRow>(
        m_session,
        std::string(kTokenColumns) +
            "WHERE account_id = :a AND purpose = 'email_change' AND used_at_us IS NULL AND expires_at_us > :t "
            "ORDER BY created_at_us DESC LIMIT 1",
        [&](soci::statement& s) {
            s.exchange(soci::use(id));
            s.exchange(soci::use(when));
        }));
}

core::Status SqlIdentityStore::insert_session(const Session& session) {
    long long account = session.account.value(), commune = session.commune.value();
    long long created = to_micros(session.created_at), seen = to_micros(session.last_seen_at);
    m_session << "INSERT INTO session (digest, account_id, commune_id, created_at_us, last_seen_at_us, ip, "
                 "user_agent) VALUES (:d, :a, :c, :cr, :s, :ip, :ua)",
        soci::use(session.digest), soci::use(account), soci::use(commune), soci::use(created), soci::use(seen),
        soci::use(session.ip), soci::use(session.user_agent);
    return {};
}

core::Result<std::optional<Session>> SqlIdentityStore::find_session(core::CommuneId commune, std::string_view digest) {
    long long commune_id = commune.value();
    const std::string wanted(digest);
    return first(query_rows<SessionRow>(
        m_session, std::string(kSessionColumns) + "WHERE digest = :d AND commune_id = :c", [&](soci::statement& s) {
            s.exchange(soci::use(wanted));
            s.exchange(soci::use(commune_id));
        }));
}

core::Result<std::optional<std::pair<Session, Account>>> SqlIdentityStore::find_session_with_account(
    core::CommuneId commune, std::string_view digest) {
    static const std::string kSql =
        std::string(kSessionWithAccountColumns) +
        "FROM session s JOIN account a ON a.id = s.account_id WHERE s.digest = :d AND s.commune_id = :c";
    return first(cached_rows<SessionWithAccountRow>(m_session, m_statements, kSql, std::string(digest),
                                                    static_cast<long long>(commune.value())));
}

core::Status SqlIdentityStore::touch_session(std::string_view digest, core::Instant at) {
    const std::string wanted(digest);
    long long when = to_micros(at);
    m_session << "UPDATE session SET last_seen_at_us = :t WHERE digest = :d", soci::use(when), soci::use(wanted);
    return {};
}

core::Status SqlIdentityStore::delete_session(std::string_view digest) {
    const std::string wanted(digest);
    m_session << "DELETE FROM session WHERE digest = :d", soci::use(wanted);
    return {};
}

core::Status SqlIdentityStore::delete_sessions_of(core::AccountId account) {
    long long id = account.value();
    m_session << "DELETE FROM session WHERE account_id = :a", soci::use(id);
    return {};
}

core::Result<std::vector<Session>> SqlIdentityStore::sessions_of(core::AccountId account) {
    long long id = account.value();
    return query_rows<SessionRow>(m_session,
                                  std::string(kSessionColumns) + "WHERE account_id = :a ORDER BY created_at_us",
                                  [&](soci::statement& s) { s.exchange(soci::use(id)); });
}

}  // namespace guichet::storage
