#include "web/http/form.h"

#include "web/http/url.h"

namespace guichet::web {

std::optional<Form> Form::parse(std::string_view body) {
    auto pairs = parse_query(body);
    if (!pairs || pairs->size() > kMaxFields) {
        return std::nullopt;
    }
    Form form;
    form.m_fields = std::move(*pairs);
    return form;
}

Form Form::from_pairs(std::vector<std::pair<std::string, std::string>> pairs) {
    Form form;
    form.m_fields = std::move(pairs);
    return form;
}

std::string Form::get(std::string_view name) const {
    for (const auto& [key, value] : m_fields) {
        if (key == name) {
            return value;
        }
    }
    return {};
}

std::vector<std::string> Form::get_all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : m_fields) {
        if (key == name) {
            values.push_back(value);
        }
    }
    return values;
}

bool Form::has(std::string_view name) const {
    for (const auto& [key, value] : m_fields) {
        if (key == name) {
            return true;
        }
    }
    return false;
}

}  // namespace guichet::web
