#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "family/family_service.h"
#include "family/transaction.h"

namespace guichet::family {

// The columns of an import file, in order (first line of the file). One line per child; lines sharing a reference
// form one household, whose representatives and address are read from its first line.
inline const std::vector<std::string> kImportColumns = {
    "reference",     "rep1_civilite", "rep1_nom",      "rep1_prenom",   "rep1_lien",
    "rep1_courriel", "rep1_portable", "rep2_civilite", "rep2_nom",      "rep2_prenom",
    "rep2_lien",     "rep2_courriel", "rep2_portable", "adresse",       "complement",
    "code_postal",   "ville",         "enfant_nom",    "enfant_prenom", "enfant_naissance",
    "enfant_sexe",   "enfant_ecole",  "enfant_classe", "enfant_regime", "enfant_pai"};

struct ImportError {
    std::size_t line;
    std::string column;       // the file's column name, or empty for the whole line
    std::string message_key;  // catalogue key
};

struct ImportReport {
    bool imported = false;  // false: nothing was written
    std::size_t households = 0;
    std::size_t children = 0;
    std::vector<ImportError> errors;
};

// Imports a town's existing family records from a semicolon-separated UTF-8 file. A file with errors imports
// nothing, unless skip_errors is set: then every household without an error is imported and the others are
// reported. Either way, what is imported is imported in one transaction. `progress(done, total)` is called as
// households are checked and written.
class HouseholdImport {
  public:
    HouseholdImport(UnitOfWork& work, const core::Clock& clock) : m_work(work), m_clock(clock) {}

    [[nodiscard]] core::Result<ImportReport> run(core::CommuneId commune, std::string_view csv, bool skip_errors,
                                                 std::optional<core::AccountId> actor, core::CivilDate today,
                                                 const std::function<void(std::size_t, std::size_t)>& progress = {});

  private:
    UnitOfWork& m_work;
    const core::Clock& m_clock;
};

}  // namespace guichet::family
