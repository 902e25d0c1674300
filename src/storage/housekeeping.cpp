#include "storage/housekeeping.h"

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

long long run(soci::session& session, const std::string& sql, long long a, long long b) {
    soci::statement statement = (session.prepare << sql, soci::use(a), soci::use(b));
    statement.execute(true);
    return statement.get_affected_rows();
}

}  // namespace

core::Result<SweepReport> sweep_expired(Database& database, core::Instant now, std::chrono::seconds session_idle,
                                        std::chrono::seconds session_absolute, std::chrono::seconds keep_links,
                                        std::chrono::seconds signup_link) {
    return database.transact([&](soci::session& session) -> core::Result<SweepReport> {
        SweepReport report;
        report.sessions = run(session, "DELETE FROM session WHERE last_seen_at_us < :idle OR created_at_us < :absolute",
                              to_micros(now - session_idle), to_micros(now - session_absolute));
        report.tokens = run(session,
                            "DELETE FROM account_token WHERE (used_at_us IS NOT NULL AND used_at_us < :used) OR "
                            "expires_at_us < :expired",
                            to_micros(now - keep_links), to_micros(now - keep_links));
        // Sign-ups never confirmed: once no live confirmation link is left, the account goes, so that its username
        // and address are free again and nothing personal stays behind. What pointed at it keeps its row, without
        // the account.
        const std::string abandoned =
            "SELECT a.id FROM account a WHERE a.status = 'pending_confirmation' AND a.created_at_us < :created "
            "AND NOT EXISTS (SELECT 1 FROM account_token t WHERE t.account_id = a.id AND t.purpose = "
            "'confirm_email' AND t.used_at_us IS NULL AND t.expires_at_us > :now)";
        const long long created = to_micros(now - signup_link), at = to_micros(now);
        for (const char* unlink :
             {"UPDATE audit_event SET account_id = NULL WHERE account_id IN ",
              "UPDATE audit_event SET actor_id = NULL WHERE actor_id IN ",
              "UPDATE representative SET account_id = NULL WHERE account_id IN ",
              "UPDATE family_event SET actor_id = NULL WHERE actor_id IN ",
              "DELETE FROM account_token WHERE account_id IN ", "DELETE FROM session WHERE account_id IN "}) {
            run(session, std::string(unlink) + "(" + abandoned + ")", created, at);
        }
        report.signups = run(session, "DELETE FROM account WHERE id IN (" + abandoned + ")", created, at);
        report.throttles =
            run(session, "DELETE FROM throttle WHERE window_start_us < :window AND blocked_until_us < :now",
                to_micros(now - identity::kLongestThrottleWindow), to_micros(now));
        return report;
    });
}

}  // namespace guichet::storage
