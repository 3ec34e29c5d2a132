// When a stored decision still holds, as far as time goes: the rule the
// machine and the first-visit module share. Heap-free.
#pragma once

#include <cstdint>

namespace kjeks {

inline constexpr std::int64_t ms_per_day = 86'400'000;
// Clock skew tolerated before a record counts as "from the future".
inline constexpr std::int64_t future_slack_ms = ms_per_day;

std::int64_t add_saturating(std::int64_t a, std::int64_t b);
std::int64_t mul_saturating(std::int64_t a, std::int64_t b);

// Not expired (updated + expiry_days is still ahead of now) and not from the
// future (neither time more than future_slack_ms ahead of now).
bool record_times_current(std::int64_t given_ms, std::int64_t updated_ms, std::int64_t expiry_days,
                          std::int64_t now_ms);

}  // namespace kjeks
