#include "app/catalog_commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commune_command.h"

namespace guichet::app {

int catalog_export(const Config& config, const std::string& commune, const std::string& file, std::ostream& out,
                   std::ostream& err) {
    return with_commune(config, commune, err,
                        [&](Services& services, const tenancy::Commune& found, const core::Clock&) {
                            const core::CommuneId id = found.id;
                            auto text = services.catalog.export_file(id);
                            if (!text) {
                                return report_error(text.error(), err);
                            }
                            if (file == "-") {
                                out << *text;
                                return 0;
                            }
                            std::ofstream output(file, std::ios::binary | std::ios::trunc);
                            output << *text;
                            output.close();
                            if (!output) {
                                err << "error: cannot write " << file << "\n";
                                return 1;
                            }
                            err << "Catalogue written to " << file << ".\n";
                            return 0;
                        });
}

int catalog_import(const Config& config, const std::string& commune, const std::string& file, std::ostream& out,
                   std::ostream& err) {
    std::ostringstream text;
    if (file == "-") {
        text << std::cin.rdbuf();
    } else {
        std::ifstream input(file, std::ios::binary);
        if (!input) {
            err << "error: cannot read " << file << "\n";
            return 2;
        }
        text << input.rdbuf();
    }
    const catalog::CatalogDocument document = catalog::read_catalog_file(text.str());
    if (!document.valid()) {
        for (const auto& fault : document.errors) {
            err << fault.path << ": " << error_text(fault.error) << "\n";
        }
        err << "Rien n’a été importé : " << document.errors.size() << " erreur(s) dans " << file << ".\n";
        return 2;
    }
    return with_commune(config, commune, err,
                        [&](Services& services, const tenancy::Commune& found, const core::Clock&) {
                            const core::CommuneId id = found.id;
                            auto report = services.catalog.import(id, std::nullopt, document);
                            if (!report) {
                                return report_error(report.error(), err);
                            }
                            if (!report->changed) {
                                out << "Catalogue inchangé : le fichier est identique au catalogue de la commune, rien "
                                       "n’a été écrit.\n";
                                return 0;
                            }
                            out << "Catalogue importé : " << report->added << " ajout(s), " << report->updated
                                << " modification(s), " << report->removed << " suppression(s).\n";
                            return 0;
                        });
}

}  // namespace guichet::app
