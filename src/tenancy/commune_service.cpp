#include "tenancy/commune_service.h"

#include "core/time_zone.h"
#include "tenancy/commune_slug.h"

namespace guichet::tenancy {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

bool looks_like_email(const std::string& email) {
    const auto at = email.find('@');
    return at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
           email.find('.', at) != std::string::npos && email.back() != '.' &&
           email.find_first_of(" \t\r\n<>,;") == std::string::npos;
}

}  // namespace

core::Status validate_commune_settings(const std::string& name, const std::string& time_zone,
                                       const ContactBlock& contact, const std::optional<Logo>& logo) {
    if (trimmed(name).empty()) {
        return core::fail(core::ErrorCode::invalid_input, "err_commune_name_required", "name");
    }
    if (!core::TimeZone::locate(time_zone)) {
        return core::fail(core::make_error(core::ErrorCode::invalid_input, "err_commune_time_zone", "time_zone")
                              .with("zone", time_zone));
    }
    if (!contact.email.empty() && !looks_like_email(contact.email)) {
        return core::fail(core::ErrorCode::invalid_input, "err_service_email", "email");
    }
    if (logo) {
        if (logo->media_type != "image/png" && logo->media_type != "image/jpeg" &&
            logo->media_type != "image/svg+xml") {
            return core::fail(core::ErrorCode::invalid_input, "err_logo_type", "logo");
        }
        if (logo->bytes.empty() || logo->bytes.size() > CommuneService::kMaxLogoBytes) {
            return core::fail(core::ErrorCode::invalid_input, "err_logo_too_large", "logo");
        }
    }
    return {};
}

core::Result<Commune> CommuneService::create(NewCommune commune) {
    commune.name = trimmed(commune.name);
    GUICHET_TRY_STATUS(validate_commune_slug(commune.slug));
    GUICHET_TRY_STATUS(validate_commune_settings(commune.name, commune.time_zone, commune.contact, commune.logo));
    return m_repository.insert(commune);
}

core::Status CommuneService::update(const Commune& commune) {
    GUICHET_TRY_STATUS(validate_commune_settings(commune.name, commune.time_zone, commune.contact, commune.logo));
    return m_repository.update_settings(commune);
}

}  // namespace guichet::tenancy
