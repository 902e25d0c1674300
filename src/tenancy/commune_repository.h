#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "tenancy/commune.h"

namespace guichet::tenancy {

// Where communes are kept. Implemented in storage/; tests use an in-memory one.
class CommuneRepository {
  public:
    virtual ~CommuneRepository() = default;

    // Stores a new commune and returns it with its id. Returns a conflict error when the slug is taken.
    [[nodiscard]] virtual core::Result<Commune> insert(const NewCommune& commune) = 0;

    // Replaces the settings (name, time zone, contact, logo) of the commune with this id; the slug never changes.
    // Returns not_found when no such commune exists.
    [[nodiscard]] virtual core::Status update_settings(const Commune& commune) = 0;

    // Returns the commune with this slug, or std::nullopt when there is none. Errors only when storage fails.
    [[nodiscard]] virtual core::Result<std::optional<Commune>> find_by_slug(std::string_view slug) = 0;

    // Returns the commune with this id, or std::nullopt.
    [[nodiscard]] virtual core::Result<std::optional<Commune>> find_by_id(core::CommuneId id) = 0;

    // Returns every commune, ordered by slug.
    [[nodiscard]] virtual core::Result<std::vector<Commune>> list() = 0;
};

}  // namespace guichet::tenancy
