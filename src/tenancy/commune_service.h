#pragma once

#include "core/result.h"
#include "tenancy/commune.h"
#include "tenancy/commune_repository.h"

namespace guichet::tenancy {

// Creates and edits communes with their settings checked: slug, a non-empty name, a time zone the tz database knows,
// a plausible service email, a logo of a supported type and size.
class CommuneService {
  public:
    static constexpr std::size_t kMaxLogoBytes = 256 * 1024;

    explicit CommuneService(CommuneRepository& repository) : m_repository(repository) {}

    // Validates and stores a new commune. Returns invalid_input (with the field) or conflict (slug taken).
    [[nodiscard]] core::Result<Commune> create(NewCommune commune);

    // Validates and stores new settings for an existing commune.
    [[nodiscard]] core::Status update(const Commune& commune);

  private:
    CommuneRepository& m_repository;
};

// Returns the checks shared by create and update, without touching storage.
[[nodiscard]] core::Status validate_commune_settings(const std::string& name, const std::string& time_zone,
                                                     const ContactBlock& contact, const std::optional<Logo>& logo);

}  // namespace guichet::tenancy
