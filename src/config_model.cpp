// The config model's own lookups and the names it knows.
#include "kjeks/config.hpp"

namespace kjeks {
namespace {

constexpr StorageKind kStorageKinds[] = {StorageKind::Cookie, StorageKind::LocalStorage,
                                         StorageKind::SessionStorage};

}  // namespace

const Category* Config::find_category(std::string_view id) const {
    for (const Category& c : categories) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

std::vector<std::string> Config::optional_category_ids() const {
    std::vector<std::string> ids;
    for (const Category& c : categories) {
        if (!c.required && !c.id.empty()) ids.push_back(c.id);
    }
    return ids;
}

const Service* Config::find_service(std::string_view id) const {
    for (const Category& c : categories) {
        for (const Service& s : c.services) {
            if (s.id == id) return &s;
        }
    }
    return nullptr;
}

const Category* Config::category_of_service(std::string_view id) const {
    for (const Category& c : categories) {
        for (const Service& s : c.services) {
            if (s.id == id) return &c;
        }
    }
    return nullptr;
}

std::vector<std::string> Config::service_ids() const {
    std::vector<std::string> ids;
    for (const Category& c : categories) {
        for (const Service& s : c.services) {
            if (!s.id.empty()) ids.push_back(s.id);
        }
    }
    return ids;
}

std::string ConfigError::to_string() const { return path + ": " + message; }

std::string_view to_string(StorageKind kind) {
    switch (kind) {
        case StorageKind::Cookie: return "cookie";
        case StorageKind::LocalStorage: return "localStorage";
        case StorageKind::SessionStorage: return "sessionStorage";
    }
    return "cookie";
}

std::optional<StorageKind> storage_kind_from_string(std::string_view text) {
    for (const StorageKind kind : kStorageKinds) {
        if (to_string(kind) == text) return kind;
    }
    return std::nullopt;
}

const std::vector<std::string>& known_category_ids() {
    static const std::vector<std::string> ids = {"necessary", "analytics", "external", "preferences", "marketing"};
    return ids;
}

const std::vector<std::string>& known_consent_types() {
    static const std::vector<std::string> types = {
        "ad_storage",         "ad_user_data",          "ad_personalization",      "analytics_storage",
        "functionality_storage", "personalization_storage", "security_storage",
    };
    return types;
}

}  // namespace kjeks
