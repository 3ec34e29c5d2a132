#include "kjeks/record_time.hpp"

#include <limits>

namespace kjeks {

std::int64_t add_saturating(std::int64_t a, std::int64_t b) {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    if (b > 0 && a > max - b) return max;
    if (b < 0 && a < min - b) return min;
    return a + b;
}

std::int64_t mul_saturating(std::int64_t a, std::int64_t b) {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    if (a == 0 || b == 0) return 0;
    if (a > 0) {
        if (b > 0) return a > max / b ? max : a * b;
        return b < min / a ? min : a * b;
    }
    if (b > 0) return a < min / b ? min : a * b;
    return a < max / b ? max : a * b;
}

bool record_times_current(std::int64_t given_ms, std::int64_t updated_ms, std::int64_t expiry_days,
                          std::int64_t now_ms) {
    const std::int64_t expiry_ms = mul_saturating(expiry_days, ms_per_day);
    if (add_saturating(updated_ms, expiry_ms) <= now_ms) return false;
    const std::int64_t latest = add_saturating(now_ms, future_slack_ms);
    return given_ms <= latest && updated_ms <= latest;
}

}  // namespace kjeks
