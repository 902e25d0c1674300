#include "app/booking_commands.h"

#include <nlohmann/json.hpp>

#include "app/commune_command.h"
#include "booking/explanation_record.h"
#include "core/time_zone.h"
#include "web/view/embedded_files.h"
#include "web/view/i18n.h"

namespace guichet::app {
namespace {

// An ISO 8601 instant with `Z` or an offset ("2026-10-01T20:00:00+02:00"), read by the commune's zone only for its
// digits: the offset says the instant.
std::optional<core::Instant> instant_of(const std::string& text) {
    if (auto utc = core::instant_from_iso_utc(text)) {
        return *utc;
    }
    if (text.size() < 25) {
        return std::nullopt;
    }
    const std::string offset = text.substr(text.size() - 6);
    auto local = core::LocalDateTime::parse_iso(text.substr(0, text.size() - 6));
    if (!local || (offset[0] != '+' && offset[0] != '-') || offset[3] != ':') {
        return std::nullopt;
    }
    auto utc = core::instant_from_iso_utc(local->to_iso() + "Z");
    if (!utc) {
        return std::nullopt;
    }
    const int hours = std::stoi(offset.substr(1, 2));
    const int minutes = std::stoi(offset.substr(4, 2));
    if (hours > 14 || minutes > 59) {
        return std::nullopt;
    }
    const auto shift = std::chrono::minutes(hours * 60 + minutes);
    return offset[0] == '+' ? *utc - shift : *utc + shift;
}

}  // namespace

// Prints the explanation as the one JSON object the command answers, its reasons in French.
static void print_explanation(const booking::Explanation& explanation, const core::TimeZone& zone, std::ostream& out);

int rules_explain(const Config& config, const std::string& commune_slug, const std::string& activity,
                  const std::string& day_text, const std::string& at_text, std::optional<long long> child,
                  std::ostream& out, std::ostream& err) {
    const auto day = core::CivilDate::parse_iso(day_text);
    if (!day) {
        err << "error (--day): " << error_text(day.error()) << "\n";
        return 2;
    }
    const auto at = instant_of(at_text);
    if (!at) {
        err << "error (--at): an ISO 8601 instant is expected, with Z or an offset: 2026-10-01T20:00:00+02:00\n";
        return 2;
    }
    return with_commune(
        config, commune_slug, err, [&](Services& services, const tenancy::Commune& commune, const core::Clock&) {
            const auto zone = core::TimeZone::locate(commune.time_zone);
            if (!zone) {
                return report_error(zone.error(), err);
            }
            auto explanation = services.booking.explain({commune.id, *zone}, activity, *day, *at,
                                                        child ? std::optional(core::ChildId{*child}) : std::nullopt);
            if (!explanation) {
                // An activity code the catalogue does not hold is the operator's input, not a missing record: exit 2.
                const int code = report_error(explanation.error(), err);
                return explanation.error().code == core::ErrorCode::not_found ? 2 : code;
            }
            print_explanation(*explanation, *zone, out);
            return 0;
        });
}

static void print_explanation(const booking::Explanation& explanation, const core::TimeZone& zone, std::ostream& out) {
    static const web::Catalogue catalogue(web::embedded_files());
    const booking::ExplanationRecord record = booking::ExplanationRecord::of(explanation, zone);
    nlohmann::json json = {{"decision", record.decision},
                           {"deadline", record.deadline},
                           {"cutoff", record.cutoff},
                           {"surcharge", nullptr},
                           {"cancellation", record.cancellation},
                           {"free_cancellation_until", record.free_cancellation_until},
                           {"reason", catalogue.text(web::Language::fr, record.reason.key, record.reason.variables)},
                           {"cancellation_reason", catalogue.text(web::Language::fr, record.cancellation_reason.key,
                                                                  record.cancellation_reason.variables)}};
    if (record.surcharge) {
        json["surcharge"] = {{std::string(record.surcharge->unit), record.surcharge->value}};
    }
    out << json.dump(2, ' ', false) << "\n";
}

}  // namespace guichet::app
