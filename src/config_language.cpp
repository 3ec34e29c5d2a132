#include "kjeks/config_language.hpp"

#include <set>
#include <string>

#include "kjeks/texts.hpp"

namespace kjeks {
namespace {

void reduce(Localized& value, std::string_view lang) {
    if (value.empty()) return;
    std::string resolved = localized(value, lang);
    value.clear();
    value.emplace(std::string(lang), std::move(resolved));
}

void reduce(std::vector<StorageItem>& storage, std::string_view lang) {
    for (StorageItem& item : storage) {
        reduce(item.purpose, lang);
        reduce(item.duration, lang);
    }
}

// Every key text() may be asked for: the known ones and any the language or
// its fallback (English) holds.
std::set<std::string> text_keys_of(const Config& config, std::string_view lang) {
    std::set<std::string> keys(text_keys().begin(), text_keys().end());
    keys.insert(service_text_keys().begin(), service_text_keys().end());
    for (const std::string_view source : {lang, std::string_view("en")}) {
        const auto texts = config.texts.find(std::string(source));
        if (texts == config.texts.end()) continue;
        for (const auto& [key, unused] : texts->second) keys.insert(key);
    }
    return keys;
}

}  // namespace

Config config_for_language(const Config& config, std::string_view lang) {
    Config out = config;
    reduce(out.policy_url, lang);
    for (Category& category : out.categories) {
        reduce(category.title, lang);
        reduce(category.description, lang);
        reduce(category.storage, lang);
        for (Service& service : category.services) {
            reduce(service.name, lang);
            reduce(service.provider, lang);
            reduce(service.purpose, lang);
            reduce(service.storage, lang);
            reduce(service.policy_url, lang);
            if (service.transfer) reduce(service.transfer->basis, lang);
        }
    }
    std::map<std::string, std::string> texts;
    for (const std::string& key : text_keys_of(config, lang)) texts.emplace(key, text(config, lang, key));
    out.texts.clear();
    out.texts.emplace(std::string(lang), std::move(texts));
    out.default_language = std::string(lang);
    return out;
}

}  // namespace kjeks
