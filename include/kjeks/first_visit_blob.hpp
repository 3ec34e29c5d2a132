// The compact, validated form of a config that the first-visit module reads
// (first_visit.hpp): what a first visit needs to decide and to show the
// banner, and nothing else. `kjeks-check build` writes it from a
// config without errors; kjeks.js carries it as a string.
//
// Format (version 2): UTF-8 fields, each ended by U+001F (unit separator),
// which no field may hold:
//
//   KJEKS-FIRST-VISIT 2 revision expiryDays storageKey respectGpc(0|1)
//   beaconCategory beaconSrc beaconEndpoint beaconIntegrity defaultLanguage
//   categoryCount, then per category in config order:
//     id optional(0|1) serviceCount serviceId...
//   languageCount, then per language in config order:
//     lang banner.title banner.body banner.policy_link banner.accept
//     banner.decline banner.settings policyUrl
//   END
//
// kjeks.js reads the stored choice under storageKey (the fifth field) before
// the module compiles, to know whether a returning visitor waits for it.
// Counts are decimal. beaconCategory is empty when no beacon can load (none
// configured, or gated on a category that is not optional). Texts are
// resolved for each language as the view resolves them, and stored as the
// contents of the JSON string the bridge protocol would write for them
// (escaped, without the quotes): so are the policy link (empty when the
// banner shows none) and the beacon's src, endpoint and integrity. Ids,
// tokens and language tags never need escaping. A blob of another version, or one that is
// malformed in any way, reads as nothing: the first-visit module then does
// nothing and the full core decides (fail closed).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kjeks/record.hpp"

namespace kjeks {

inline constexpr std::string_view first_visit_blob_magic = "KJEKS-FIRST-VISIT";
inline constexpr std::string_view first_visit_blob_version = "2";
inline constexpr char first_visit_blob_separator = '\x1f';
inline constexpr std::size_t first_visit_max_categories = 32;
inline constexpr std::size_t first_visit_max_services = max_services;
inline constexpr std::size_t first_visit_max_languages = 16;

// The banner's texts, in the order the blob lists them.
enum class BannerText { Title, Body, PolicyLink, Accept, Decline, Settings, Count };
inline constexpr std::array<std::string_view, static_cast<std::size_t>(BannerText::Count)> banner_text_keys = {
    "banner.title", "banner.body", "banner.policy_link", "banner.accept", "banner.decline", "banner.settings"};

struct FirstVisitCategory {
    std::string_view id;
    bool optional = false;
    std::size_t first_service = 0;  // index into FirstVisitConfig::services
    std::size_t service_count = 0;
};

struct FirstVisitLanguage {
    std::string_view lang;
    std::array<std::string_view, static_cast<std::size_t>(BannerText::Count)> texts;
    std::string_view policy_url;

    std::string_view text(BannerText key) const { return texts[static_cast<std::size_t>(key)]; }
};

struct FirstVisitConfig {
    std::string_view revision;
    std::int64_t expiry_days = 0;
    std::string_view storage_key;
    bool respect_gpc = false;
    std::string_view beacon_category, beacon_src, beacon_endpoint, beacon_integrity;
    std::string_view default_language;
    std::array<FirstVisitCategory, first_visit_max_categories> categories{};
    std::size_t category_count = 0;
    std::array<std::string_view, first_visit_max_services> services{};
    std::size_t service_count = 0;
    std::array<FirstVisitLanguage, first_visit_max_languages> languages{};
    std::size_t language_count = 0;
};

// Reads a blob; false (and `out` unusable) for anything but a well-formed
// blob of this version. `out` points into `blob`.
bool read_first_visit_blob(std::string_view blob, FirstVisitConfig& out);

}  // namespace kjeks
