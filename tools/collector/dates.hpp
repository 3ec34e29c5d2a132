// UTC days as "YYYY-MM-DD" and milliseconds since the epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kjeks::collector {

inline constexpr std::int64_t ms_per_day = 86'400'000;

std::int64_t now_ms();
// The UTC day of a time, e.g. "2026-12-01".
std::string day_of(std::int64_t ms);
// "2026-12-01T12:30:05.123Z".
std::string iso_time(std::int64_t ms);
// The start of a UTC day; nullopt unless the text is a real YYYY-MM-DD date.
std::optional<std::int64_t> day_start_ms(std::string_view day);

}  // namespace kjeks::collector
