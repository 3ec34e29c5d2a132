// How long the collector keeps what it stores, and the sweep that enforces it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "kjeks/config.hpp"
#include "storage.hpp"

namespace kjeks::collector {

inline constexpr int fallback_pageview_retention_days = 182;
inline constexpr int default_proof_retention_days = 1826;  // 5 years

// The first "<N> day(s)|week(s)|month(s)|year(s)" in an English duration text,
// in days: a month is 365/12 days (rounded down over the whole), a year 365.
std::optional<int> duration_days(std::string_view english_text);

// Pageviews and visitor ids live as long as the identifiers the config states
// for the beacon's category: the longest machine-readable English duration of
// its storage items, else fallback_pageview_retention_days.
int pageview_retention_days(const Config& config);

struct Retention {
    int pageview_days = fallback_pageview_retention_days;
    int proof_days = default_proof_retention_days;
};

struct SweepResult {
    std::int64_t pageviews = 0;
    std::int64_t proofs = 0;
};

// Deletes pageviews from before the day pageview_days ago and proofs whose
// updatedAt is more than proof_days ago.
SweepResult sweep(Storage& storage, const Retention& retention, std::int64_t now_ms);

}  // namespace kjeks::collector
