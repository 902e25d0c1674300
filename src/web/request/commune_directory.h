#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "tenancy/commune_repository.h"

namespace guichet::web {

// A commune as the pages need it, with a version string for its logo URL (so the logo can be cached for long).
struct CommuneEntry {
    tenancy::Commune commune;
    std::string logo_version;  // empty when the commune has no logo of its own
};

// Looks communes up by slug for every request, keeping answers (found or not) for a short time so that a page view
// costs no extra query. Changes made by another process show within the time to live. Thread-safe.
class CommuneDirectory {
  public:
    static constexpr std::size_t kMaxEntries = 1024;

    CommuneDirectory(tenancy::CommuneRepository& repository, const core::Clock& clock,
                     std::chrono::milliseconds time_to_live);

    // Returns the commune with this slug, nullptr when there is none, or an error when storage fails.
    [[nodiscard]] core::Result<std::shared_ptr<const CommuneEntry>> find(std::string_view slug);

    // Returns every commune (not cached: used on rare pages).
    [[nodiscard]] core::Result<std::vector<tenancy::Commune>> list() { return m_repository.list(); }

    // Forgets every cached answer.
    void clear();

  private:
    struct Cached {
        std::shared_ptr<const CommuneEntry> entry;
        core::Instant expires;
    };

    tenancy::CommuneRepository& m_repository;
    const core::Clock& m_clock;
    std::chrono::milliseconds m_time_to_live;
    std::mutex m_mutex;
    std::map<std::string, Cached, std::less<>> m_cache;  // guarded by m_mutex
};

}  // namespace guichet::web
