#include "catalog/catalog_service.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"

namespace guichet::catalog {
namespace {

constexpr std::size_t kMaxReason = 200;

core::Status not_found() {
    return core::fail(core::ErrorCode::not_found, "error_not_found");
}

std::string trimmed(std::string_view text) {
    return core::trim(text);
}

// A whole number of places typed in a form, 1 to 10,000.
std::optional<int> read_capacity(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 1 || value > 10000)
        return std::nullopt;
    return value;
}

// Rolls back a use case whose input had faults; the caller reports them from its FieldErrors.
core::Status form_refused() {
    return core::fail(core::ErrorCode::invalid_input, "err_catalog_form");
}

}  // namespace

core::Status CatalogService::record(Transaction& tx, core::CommuneId commune, std::optional<core::AccountId> actor,
                                    std::string kind, std::string detail) {
    return tx.catalog().record({commune, actor, std::move(kind), std::move(detail), m_clock.now()});
}

core::Result<Catalog> CatalogService::catalog(core::CommuneId commune) {
    Catalog result;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(loaded, tx.catalog().load(commune));
        result = std::move(loaded);
        return {};
    }));
    return result;
}

core::Result<std::string> CatalogService::export_file(core::CommuneId commune) {
    GUICHET_TRY(loaded, catalog(commune));
    return write_catalog_file(loaded);
}

core::Result<std::vector<CatalogEvent>> CatalogService::history(core::CommuneId commune) {
    std::vector<CatalogEvent> result;
    GUICHET_TRY_STATUS(m_work.read([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(events, tx.catalog().history(commune));
        result = std::move(events);
        return {};
    }));
    return result;
}

core::Result<core::ClosureId> CatalogService::add_closure(core::CommuneId commune, std::optional<core::AccountId> actor,
                                                          const ClosureInput& input, FieldErrors& errors) {
    core::ClosureId id{0};
    const auto status = m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, tx.catalog().load(commune));
        Closure closure;
        closure.commune = commune;
        const auto day = family::read_date(core::trim(input.day));
        if (core::trim(input.day).empty())
            errors.push_back({"day", "err_required"});
        else if (!day)
            errors.push_back({"day", "err_date"});
        if (const auto code = trimmed(input.activity); !code.empty()) {
            const Activity* activity = catalog.activity_by_code(code);
            if (activity == nullptr)
                errors.push_back({"activity", "err_catalog_activity_unknown"});
            else
                closure.activity = activity->id;
        }
        if (const auto code = trimmed(input.site); !code.empty()) {
            const Site* site = catalog.site_by_code(code);
            if (site == nullptr)
                errors.push_back({"site", "err_catalog_site_unknown"});
            else
                closure.site = site->id;
        }
        closure.reason = trimmed(input.reason);
        if (closure.reason.empty())
            errors.push_back({"reason", "err_required"});
        else if (closure.reason.size() > kMaxReason)
            errors.push_back({"reason", "err_too_long"});
        if (!errors.empty())
            return form_refused();
        closure.day = *day;
        for (const auto& existing : catalog.closures) {
            if (existing.day == closure.day && existing.activity == closure.activity && existing.site == closure.site) {
                errors.push_back({"day", "err_catalog_closure_exists"});
                return form_refused();
            }
        }
        GUICHET_TRY(inserted, tx.catalog().insert_closure(closure));
        id = inserted;
        return record(tx, commune, actor, "closure_added",
                      closure.day.to_iso() + " " + input.activity + " " + input.site);
    });
    if (!errors.empty())
        return id;
    GUICHET_TRY_STATUS(status);
    return id;
}

core::Status CatalogService::change_settings(core::CommuneId commune, std::optional<core::AccountId> actor,
                                             const std::map<std::string, std::optional<int>>& values,
                                             FieldErrors& errors) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, tx.catalog().load(commune));
        Settings settings = catalog.settings;
        std::string detail;
        for (const auto& [name, value] : values) {
            if (setting_spec(name) == nullptr) {
                errors.push_back({name, "err_setting_unknown"});
                continue;
            }
            const int before = settings.get(name);
            if (!value) {
                settings.reset(name);
            } else if (auto set = settings.set(name, *value); !set) {
                errors.push_back({name, set.error().key});
                continue;
            }
            if (settings.get(name) != before)
                detail += (detail.empty() ? "" : " ") + name + "=" + std::to_string(settings.get(name));
        }
        if (!errors.empty())
            return form_refused();
        if (settings == catalog.settings)
            return {};
        GUICHET_TRY_STATUS(tx.catalog().save_settings(commune, settings));
        return record(tx, commune, actor, "settings_changed", detail.empty() ? "defaults" : detail);
    });
}

core::Status CatalogService::remove_closure(core::CommuneId commune, std::optional<core::AccountId> actor,
                                            core::ClosureId id) {
    return m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, tx.catalog().load(commune));
        const auto found = std::find_if(catalog.closures.begin(), catalog.closures.end(),
                                        [&](const Closure& c) { return c.id == id; });
        if (found == catalog.closures.end())
            return not_found();
        GUICHET_TRY_STATUS(tx.catalog().delete_closure(commune, id));
        return record(tx, commune, actor, "closure_removed", found->day.to_iso());
    });
}

core::Result<core::HolidaySessionId> CatalogService::save_session(core::CommuneId commune,
                                                                  std::optional<core::AccountId> actor,
                                                                  std::optional<core::HolidaySessionId> id,
                                                                  const SessionInput& input, FieldErrors& errors) {
    core::HolidaySessionId saved{0};
    const auto status = m_work.write([&](Transaction& tx) -> core::Status {
        GUICHET_TRY(catalog, tx.catalog().load(commune));
        const HolidaySession* previous = nullptr;
        if (id) {
            previous = catalog.session(*id);
            if (previous == nullptr)
                return not_found();
        }
        HolidaySession session;
        session.commune = commune;
        session.code = trimmed(input.code);
        if (!is_code(session.code))
            errors.push_back({"code", session.code.empty() ? "err_required" : "err_catalog_code_format"});
        else if (const auto* same = catalog.session_by_code(session.code); same != nullptr && same != previous)
            errors.push_back({"code", "err_catalog_code_taken"});
        session.name = trimmed(input.name);
        if (session.name.empty())
            errors.push_back({"name", "err_required"});
        else if (session.name.size() > kMaxReason)
            errors.push_back({"name", "err_too_long"});
        const Activity* activity = catalog.activity_by_code(trimmed(input.activity));
        if (activity == nullptr || activity->kind != ActivityKind::holiday_session)
            errors.push_back({"activity", "err_catalog_activity_unknown"});
        const auto first = family::read_date(core::trim(input.first_day));
        const auto last = family::read_date(core::trim(input.last_day));
        if (!first)
            errors.push_back({"first_day", core::trim(input.first_day).empty() ? "err_required" : "err_date"});
        if (!last)
            errors.push_back({"last_day", core::trim(input.last_day).empty() ? "err_required" : "err_date"});
        if (first && last && *last < *first)
            errors.push_back({"last_day", "err_date_order"});
        if (input.sites.empty())
            errors.push_back({"site", "err_required"});
        for (const auto& [code, capacity_text] : input.sites) {
            const Site* site = catalog.site_by_code(trimmed(code));
            if (site == nullptr) {
                errors.push_back({"site", "err_catalog_site_unknown"});
                continue;
            }
            if (session.capacity_at(site->id)) {
                errors.push_back({"site", "err_catalog_site_twice"});
                continue;
            }
            const auto capacity = read_capacity(trimmed(capacity_text));
            if (!capacity) {
                errors.push_back({"capacity", "err_catalog_capacity"});
                continue;
            }
            session.sites.push_back({site->id, *capacity});
        }
        if (!input.weekdays.empty()) {
            session.weekdays = Weekdays{};
            for (const auto& code : input.weekdays) {
                if (const auto day = weekday_from_code(code))
                    session.weekdays.add(*day);
                else
                    errors.push_back({"weekdays", "err_catalog_weekday"});
            }
        }
        if (!errors.empty())
            return form_refused();
        session.activity = activity->id;
        session.first_day = *first;
        session.last_day = *last;
        if (previous != nullptr) {
            session.id = previous->id;
            GUICHET_TRY_STATUS(tx.catalog().update_session(session));
            saved = session.id;
        } else {
            GUICHET_TRY(inserted, tx.catalog().insert_session(session));
            saved = inserted;
        }
        return record(tx, commune, actor, previous != nullptr ? "session_updated" : "session_created", session.code);
    });
    if (!errors.empty())
        return saved;
    GUICHET_TRY_STATUS(status);
    return saved;
}

}  // namespace guichet::catalog
