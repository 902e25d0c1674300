#include "app/allocation_commands.h"

#include <fmt/format.h>

#include "app/commune_command.h"
#include "booking/allocation_service.h"
#include "core/time_zone.h"

namespace guichet::app {

int allocation_replay(const Config& config, const std::string& commune_slug, const std::string& session,
                      std::ostream& out, std::ostream& err) {
    return with_commune(config, commune_slug, err,
                        [&](Services& services, const tenancy::Commune& commune, const core::Clock&) {
                            const auto zone = core::TimeZone::locate(commune.time_zone);
                            if (!zone)
                                return report_error(zone.error(), err);
                            auto replay = services.allocation.replay({commune.id, *zone}, session);
                            if (!replay) {
                                const int code = report_error(replay.error(), err);
                                return replay.error().code == core::ErrorCode::not_found ? 2 : code;
                            }
                            out << fmt::format("session {} seed {:016x}\n", session, replay->run.seed);
                            out << "rank draw score request result\n";
                            for (const auto& outcome : replay->result) {
                                out << fmt::format("{} {} {} {} {}\n", outcome.rank, outcome.draw, outcome.score,
                                                   outcome.request, outcome.placed ? "placed" : "waiting");
                            }
                            out << (replay->same ? "same as recorded\n" : "DIFFERS from recorded\n");
                            if (!replay->same)
                                out << "recorded: " << replay->run.results << "\n";
                            return replay->same ? 0 : 1;
                        });
}

}  // namespace guichet::app
