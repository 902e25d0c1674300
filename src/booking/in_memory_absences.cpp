#include "booking/in_memory_absences.h"

#include <algorithm>

#include "booking/in_memory_booking.h"

namespace guichet::booking::testing {

core::Result<AbsenceId> InMemoryAbsenceStore::insert_absence(const Absence& absence) {
    for (const Absence& stored : m_state.absences) {
        if (stored.booking == absence.booking) {
            return core::fail(core::ErrorCode::conflict, "err_absence_already_reported");
        }
    }
    Absence stored = absence;
    stored.id = AbsenceId{m_state.next_id++};
    m_state.absences.push_back(stored);
    return stored.id;
}

core::Result<std::optional<Absence>> InMemoryAbsenceStore::find_absence(core::CommuneId commune, AbsenceId id) {
    for (const Absence& stored : m_state.absences) {
        if (stored.id == id && stored.commune == commune) {
            return std::optional(stored);
        }
    }
    return std::optional<Absence>();
}

core::Result<std::vector<Absence>> InMemoryAbsenceStore::absences_of_child(core::CommuneId commune,
                                                                           core::ChildId child) {
    std::vector<Absence> found;
    for (const Absence& stored : m_state.absences) {
        if (stored.commune == commune && stored.child == child) {
            found.push_back(stored);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Absence& a, const Absence& b) { return a.day > b.day; });
    return found;
}

core::Result<std::vector<Absence>> InMemoryAbsenceStore::absences_between(core::CommuneId commune,
                                                                          core::ActivityId activity,
                                                                          core::CivilDate first, core::CivilDate last) {
    std::vector<Absence> found;
    for (const Absence& stored : m_state.absences) {
        if (stored.commune == commune && stored.activity == activity && first <= stored.day && stored.day <= last) {
            found.push_back(stored);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Absence& a, const Absence& b) { return a.day < b.day; });
    return found;
}

core::Result<std::vector<Absence>> InMemoryAbsenceStore::open_justifications(core::CommuneId commune) {
    std::vector<Absence> found;
    for (const Absence& stored : m_state.absences) {
        if (stored.commune == commune && (stored.justification == JustificationStatus::awaited ||
                                          stored.justification == JustificationStatus::submitted)) {
            found.push_back(stored);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const Absence& a, const Absence& b) {
        return a.justification_deadline < b.justification_deadline;
    });
    return found;
}

core::Result<bool> InMemoryAbsenceStore::update_justification(const Absence& absence, JustificationStatus expected) {
    for (Absence& stored : m_state.absences) {
        if (stored.id == absence.id && stored.commune == absence.commune) {
            if (stored.justification != expected) {
                return false;
            }
            stored.justification = absence.justification;
            stored.document_id = absence.document_id;
            stored.decided_by = absence.decided_by;
            stored.decided_at = absence.decided_at;
            stored.refusal_reason = absence.refusal_reason;
            return true;
        }
    }
    return false;
}

core::Result<SchoolEventId> InMemorySchoolEventStore::insert_event(const SchoolEvent& event) {
    SchoolEvent stored = event;
    stored.id = SchoolEventId{m_state.next_id++};
    m_state.school_events.push_back(stored);
    return stored.id;
}

core::Result<std::optional<SchoolEvent>> InMemorySchoolEventStore::find_event(core::CommuneId commune,
                                                                              SchoolEventId id) {
    for (const SchoolEvent& stored : m_state.school_events) {
        if (stored.id == id && stored.commune == commune) {
            return std::optional(stored);
        }
    }
    return std::optional<SchoolEvent>();
}

core::Result<std::vector<SchoolEvent>> InMemorySchoolEventStore::events(core::CommuneId commune) {
    std::vector<SchoolEvent> found;
    for (const SchoolEvent& stored : m_state.school_events) {
        if (stored.commune == commune) {
            found.push_back(stored);
        }
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const SchoolEvent& a, const SchoolEvent& b) { return a.first_day > b.first_day; });
    return found;
}

core::Result<std::vector<SchoolEvent>> InMemorySchoolEventStore::active_events(core::CommuneId commune) {
    std::vector<SchoolEvent> found;
    for (const SchoolEvent& stored : m_state.school_events) {
        if (stored.commune == commune && stored.status == SchoolEventStatus::active) {
            found.push_back(stored);
        }
    }
    return found;
}

core::Result<bool> InMemorySchoolEventStore::mark_undone(const SchoolEvent& event) {
    for (SchoolEvent& stored : m_state.school_events) {
        if (stored.id == event.id && stored.commune == event.commune) {
            if (stored.status != SchoolEventStatus::active) {
                return false;
            }
            stored.status = SchoolEventStatus::undone;
            stored.undone_by = event.undone_by;
            stored.undone_at = event.undone_at;
            return true;
        }
    }
    return false;
}

core::Result<std::vector<DayBooking>> InMemorySchoolEventStore::booked_days(core::CommuneId commune,
                                                                            core::ActivityId activity,
                                                                            core::SiteId site, core::CivilDate first,
                                                                            core::CivilDate last) {
    std::vector<DayBooking> found;
    for (const DayBooking& stored : m_state.bookings) {
        if (stored.commune == commune && stored.activity == activity && stored.site == site && stored.day >= first &&
            stored.day <= last && stored.status == BookingStatus::booked) {
            found.push_back(stored);
        }
    }
    return found;
}

core::Status InMemorySchoolEventStore::link_cancellation(core::CommuneId commune, SchoolEventId event,
                                                         core::BookingId booking) {
    m_state.event_cancellations.push_back({commune.value(), event.value(), booking.value()});
    return {};
}

core::Result<std::vector<DayBooking>> InMemorySchoolEventStore::cancelled_by(core::CommuneId commune,
                                                                             SchoolEventId event) {
    std::vector<DayBooking> found;
    for (const auto& [c, e, b] : m_state.event_cancellations) {
        if (c != commune.value() || e != event.value()) {
            continue;
        }
        for (const DayBooking& stored : m_state.bookings) {
            if (stored.id.value() == b) {
                found.push_back(stored);
            }
        }
    }
    return found;
}

core::Result<bool> InMemorySchoolEventStore::restore_booking(core::CommuneId commune, core::BookingId booking) {
    auto it = std::find_if(m_state.bookings.begin(), m_state.bookings.end(),
                           [&](const DayBooking& stored) { return stored.id == booking && stored.commune == commune; });
    if (it == m_state.bookings.end() || it->status != BookingStatus::cancelled) {
        return false;
    }
    for (const DayBooking& other : m_state.bookings) {
        if (other.child == it->child && other.activity == it->activity && other.day == it->day &&
            other.status == BookingStatus::booked) {
            return false;
        }
    }
    it->status = BookingStatus::booked;
    it->cancelled_by.reset();
    it->cancelled_at.reset();
    it->cancellation.reset();
    return true;
}

}  // namespace guichet::booking::testing
