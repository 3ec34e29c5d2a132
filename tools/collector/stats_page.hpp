// The /stats page: plain HTML with inline SVG charts drawn here, no script.
#pragma once

#include <string>

#include "storage.hpp"

namespace kjeks::collector {

inline constexpr int stats_days = 30;
inline constexpr int stats_top_paths = 10;
// The page's only style is inline; the header allows nothing else.
inline constexpr const char* stats_csp =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

std::string html_escape(const std::string& text);
// `days` lists the days of the charts' x axis, oldest first.
std::string stats_page(const Stats& stats, const std::string& first_day, const std::string& last_day);

}  // namespace kjeks::collector
