#include "catalog/catalog_file_fields.h"

#include <algorithm>

namespace guichet::catalog::file {

core::Error error(std::string key) {
    return core::make_error(core::ErrorCode::invalid_input, std::move(key));
}

std::string at(const std::string& path, const char* name, std::size_t index) {
    return path + "." + name + "[" + std::to_string(index) + "]";
}

const Json* FieldReader::member(const Json& object, const std::string& path, const char* name, bool required) {
    const auto found = object.find(name);
    if (found == object.end() || (found->is_null() && required)) {
        if (required)
            fail(path + "." + name, error("err_catalog_missing"));
        return nullptr;
    }
    return found->is_null() ? nullptr : &*found;
}

bool FieldReader::object(const Json& value, const std::string& path, std::initializer_list<std::string_view> allowed) {
    if (!value.is_object()) {
        fail(path, error("err_catalog_type").with("expected", "objet"));
        return false;
    }
    for (const auto& [name, item] : value.items()) {
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
            fail(path + "." + name, error("err_catalog_unknown_field"));
    }
    return true;
}

const Json* FieldReader::array(const Json& object, const std::string& path, const char* name, bool required) {
    const Json* value = member(object, path, name, required);
    if (value != nullptr && !value->is_array()) {
        fail(path + "." + name, error("err_catalog_type").with("expected", "liste"));
        return nullptr;
    }
    return value;
}

std::optional<std::string> FieldReader::text(const Json& object, const std::string& path, const char* name,
                                             bool allow_empty, bool required) {
    const Json* value = member(object, path, name, required);
    if (value == nullptr)
        return std::nullopt;
    if (!value->is_string()) {
        fail(path + "." + name, error("err_catalog_type").with("expected", "texte"));
        return std::nullopt;
    }
    auto result = value->get<std::string>();
    if (!allow_empty && result.find_first_not_of(" \t") == std::string::npos) {
        fail(path + "." + name, error("err_catalog_empty"));
        return std::nullopt;
    }
    return result;
}

std::optional<std::string> FieldReader::code(const Json& object, const std::string& path, const char* name,
                                             bool required) {
    auto value = text(object, path, name, false, required);
    if (value && !is_code(*value)) {
        fail(path + "." + name, error("err_catalog_code").with("value", *value));
        return std::nullopt;
    }
    return value;
}

std::optional<int> FieldReader::integer(const Json& object, const std::string& path, const char* name, int min, int max,
                                        bool required) {
    const Json* value = member(object, path, name, required);
    if (value == nullptr)
        return std::nullopt;
    if (!value->is_number_integer()) {
        fail(path + "." + name, error("err_catalog_type").with("expected", "nombre entier"));
        return std::nullopt;
    }
    const auto number = value->get<long long>();
    if (number < min || number > max) {
        fail(path + "." + name,
             error("err_catalog_range").with("min", std::to_string(min)).with("max", std::to_string(max)));
        return std::nullopt;
    }
    return static_cast<int>(number);
}

std::optional<bool> FieldReader::boolean(const Json& object, const std::string& path, const char* name) {
    const Json* value = member(object, path, name);
    if (value == nullptr)
        return std::nullopt;
    if (!value->is_boolean()) {
        fail(path + "." + name, error("err_catalog_type").with("expected", "booléen (true ou false)"));
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<core::CivilDate> FieldReader::date(const Json& value, const std::string& path) {
    if (!value.is_string()) {
        fail(path, error("err_catalog_type").with("expected", "date AAAA-MM-JJ"));
        return std::nullopt;
    }
    auto parsed = core::CivilDate::parse_iso(value.get<std::string>());
    if (!parsed) {
        fail(path, error("err_catalog_date").with("value", value.get<std::string>()));
        return std::nullopt;
    }
    return *parsed;
}

std::optional<core::CivilDate> FieldReader::date(const Json& object, const std::string& path, const char* name) {
    const Json* value = member(object, path, name);
    return value != nullptr ? date(*value, path + "." + name) : std::nullopt;
}

std::optional<TownDate> FieldReader::town_date(const Json& object, const std::string& path, const char* name) {
    const Json* value = member(object, path, name);
    if (value == nullptr)
        return std::nullopt;
    const std::string here = path + "." + name;
    if (value->is_string()) {
        auto day = date(*value, here);
        return day ? std::optional(TownDate{*day, false}) : std::nullopt;
    }
    if (!object_or_date(*value, here))
        return std::nullopt;
    auto day = date(*value, here, "date");
    auto pending = boolean(*value, here, "to_be_confirmed");
    if (!day || !pending)
        return std::nullopt;
    return TownDate{*day, *pending};
}

std::optional<Weekdays> FieldReader::weekdays(const Json& object, const std::string& path, const char* name,
                                              bool required) {
    const Json* list = array(object, path, name, required);
    if (list == nullptr)
        return std::nullopt;
    Weekdays days;
    bool ok = true;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string here = path + "." + name + "[" + std::to_string(i) + "]";
        const Json& item = (*list)[i];
        const auto day = item.is_string() ? weekday_from_code(item.get<std::string>()) : std::nullopt;
        if (!day) {
            fail(here, error("err_catalog_enum")
                           .with("allowed",
                                 "monday, tuesday, wednesday, thursday, "
                                 "friday, saturday, sunday"));
            ok = false;
        } else if (days.contains(*day)) {
            fail(here, error("err_catalog_duplicate").with("value", item.get<std::string>()));
            ok = false;
        } else {
            days.add(*day);
        }
    }
    if (ok && days.empty()) {
        fail(path + "." + name, error("err_catalog_empty"));
        ok = false;
    }
    return ok ? std::optional(days) : std::nullopt;
}

std::optional<core::Money> FieldReader::price(const Json& object, const std::string& path, const char* name) {
    auto value = text(object, path, name);
    if (!value)
        return std::nullopt;
    const auto dot = value->find('.');
    const std::string whole = value->substr(0, dot);
    const std::string decimals = dot == std::string::npos ? std::string() : value->substr(dot + 1);
    const auto digits = [](const std::string& s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 9 || !digits(whole) || !digits(decimals) || decimals.size() > 2 ||
        (dot != std::string::npos && decimals.empty())) {
        fail(path + "." + name, error("err_catalog_price").with("value", *value));
        return std::nullopt;
    }
    std::int64_t cents = std::stoll(whole) * 100;
    if (!decimals.empty())
        cents += std::stoll(decimals) * (decimals.size() == 1 ? 10 : 1);
    return core::Money::from_cents(cents);
}

bool FieldReader::object_or_date(const Json& value, const std::string& path) {
    if (!value.is_object()) {
        fail(path, error("err_catalog_type").with("expected", "date AAAA-MM-JJ ou objet {date, to_be_confirmed}"));
        return false;
    }
    return object(value, path, {"date", "to_be_confirmed"});
}

}  // namespace guichet::catalog::file
