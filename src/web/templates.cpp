#include "web/templates.h"

#include <kainjow/mustache.hpp>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace guichet::web {
namespace {

namespace mustache = kainjow::mustache;

std::atomic<std::size_t> g_next_generation{1};

mustache::data to_mustache(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::object: {
            mustache::data object{mustache::data::type::object};
            for (const auto& [key, item] : value.items()) {
                object.set(key, to_mustache(item));
            }
            return object;
        }
        case nlohmann::json::value_t::array: {
            mustache::data list{mustache::data::type::list};
            for (const auto& item : value) {
                list.push_back(to_mustache(item));
            }
            return list;
        }
        case nlohmann::json::value_t::string:
            return mustache::data{value.get<std::string>()};
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

// One compiled template per (thread, template library, name).
using CompiledCache = std::unordered_map<std::string, std::unique_ptr<mustache::mustache>>;

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
    return compiled(name).render(to_mustache(data));
}

std::string Templates::render(std::string_view name, const nlohmann::json& data, const nlohmann::json& messages) const {
    const mustache::data page = to_mustache(data);
    mustache::context<std::string> context(&converted_messages(messages));
    context.push(&page);
    return compiled(name).render(context);
}

kainjow::mustache::mustache& Templates::compiled(std::string_view name) const {
    CompiledCache& cache = thread_cache(m_generation);
    auto it = cache.find(std::string(name));
    if (it == cache.end()) {
        const auto source = m_sources.find(name);
        if (source == m_sources.end()) {
            throw std::out_of_range("Unknown template " + std::string(name));
        }
        it = cache.emplace(std::string(name), std::make_unique<mustache::mustache>(source->second)).first;
    }
    return *it->second;
}

}  // namespace guichet::web
