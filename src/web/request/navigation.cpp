#include "web/request/navigation.h"

#include <algorithm>
#include <stdexcept>

namespace guichet::web {
namespace {

template <class Item>
void insert_in_order(std::vector<Item>& items, Item item) {
    const auto at = std::upper_bound(items.begin(), items.end(), item.order,
                                     [](int order, const Item& other) { return order < other.order; });
    items.insert(at, std::move(item));
}

}  // namespace

void Navigation::add(MenuEntry entry) {
    insert_in_order(m_menu, std::move(entry));
}

void Navigation::add(DashboardTile tile) {
    insert_in_order(m_tiles, std::move(tile));
}

void Navigation::add(DashboardPanel panel) {
    insert_in_order(m_panels, std::move(panel));
}

void Navigation::add(OfficeLink link) {
    insert_in_order(m_office_links, std::move(link));
}

void Navigation::add(ChildPanel panel) {
    insert_in_order(m_child_panels, std::move(panel));
}

void Navigation::add(AccountPanel panel) {
    insert_in_order(m_account_panels, std::move(panel));
}

bool in_audience(Audience audience, bool staff, bool admin) {
    switch (audience) {
        case Audience::signed_in:
            return true;
        case Audience::parent:
            return !staff;
        case Audience::staff:
            return staff;
        case Audience::admin:
            return admin;
        case Audience::roll_takers:
            return staff;
    }
    return false;
}

void MailKinds::add(MailKind kind) {
    const std::string name = kind.name;
    if (!m_kinds.emplace(name, std::move(kind)).second) {
        throw std::logic_error("Mail kind " + name + " is registered twice");
    }
}

const MailKind* MailKinds::find(std::string_view name) const {
    const auto it = m_kinds.find(name);
    return it == m_kinds.end() ? nullptr : &it->second;
}

std::vector<const MailKind*> MailKinds::all() const {
    std::vector<const MailKind*> kinds;
    for (const auto& [name, kind] : m_kinds) {
        kinds.push_back(&kind);
    }
    return kinds;
}

}  // namespace guichet::web
