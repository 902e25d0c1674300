#include "catalog/allocation_file.h"

#include <algorithm>
#include <set>

namespace guichet::catalog {
namespace file {

namespace {

std::optional<core::LocalDateTime> local_date_time(FieldReader& in, const Json& object, const std::string& path,
                                                   const char* name) {
    const auto text = in.text(object, path, name);
    if (!text)
        return std::nullopt;
    auto parsed = core::LocalDateTime::parse_iso(*text);
    if (!parsed || text->size() != 16) {
        in.fail(path + "." + name, error("err_catalog_date_time").with("value", *text));
        return std::nullopt;
    }
    return *parsed;
}

std::string minutes_iso(const core::LocalDateTime& value) {
    return value.to_iso().substr(0, 16);  // "2026-10-01T20:00"
}

}  // namespace

std::optional<SessionAllocation> read_allocation(FieldReader& in, const Json& item, const std::string& path) {
    SessionAllocation result;
    const Json* value = in.member(item, path, "allocation", false);
    if (value == nullptr)
        return result;
    const std::string here = path + ".allocation";
    if (!in.object(*value, here, {"mode", "opens_at", "closes_at", "priorities", "resident_postcodes"}))
        return std::nullopt;
    const auto mode = in.text(*value, here, "mode");
    if (mode && *mode == "first_come")
        return result;
    if (mode && *mode != "pre_registration") {
        in.fail(here + ".mode", error("err_catalog_enum").with("allowed", "first_come, pre_registration"));
        return std::nullopt;
    }
    result.mode = AllocationMode::pre_registration;
    result.opens_at = local_date_time(in, *value, here, "opens_at");
    result.closes_at = local_date_time(in, *value, here, "closes_at");
    bool ok = mode && result.opens_at && result.closes_at;
    if (ok && *result.closes_at <= *result.opens_at) {
        in.fail(here + ".closes_at", error("err_catalog_date_order").with("other", result.opens_at->format_fr()));
        ok = false;
    }
    if (const Json* list = in.array(*value, here, "priorities", false)) {
        std::set<Criterion> seen;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string entry_path = at(here, "priorities", i);
            const Json& entry = (*list)[i];
            if (!in.object(entry, entry_path, {"criterion", "weight"})) {
                ok = false;
                continue;
            }
            const auto name = in.text(entry, entry_path, "criterion");
            const auto criterion = name ? criterion_from_name(*name) : std::nullopt;
            const auto weight = in.integer(entry, entry_path, "weight", 0, 1000);
            if (name && !criterion) {
                in.fail(
                    entry_path + ".criterion",
                    error("err_catalog_enum")
                        .with("allowed", "resident, siblings_together, both_parents_working, previous_waiting_list"));
            } else if (criterion && !seen.insert(*criterion).second) {
                in.fail(entry_path + ".criterion", error("err_catalog_duplicate").with("value", *name));
                ok = false;
                continue;
            }
            if (!criterion || !weight) {
                ok = false;
                continue;
            }
            result.priorities.push_back({*criterion, *weight});
        }
    }
    if (const Json* list = in.array(*value, here, "resident_postcodes", false)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            const Json& entry = (*list)[i];
            const std::string text = entry.is_string() ? entry.get<std::string>() : std::string();
            const bool postcode =
                text.size() == 5 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (!postcode) {
                in.fail(at(here, "resident_postcodes", i), error("err_catalog_postcode"));
                ok = false;
                continue;
            }
            result.resident_postcodes.push_back(text);
        }
    }
    return ok ? std::optional(result) : std::nullopt;
}

nlohmann::ordered_json allocation_json(const SessionAllocation& allocation) {
    using Ordered = nlohmann::ordered_json;
    Ordered priorities = Ordered::array();
    for (const auto& priority : allocation.priorities)
        priorities.push_back(Ordered{{"criterion", criterion_name(priority.criterion)}, {"weight", priority.weight}});
    Ordered json{{"mode", "pre_registration"},
                 {"opens_at", allocation.opens_at ? minutes_iso(*allocation.opens_at) : ""},
                 {"closes_at", allocation.closes_at ? minutes_iso(*allocation.closes_at) : ""},
                 {"priorities", std::move(priorities)}};
    if (!allocation.resident_postcodes.empty())
        json["resident_postcodes"] = allocation.resident_postcodes;
    return json;
}

}  // namespace file

std::string write_allocation(const SessionAllocation& allocation) {
    if (!allocation.pre_registration())
        return "";
    return file::allocation_json(allocation).dump();
}

std::optional<SessionAllocation> read_allocation(std::string_view text) {
    if (text.empty())
        return SessionAllocation{};
    const file::Json value = file::Json::parse(text, nullptr, false);
    if (value.is_discarded())
        return std::nullopt;
    file::FieldReader in;
    const file::Json holder = {{"allocation", value}};
    auto result = file::read_allocation(in, holder, "$");
    return in.errors.empty() ? result : std::nullopt;
}

}  // namespace guichet::catalog
