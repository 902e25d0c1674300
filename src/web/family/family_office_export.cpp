// The CSV export of the commune's households, for the agents' spreadsheets. Names and addresses come from families
// (the portal's sign-up and contact forms): the writer neutralises whatever a spreadsheet would run as a formula.
#include "web/family/family_office.h"

#include "core/csv_writer.h"

namespace guichet::web {
namespace {

// Households read per query: the export goes through the commune chunk by chunk.
constexpr std::size_t kHouseholdsPerChunk = 1000;

constexpr const char* kRepresentativeColumns[][6] = {
    {"csv_rep1_last_name", "csv_rep1_first_name", "csv_rep1_email", "csv_rep1_mobile", "csv_rep1_landline",
     "csv_rep1_linked"},
    {"csv_rep2_last_name", "csv_rep2_first_name", "csv_rep2_email", "csv_rep2_mobile", "csv_rep2_landline",
     "csv_rep2_linked"},
};

}  // namespace

Response FamilyOffice::office_export(RequestContext& context) {
    const Language lang = context.language;
    core::CsvWriter csv;
    std::vector<std::string> header = {m_catalogue.text(lang, "csv_reference")};
    for (const auto& columns : kRepresentativeColumns) {
        for (const char* key : columns)
            header.push_back(m_catalogue.text(lang, key));
    }
    for (const char* key :
         {"csv_address_line", "csv_address_complement", "csv_postal_code", "csv_city", "csv_children"}) {
        header.push_back(m_catalogue.text(lang, key));
    }
    csv.row(header);
    const std::string yes = m_catalogue.text(lang, "csv_yes");
    const std::string no = m_catalogue.text(lang, "csv_no");
    core::HouseholdId after{0};
    for (;;) {
        auto chunk = m_family.households_after(context.commune_id(), after, kHouseholdsPerChunk);
        if (!chunk)
            return storage_failure(context, chunk.error());
        if (chunk->empty())
            break;
        for (const family::HouseholdRecord& record : *chunk) {
            std::vector<std::string> row = {record.household.reference};
            for (std::size_t i = 0; i < 2; ++i) {
                if (i < record.representatives.size()) {
                    const family::Representative& person = record.representatives[i];
                    row.insert(row.end(), {person.last_name, person.first_name, person.email, person.mobile_phone,
                                           person.landline_phone, person.account ? yes : no});
                } else {
                    row.insert(row.end(), 6, std::string());
                }
            }
            const identity::PostalAddress& address = record.household.address;
            row.insert(row.end(), {address.line, address.complement, address.postal_code, address.city,
                                   std::to_string(record.children.size())});
            csv.row(row);
        }
        after = chunk->back().household.id;
    }
    Response response{200, {}, csv.take()};
    response.headers.set("Content-Type", "text/csv; charset=utf-8");
    response.headers.set("Content-Disposition", "attachment; filename=\"foyers-" + context.commune_slug() + ".csv\"");
    return response;
}

}  // namespace guichet::web
