#include "core/error.h"

#include <utility>

namespace guichet::core {

Error Error::with(std::string name, std::string value) const& {
    Error copy = *this;
    copy.params.push_back({std::move(name), std::move(value)});
    return copy;
}

Error Error::with(std::string name, std::string value) && {
    params.push_back({std::move(name), std::move(value)});
    return std::move(*this);
}

Error Error::with_detail(std::string text) && {
    detail = std::move(text);
    return std::move(*this);
}

std::string_view Error::param(std::string_view name) const {
    for (const auto& param : params) {
        if (param.name == name) {
            return param.value;
        }
    }
    return {};
}

Error make_error(ErrorCode code, std::string key, std::string field) {
    return Error{code, std::move(key), {}, std::move(field), {}};
}

std::string describe(const Error& error) {
    std::string line(error_code_name(error.code));
    line += " " + error.key;
    for (const auto& param : error.params) {
        line += " " + param.name + "=" + param.value;
    }
    if (!error.field.empty()) {
        line += " field=" + error.field;
    }
    if (!error.detail.empty()) {
        line += " (" + error.detail + ")";
    }
    return line;
}

}  // namespace guichet::core
