// Site configuration: the model, and parsing and validating the config JSON.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kjeks {

// A text per language ("nb", "nn", "en" and any the config adds). A config
// may give a plain string (used for every language) or an object
// {"nb": "...", "en": "..."}; texts.hpp's localized() fills in the gaps.
using Localized = std::map<std::string, std::string>;

enum class StorageKind { Cookie, LocalStorage, SessionStorage };

std::string_view to_string(StorageKind kind);  // "cookie", "localStorage", "sessionStorage"
std::optional<StorageKind> storage_kind_from_string(std::string_view text);

struct StorageItem {
    std::string name;
    StorageKind kind = StorageKind::Cookie;
    Localized purpose;
    Localized duration;
};

// Personal data processed outside the EU/EEA, and the transfer basis
// (for example Standard Contractual Clauses).
struct Transfer {
    bool outside_eea = false;
    Localized basis;  // required when outside_eea
};

// One provider's tool within a category (online booking, a chat): consented
// to on its own. Its category counts as granted while any of its services is.
struct Service {
    std::string id;          // a token, unique among all services and categories
    Localized name;
    Localized provider;
    Localized purpose;
    std::vector<StorageItem> storage;
    Localized policy_url;    // the provider's own terms (safe link URLs)
    std::optional<Transfer> transfer;
};

struct Category {
    std::string id;          // a token (validate.hpp); known_category_ids() have Consent Mode defaults
    bool required = false;   // true only for "necessary": shown on and locked
    Localized title;
    Localized description;
    std::vector<StorageItem> storage;
    std::vector<Service> services;  // never on the required category
};

struct Beacon {
    std::string src = "beacon.js";       // relative to kjeks.js, or absolute http(s)
    std::string endpoint = "/api/collect";
    std::string integrity;               // optional SRI value, e.g. "sha384-..."
    std::string category = "analytics";  // the category that gates it
};

struct Controller {
    std::string name;
    std::string email;
    std::string phone;
};

// Google Consent Mode v2: category id -> consent types it grants.
struct ConsentMode {
    bool enabled = false;
    std::map<std::string, std::vector<std::string>> types;
};

// Language -> text key -> text.
using TextMap = std::map<std::string, std::map<std::string, std::string>>;

struct Ui {
    bool corner_icon_fallback = true;  // fixed corner button when no footer
};

struct Config {
    std::string revision;
    std::int64_t expiry_days = 182;
    std::string default_language = "nb";  // one of the texts' languages
    std::string storage_key = "kjeks.consent";
    Localized policy_url;                 // link to the cookie policy page
    Controller controller;
    std::vector<Category> categories;     // "necessary" first
    Beacon beacon;
    bool has_beacon = true;
    std::string consent_log_endpoint;     // proof of consent; empty = off
    bool respect_gpc = true;
    ConsentMode consent_mode;
    // Language -> text key -> text: the languages offered, each complete.
    // Keys a site leaves out of a built-in language come from the default
    // config; a language the site adds has them all (or is not offered).
    TextMap texts;
    Ui ui;
    // Set when the site config could not be used: the default config is
    // used for the banner, but no category's scripts are ever loaded.
    bool loading_disabled = false;

    const Category* find_category(std::string_view id) const;
    std::vector<std::string> optional_category_ids() const;
    const Service* find_service(std::string_view id) const;
    // The category that lists the service, or null.
    const Category* category_of_service(std::string_view id) const;
    // Every service of every category, in config order.
    std::vector<std::string> service_ids() const;
};

struct ConfigError {
    std::string path;     // JSON path, e.g. "categories[1].storage[0].duration"
    std::string message;  // e.g. "expected a string"
    std::string to_string() const;  // "path: message"
};

struct ConfigResult {
    // Always usable. On errors outside the texts, this is the default config
    // with loading_disabled set (fail closed); errors in texts only fall back
    // to the default texts for the affected keys.
    Config config;
    std::vector<ConfigError> errors;
    bool ok() const { return errors.empty(); }
};

// Parses and validates a site config. An empty string means "use the default".
ConfigResult parse_config(std::string_view json);

const std::vector<std::string>& known_category_ids();
// Google Consent Mode v2 types, in a fixed order (ad_storage, ad_user_data,
// ad_personalization, analytics_storage, functionality_storage,
// personalization_storage, security_storage).
const std::vector<std::string>& known_consent_types();

}  // namespace kjeks
