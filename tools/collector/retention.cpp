#include "retention.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include "dates.hpp"

namespace kjeks::collector {

std::optional<int> duration_days(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::size_t i = 0; i < lower.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(lower[i])) ||
            (i > 0 && std::isalnum(static_cast<unsigned char>(lower[i - 1])))) {
            continue;
        }
        long long number = 0;
        std::size_t j = i;
        while (j < lower.size() && std::isdigit(static_cast<unsigned char>(lower[j])) && number < 100000) {
            number = number * 10 + (lower[j++] - '0');
        }
        while (j < lower.size() && lower[j] == ' ') ++j;
        const std::string_view unit = std::string_view(lower).substr(j);
        auto starts = [&](std::string_view word) { return unit.substr(0, word.size()) == word; };
        long long days = -1;
        if (starts("day")) days = number;
        else if (starts("week")) days = number * 7;
        else if (starts("month")) days = number * 365 / 12;
        else if (starts("year")) days = number * 365;
        if (days > 0 && days <= 36500) return static_cast<int>(days);
        i = j;
    }
    return std::nullopt;
}

int pageview_retention_days(const Config& config) {
    const Category* category = config.find_category(config.beacon.category);
    std::optional<int> longest;
    if (category != nullptr) {
        for (const StorageItem& item : category->storage) {
            const auto english = item.duration.find("en");
            if (english == item.duration.end()) continue;
            const std::optional<int> days = duration_days(english->second);
            if (days && (!longest || *days > *longest)) longest = days;
        }
    }
    return longest.value_or(fallback_pageview_retention_days);
}

SweepResult sweep(Storage& storage, const Retention& retention, std::int64_t now_ms) {
    SweepResult result;
    result.pageviews = storage.delete_pageviews_before(
        day_of(now_ms - static_cast<std::int64_t>(retention.pageview_days) * ms_per_day));
    result.proofs =
        storage.delete_proofs_before(now_ms - static_cast<std::int64_t>(retention.proof_days) * ms_per_day);
    return result;
}

}  // namespace kjeks::collector
