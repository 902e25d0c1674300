#include "web/request/commune_directory.h"

#include "web/http/content_hash.h"

namespace guichet::web {

CommuneDirectory::CommuneDirectory(tenancy::CommuneRepository& repository, const core::Clock& clock,
                                   std::chrono::milliseconds time_to_live)
    : m_repository(repository), m_clock(clock), m_time_to_live(time_to_live) {}

core::Result<std::shared_ptr<const CommuneEntry>> CommuneDirectory::find(std::string_view slug) {
    const core::Instant now = m_clock.now();
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_cache.find(slug);
        if (it != m_cache.end() && it->second.expires > now) {
            return it->second.entry;
        }
    }
    GUICHET_TRY(found, m_repository.find_by_slug(slug));
    std::shared_ptr<const CommuneEntry> entry;
    if (found) {
        std::string version = found->logo ? short_content_hash(found->logo->bytes) : std::string();
        entry = std::make_shared<const CommuneEntry>(CommuneEntry{std::move(*found), std::move(version)});
    }
    std::lock_guard lock(m_mutex);
    if (m_cache.size() >= kMaxEntries) {
        m_cache.clear();  // unknown slugs probed by a crawler must not grow memory without bound
    }
    m_cache.insert_or_assign(std::string(slug), Cached{entry, now + m_time_to_live});
    return entry;
}

void CommuneDirectory::clear() {
    std::lock_guard lock(m_mutex);
    m_cache.clear();
}

}  // namespace guichet::web
