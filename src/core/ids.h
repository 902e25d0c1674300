#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace guichet::core {

// A strongly typed identifier: the database key of one kind of record. The Tag type only distinguishes kinds, so that
// a CommuneId can never be passed where a FamilyId is expected, although both are 64-bit integers underneath.
template <class Tag>
class Id {
  public:
    // Wraps `value` as an identifier of this kind. Explicit, because an untyped integer silently becoming an id is
    // exactly the mistake this type exists to prevent. There is no default constructor, so that no record can carry
    // an id that nobody chose.
    constexpr explicit Id(std::int64_t value) noexcept : m_value(value) {}

    // Returns the underlying integer, for storage and serialisation.
    [[nodiscard]] constexpr std::int64_t value() const noexcept { return m_value; }

    // Identifiers of the same kind compare by their integer value; ids of different kinds do not compare at all.
    friend constexpr bool operator==(Id, Id) noexcept = default;
    friend constexpr std::strong_ordering operator<=>(Id, Id) noexcept = default;

  private:
    std::int64_t m_value;
};

// Returns the decimal spelling of the id's value, e.g. "42" or "-7", as used in URLs and logs.
template <class Tag>
[[nodiscard]] std::string to_string(Id<Tag> id) {
    return std::to_string(id.value());
}

// A town (commune) that runs its own portal; the root of tenancy.
using CommuneId = Id<struct CommuneTag>;
// A person's account on the portal: a parent, an agent or an administrator of one commune.
using AccountId = Id<struct AccountTag>;
// A message waiting in, or gone from, the outbox.
using OutboxMessageId = Id<struct OutboxMessageTag>;
// A household (foyer) and its members, as the town's family record holds them.
using HouseholdId = Id<struct HouseholdTag>;
using RepresentativeId = Id<struct RepresentativeTag>;
using ChildId = Id<struct ChildTag>;
using AuthorisedPersonId = Id<struct AuthorisedPersonTag>;
using QuotientId = Id<struct QuotientTag>;
// A piece of work run in the background for a commune (a batch of letters, an export), and its file.
using JobId = Id<struct JobTag>;
// The catalogue: the places activities run at, the activities, the school years, the holiday sessions, the days a
// service is closed.
using SiteId = Id<struct SiteTag>;
using ActivityId = Id<struct ActivityTag>;
using SchoolYearId = Id<struct SchoolYearTag>;
using HolidaySessionId = Id<struct HolidaySessionTag>;
using ClosureId = Id<struct ClosureTag>;
// Booking: a child's enrolment (inscription) in an activity, and one booked day.
using EnrolmentId = Id<struct EnrolmentTag>;
using BookingId = Id<struct BookingTag>;
// A child waiting for a place on a full day.
using WaitingEntryId = Id<struct WaitingEntryTag>;

}  // namespace guichet::core

// Lets identifiers be keys of std::unordered_map and std::unordered_set. The hash is that of the integer value.
template <class Tag>
struct std::hash<guichet::core::Id<Tag>> {
    [[nodiscard]] std::size_t operator()(guichet::core::Id<Tag> id) const noexcept {
        return std::hash<std::int64_t>{}(id.value());
    }
};
