#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_file.h"
#include "catalog/weekdays.h"
#include "core/civil_date.h"
#include "core/money.h"

namespace guichet::catalog::file {

// The catalogue file reader's own tools (catalog_file_reader.cpp only): the fields of a JSON value read by their
// path, every fault recorded as a FileError instead of stopping at the first.

using Json = nlohmann::json;

// An invalid_input error with this catalogue key.
[[nodiscard]] core::Error error(std::string key);

// "$.activities" + "sites" + 2 → "$.activities.sites[2]".
[[nodiscard]] std::string at(const std::string& path, const char* name, std::size_t index);

// Reads the members of JSON objects. Each function takes the object, its path and the member's name, records a
// FileError at "path.name" when the member is missing (if required), of the wrong type or out of range, and returns
// the value or nothing.
class FieldReader {
  public:
    std::vector<FileError> errors;

    void fail(const std::string& path, core::Error fault) { errors.push_back({path, std::move(fault)}); }

    // The member `name` of `object`, or nullptr (an error when required).
    const Json* member(const Json& object, const std::string& path, const char* name, bool required = true);

    // True when `value` is an object; an error otherwise. Also reports members other than `allowed`.
    bool object(const Json& value, const std::string& path, std::initializer_list<std::string_view> allowed);

    const Json* array(const Json& object, const std::string& path, const char* name, bool required = true);

    std::optional<std::string> text(const Json& object, const std::string& path, const char* name,
                                    bool allow_empty = false, bool required = true);

    std::optional<std::string> code(const Json& object, const std::string& path, const char* name,
                                    bool required = true);

    std::optional<int> integer(const Json& object, const std::string& path, const char* name, int min, int max,
                               bool required = true);

    std::optional<bool> boolean(const Json& object, const std::string& path, const char* name);

    std::optional<core::CivilDate> date(const Json& value, const std::string& path);

    std::optional<core::CivilDate> date(const Json& object, const std::string& path, const char* name);

    // "2025-09-01", or {"date": "2025-09-01", "to_be_confirmed": true}.
    std::optional<TownDate> town_date(const Json& object, const std::string& path, const char* name);

    std::optional<Weekdays> weekdays(const Json& object, const std::string& path, const char* name, bool required);

    std::optional<core::Money> price(const Json& object, const std::string& path, const char* name);

  private:
    bool object_or_date(const Json& value, const std::string& path);
};

}  // namespace guichet::catalog::file
