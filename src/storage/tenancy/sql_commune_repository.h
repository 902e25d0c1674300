#pragma once

#include "core/clock.h"
#include "storage/database.h"
#include "tenancy/commune_repository.h"

namespace guichet::storage {

// CommuneRepository on the SQL database (both backends).
class SqlCommuneRepository final : public tenancy::CommuneRepository {
  public:
    SqlCommuneRepository(Database& database, const core::Clock& clock) : m_database(database), m_clock(clock) {}

    [[nodiscard]] core::Result<tenancy::Commune> insert(const tenancy::NewCommune& commune) override;
    [[nodiscard]] core::Status update_settings(const tenancy::Commune& commune) override;
    [[nodiscard]] core::Result<std::optional<tenancy::Commune>> find_by_slug(std::string_view slug) override;
    [[nodiscard]] core::Result<std::optional<tenancy::Commune>> find_by_id(core::CommuneId id) override;
    [[nodiscard]] core::Result<std::vector<tenancy::Commune>> list() override;

  private:
    Database& m_database;
    const core::Clock& m_clock;
};

}  // namespace guichet::storage
