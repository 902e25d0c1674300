#pragma once

#include "web/family/family_office.h"
#include "web/family/family_pages.h"
#include "web/request/feature.h"

namespace guichet::web {

// The family record on the web: the parent's side (FamilyPages) and the agents' back office (FamilyOffice).
class FamilyFeature final : public Feature {
  public:
    FamilyFeature(const Kit& kit, family::FamilyService& family, family::HouseholdImport& import,
                  identity::StaffService& staff, jobs::JobService& jobs)
        : m_pages(kit, family), m_office(kit, family, import, staff, jobs) {}

    void install(Installation& site) override {
        m_pages.add_routes(site);
        m_office.add_routes(site);
    }

  private:
    FamilyPages m_pages;
    FamilyOffice m_office;
};

}  // namespace guichet::web
