#include "web/view/templates.h"

#include <kainjow/mustache.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <regex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace guichet::web {
namespace {

namespace mustache = kainjow::mustache;

std::atomic<std::size_t> g_next_generation{1};

mustache::data scalar(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::string:
            return mustache::data{value.get_ref<const std::string&>()};
        case nlohmann::json::value_t::boolean:
            return mustache::data{value.get<bool>()};
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float:
            return mustache::data{value.dump()};
        default:
            return mustache::data{false};
    }
}

mustache::data::type container_type(const nlohmann::json& value) {
    return value.is_object() ? mustache::data::type::object : mustache::data::type::list;
}

// Fills `target` (an empty object or list) with `value`'s members. kainjow's set() and push_back() copy what they
// are given, whole: converting bottom-up would copy every subtree once per level above it. So each container is
// added empty and filled in place; the const_cast is sound because the data is ours and not const.
void fill(const nlohmann::json& value, mustache::data& target) {
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            if (!item.is_object() && !item.is_array()) {
                target.set(key, scalar(item));
                continue;
            }
            target.set(key, mustache::data{container_type(item)});
            fill(item, const_cast<mustache::data&>(*target.get(key)));
        }
        return;
    }
    for (const auto& item : value) {
        if (!item.is_object() && !item.is_array()) {
            target.push_back(scalar(item));
            continue;
        }
        target.push_back(mustache::data{container_type(item)});
        fill(item, const_cast<mustache::data&>(target.list_value().back()));
    }
}

mustache::data to_mustache(const nlohmann::json& value) {
    if (!value.is_object() && !value.is_array()) {
        return scalar(value);
    }
    mustache::data converted{container_type(value)};
    fill(value, converted);
    return converted;
}

// kainjow's own context splits every dotted name ("t.home_title", "form.values.email") with a std::stringstream
// each time a page shows it, which cost more than the rest of rendering; this one splits with string views.
// Otherwise it behaves the same: the innermost data that has the first name wins, and a name that goes on into a
// value lacking the rest is looked up in the next data out.
class PageContext final : public mustache::basic_context<std::string> {
  public:
    explicit PageContext(const mustache::data* base) { m_items.push_back(base); }

    void push(const mustache::data* data) override { m_items.push_back(data); }
    void pop() override { m_items.pop_back(); }

    const mustache::data* get(const std::string& name) const override {
        if (name.size() == 1 && name.front() == '.') {
            return m_items.back();
        }
        if (name.find('.') == std::string::npos) {
            for (auto it = m_items.rbegin(); it != m_items.rend(); ++it) {
                if (const auto* value = (*it)->get(name)) {
                    return value;
                }
            }
            return nullptr;
        }
        std::string part;
        for (auto it = m_items.rbegin(); it != m_items.rend(); ++it) {
            const mustache::data* value = *it;
            std::string_view rest(name);
            while (value != nullptr) {
                const auto dot = rest.find('.');
                part.assign(rest.substr(0, dot));
                value = value->get(part);
                if (dot == std::string_view::npos) {
                    break;
                }
                rest.remove_prefix(dot + 1);
            }
            if (value != nullptr) {
                return value;
            }
        }
        return nullptr;
    }

    const mustache::data* get_partial(const std::string& name) const override { return get(name); }

  private:
    std::vector<const mustache::data*> m_items;  // innermost last
};

// One compiled template per (thread, template library, name, catalogue).
using CompiledCache = std::unordered_map<std::string, std::unique_ptr<mustache::mustache>>;

// The template's text with the catalogue's texts written in place of their tags ({{t.key}} → the escaped text,
// {{{t.key}}} and {{&t.key}} → the text as it is): the catalogue never changes, so a tag that would be looked up on
// every page is resolved once. A tag whose key the catalogue lacks, or whose text holds Mustache braces, stays a tag.
std::string with_catalogue(const std::string& source, const nlohmann::json& messages) {
    static const std::regex kTag(R"(\{\{(\{|&)?\s*t\.([a-z0-9_]+)\s*\}?\}\})");
    std::string result;
    result.reserve(source.size() + source.size() / 2);
    auto last = source.cbegin();
    for (auto it = std::sregex_iterator(source.begin(), source.end(), kTag); it != std::sregex_iterator(); ++it) {
        const std::smatch& match = *it;
        const bool raw = match[1].matched;
        const bool closed_raw = match[0].str().size() >= 6 && match[0].str().substr(match[0].str().size() - 3) == "}}}";
        if ((match[1].str() == "{") != closed_raw) {
            continue;  // not a well-formed tag: leave it to the parser
        }
        const auto text = messages.find(match[2].str());
        if (text == messages.end() || !text->is_string()) {
            continue;
        }
        const std::string& value = text->get_ref<const std::string&>();
        if (value.find("{{") != std::string::npos || value.find("}}") != std::string::npos) {
            continue;
        }
        result.append(last, match[0].first);
        result += raw ? value : mustache::html_escape(value);
        last = match[0].second;
    }
    result.append(last, source.cend());
    return result;
}

CompiledCache& thread_cache(std::size_t generation) {
    thread_local std::unordered_map<std::size_t, CompiledCache> caches;
    return caches[generation];
}

// Catalogues converted to Mustache data ({"t": catalogue}), per thread, keyed by the address of the immutable JSON
// object. Rendering puts this object at the bottom of the context stack, under the page's own data, so that the
// catalogue (hundreds of texts) is never copied for a page.
const mustache::data& converted_messages(const nlohmann::json& messages) {
    thread_local std::unordered_map<const nlohmann::json*, mustache::data> converted;
    auto it = converted.find(&messages);
    if (it == converted.end()) {
        mustache::data base{mustache::data::type::object};
        base.set("t", to_mustache(messages));
        it = converted.emplace(&messages, std::move(base)).first;
    }
    return it->second;
}

}  // namespace

Templates::Templates(const std::vector<EmbeddedFile>& files) : m_generation(g_next_generation++) {
    constexpr std::string_view kPrefix = "templates/";
    constexpr std::string_view kSuffix = ".mustache";
    for (const EmbeddedFile& file : files) {
        if (file.path.rfind(kPrefix, 0) != 0 || file.path.size() <= kPrefix.size() + kSuffix.size() ||
            file.path.substr(file.path.size() - kSuffix.size()) != kSuffix) {
            continue;
        }
        std::string name(file.path.substr(kPrefix.size(), file.path.size() - kPrefix.size() - kSuffix.size()));
        mustache::mustache compiled{std::string(file.bytes)};
        if (!compiled.is_valid()) {
            throw std::runtime_error("Template " + std::string(file.path) + ": " + compiled.error_message());
        }
        m_sources.emplace(std::move(name), std::string(file.bytes));
    }
}

std::string Templates::render(std::string_view name, const nlohmann::json& data) const {
    const mustache::data page = to_mustache(data);
    PageContext context(&page);
    return compiled(name, nullptr).render(context);
}

std::string Templates::render(std::string_view name, const nlohmann::json& data, const nlohmann::json& messages) const {
    const mustache::data page = to_mustache(data);
    PageContext context(&converted_messages(messages));
    context.push(&page);
    return compiled(name, &messages).render(context);
}

kainjow::mustache::mustache& Templates::compiled(std::string_view name, const nlohmann::json* messages) const {
    CompiledCache& cache = thread_cache(m_generation);
    std::string key(name);
    key += '@';
    key += std::to_string(reinterpret_cast<std::uintptr_t>(messages));
    auto it = cache.find(key);
    if (it == cache.end()) {
        const auto source = m_sources.find(name);
        if (source == m_sources.end()) {
            throw std::out_of_range("Unknown template " + std::string(name));
        }
        const std::string text = messages == nullptr ? source->second : with_catalogue(source->second, *messages);
        it = cache.emplace(std::move(key), std::make_unique<mustache::mustache>(text)).first;
    }
    return *it->second;
}

}  // namespace guichet::web
