#include "storage/tenancy/sql_commune_repository.h"

#include <sodium.h>

#include "storage/sql_query.h"

namespace guichet::storage {
namespace {

constexpr const char* kSelectColumns =
    "SELECT id, slug, name, time_zone, contact_service, contact_address, contact_postal, contact_phone, "
    "contact_email, contact_hours, logo_media_type, logo_base64 FROM commune";

std::string to_base64(const std::string& bytes) {
    std::string encoded(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    encoded.resize(encoded.size() - 1);  // the terminating NUL
    return encoded;
}

std::string from_base64(const std::string& encoded) {
    std::string bytes(encoded.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), encoded.data(), encoded.size(),
                          nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
        return {};
    }
    bytes.resize(length);
    return bytes;
}

// The columns of one commune row, bound by reference to a prepared statement.
struct CommuneRow {
    long long id = 0;
    std::string slug, name, time_zone, service, address, postal, phone, email, hours, media_type, logo;
    soci::indicator media_type_null = soci::i_null;
    soci::indicator logo_null = soci::i_null;

    void bind(soci::statement& statement) {
        statement.exchange(soci::into(id));
        statement.exchange(soci::into(slug));
        statement.exchange(soci::into(name));
        statement.exchange(soci::into(time_zone));
        statement.exchange(soci::into(service));
        statement.exchange(soci::into(address));
        statement.exchange(soci::into(postal));
        statement.exchange(soci::into(phone));
        statement.exchange(soci::into(email));
        statement.exchange(soci::into(hours));
        statement.exchange(soci::into(media_type, media_type_null));
        statement.exchange(soci::into(logo, logo_null));
    }

    [[nodiscard]] tenancy::Commune value() const {
        tenancy::Commune commune;
        commune.id = core::CommuneId{id};
        commune.slug = slug;
        commune.name = name;
        commune.time_zone = time_zone;
        commune.contact = {service, address, postal, phone, email, hours};
        if (media_type_null == soci::i_ok && logo_null == soci::i_ok) {
            commune.logo = tenancy::Logo{media_type, from_base64(logo)};
        }
        return commune;
    }
};

}  // namespace

core::Result<tenancy::Commune> SqlCommuneRepository::insert(const tenancy::NewCommune& commune) {
    const long long now = m_clock.now().time_since_epoch().count();
    auto inserted = m_database.transact([&](soci::session& session) -> core::Result<tenancy::Commune> {
        const std::string media_type = commune.logo ? commune.logo->media_type : std::string();
        const std::string logo = commune.logo ? to_base64(commune.logo->bytes) : std::string();
        soci::indicator logo_indicator = commune.logo ? soci::i_ok : soci::i_null;
        soci::indicator media_indicator = logo_indicator;
        long long id = 0;
        session << "INSERT INTO commune (slug, name, time_zone, contact_service, contact_address, contact_postal, "
                   "contact_phone, contact_email, contact_hours, logo_media_type, logo_base64, created_at_us, "
                   "updated_at_us) VALUES (:slug, :name, :tz, :service, :address, :postal, :phone, :email, :hours, "
                   ":media, :logo, :created, :updated) RETURNING id",
            soci::use(commune.slug), soci::use(commune.name), soci::use(commune.time_zone),
            soci::use(commune.contact.service), soci::use(commune.contact.address), soci::use(commune.contact.postal),
            soci::use(commune.contact.phone), soci::use(commune.contact.email),
            soci::use(commune.contact.opening_hours), soci::use(media_type, media_indicator),
            soci::use(logo, logo_indicator), soci::use(now), soci::use(now), soci::into(id);
        return tenancy::Commune{core::CommuneId{id}, commune.slug,    commune.name,
                                commune.time_zone,   commune.contact, commune.logo};
    });
    if (!inserted && inserted.error().code == core::ErrorCode::conflict) {
        return core::fail(
            core::make_error(core::ErrorCode::conflict, "err_slug_taken", "slug").with("slug", commune.slug));
    }
    return inserted;
}

core::Status SqlCommuneRepository::update_settings(const tenancy::Commune& commune) {
    const long long now = m_clock.now().time_since_epoch().count();
    return m_database.transact([&](soci::session& session) -> core::Status {
        const std::string media_type = commune.logo ? commune.logo->media_type : std::string();
        const std::string logo = commune.logo ? to_base64(commune.logo->bytes) : std::string();
        soci::indicator logo_indicator = commune.logo ? soci::i_ok : soci::i_null;
        soci::indicator media_indicator = logo_indicator;
        const long long id = commune.id.value();
        soci::statement statement =
            (session.prepare << "UPDATE commune SET name = :name, time_zone = :tz, contact_service = :service, "
                                "contact_address = :address, contact_postal = :postal, contact_phone = :phone, "
                                "contact_email = :email, contact_hours = :hours, logo_media_type = :media, "
                                "logo_base64 = :logo, updated_at_us = :updated WHERE id = :id",
             soci::use(commune.name), soci::use(commune.time_zone), soci::use(commune.contact.service),
             soci::use(commune.contact.address), soci::use(commune.contact.postal), soci::use(commune.contact.phone),
             soci::use(commune.contact.email), soci::use(commune.contact.opening_hours),
             soci::use(media_type, media_indicator), soci::use(logo, logo_indicator), soci::use(now), soci::use(id));
        statement.execute(true);
        if (statement.get_affected_rows() != 1) {
            return core::fail(core::ErrorCode::not_found, "err_commune_unknown");
        }
        return {};
    });
}

core::Result<std::optional<tenancy::Commune>> SqlCommuneRepository::find_by_slug(std::string_view slug) {
    const std::string wanted(slug);
    return m_database.read([&](soci::session& session) -> core::Result<std::optional<tenancy::Commune>> {
        auto found = query_rows<CommuneRow>(session, std::string(kSelectColumns) + " WHERE slug = :slug",
                                            [&](soci::statement& s) { s.exchange(soci::use(wanted)); });
        if (found.empty()) {
            return std::optional<tenancy::Commune>{};
        }
        return std::optional<tenancy::Commune>{std::move(found.front())};
    });
}

core::Result<std::optional<tenancy::Commune>> SqlCommuneRepository::find_by_id(core::CommuneId id) {
    long long wanted = id.value();
    return m_database.read([&](soci::session& session) -> core::Result<std::optional<tenancy::Commune>> {
        auto found = query_rows<CommuneRow>(session, std::string(kSelectColumns) + " WHERE id = :id",
                                            [&](soci::statement& s) { s.exchange(soci::use(wanted)); });
        if (found.empty()) {
            return std::optional<tenancy::Commune>{};
        }
        return std::optional<tenancy::Commune>{std::move(found.front())};
    });
}

core::Result<std::vector<tenancy::Commune>> SqlCommuneRepository::list() {
    return m_database.read([](soci::session& session) -> core::Result<std::vector<tenancy::Commune>> {
        return query_rows<CommuneRow>(session, std::string(kSelectColumns) + " ORDER BY slug", [](soci::statement&) {});
    });
}

}  // namespace guichet::storage
