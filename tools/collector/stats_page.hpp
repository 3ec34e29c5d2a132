// The /stats page: plain HTML with inline SVG charts drawn here, no script.
#pragma once

#include <string>

#include "storage.hpp"

namespace kjeks::collector {

inline constexpr int stats_days = 30;
inline constexpr int stats_top_paths = 10;
// The Content-Security-Policy of the page: nothing but its one inline
// <style>, allowed by its hash.
const std::string& stats_csp();

// The charts' x axis runs from first_day to last_day (UTC, inclusive).
std::string stats_page(const Stats& stats, const std::string& first_day, const std::string& last_day);

}  // namespace kjeks::collector
