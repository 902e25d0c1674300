#include "storage/migration.h"

namespace guichet::storage {

// The communes (tenants) and their settings.
std::vector<Migration> tenancy_migrations() {
    return {
        {1,
         "communes",
         {
             R"sql(CREATE TABLE commune (
                id {id},
                slug TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                contact_service TEXT NOT NULL,
                contact_address TEXT NOT NULL,
                contact_postal TEXT NOT NULL,
                contact_phone TEXT NOT NULL,
                contact_email TEXT NOT NULL,
                contact_hours TEXT NOT NULL,
                logo_media_type TEXT,
                logo_base64 TEXT,
                created_at_us {int} NOT NULL,
                updated_at_us {int} NOT NULL,
                CHECK ((logo_media_type IS NULL) = (logo_base64 IS NULL))
              ){strict})sql",
         }},
    };
}

}  // namespace guichet::storage
