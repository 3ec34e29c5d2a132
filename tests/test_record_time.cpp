#include "kjeks/record_time.hpp"

#include <doctest/doctest.h>

#include <limits>

using namespace kjeks;

TEST_CASE("a record holds until its expiry, and not from the future") {
    const std::int64_t now = 1772323200000;
    CHECK(record_times_current(now - 10, now - 10, 1, now));
    CHECK(record_times_current(now - ms_per_day + 1, now - ms_per_day + 1, 1, now));
    CHECK_FALSE(record_times_current(now - ms_per_day, now - ms_per_day, 1, now));
    CHECK_FALSE(record_times_current(now, now, 0, now));
    CHECK(record_times_current(now + future_slack_ms, now + future_slack_ms, 1, now));
    CHECK_FALSE(record_times_current(now + future_slack_ms + 1, now, 1, now));
    CHECK_FALSE(record_times_current(now, now + future_slack_ms + 1, 5, now));
}

TEST_CASE("saturating arithmetic") {
    constexpr std::int64_t max = std::numeric_limits<std::int64_t>::max();
    constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
    CHECK(add_saturating(max, 1) == max);
    CHECK(add_saturating(min, -1) == min);
    CHECK(add_saturating(2, 3) == 5);
    CHECK(mul_saturating(max, 2) == max);
    CHECK(mul_saturating(max, -2) == min);
    CHECK(mul_saturating(-3, 4) == -12);
    CHECK(mul_saturating(0, max) == 0);
    CHECK(record_times_current(1, 1, max, 2));
}
