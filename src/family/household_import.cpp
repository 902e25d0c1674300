#include "family/household_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/text.h"
#include "family/csv_reader.h"

namespace guichet::family {
namespace {

// What one household of the file becomes, once checked.
struct PlannedHousehold {
    std::string reference;
    std::size_t first_line = 0;
    identity::PostalAddress address;
    std::vector<Representative> representatives;
    std::vector<Child> children;
    bool failed = false;
};

std::string lowered(const std::string& text) {
    return core::ascii_lowercase(core::trim(text));
}

// A reference names a household on letters and in file names: plain characters only, and never one of the portal's
// own forms ("F000123" for households created on the web, "~…" while one is being created).
bool acceptable_reference(const std::string& reference) {
    if (reference.empty() || reference.size() > 40 || reference.front() == '~')
        return false;
    for (char c : reference) {
        const auto byte = static_cast<unsigned char>(c);
        if (!(std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '/' || c == ' '))
            return false;
    }
    const bool generated = reference.size() > 1 && reference[0] == 'F' &&
                           reference.find_first_not_of("0123456789", 1) == std::string::npos;
    return !generated;
}

constexpr std::size_t kMaxLines = 20000;
constexpr std::size_t kMaxReportedErrors = 200;

// Maps the file's French vocabulary to the domain's names.
std::string relationship_of(const std::string& text) {
    static const std::map<std::string, std::string> kNames = {
        {"mere", "mother"},     {"mère", "mother"},      {"pere", "father"}, {"père", "father"},
        {"tuteur", "guardian"}, {"tutrice", "guardian"}, {"autre", "other"}};
    const auto it = kNames.find(lowered(text));
    return it == kNames.end() ? lowered(text) : it->second;
}

std::string sex_of(const std::string& text) {
    const std::string value = lowered(text);
    return value == "f" ? "female" : value == "m" ? "male" : value;
}

std::string diet_of(const std::string& text) {
    const std::string value = lowered(text);
    if (value.empty() || value == "standard")
        return "standard";
    if (value == "sans_porc")
        return "no_pork";
    if (value == "sans_viande")
        return "no_meat";
    if (value == "pai")
        return "packed_meal";
    return value;
}

// Maps field errors of the domain readers back to the file's columns.
void add_errors(std::vector<ImportError>& out, std::size_t line, const FieldErrors& errors,
                const std::map<std::string, std::string>& columns) {
    for (const auto& error : errors) {
        const auto it = columns.find(error.field);
        out.push_back({line, it == columns.end() ? error.field : it->second, error.message_key});
    }
}

RepresentativeInput representative_at(const std::vector<std::string>& f, std::size_t base) {
    return {lowered(f[base]), f[base + 1], f[base + 2], relationship_of(f[base + 3]), f[base + 4], f[base + 5], ""};
}

bool representative_given(const std::vector<std::string>& f, std::size_t base) {
    for (std::size_t i = base; i < base + 6; ++i) {
        if (!core::trim(f[i]).empty())
            return true;
    }
    return false;
}

}  // namespace

core::Result<ImportReport> HouseholdImport::run(core::CommuneId commune, std::string_view csv, bool skip_errors,
                                                std::optional<core::AccountId> actor, core::CivilDate today,
                                                const std::function<void(std::size_t, std::size_t)>& progress) {
    ImportReport report;
    auto records = read_csv(csv, ';');
    if (!records) {
        report.errors.push_back({0, "", records.error().key});
        return report;
    }
    if (records->empty() || records->front().fields != kImportColumns) {
        report.errors.push_back({1, "", "err_csv_header"});
        return report;
    }
    if (records->size() > kMaxLines + 1) {
        report.errors.push_back({0, "", "err_csv_too_long"});
        return report;
    }
    std::set<std::string> failed_references;  // households with a line in error, even an unreadable one
    std::vector<PlannedHousehold> planned;
    std::map<std::string, std::size_t> by_reference;
    for (std::size_t r = 1; r < records->size(); ++r) {
        const CsvRecord& record = (*records)[r];
        const auto& f = record.fields;
        if (f.size() != kImportColumns.size()) {
            report.errors.push_back({record.line, "", "err_csv_columns"});
            if (!f.empty())
                failed_references.insert(core::trim(f[0]));
            continue;
        }
        const std::string reference = core::trim(f[0]);
        if (!acceptable_reference(reference)) {
            report.errors.push_back(
                {record.line, "reference", reference.empty() ? "err_required" : "err_reference_invalid"});
            continue;
        }
        auto [it, fresh] = by_reference.try_emplace(reference, planned.size());
        if (fresh) {
            PlannedHousehold household;
            household.reference = reference;
            household.first_line = record.line;
            FieldErrors errors;
            const auto address = read_address({f[13], f[14], f[15], f[16]}, errors);
            if (address)
                household.address = *address;
            for (std::size_t base : {std::size_t{1}, std::size_t{7}}) {
                if (base == 7 && !representative_given(f, base))
                    continue;
                const std::string prefix = base == 1 ? "rep1_" : "rep2_";
                if (auto person = read_representative(representative_at(f, base), prefix, errors)) {
                    household.representatives.push_back(std::move(*person));
                }
            }
            const std::map<std::string, std::string> columns = {
                {"address_line", "adresse"},        {"address_complement", "complement"},
                {"postal_code", "code_postal"},     {"city", "ville"},
                {"rep1_civility", "rep1_civilite"}, {"rep1_last_name", "rep1_nom"},
                {"rep1_first_name", "rep1_prenom"}, {"rep1_relationship", "rep1_lien"},
                {"rep1_email", "rep1_courriel"},    {"rep1_mobile_phone", "rep1_portable"},
                {"rep2_civility", "rep2_civilite"}, {"rep2_last_name", "rep2_nom"},
                {"rep2_first_name", "rep2_prenom"}, {"rep2_relationship", "rep2_lien"},
                {"rep2_email", "rep2_courriel"},    {"rep2_mobile_phone", "rep2_portable"}};
            add_errors(report.errors, record.line, errors, columns);
            household.failed = !errors.empty();
            planned.push_back(std::move(household));
        }
        PlannedHousehold& household = planned[it->second];
        const bool has_child = !core::trim(f[17]).empty() || !core::trim(f[18]).empty() || !core::trim(f[19]).empty();
        if (has_child) {
            FieldErrors errors;
            const std::string pai = lowered(f[24]);
            auto child =
                read_child({f[17], f[18], f[19], sex_of(f[20]), f[21], lowered(f[22]), diet_of(f[23]), pai == "oui"},
                           today, errors);
            if (!pai.empty() && pai != "oui" && pai != "non")
                errors.push_back({"pai", "err_required"});
            const std::map<std::string, std::string> columns = {
                {"last_name", "enfant_nom"},        {"first_name", "enfant_prenom"},
                {"birth_date", "enfant_naissance"}, {"sex", "enfant_sexe"},
                {"school", "enfant_ecole"},         {"class_level", "enfant_classe"},
                {"diet", "enfant_regime"},          {"pai", "enfant_pai"}};
            add_errors(report.errors, record.line, errors, columns);
            if (child && errors.empty()) {
                household.children.push_back(std::move(*child));
            } else {
                household.failed = true;
            }
        }
    }
    // References already known to the commune would duplicate a family.
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        for (auto& household : planned) {
            GUICHET_TRY(existing, tx.family().find_household_by_reference(commune, household.reference));
            if (existing) {
                report.errors.push_back({household.first_line, "reference", "err_reference_taken"});
                household.failed = true;
            }
        }
        return {};
    }));
    for (auto& household : planned) {
        if (failed_references.count(household.reference) != 0)
            household.failed = true;
    }
    std::sort(report.errors.begin(), report.errors.end(),
              [](const ImportError& a, const ImportError& b) { return a.line < b.line; });
    if (report.errors.size() > kMaxReportedErrors) {
        report.errors.resize(kMaxReportedErrors);
        report.errors.push_back({0, "", "err_csv_too_many_errors"});
    }
    if (!report.errors.empty() && !skip_errors) {
        return report;
    }
    const std::size_t total = planned.size();
    std::size_t done = 0;
    GUICHET_TRY_STATUS(m_work.write([&](Transaction& tx) -> core::Status {
        for (auto& household : planned) {
            ++done;
            if (progress)
                progress(done, total);
            if (household.failed)
                continue;
            GUICHET_TRY(id, tx.family().insert_household({core::HouseholdId{0}, commune, household.reference,
                                                          household.address, m_clock.now()}));
            for (auto person : household.representatives) {
                person.household = id;
                person.commune = commune;
                GUICHET_TRY(rep, tx.family().insert_representative(person));
                (void)rep;
            }
            for (auto child : household.children) {
                child.commune = commune;
                GUICHET_TRY(child_id, tx.family().insert_child(child));
                GUICHET_TRY_STATUS(tx.family().attach_child(id, child_id));
                ++report.children;
            }
            GUICHET_TRY_STATUS(
                tx.family().record({commune, id, actor, "imported", household.reference, m_clock.now()}));
            ++report.households;
        }
        return {};
    }));
    report.imported = true;
    return report;
}

}  // namespace guichet::family
