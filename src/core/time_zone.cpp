#include "core/time_zone.h"

#include <chrono>
#include <exception>
#include <string>

#include <fmt/format.h>

namespace guichet::core {

Result<TimeZone> TimeZone::locate(std::string_view name) {
    // The library reports both a missing database and an unknown name by throwing; tell them apart by asking for the
    // database first, because only the second is the caller's mistake.
    try {
        static_cast<void>(date::get_tzdb());
    } catch (const std::exception& e) {
        return fail(make_error(ErrorCode::unavailable, "err_time_zone_data").with_detail(e.what()));
    }
    try {
        const date::time_zone* zone = date::locate_zone(name);
        // Loading happens on first use; force it here, where a failure can still be reported as a value.
        static_cast<void>(zone->get_info(date::sys_seconds{}));
        return TimeZone(zone);
    } catch (const std::exception&) {
        // The name is not echoed: it comes from configuration or a request and may be arbitrarily long.
        return fail(ErrorCode::invalid_input, "err_time_zone_unknown");
    }
}

std::string_view TimeZone::name() const noexcept {
    return m_zone->name();
}

LocalDateTime TimeZone::to_local(Instant instant) const {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
    return LocalDateTime::from_local_seconds(m_zone->to_local(seconds));
}

Result<Instant> TimeZone::to_instant(LocalDateTime local) const {
    return to_instant(local, RepeatedReading::earlier);
}

Result<Instant> TimeZone::to_instant(LocalDateTime local, RepeatedReading repeated) const {
    try {
        const date::local_seconds reading = local.to_local_seconds();
        const date::local_info info = m_zone->get_info(reading);
        // For a unique reading `first` is its only offset. In a gap, `first` is the offset in force before the gap,
        // which moves the reading forward by the gap's length. In an overlap, `first` is the offset before the clocks
        // fell back, which gives the earlier of the two instants, and `second` the one after, which gives the later.
        const bool later = info.result == date::local_info::ambiguous && repeated == RepeatedReading::later;
        const auto offset = later ? info.second.offset : info.first.offset;
        const date::sys_seconds utc{reading.time_since_epoch() - offset};
        return std::chrono::time_point_cast<std::chrono::microseconds>(utc);
    } catch (const std::exception& e) {
        return fail(make_error(ErrorCode::unavailable, "err_time_zone_data").with_detail(e.what()));
    }
}

std::string TimeZone::to_iso_with_offset(Instant instant) const {
    const auto seconds = std::chrono::floor<std::chrono::seconds>(instant);
    const auto offset = std::chrono::duration_cast<std::chrono::minutes>(m_zone->get_info(seconds).offset);
    const auto magnitude = offset < std::chrono::minutes{0} ? -offset : offset;
    const auto local = LocalDateTime::from_local_seconds(date::local_seconds{seconds.time_since_epoch()} + offset);
    return fmt::format("{}{}{:02}:{:02}", local.to_iso(), offset < std::chrono::minutes{0} ? '-' : '+',
                       magnitude.count() / 60, magnitude.count() % 60);
}

CivilDate TimeZone::today(Instant now) const {
    return to_local(now).date();
}

}  // namespace guichet::core
