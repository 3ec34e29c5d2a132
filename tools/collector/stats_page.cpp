#include "stats_page.hpp"

#include <algorithm>
#include <cstring>
#include <array>
#include <map>
#include <sstream>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "dates.hpp"
#include "html_escape.hpp"

namespace kjeks::collector {
namespace {

constexpr std::array<const char*, 4> methods = {"accept_all", "custom", "decline_all", "browser_signal"};
constexpr std::array<const char*, 4> method_colors = {"#2e7d32", "#1565c0", "#c62828", "#6a1b9a"};
constexpr const char* stylesheet =
    "body{font:15px/1.4 system-ui,sans-serif;margin:2rem;max-width:760px;color:#1b1b1b}"
    "svg{max-width:100%;height:auto;font-size:11px}h2+svg,p+svg{display:block}table{border-collapse:collapse}"
    "td,th{padding:2px 12px 2px 0;text-align:left}td.n{text-align:right}.key svg{margin:0 4px 0 12px}";
constexpr int chart_width = 720;
constexpr int chart_height = 160;

std::vector<std::string> days_between(const std::string& first_day, const std::string& last_day) {
    std::vector<std::string> days;
    const auto first = day_start_ms(first_day);
    const auto last = day_start_ms(last_day);
    if (!first || !last) return days;
    for (std::int64_t ms = *first; ms <= *last; ms += ms_per_day) days.push_back(day_of(ms));
    return days;
}

// Stacked bars, one per day; `series` maps a series name to day -> count.
void bar_chart(std::ostringstream& out, const std::string& title, const std::vector<std::string>& days,
               const std::vector<std::pair<std::string, const char*>>& series_colors,
               const std::map<std::string, std::map<std::string, std::int64_t>>& series) {
    std::int64_t highest = 1;
    for (const std::string& day : days) {
        std::int64_t total = 0;
        for (const auto& [name, by_day] : series) {
            const auto it = by_day.find(day);
            if (it != by_day.end()) total += it->second;
        }
        highest = std::max(highest, total);
    }
    const double slot = static_cast<double>(chart_width) / static_cast<double>(std::max<std::size_t>(days.size(), 1));
    out << "<svg role=\"img\" aria-label=\"" << tools::escape_html(title) << "\" viewBox=\"0 0 " << chart_width << ' '
        << chart_height + 20 << "\" width=\"" << chart_width << "\" height=\"" << chart_height + 20 << "\">";
    for (std::size_t i = 0; i < days.size(); ++i) {
        double top = chart_height;
        for (const auto& [name, color] : series_colors) {
            const auto by_day = series.find(name);
            if (by_day == series.end()) continue;
            const auto it = by_day->second.find(days[i]);
            if (it == by_day->second.end() || it->second == 0) continue;
            const double height = static_cast<double>(it->second) * chart_height / static_cast<double>(highest);
            top -= height;
            out << "<rect x=\"" << i * slot + 1 << "\" y=\"" << top << "\" width=\"" << std::max(slot - 2, 1.0)
                << "\" height=\"" << height << "\" fill=\"" << color << "\"><title>" << days[i] << ' '
                << tools::escape_html(name) << ": " << it->second << "</title></rect>";
        }
    }
    out << "<text x=\"0\" y=\"" << chart_height + 16 << "\">" << (days.empty() ? "" : days.front())
        << "</text><text x=\"" << chart_width << "\" y=\"" << chart_height + 16 << "\" text-anchor=\"end\">"
        << (days.empty() ? "" : days.back()) << "</text><text x=\"" << chart_width << "\" y=\"12\" text-anchor=\"end\">max "
        << highest << "</text></svg>";
}

}  // namespace

const std::string& stats_csp() {
    static const std::string csp = [] {
        unsigned char digest[SHA256_DIGEST_LENGTH];
        SHA256(reinterpret_cast<const unsigned char*>(stylesheet), std::strlen(stylesheet), digest);
        unsigned char base64[4 * ((SHA256_DIGEST_LENGTH + 2) / 3) + 1];
        EVP_EncodeBlock(base64, digest, SHA256_DIGEST_LENGTH);
        return "default-src 'none'; style-src 'sha256-" + std::string(reinterpret_cast<const char*>(base64)) +
               "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }();
    return csp;
}


std::string stats_page(const Stats& stats, const std::string& first_day, const std::string& last_day) {
    const std::vector<std::string> days = days_between(first_day, last_day);
    std::int64_t pageviews = 0;
    std::map<std::string, std::map<std::string, std::int64_t>> views;
    for (const KeyCount& row : stats.pageviews_per_day) {
        views["pageviews"][row.day] = row.count;
        pageviews += row.count;
    }
    std::int64_t decisions = 0;
    std::map<std::string, std::map<std::string, std::int64_t>> by_method;
    for (const KeyCount& row : stats.decisions_per_day) {
        by_method[row.key][row.day] = row.count;
        decisions += row.count;
    }
    std::vector<std::pair<std::string, const char*>> method_series;
    for (std::size_t i = 0; i < methods.size(); ++i) method_series.emplace_back(methods[i], method_colors[i]);

    std::ostringstream out;
    out << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kjeks statistics</title>"
           "<meta name=\"referrer\" content=\"no-referrer\"><style>"
        << stylesheet << "</style></head><body><h1>Statistics</h1><p>" << first_day << " to " << last_day << " (UTC).</p>";
    out << "<h2>Pageviews per day</h2><p>" << pageviews << " pageviews.</p>";
    bar_chart(out, "Pageviews per day", days, {{"pageviews", "#455a64"}}, views);
    out << "<h2>Top paths</h2><table><tr><th>Path</th><th>Pageviews</th></tr>";
    for (const KeyCount& row : stats.top_paths) {
        out << "<tr><td>" << tools::escape_html(row.key) << "</td><td class=\"n\">" << row.count << "</td></tr>";
    }
    out << "</table><h2>Decisions per day</h2><p>" << decisions << " decisions.</p><p class=\"key\">";
    for (const auto& [name, color] : method_series) {
        out << "<svg width=\"10\" height=\"10\" aria-hidden=\"true\"><rect width=\"10\" height=\"10\" fill=\"" << color
            << "\"/></svg>" << name;
    }
    out << "</p>";
    bar_chart(out, "Decisions per day by method", days, method_series, by_method);
    out << "<h2>Analytics accepted</h2><p>";
    if (stats.deciders == 0) {
        out << "No decisions yet.";
    } else {
        const double share = static_cast<double>(stats.analytics_accepters) / static_cast<double>(stats.deciders);
        out << static_cast<int>(share * 100 + 0.5) << "% of " << stats.deciders
            << " visitors who decided in this period accept analytics (their latest decision).</p>"
            << "<svg role=\"img\" aria-label=\"Share who accept analytics\" viewBox=\"0 0 " << chart_width
            << " 20\" width=\"" << chart_width << "\" height=\"20\"><rect width=\"" << chart_width
            << "\" height=\"20\" fill=\"#e0e0e0\"/><rect width=\"" << share * chart_width
            << "\" height=\"20\" fill=\"#2e7d32\"/></svg><p>";
    }
    out << "</p></body></html>\n";
    return out.str();
}

}  // namespace kjeks::collector
