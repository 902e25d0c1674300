#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "identity/identity_store.h"

namespace guichet::identity::testing {

// An IdentityStore in memory, for the domain tests: transactions work on a copy that replaces the state only when
// the work succeeds, so a failed use case leaves nothing behind, as with the database.
class InMemoryIdentityStore final : public IdentityStore {
  public:
    struct State {
        std::map<std::int64_t, Account> accounts;
        std::map<std::string, AccountToken> tokens;
        std::map<std::string, Session> sessions;
        std::map<std::string, ThrottleState> throttles;
        std::vector<AuditEvent> audit;
        std::vector<notify::MailRequest> mails;
        std::int64_t next_id = 1;
    };

    core::Status transact(const std::function<core::Status(IdentityTransaction&)>& work) override;
    core::Status read(const std::function<core::Status(IdentityTransaction&)>& work) override;

    // A copy of the committed state, to look at in tests.
    [[nodiscard]] State state() const;

  private:
    mutable std::mutex m_mutex;
    State m_state;  // guarded by m_mutex
};

}  // namespace guichet::identity::testing
