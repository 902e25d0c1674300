#pragma once

#include <optional>

#include "booking/reason.h"

namespace guichet::booking {

// Whether the child is enrolled in the activity, which booking a day requires.
enum class EnrolmentState { enrolled, not_enrolled };

// Whether the day still has a free place.
enum class Availability { places_left, full };

// What the caller knows of a day that the deadline rules cannot: whether the activity runs at all that day (and why
// not), whether the child is enrolled, whether places are left. The catalogue and the booking store provide them.
struct DayCircumstances {
    // Set when the activity does not run that day (a public holiday, a closure, a day outside its calendar), with the
    // sentence that says why. Its key defaults to the booking catalogue's general "no service that day".
    struct NoService {
        Reason reason{"booking_no_service", {}};
        friend bool operator==(const NoService&, const NoService&) = default;
    };
    std::optional<NoService> no_service;
    EnrolmentState enrolment = EnrolmentState::enrolled;
    Availability availability = Availability::places_left;

    friend bool operator==(const DayCircumstances&, const DayCircumstances&) = default;
};

}  // namespace guichet::booking
