#include "storage/identity/sql_audit_log.h"

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

struct AuditRow {
    long long commune = 0, at = 0;
    long long account = 0, actor = 0;
    soci::indicator account_null = soci::i_null, actor_null = soci::i_null;
    std::string kind, ip, detail;

    void bind(soci::statement& s) {
        s.exchange(soci::into(commune));
        s.exchange(soci::into(account, account_null));
        s.exchange(soci::into(actor, actor_null));
        s.exchange(soci::into(kind));
        s.exchange(soci::into(ip));
        s.exchange(soci::into(detail));
        s.exchange(soci::into(at));
    }
    [[nodiscard]] identity::AuditEvent value() const {
        identity::AuditEvent event;
        event.commune = core::CommuneId{commune};
        if (account_null == soci::i_ok)
            event.account = core::AccountId{account};
        if (actor_null == soci::i_ok)
            event.actor = core::AccountId{actor};
        event.kind = kind;
        event.ip = ip;
        event.detail = detail;
        event.at = from_micros(at);
        return event;
    }
};

}  // namespace

core::Status SqlAuditLog::record(const identity::AuditEvent& event) {
    long long commune = event.commune.value(), at = to_micros(event.at);
    long long account = event.account ? event.account->value() : 0;
    long long actor = event.actor ? event.actor->value() : 0;
    soci::indicator account_indicator = event.account ? soci::i_ok : soci::i_null;
    soci::indicator actor_indicator = event.actor ? soci::i_ok : soci::i_null;
    m_session << "INSERT INTO audit_event (commune_id, account_id, actor_id, kind, ip, detail, at_us) VALUES "
                 "(:c, :a, :x, :k, :ip, :d, :t)",
        soci::use(commune), soci::use(account, account_indicator), soci::use(actor, actor_indicator),
        soci::use(event.kind), soci::use(event.ip), soci::use(event.detail), soci::use(at);
    return {};
}

core::Result<std::vector<identity::AuditEvent>> SqlAuditLog::events_of(core::CommuneId commune,
                                                                       core::AccountId account) {
    long long commune_id = commune.value(), account_id = account.value();
    return query_rows<AuditRow>(m_session,
                                "SELECT commune_id, account_id, actor_id, kind, ip, detail, at_us FROM "
                                "audit_event WHERE commune_id = :c AND account_id = :a ORDER BY id",
                                [&](soci::statement& s) {
                                    s.exchange(soci::use(commune_id));
                                    s.exchange(soci::use(account_id));
                                });
}

}  // namespace guichet::storage
