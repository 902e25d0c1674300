#include "app/demo.h"

#include <iostream>

#include "app/error_text.h"
#include "app/runtime.h"
#include "core/system_clock.h"
#include "storage/migrator.h"
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
            if (auto created = service.create(commune); !created) {
                return report_error(created.error(), std::cerr);
            }
        }
    }
    const std::string host = config.address == "0.0.0.0" ? "127.0.0.1" : config.address;
    return serve(config, logs, [&host](std::uint16_t port) {
        std::cout << "Guichet is serving Chanteloup-les-Vignes at http://" << host << ":" << port
                  << "/chanteloup-les-vignes/ (Ctrl+C to stop)" << std::endl;
    });
}

}  // namespace guichet::app
