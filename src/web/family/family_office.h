#pragma once

#include "family/family_service.h"
#include "family/household_import.h"
#include "identity/staff_service.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The agents' family back office: searching households, creating them, their members, quotients and history,
// clé enfance keys (shown once, printed on a PDF letter or mailed), letters for everybody not yet linked, and the
// CSV import of a town's existing records.
class FamilyOffice final : public FeaturePages {
  public:
    FamilyOffice(const Kit& kit, family::FamilyService& family, family::HouseholdImport& import,
                 identity::StaffService& staff)
        : FeaturePages(kit), m_family(family), m_import(import), m_staff(staff) {}

    void add_routes(Installation& site);

  private:
    [[nodiscard]] Response office_families(RequestContext& context);
    [[nodiscard]] Response office_new_household(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response office_create_household(RequestContext& context);
    [[nodiscard]] Response office_household(RequestContext& context, nlohmann::json extra, int status);
    [[nodiscard]] Response office_household_action(RequestContext& context, std::string_view action);
    [[nodiscard]] Response office_representative(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response office_letters(RequestContext& context);
    [[nodiscard]] Response office_import(RequestContext& context, nlohmann::json report, int status);
    [[nodiscard]] Response office_import_submit(RequestContext& context);
    [[nodiscard]] Response key_letters_pdf(RequestContext& context, const std::vector<family::IssuedKey>& keys,
                                           const std::string& filename);

    family::FamilyService& m_family;
    family::HouseholdImport& m_import;
    identity::StaffService& m_staff;  // names the agents in a household's history
};

}  // namespace guichet::web
