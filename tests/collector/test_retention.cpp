// The retention rule read from the config, and dates.
#include <doctest/doctest.h>

#include "dates.hpp"
#include "kjeks/default_config.hpp"
#include "retention.hpp"

using namespace kjeks;
using namespace kjeks::collector;

TEST_CASE("durations in English config texts, in days") {
    CHECK(duration_days("Until you withdraw consent, at most 6 months") == 182);
    CHECK(duration_days("12 months") == 365);
    CHECK(duration_days("30 days") == 30);
    CHECK(duration_days("2 weeks") == 14);
    CHECK(duration_days("1 Year") == 365);
    CHECK_FALSE(duration_days("Session (deleted when you close your browser)"));
    CHECK_FALSE(duration_days("until withdrawn"));
    CHECK_FALSE(duration_days("v2 months"));
}

TEST_CASE("pageviews are kept as long as the beacon category's identifiers") {
    Config config = default_config();
    CHECK(pageview_retention_days(config) == 182);
    Category* analytics = nullptr;
    for (Category& category : config.categories) {
        if (category.id == "analytics") analytics = &category;
    }
    REQUIRE(analytics != nullptr);
    REQUIRE_FALSE(analytics->storage.empty());
    analytics->storage[0].duration["en"] = "13 months";
    CHECK(pageview_retention_days(config) == 395);
    analytics->storage[0].duration["en"] = "until withdrawn";
    CHECK(pageview_retention_days(config) == fallback_pageview_retention_days);
}

TEST_CASE("UTC days") {
    CHECK(day_of(0) == "1970-01-01");
    CHECK(day_of(1'764'590'400'000) == "2025-12-01");
    CHECK(iso_time(1'764'590'405'123) == "2025-12-01T12:00:05.123Z");
    CHECK(day_start_ms("2025-12-01") == 1'764'547'200'000);
    CHECK(day_start_ms("2024-02-29"));
    CHECK_FALSE(day_start_ms("2025-02-29"));
    CHECK_FALSE(day_start_ms("2025-1-01"));
    CHECK_FALSE(day_start_ms("2025-13-01"));
}
