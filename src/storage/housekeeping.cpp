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
                                        std::chrono::seconds session_absolute, std::chrono::seconds keep_links) {
    return database.transact([&](soci::session& session) -> core::Result<SweepReport> {
        SweepReport report;
        report.sessions = run(session, "DELETE FROM session WHERE last_seen_at_us < :idle OR created_at_us < :absolute",
                              to_micros(now - session_idle), to_micros(now - session_absolute));
        report.tokens = run(session,
                            "DELETE FROM account_token WHERE (used_at_us IS NOT NULL AND used_at_us < :used) OR "
                            "expires_at_us < :expired",
                            to_micros(now - keep_links), to_micros(now - keep_links));
        report.throttles =
            run(session, "DELETE FROM throttle WHERE window_start_us < :window AND blocked_until_us < :now",
                to_micros(now - std::chrono::hours(1)), to_micros(now));
        return report;
    });
}

}  // namespace guichet::storage
