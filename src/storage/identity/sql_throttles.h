#pragma once

#include <soci/soci.h>

#include "identity/throttles.h"

namespace guichet::storage {

// identity::Throttles on one SQL transaction (both backends): the throttle table, shared by every module.
class SqlThrottles final : public identity::Throttles {
  public:
    explicit SqlThrottles(soci::session& session) : m_session(session) {}

    core::Result<identity::ThrottleState> state(std::string_view key) override;
    core::Result<identity::ThrottleState> record_failure(std::string_view key, const identity::ThrottleRule& rule,
                                                         core::Instant now) override;
    core::Status clear(std::string_view key) override;

  private:
    soci::session& m_session;
};

}  // namespace guichet::storage
