#include "web/request/job_kinds.h"

#include <stdexcept>

namespace guichet::web {

void JobKinds::add(JobKind kind) {
    if (kind.name.empty() || !kind.handler.run || kind.handler.file_extension.empty()) {
        throw std::logic_error("A job kind needs a name, a handler and a file extension");
    }
    const std::string name = kind.name;
    if (!m_kinds.emplace(name, std::move(kind)).second) {
        throw std::logic_error("Job kind registered twice: " + name);
    }
}

const JobKind* JobKinds::kind(std::string_view name) const {
    const auto it = m_kinds.find(name);
    return it == m_kinds.end() ? nullptr : &it->second;
}

const jobs::JobHandler* JobKinds::find(std::string_view kind) const {
    const JobKind* found = this->kind(kind);
    return found == nullptr ? nullptr : &found->handler;
}

std::vector<const JobKind*> JobKinds::all() const {
    std::vector<const JobKind*> kinds;
    for (const auto& [name, kind] : m_kinds) {
        kinds.push_back(&kind);
    }
    return kinds;
}

}  // namespace guichet::web
