#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "booking/explanation.h"
#include "booking/rules_for_tests.h"

namespace guichet::booking {
namespace {

// The booking catalogue of one language, as text: core has no JSON reader, and the catalogue is a flat object of
// plain strings (assets/tools/check_assets.py checks that), so finding `"key": "` is enough.
std::string catalogue(std::string_view language) {
    std::ifstream file(std::string(GUICHET_ASSETS_DIR) + "/i18n/booking/" + std::string(language) + ".json");
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::optional<std::string> sentence(const std::string& catalogue, std::string_view key) {
    std::string opening = "\"";
    opening += key;
    opening += "\": \"";
    const auto start = catalogue.find(opening);
    if (start == std::string::npos) {
        return std::nullopt;
    }
    const auto from = start + opening.size();
    return catalogue.substr(from, catalogue.find('"', from) - from);
}

// Every reason the module can give: each decision and each cancellation decision.
std::vector<Reason> every_reason() {
    std::vector<Reason> reasons;
    const BookingDecision bookings[] = {BookingDecision::on_time, BookingDecision::late, BookingDecision::closed};
    const CancellationDecision cancellations[] = {CancellationDecision::free, CancellationDecision::billed,
                                                  CancellationDecision::closed};
    DayCircumstances no_service;
    no_service.no_service = DayCircumstances::NoService{};
    DayCircumstances not_enrolled;
    not_enrolled.enrolment = EnrolmentState::not_enrolled;
    DayCircumstances full;
    full.availability = Availability::full;
    for (std::size_t i = 0; i < std::size(bookings); ++i) {
        Judgement judgement;
        judgement.booking = bookings[i];
        judgement.cancellation = cancellations[i];
        judgement.surcharge = catalog::PercentSurcharge{50};
        for (const DayCircumstances& day : {DayCircumstances{}, no_service, not_enrolled, full}) {
            const Explanation explanation = Explanation::of(judgement, day, testing::paris());
            reasons.push_back(explanation.reason);
            reasons.push_back(explanation.cancellation_reason);
        }
    }
    reasons.push_back({"err_booking_day_before_period", {}});
    reasons.push_back({"err_booking_rentree_window_day", {}});
    return reasons;
}

TEST(BookingCatalogue, HasAFrenchAndAnEnglishSentenceForEveryReasonWithTheVariablesItFills) {
    const std::string languages[] = {"fr", "en"};
    for (const std::string& language : languages) {
        const std::string texts = catalogue(language);
        ASSERT_FALSE(texts.empty()) << language;
        for (const Reason& reason : every_reason()) {
            SCOPED_TRACE(language + " " + reason.key);
            const auto text = sentence(texts, reason.key);
            ASSERT_TRUE(text.has_value());
            // A sentence may leave a variable out (the late one does not repeat the on-time deadline), but every
            // brace it names must be filled.
            for (std::size_t open = text->find('{'); open != std::string::npos; open = text->find('{', open + 1)) {
                const std::string name = text->substr(open + 1, text->find('}', open) - open - 1);
                EXPECT_FALSE(reason.variable(name).empty()) << "{" << name << "} is not filled";
            }
        }
    }
}

}  // namespace
}  // namespace guichet::booking
