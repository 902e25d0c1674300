#include "booking/attendance_mark.h"

#include "core/enum_names.h"

namespace guichet::booking {
namespace {

constexpr core::EnumNames<Presence, 2> kPresences = {{{Presence::present, "present"}, {Presence::absent, "absent"}}};
constexpr core::EnumNames<MarkBasis, 2> kBases = {{{MarkBasis::booked, "booked"}, {MarkBasis::unbooked, "unbooked"}}};

}  // namespace

std::string_view presence_name(Presence presence) {
    return core::name_of(kPresences, presence);
}
std::optional<Presence> presence_from_name(std::string_view name) {
    return core::value_of(kPresences, name);
}
std::string_view mark_basis_name(MarkBasis basis) {
    return core::name_of(kBases, basis);
}
std::optional<MarkBasis> mark_basis_from_name(std::string_view name) {
    return core::value_of(kBases, name);
}

bool is_mark_id(std::string_view text) {
    if (text.size() < 8 || text.size() > 64) {
        return false;
    }
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

}  // namespace guichet::booking
