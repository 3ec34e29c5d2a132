#include "kjeks/texts.hpp"

#include <set>
#include <string>

namespace kjeks {

const std::vector<std::string>& built_in_languages() {
    static const std::vector<std::string> languages = {"nb", "nn", "en"};
    return languages;
}

const std::vector<std::string>& text_keys() {
    static const std::vector<std::string> keys = {
        "banner.title",       "banner.body",         "banner.policy_link", "banner.accept",
        "banner.decline",     "banner.settings",     "dialog.title",       "dialog.intro",
        "dialog.controller",  "dialog.withdraw",     "dialog.always_on",   "dialog.save",
        "dialog.accept_all",  "dialog.decline_all",  "dialog.close",       "dialog.consent_id",
        "dialog.no_storage",  "dialog.storage_caption", "dialog.gpc",      "table.name",
        "table.purpose",      "table.duration",      "table.kind",         "kind.cookie",
        "kind.localStorage",  "kind.sessionStorage", "icon.label",         "embed.text",
        "embed.load",         "embed.terms",
    };
    return keys;
}

const std::vector<std::string>& service_text_keys() {
    static const std::vector<std::string> keys = {"service.provider", "service.purpose", "service.terms",
                                                  "service.transfer"};
    return keys;
}

namespace {

const std::string* find_text(const Config& config, const std::string& lang, std::string_view key) {
    const auto texts = config.texts.find(lang);
    if (texts == config.texts.end()) return nullptr;
    const auto it = texts->second.find(std::string(key));
    return it == texts->second.end() ? nullptr : &it->second;
}

const std::string& empty_string() {
    static const std::string empty;
    return empty;
}

}  // namespace

const std::string& text(const Config& config, std::string_view lang, std::string_view key) {
    if (const std::string* s = find_text(config, std::string(lang), key)) return *s;
    if (const std::string* s = find_text(config, "en", key)) return *s;
    // The key itself, from a stable place: the key list, else an interned copy
    // (only reached for keys outside text_keys(), i.e. a programming error).
    for (const std::vector<std::string>* keys : {&text_keys(), &service_text_keys()}) {
        for (const std::string& k : *keys) {
            if (k == key) return k;
        }
    }
    static std::set<std::string, std::less<>> interned;
    const auto found = interned.find(key);
    if (found != interned.end()) return *found;
    return *interned.emplace(key).first;
}

const std::string& localized(const Localized& value, std::string_view lang) {
    // A Nynorsk reader is better served by Bokmål than by English.
    const bool nynorsk = lang == "nn";
    for (const std::string_view candidate : {lang, std::string_view(nynorsk ? "nb" : ""), std::string_view("en"),
                                             std::string_view("nb")}) {
        if (candidate.empty()) continue;
        const auto it = value.find(std::string(candidate));
        if (it != value.end()) return it->second;
    }
    if (!value.empty()) return value.begin()->second;
    return empty_string();
}

}  // namespace kjeks
