#include "app/demo.h"

#include <iostream>

#include "app/demo_catalog.h"
#include "app/demo_people.h"
#include "app/error_text.h"
#include "app/runtime.h"
#include "app/services.h"
#include "core/system_clock.h"
#include "storage/migrator.h"
#include "storage/server_key.h"
#include "storage/tenancy/sql_commune_repository.h"
#include "tenancy/commune_service.h"

namespace guichet::app {

tenancy::NewCommune demo_commune() {
    tenancy::NewCommune commune;
    commune.slug = "chanteloup-les-vignes";
    commune.name = "Chanteloup-les-Vignes";
    commune.time_zone = "Europe/Paris";
    commune.contact = {
        "Guichet unique", "Espace Victor Hugo • 18 avenue de Poissy",    "78570 Chanteloup-les-Vignes",
        "01 39 74 29 12", "inscriptionenfance@chanteloup-les-vignes.fr", "Du lundi au vendredi : 9h-12h / 13h30-18h"};
    return commune;
}

int run_demo(const Config& config, const Logs& logs) {
    DemoPeople people;
    {
        core::SystemClock clock;
        auto database = open_database(config, 1);
        if (!database) {
            return report_error(database.error(), std::cerr);
        }
        if (auto schema = prepare_schema(**database, clock, config, logs); !schema) {
            return report_error(schema.error(), std::cerr);
        }
        storage::SqlCommuneRepository repository(**database, clock);
        const tenancy::NewCommune commune = demo_commune();
        auto existing = repository.find_by_slug(commune.slug);
        if (!existing) {
            return report_error(existing.error(), std::cerr);
        }
        if (!*existing) {
            tenancy::CommuneService service(repository);
            auto created = service.create(commune);
            if (!created) {
                return report_error(created.error(), std::cerr);
            }
            existing = std::optional(*created);
        }
        auto server_key = storage::load_or_create_server_key(**database);
        if (!server_key) {
            return report_error(server_key.error(), std::cerr);
        }
        Services services(**database, clock, config, *server_key);
        auto seeded = ensure_demo_people(services, (*existing)->id, clock);
        if (!seeded) {
            return report_error(seeded.error(), std::cerr);
        }
        people = std::move(*seeded);
        if (auto loaded = ensure_demo_catalog(services, (*existing)->id); !loaded) {
            return report_error(loaded.error(), std::cerr);
        }
        if (auto enrolled = ensure_demo_enrolments(services, (*existing)->id, clock); !enrolled) {
            return report_error(enrolled.error(), std::cerr);
        }
    }
    const std::string host = config.address == "0.0.0.0" ? "127.0.0.1" : config.address;
    return serve(config, logs, [&host, &people](std::uint16_t port) {
        const std::string portal = "http://" + host + ":" + std::to_string(port) + "/chanteloup-les-vignes/";
        std::cout << "Guichet is serving Chanteloup-les-Vignes at " << portal << " (Ctrl+C to stop)\n"
                  << "Sign in at " << portal << "connexion with:\n"
                  << "  a parent (Marie DUPONT, two children):  " << DemoPeople::kParentLogin << " / "
                  << DemoPeople::kParentPassword << "\n"
                  << "  an agent of the town:                   " << DemoPeople::kAgentLogin << " / "
                  << DemoPeople::kAgentPassword << "\n"
                  << "  the site staff of the school (pointage): " << DemoPeople::kStaffLogin << " / "
                  << DemoPeople::kStaffPassword << "\n"
                  << "  an administrator (mails, roles):        " << DemoPeople::kAdminLogin << " / "
                  << DemoPeople::kAdminPassword << "\n";
        if (!people.second_parent_key.empty()) {
            std::cout << "To try a second parent's space: create one at " << portal
                      << "creer-mon-espace with the clé enfance of Xavier DUPONT: " << people.second_parent_key << "\n";
        }
        std::cout << "Mails are not sent: the administrator reads them under \"Courriels envoyés\"." << std::endl;
    });
}

}  // namespace guichet::app
