#pragma once

#include <optional>

#include "core/time_zone.h"
#include "family/family_service.h"
#include "family/household_import.h"
#include "identity/staff_service.h"
#include "jobs/job_service.h"
#include "print/key_letter.h"
#include "tenancy/commune.h"
#include "web/request/feature.h"
#include "web/view/feature_pages.h"

namespace guichet::web {

// The agents' family back office: searching households, creating them, their members, quotients and history,
// clé enfance keys (shown once, printed on a PDF letter or mailed), letters for everybody not yet linked (a background
// job), the CSV import of a town's existing records and their CSV export.
class FamilyOffice final : public FeaturePages {
  public:
    FamilyOffice(const Kit& kit, family::FamilyService& family, family::HouseholdImport& import,
                 identity::StaffService& staff, jobs::JobService& jobs)
        : FeaturePages(kit), m_family(family), m_import(import), m_staff(staff), m_jobs(jobs) {}

    void add_routes(Installation& site);

  private:
    // What the letters of one batch share.
    struct LetterSetting {
        const tenancy::Commune& commune;
        Language language;
        std::string date;        // the day they are printed, in the commune's time zone: "26/11/2026"
        std::string portal_url;  // printed on every letter
        std::optional<core::TimeZone> zone;
    };

    void add_job_kinds(Installation& site);
    [[nodiscard]] Response office_families(RequestContext& context);
    [[nodiscard]] Response office_export(RequestContext& context);
    [[nodiscard]] Response office_new_household(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response office_create_household(RequestContext& context);
    [[nodiscard]] Response office_household(RequestContext& context, nlohmann::json extra, int status);
    [[nodiscard]] Response office_household_action(RequestContext& context, std::string_view action);
    [[nodiscard]] Response office_representative(RequestContext& context, nlohmann::json form, int status);
    [[nodiscard]] Response office_letters(RequestContext& context);
    [[nodiscard]] Response office_import(RequestContext& context, nlohmann::json report, int status);
    [[nodiscard]] Response office_import_submit(RequestContext& context);
    [[nodiscard]] Response key_letter_pdf(RequestContext& context, const family::IssuedKey& issued);
    // The batch of letters, on the jobs' runner: keys issued and letters written chunk by chunk.
    [[nodiscard]] core::Result<long long> run_letters_job(const jobs::Job& job, jobs::JobContext& context);
    [[nodiscard]] LetterSetting letter_setting(const tenancy::Commune& commune, Language language,
                                               std::string portal_url) const;
    [[nodiscard]] print::KeyLetter key_letter(const family::IssuedKey& issued, const LetterSetting& setting) const;

    family::FamilyService& m_family;
    family::HouseholdImport& m_import;
    identity::StaffService& m_staff;  // names the agents in a household's history
    jobs::JobService& m_jobs;
};

}  // namespace guichet::web
