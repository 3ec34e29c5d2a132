// Reading a config document section by section into a Config, and
// parse_config, which falls back to the default config on any error outside
// the texts (json_reader.hpp says which errors are text errors).
#include "kjeks/config.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "kjeks/config_document.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/json_document.hpp"
#include "kjeks/json_path.hpp"
#include "kjeks/json_reader.hpp"
#include "kjeks/record.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/validate.hpp"

namespace kjeks {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxConfigBytes = 256 * 1024;
constexpr std::size_t kMaxCategories = 10;
constexpr std::size_t kMaxStorageItems = 50;
constexpr std::size_t kMaxNameChars = 200;
constexpr const char* kRoot = "(root)";

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

void read_controller(ReadErrors& errors, const json& v, Controller& out) {
    const std::string path = "controller";
    if (!expect_object(errors, v, path)) return;
    check_keys(errors, v, path, {"name", "email", "phone"});
    if (const json* name = member(v, "name")) {
        const std::string p = "controller.name";
        const std::string* s = expect_string(errors, *name, p);
        if (s != nullptr && check_text(errors, *s, p, kMaxNameChars)) out.name = *s;
    } else {
        errors.add("controller.name", "missing");
    }
    if (const json* email = member(v, "email")) {
        const std::string p = "controller.email";
        const std::string* s = expect_string(errors, *email, p);
        if (s != nullptr) {
            if (is_email(*s)) out.email = *s;
            else errors.add(p, "not a valid e-mail address");
        }
    }
    if (const json* phone = member(v, "phone")) {
        const std::string p = "controller.phone";
        const std::string* s = expect_string(errors, *phone, p);
        if (s != nullptr) {
            if (is_phone(*s)) out.phone = *s;
            else errors.add(p, "not a valid phone number");
        }
    }
}

struct SeenStorage {
    std::string name;
    StorageKind kind;
};

void read_storage_item(ReadErrors& errors, const json& v, const std::string& path,
                       const std::vector<std::string>& languages, StorageItem& out, std::vector<SeenStorage>& seen) {
    if (!expect_object(errors, v, path)) return;
    check_keys(errors, v, path, {"name", "kind", "purpose", "duration"});
    bool have_name = false;
    bool have_kind = false;
    if (const json* name = member(v, "name")) {
        const std::string p = join_key(path, "name");
        if (const std::string* s = expect_string(errors, *name, p)) {
            if (is_storage_name(*s)) {
                out.name = *s;
                have_name = true;
            } else {
                errors.add(p, "not a valid storage name");
            }
        }
    } else {
        errors.add(join_key(path, "name"), "missing");
    }
    if (const json* kind = member(v, "kind")) {
        const std::string p = join_key(path, "kind");
        if (const std::string* s = expect_string(errors, *kind, p)) {
            if (const std::optional<StorageKind> parsed = storage_kind_from_string(*s)) {
                out.kind = *parsed;
                have_kind = true;
            } else {
                errors.add(p, "expected cookie, localStorage or sessionStorage");
            }
        }
    } else {
        errors.add(join_key(path, "kind"), "missing");
    }
    if (have_name && have_kind) {
        const bool dup = std::any_of(seen.begin(), seen.end(), [&](const SeenStorage& s) {
            return s.name == out.name && s.kind == out.kind;
        });
        if (dup) errors.add(join_key(path, "name"), "duplicate storage item");
        else seen.push_back(SeenStorage{out.name, out.kind});
    }
    read_required_localized(errors, v, path, "purpose", languages, out.purpose);
    read_required_localized(errors, v, path, "duration", languages, out.duration);
}

// object.storage: the storage items, each name and kind once in the whole config.
void read_storage(ReadErrors& errors, const json& object, const std::string& path,
                  const std::vector<std::string>& languages, std::vector<StorageItem>& out,
                  std::vector<SeenStorage>& seen) {
    const json* storage = member(object, "storage");
    const std::string sp = join_key(path, "storage");
    if (storage == nullptr) {
        errors.add(sp, "missing");
        return;
    }
    if (!expect_array(errors, *storage, sp)) return;
    if (storage->size() > kMaxStorageItems) {
        errors.add(sp, "too many (max " + std::to_string(kMaxStorageItems) + ")");
    }
    const std::size_t n = std::min(storage->size(), kMaxStorageItems);
    out.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        read_storage_item(errors, (*storage)[j], join_index(sp, j), languages, out[j], seen);
    }
}

void read_transfer(ReadErrors& errors, const json& v, const std::string& path,
                   const std::vector<std::string>& languages, Transfer& out) {
    if (!expect_object(errors, v, path)) return;
    check_keys(errors, v, path, {"outsideEea", "basis"});
    if (member(v, "outsideEea") == nullptr) errors.add(join_key(path, "outsideEea"), "missing");
    read_bool(errors, v, path, "outsideEea", out.outside_eea);
    if (const json* basis = member(v, "basis")) {
        read_localized(errors, *basis, join_key(path, "basis"), languages, out.basis);
    } else if (out.outside_eea) {
        errors.add(join_key(path, "basis"), "missing (the transfer basis, e.g. Standard Contractual Clauses)");
    }
}

// The id is checked against the others once every category is read.
void read_service(ReadErrors& errors, const json& v, const std::string& path,
                  const std::vector<std::string>& languages, Service& out, std::vector<SeenStorage>& seen) {
    if (!expect_object(errors, v, path)) return;
    check_keys(errors, v, path, {"id", "name", "provider", "purpose", "storage", "policyUrl", "transfer"});
    if (const json* id = member(v, "id")) {
        const std::string p = join_key(path, "id");
        if (const std::string* s = expect_string(errors, *id, p)) {
            if (is_valid_token(*s)) out.id = *s;
            else errors.add(p, "expected 1-64 characters of A-Z a-z 0-9 . _ -");
        }
    } else {
        errors.add(join_key(path, "id"), "missing");
    }
    read_required_localized(errors, v, path, "name", languages, out.name);
    read_required_localized(errors, v, path, "provider", languages, out.provider);
    read_required_localized(errors, v, path, "purpose", languages, out.purpose);
    read_storage(errors, v, path, languages, out.storage, seen);
    if (const json* url = member(v, "policyUrl")) {
        read_localized(errors, *url, join_key(path, "policyUrl"), languages, out.policy_url, true);
    } else {
        errors.add(join_key(path, "policyUrl"), "missing");
    }
    if (const json* transfer = member(v, "transfer")) {
        out.transfer.emplace();
        read_transfer(errors, *transfer, join_key(path, "transfer"), languages, *out.transfer);
    }
}

// Service ids: unique, none the same as a category's, at most max_services.
void check_service_ids(ReadErrors& errors, Config& out) {
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < out.categories.size(); ++i) {
        for (std::size_t j = 0; j < out.categories[i].services.size(); ++j) {
            Service& service = out.categories[i].services[j];
            if (service.id.empty()) continue;
            const std::string p = join_key(join_index(join_key(join_index("categories", i), "services"), j), "id");
            if (out.find_category(service.id) != nullptr) {
                errors.add(p, "the same as a category id");
            } else if (contains(seen, service.id)) {
                errors.add(p, "duplicate service");
            } else {
                seen.push_back(service.id);
                continue;
            }
            service.id.clear();
        }
    }
    if (seen.size() > max_services) {
        errors.add("categories", "too many services (max " + std::to_string(max_services) + ")");
    }
}

void read_category(ReadErrors& errors, const json& v, std::size_t index, const std::vector<std::string>& languages,
                   Category& out, std::vector<std::string>& ids, std::vector<SeenStorage>& seen_storage) {
    const std::string path = join_index("categories", index);
    if (!expect_object(errors, v, path)) return;
    check_keys(errors, v, path, {"id", "title", "description", "storage", "required", "services"});

    if (const json* id = member(v, "id")) {
        const std::string p = join_key(path, "id");
        if (const std::string* s = expect_string(errors, *id, p)) {
            if (index == 0 && *s != "necessary") {
                errors.add(p, "the first category must be necessary");
            } else if (!is_valid_token(*s)) {
                errors.add(p, "expected 1-64 characters of A-Z a-z 0-9 . _ -");
            } else if (contains(ids, *s)) {
                errors.add(p, "duplicate category");
            } else if (*s == "services") {
                errors.add(p, "reserved (the consent object's per-service choices)");
            } else if (*s == "necessary" && index != 0) {
                errors.add(p, "necessary must be the first category");
            } else {
                out.id = *s;
                ids.push_back(*s);
            }
        }
    } else {
        errors.add(join_key(path, "id"), "missing");
    }
    out.required = out.id == "necessary";

    if (const json* required = member(v, "required")) {
        const std::string p = join_key(path, "required");
        const auto* b = required->get_ptr<const json::boolean_t*>();
        if (b == nullptr) errors.add(p, "expected a boolean");
        else if (out.id == "necessary" && !*b) errors.add(p, "necessary is always required");
        else if (!out.id.empty() && out.id != "necessary" && *b) errors.add(p, "only necessary can be required");
    }

    read_required_localized(errors, v, path, "title", languages, out.title);
    read_required_localized(errors, v, path, "description", languages, out.description);
    read_storage(errors, v, path, languages, out.storage, seen_storage);

    const json* services = member(v, "services");
    if (services == nullptr) return;
    const std::string sp = join_key(path, "services");
    if (!expect_array(errors, *services, sp)) return;
    if (out.required) {
        errors.add(sp, "the necessary category has no services (it is always on)");
        return;
    }
    if (services->empty()) errors.add(sp, "expected at least one service (or no services key)");
    out.services.resize(services->size());
    for (std::size_t j = 0; j < services->size(); ++j) {
        read_service(errors, (*services)[j], join_index(sp, j), languages, out.services[j], seen_storage);
    }
}

void read_categories(ReadErrors& errors, const json& v, const std::vector<std::string>& languages, Config& out) {
    const std::string path = "categories";
    if (!expect_array(errors, v, path)) return;
    if (v.empty()) {
        errors.add(path, "the first category must be necessary");
        return;
    }
    if (v.size() > kMaxCategories) {
        errors.add(path, "too many (max " + std::to_string(kMaxCategories) + ")");
    }
    const std::size_t n = std::min(v.size(), kMaxCategories);
    std::vector<std::string> ids;
    std::vector<SeenStorage> seen_storage;
    out.categories.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        read_category(errors, v[i], i, languages, out.categories[i], ids, seen_storage);
    }
    check_service_ids(errors, out);
}

bool is_optional_category(const Config& config, const std::string& id) {
    const Category* c = config.find_category(id);
    return c != nullptr && !c->required;
}

void read_beacon(ReadErrors& errors, const json* v, Config& out) {
    if (v == nullptr) {
        // Not configured: the standard beacon when the config has analytics.
        out.beacon = Beacon{};
        out.has_beacon = is_optional_category(out, out.beacon.category);
        return;
    }
    if (v->is_null()) {
        out.has_beacon = false;
        return;
    }
    const std::string path = "beacon";
    out.has_beacon = true;
    if (!expect_object(errors, *v, path)) return;
    check_keys(errors, *v, path, {"src", "endpoint", "integrity", "category"});
    if (const json* src = member(*v, "src")) read_fetch_url(errors, *src, "beacon.src", out.beacon.src);
    else errors.add("beacon.src", "missing");
    if (const json* endpoint = member(*v, "endpoint")) read_fetch_url(errors, *endpoint, "beacon.endpoint", out.beacon.endpoint);
    if (const json* integrity = member(*v, "integrity")) {
        if (const std::string* s = expect_string(errors, *integrity, "beacon.integrity")) {
            if (is_integrity(*s)) out.beacon.integrity = *s;
            else errors.add("beacon.integrity", "expected sha256-, sha384- or sha512- and a base64 digest");
        }
    }
    const json* category = member(*v, "category");
    if (category != nullptr) {
        const std::string* s = expect_string(errors, *category, "beacon.category");
        if (s == nullptr) return;
        out.beacon.category = *s;
    }
    if (!is_optional_category(out, out.beacon.category)) {
        errors.add("beacon.category", "not an optional configured category");
    }
}

void read_consent_log(ReadErrors& errors, const json& v, Config& out) {
    if (!expect_object(errors, v, "consentLog")) return;
    check_keys(errors, v, "consentLog", {"endpoint"});
    if (const json* endpoint = member(v, "endpoint")) {
        read_fetch_url(errors, *endpoint, "consentLog.endpoint", out.consent_log_endpoint);
    } else {
        errors.add("consentLog.endpoint", "missing");
    }
}

void read_consent_mode(ReadErrors& errors, const json& v, Config& out) {
    const std::string path = "consentMode";
    if (!expect_object(errors, v, path)) return;
    check_keys(errors, v, path, {"enabled", "types"});
    read_bool(errors, v, path, "enabled", out.consent_mode.enabled);
    const json* types = member(v, "types");
    if (types == nullptr) return;
    const std::string tp = "consentMode.types";
    if (!expect_object(errors, *types, tp)) return;
    for (auto it = types->begin(); it != types->end(); ++it) {
        const std::string cp = join_key(tp, it.key());
        if (out.find_category(it.key()) == nullptr) {
            errors.add(cp, "not a configured category");
            continue;
        }
        if (!expect_array(errors, *it, cp)) continue;
        std::vector<std::string> list;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string ip = join_index(cp, i);
            const std::string* s = expect_string(errors, (*it)[i], ip);
            if (s == nullptr) continue;
            if (!contains(known_consent_types(), *s)) errors.add(ip, "unknown consent type");
            else if (contains(list, *s)) errors.add(ip, "duplicate consent type");
            else list.push_back(*s);
        }
        out.consent_mode.types[it.key()] = std::move(list);
    }
}

// The built-in languages and those the site's texts add, in that order.
// Known before anything else is read: every L may have a text for each.
std::vector<std::string> config_languages(const json* texts) {
    std::vector<std::string> languages = built_in_languages();
    if (texts == nullptr || !texts->is_object()) return languages;
    for (auto lang = texts->begin(); lang != texts->end(); ++lang) {
        const bool offerable = is_language_tag(lang.key()) && lang.key() != "no";  // read_texts says why not "no"
        if (offerable && lang->is_object() && !contains(languages, lang.key())) {
            languages.push_back(lang.key());
        }
    }
    return languages;
}

// Site texts over `base`; a key whose text is invalid keeps the base text.
// A language without a base (one the site adds) must have every key, or it
// is left out: the visitor then gets another language, never a half-empty
// banner.
void read_texts(ReadErrors& errors, const json* v, const TextMap* base, TextMap& out) {
    if (base != nullptr) out = *base;
    if (v == nullptr) return;
    if (!expect_object(errors, *v, "texts")) return;
    for (auto lang = v->begin(); lang != v->end(); ++lang) {
        const std::string lp = join_key("texts", lang.key());
        if (lang.key() == "no") {
            errors.add(lp, "use nb (Norwegian, no, is read as nb)");
            continue;
        }
        if (!is_language_tag(lang.key())) {
            errors.add(lp, "expected a language: 2-3 lowercase letters");
            continue;
        }
        if (!expect_object(errors, *lang, lp)) continue;
        // An added language is read apart and joins `out` only when complete.
        const auto based = out.find(lang.key());
        std::map<std::string, std::string> added;
        std::map<std::string, std::string>& texts = based != out.end() ? based->second : added;
        for (auto item = lang->begin(); item != lang->end(); ++item) {
            const std::string& key = item.key();
            const std::string p = join_key(lp, key);
            if (!contains(text_keys(), key) && !contains(service_text_keys(), key)) {
                errors.add(p, "unknown key");
                continue;
            }
            const std::string* s = expect_string(errors, *item, p);
            if (s == nullptr || !check_text(errors, *s, p)) continue;
            if ((key == "embed.text" || key == "service.terms") && s->find("{provider}") == std::string::npos) {
                errors.add(p, "must contain {provider}");
                continue;
            }
            texts[key] = *s;
        }
        bool complete = true;
        for (const std::string& key : text_keys()) {
            if (texts.find(key) != texts.end()) continue;
            complete = false;
            // A key with an invalid text has its error already.
            if (member(*lang, key) == nullptr) errors.add(lp, "missing key " + key);
        }
        if (complete && based == out.end()) out[lang.key()] = std::move(added);
    }
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

bool parse_config_document(std::string_view text, json& root, ReadErrors& errors) {
    const JsonParse parsed = parse_json_document(text, root);
    if (parsed.status == JsonParse::Status::TooDeep) {
        errors.add(kRoot, "nested too deeply");
        return false;
    }
    if (parsed.status == JsonParse::Status::SyntaxError) {
        errors.add(kRoot, "invalid JSON near byte " + std::to_string(parsed.error_byte));
        return false;
    }
    for (const std::string& path : parsed.duplicate_keys) errors.add(path, "duplicate key");
    if (!root.is_object()) {
        errors.add(kRoot, "expected an object");
        return false;
    }
    return true;
}

void read_config_document(const json& root, const TextMap* base_texts, Config& out, ReadErrors& errors) {
    check_keys(errors, root, "",
               {"revision", "expiryDays", "defaultLanguage", "storageKey", "policyUrl", "controller",
                "categories", "beacon", "consentLog", "gpc", "consentMode", "texts", "ui"});

    if (const json* v = member(root, "revision")) read_token(errors, *v, "revision", out.revision);
    else errors.add("revision", "missing");

    if (const json* v = member(root, "expiryDays")) {
        const auto* u = v->get_ptr<const json::number_unsigned_t*>();
        const auto* i = v->get_ptr<const json::number_integer_t*>();
        if (u == nullptr && i == nullptr) errors.add("expiryDays", "expected an integer");
        else if (u == nullptr || *u < 1 || *u > 400) errors.add("expiryDays", "out of range (1-400)");
        else out.expiry_days = static_cast<std::int64_t>(*u);
    }

    const json* texts = member(root, "texts");
    const std::vector<std::string> languages = config_languages(texts);

    if (const json* v = member(root, "defaultLanguage")) {
        if (const std::string* s = expect_string(errors, *v, "defaultLanguage")) {
            if (contains(languages, *s)) out.default_language = *s;
            else errors.add("defaultLanguage", "not a configured language (nb, nn, en or one in texts)");
        }
    }

    if (const json* v = member(root, "storageKey")) read_token(errors, *v, "storageKey", out.storage_key);

    if (const json* v = member(root, "policyUrl")) read_localized(errors, *v, "policyUrl", languages, out.policy_url, true);
    else errors.add("policyUrl", "missing");

    if (const json* v = member(root, "controller")) read_controller(errors, *v, out.controller);
    else errors.add("controller", "missing");

    if (const json* v = member(root, "categories")) read_categories(errors, *v, languages, out);
    else errors.add("categories", "missing");

    read_beacon(errors, member(root, "beacon"), out);

    if (const json* v = member(root, "consentLog")) read_consent_log(errors, *v, out);

    if (const json* v = member(root, "gpc")) {
        if (expect_object(errors, *v, "gpc")) {
            check_keys(errors, *v, "gpc", {"respect"});
            read_bool(errors, *v, "gpc", "respect", out.respect_gpc);
        }
    }

    if (const json* v = member(root, "consentMode")) read_consent_mode(errors, *v, out);

    if (const json* v = member(root, "ui")) {
        if (expect_object(errors, *v, "ui")) {
            check_keys(errors, *v, "ui", {"cornerIcon"});
            read_bool(errors, *v, "ui", "cornerIcon", out.ui.corner_icon_fallback);
        }
    }

    read_texts(errors, texts, base_texts, out.texts);
    if (base_texts == nullptr) {
        for (const std::string& lang : built_in_languages()) {
            const bool given = texts != nullptr && texts->is_object() && member(*texts, lang) != nullptr;
            if (!given) errors.add(join_key("texts", lang), "missing");
        }
    }
    // A default language whose texts were left out (their errors are text
    // errors): the site config stays, in Bokmål by default.
    if (out.texts.find(out.default_language) == out.texts.end()) out.default_language = "nb";
}

ConfigResult parse_config(std::string_view text) {
    ConfigResult result;
    if (text.size() > kMaxConfigBytes) {
        result.errors.push_back(ConfigError{kRoot, "config too large"});
    } else if (is_blank(text)) {
        result.config = default_config();
        return result;
    } else {
        ReadErrors errors;
        json root;
        if (parse_config_document(text, root, errors)) {
            read_config_document(root, &default_config().texts, result.config, errors);
        }
        result.errors = std::move(errors.list);
        if (!errors.structural) return result;
    }
    // Fail closed: the banner works with the default config, nothing optional loads.
    result.config = default_config();
    result.config.loading_disabled = true;
    return result;
}

}  // namespace kjeks
