#pragma once

#include <nlohmann/json.hpp>

#include "booking/booking_service.h"
#include "web/view/i18n.h"

namespace guichet::web {

// The JSON bodies the booking API answers, as assets/api/openapi.json describes them (schemas Calendar,
// BookingSummary, CancellationSummary). Sentences are the catalogue's in `language`; instants are ISO 8601 readings
// in the commune's time zone with their offset; amounts are whole cents.
class BookingApiJson {
  public:
    BookingApiJson(const Catalogue& catalogue, Language language, const core::TimeZone& zone)
        : m_catalogue(catalogue), m_language(language), m_zone(zone) {}

    [[nodiscard]] nlohmann::json month(const booking::ChildMonth& month) const;
    [[nodiscard]] nlohmann::json booking_summary(const booking::BookingPlan& plan) const;
    [[nodiscard]] nlohmann::json cancellation_summary(const booking::CancellationPlan& plan) const;

  private:
    // The decision, its sentence and its deadlines (booking::ExplanationRecord).
    [[nodiscard]] nlohmann::json explanation(const booking::Explanation& explanation) const;
    [[nodiscard]] std::string sentence(const booking::Reason& reason) const;

    const Catalogue& m_catalogue;
    Language m_language;
    const core::TimeZone& m_zone;
};

}  // namespace guichet::web
