#include "kjeks/first_visit_blob_writer.hpp"

#include <algorithm>
#include <string_view>

#include "kjeks/first_visit_blob.hpp"
#include "kjeks/json_text.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/url.hpp"

namespace kjeks {
namespace {

class Writer {
public:
    void field(std::string_view text) {
        if (text.find(first_visit_blob_separator) != std::string_view::npos) {
            if (error.empty()) error = "a text or value holds U+001F, which the compiled form cannot carry";
        }
        blob.append(text);
        blob += first_visit_blob_separator;
    }
    // A text as the bridge protocol's JSON writes it, without the quotes:
    // the first-visit module copies it into its answer as it is.
    void text(std::string_view value) {
        const std::string quoted = json_string(value);
        field(std::string_view(quoted).substr(1, quoted.size() - 2));
    }
    void flag(bool on) { field(on ? "1" : "0"); }
    void number(std::int64_t value) { field(std::to_string(value)); }

    std::string blob;
    std::string error;
};

bool is_optional(const Config& config, std::string_view id) {
    const auto ids = config.optional_category_ids();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string_view beacon_category(const Config& config) {
    if (!config.has_beacon || !is_optional(config, config.beacon.category)) return {};
    return config.beacon.category;
}

}  // namespace

BlobWriteResult write_first_visit_blob(const Config& config) {
    if (config.loading_disabled) return {{}, "the config has errors"};
    if (config.categories.size() > first_visit_max_categories) return {{}, "more categories than the compiled form holds"};
    if (config.texts.size() > first_visit_max_languages) return {{}, "more languages than the compiled form holds"};
    if (config.expiry_days < 0 || config.expiry_days > 100000) return {{}, "expiryDays out of range"};

    Writer w;
    w.field(first_visit_blob_magic);
    w.field(first_visit_blob_version);
    w.field(config.revision);
    w.number(config.expiry_days);
    w.field(config.storage_key);
    w.flag(config.respect_gpc);
    w.field(beacon_category(config));
    w.text(config.beacon.src);
    w.text(config.beacon.endpoint);
    w.text(config.beacon.integrity);
    w.field(config.default_language);
    w.number(static_cast<std::int64_t>(config.categories.size()));
    std::size_t services = 0;
    for (const Category& category : config.categories) {
        w.field(category.id);
        w.flag(is_optional(config, category.id));
        w.number(static_cast<std::int64_t>(category.services.size()));
        for (const Service& service : category.services) w.field(service.id);
        services += category.services.size();
    }
    if (services > first_visit_max_services) return {{}, "more services than the compiled form holds"};
    w.number(static_cast<std::int64_t>(config.texts.size()));
    for (const auto& [lang, unused] : config.texts) {
        w.field(lang);
        for (std::string_view key : banner_text_keys) w.text(text(config, lang, key));
        const std::string& policy = localized(config.policy_url, lang);
        w.text(is_safe_link_url(policy) ? std::string_view(policy) : std::string_view());
    }
    w.field("END");
    if (!w.error.empty()) return {{}, w.error};
    return {std::move(w.blob), {}};
}

}  // namespace kjeks
