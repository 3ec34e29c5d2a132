// Site configuration: parsing and validation of the config JSON, the embedded
// default config, and small Config helpers.
//
// Built without exceptions and without iostreams (the web build defines
// JSON_NOEXCEPTION and JSON_NO_IO): every value's type is checked before it is
// read, and values are only read through get_ptr<>, which never throws.
//
// Error classes: an error under "texts" (or a language missing from a
// localized value that has the other language) is a *text* error: the site
// config is kept and the affected texts come from the default. Any other
// error makes parse_config return the default config with loading_disabled.
#include "kjeks/config.hpp"

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "kjeks/json_text.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/url.hpp"
#include "kjeks/validate.hpp"

namespace kjeks {
namespace detail {
extern const std::string_view default_config_text;  // generated from src/default_config.json
}  // namespace detail

namespace {

using json = nlohmann::json;
using TextMap = std::map<std::string, std::map<std::string, std::string>>;

constexpr std::size_t kMaxConfigBytes = 256 * 1024;
constexpr std::size_t kMaxCategories = 10;
constexpr std::size_t kMaxStorageItems = 50;
constexpr std::size_t kMaxTextChars = 2000;
constexpr std::size_t kMaxNameChars = 200;
constexpr std::size_t kMaxStorageNameChars = 128;
constexpr std::size_t kMaxDepth = 32;
constexpr const char* kRoot = "(root)";

const char* const kConsentTypes[] = {
    "ad_storage",         "ad_user_data",          "ad_personalization",      "analytics_storage",
    "functionality_storage", "personalization_storage", "security_storage",
};

// ---- Paths ------------------------------------------------------------------

bool is_plain_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

// parent.key, or parent["key"] (escaped, shortened) for keys that are not
// plain identifiers, so an error message never carries raw control characters.
std::string join_key(const std::string& parent, std::string_view key) {
    const bool plain = !key.empty() && key.size() <= 64 &&
                       std::all_of(key.begin(), key.end(), is_plain_key_char);
    std::string out = parent;
    if (plain) {
        if (!out.empty()) out += '.';
        out.append(key.data(), key.size());
        return out;
    }
    static const char hex[] = "0123456789abcdef";
    out += "[\"";
    std::size_t n = key.size();
    bool cut = false;
    if (n > 64) {
        n = 64;
        while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;  // keep UTF-8 whole
        cut = true;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (cut) out += "...";
    out += "\"]";
    return out;
}

std::string join_index(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

bool is_text_path(std::string_view path) {
    return path == "texts" || path.rfind("texts.", 0) == 0 || path.rfind("texts[", 0) == 0;
}

// ---- JSON parsing -------------------------------------------------------------

// A SAX handler that builds the document like nlohmann's own DOM parser, and
// in addition reports duplicate keys (which nlohmann silently overwrites),
// bounds the nesting depth and remembers the byte offset of a syntax error.
class DomBuilder {
public:
    explicit DomBuilder(json& root) : root_(root) {}

    bool null() { return put(json(nullptr)); }
    bool boolean(bool v) { return put(json(v)); }
    bool number_integer(json::number_integer_t v) { return put(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
    bool number_float(json::number_float_t v, const json::string_t& /*text*/) { return put(json(v)); }
    bool string(json::string_t& v) { return put(json(std::move(v))); }
    bool binary(json::binary_t& /*v*/) { return false; }  // never produced by JSON text
    bool start_object(std::size_t /*size*/) { return open(json(json::value_t::object)); }
    bool start_array(std::size_t /*size*/) { return open(json(json::value_t::array)); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& k) {
        const Frame& frame = stack_.back();
        if (frame.value->find(k) != frame.value->end()) duplicates_.push_back(join_key(frame.path, k));
        key_ = std::move(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string& /*token*/,
                     const nlohmann::detail::exception& /*error*/) {
        error_position_ = position;
        syntax_error_ = true;
        return false;
    }

    bool syntax_error() const { return syntax_error_; }
    bool too_deep() const { return too_deep_; }
    std::size_t error_position() const { return error_position_; }
    const std::vector<std::string>& duplicates() const { return duplicates_; }

private:
    struct Frame {
        json* value;
        std::string path;
    };

    json* place(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back().value;
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        json& slot = parent[key_];  // a duplicate key: the last value wins, like nlohmann
        slot = std::move(v);
        return &slot;
    }
    bool put(json&& v) {
        place(std::move(v));
        return true;
    }
    bool open(json&& v) {
        if (stack_.size() >= kMaxDepth) {
            too_deep_ = true;
            return false;
        }
        std::string path;
        if (!stack_.empty()) {
            const Frame& parent = stack_.back();
            path = parent.value->is_array() ? join_index(parent.path, parent.value->size())
                                            : join_key(parent.path, key_);
        }
        json* placed = place(std::move(v));
        stack_.push_back(Frame{placed, std::move(path)});
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    json& root_;
    std::vector<Frame> stack_;
    std::string key_;
    std::vector<std::string> duplicates_;
    std::size_t error_position_ = 0;
    bool syntax_error_ = false;
    bool too_deep_ = false;
};

// ---- Validation context -------------------------------------------------------

struct Ctx {
    std::vector<ConfigError> errors;
    bool structural = false;  // an error outside the texts

    void error(std::string path, std::string message, bool text_error = false) {
        if (!text_error && !is_text_path(path)) structural = true;
        errors.push_back(ConfigError{std::move(path), std::move(message)});
    }
};

const json* member(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

void check_keys(Ctx& ctx, const json& object, const std::string& path,
                std::initializer_list<const char*> allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& k = it.key();
        const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; });
        if (!known) ctx.error(join_key(path, k), "unknown key");
    }
}

bool expect_object(Ctx& ctx, const json& v, const std::string& path) {
    if (v.is_object()) return true;
    ctx.error(path, "expected an object");
    return false;
}

bool expect_array(Ctx& ctx, const json& v, const std::string& path) {
    if (v.is_array()) return true;
    ctx.error(path, "expected an array");
    return false;
}

const std::string* expect_string(Ctx& ctx, const json& v, const std::string& path) {
    const auto* s = v.get_ptr<const json::string_t*>();
    if (s == nullptr) ctx.error(path, "expected a string");
    return s;
}

void read_bool(Ctx& ctx, const json& object, const std::string& path, const char* key, bool& out) {
    const json* v = member(object, key);
    if (v == nullptr) return;
    const auto* b = v->get_ptr<const json::boolean_t*>();
    if (b == nullptr) {
        ctx.error(join_key(path, key), "expected a boolean");
        return;
    }
    out = *b;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::string too_long(std::size_t max) {
    return "too long (max " + std::to_string(max) + " characters)";
}

// A non-empty text of at most `max` characters.
bool check_text(Ctx& ctx, const std::string& s, const std::string& path, std::size_t max = kMaxTextChars) {
    if (s.empty()) {
        ctx.error(path, "must not be empty");
        return false;
    }
    if (utf8_length(s) > max) {
        ctx.error(path, too_long(max));
        return false;
    }
    return true;
}

void read_token(Ctx& ctx, const json& v, const std::string& path, std::string& out) {
    const std::string* s = expect_string(ctx, v, path);
    if (s == nullptr) return;
    if (!is_valid_token(*s)) {
        ctx.error(path, "expected 1-64 characters of A-Z a-z 0-9 . _ -");
        return;
    }
    out = *s;
}

bool contains(const std::vector<std::string>& list, std::string_view value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// L: a string for every language, or {"nb": ..., "en": ...}. A language
// missing next to the other one is a text error and is filled from it.
void read_localized(Ctx& ctx, const json& v, const std::string& path, Localized& out, bool is_url = false) {
    const auto valid = [&](const std::string& s, const std::string& p) {
        if (!check_text(ctx, s, p)) return false;
        if (is_url && !is_safe_link_url(s)) {
            ctx.error(p, "not a safe URL");
            return false;
        }
        return true;
    };
    if (const auto* s = v.get_ptr<const json::string_t*>()) {
        if (valid(*s, path)) {
            for (const std::string& lang : supported_languages()) out[lang] = *s;
        }
        return;
    }
    if (!v.is_object()) {
        ctx.error(path, "expected a string");  // or an object {"nb", "en"}
        return;
    }
    check_keys(ctx, v, path, {"nb", "en"});
    std::vector<std::string> missing;
    for (const std::string& lang : supported_languages()) {
        const json* item = member(v, lang.c_str());
        if (item == nullptr) {
            missing.push_back(lang);
            continue;
        }
        const std::string p = join_key(path, lang);
        const std::string* s = expect_string(ctx, *item, p);
        if (s != nullptr && valid(*s, p)) out[lang] = *s;
    }
    const bool none = missing.size() == supported_languages().size();
    for (const std::string& lang : missing) {
        ctx.error(join_key(path, lang), "missing", /*text_error=*/!none);
        if (!none && !out.empty()) out[lang] = out.begin()->second;
    }
}

void read_required_localized(Ctx& ctx, const json& object, const std::string& path, const char* key,
                             Localized& out) {
    if (const json* item = member(object, key)) read_localized(ctx, *item, join_key(path, key), out);
    else ctx.error(join_key(path, key), "missing");
}

// ---- Field validators -----------------------------------------------------------

bool is_email(const std::string& s) {
    if (s.size() > 254) return false;
    const auto at = s.find('@');
    if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos) return false;
    const std::string_view local(s.data(), at);
    const std::string_view domain(s.data() + at + 1, s.size() - at - 1);
    const bool local_ok = std::all_of(local.begin(), local.end(), [](char c) {
        return is_plain_key_char(c) || c == '+';
    });
    const bool domain_ok = std::all_of(domain.begin(), domain.end(), [](char c) {
        return is_plain_key_char(c) && c != '_';
    });
    return local_ok && domain_ok && domain.find('.') != std::string_view::npos && domain.front() != '.' &&
           domain.back() != '.' && domain.front() != '-' && domain.back() != '-' &&
           domain.find("..") == std::string_view::npos;
}

bool is_phone(const std::string& s) {
    if (s.empty() || s.size() > 32) return false;
    bool digit = false;
    for (const char c : s) {
        if (c >= '0' && c <= '9') {
            digit = true;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') {
            return false;
        }
    }
    return digit;
}

// Cookie and storage names: printable ASCII without separators that would
// break a cookie header.
bool is_storage_name(const std::string& s) {
    if (s.empty() || s.size() > kMaxStorageNameChars) return false;
    return std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7F && c != '"' && c != ',' && c != ';' && c != '=' && c != '\\';
    });
}

bool is_base64_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}

// One SRI hash: sha256-/sha384-/sha512- and the padded base64 digest of
// exactly the algorithm's length. Options ("?...") and lists are not accepted.
bool is_integrity(const std::string& s) {
    std::size_t bytes = 0;
    if (s.rfind("sha256-", 0) == 0) bytes = 32;
    else if (s.rfind("sha384-", 0) == 0) bytes = 48;
    else if (s.rfind("sha512-", 0) == 0) bytes = 64;
    else return false;
    const std::string_view digest(s.data() + 7, s.size() - 7);
    const std::size_t padding = (3 - bytes % 3) % 3;
    if (digest.size() != (bytes + 2) / 3 * 4) return false;
    for (std::size_t i = 0; i < digest.size(); ++i) {
        const bool pad_position = i >= digest.size() - padding;
        if (pad_position ? digest[i] != '=' : !is_base64_char(digest[i])) return false;
    }
    return true;
}

void read_fetch_url(Ctx& ctx, const json& v, const std::string& path, std::string& out) {
    const std::string* s = expect_string(ctx, v, path);
    if (s == nullptr) return;
    if (!is_safe_fetch_url(*s)) {
        ctx.error(path, "not a safe URL");
        return;
    }
    out = *s;
}

// ---- Sections ------------------------------------------------------------------

void read_controller(Ctx& ctx, const json& v, Controller& out) {
    const std::string path = "controller";
    if (!expect_object(ctx, v, path)) return;
    check_keys(ctx, v, path, {"name", "email", "phone"});
    if (const json* name = member(v, "name")) {
        const std::string p = "controller.name";
        const std::string* s = expect_string(ctx, *name, p);
        if (s != nullptr && check_text(ctx, *s, p, kMaxNameChars)) out.name = *s;
    } else {
        ctx.error("controller.name", "missing");
    }
    if (const json* email = member(v, "email")) {
        const std::string p = "controller.email";
        const std::string* s = expect_string(ctx, *email, p);
        if (s != nullptr) {
            if (is_email(*s)) out.email = *s;
            else ctx.error(p, "not a valid e-mail address");
        }
    }
    if (const json* phone = member(v, "phone")) {
        const std::string p = "controller.phone";
        const std::string* s = expect_string(ctx, *phone, p);
        if (s != nullptr) {
            if (is_phone(*s)) out.phone = *s;
            else ctx.error(p, "not a valid phone number");
        }
    }
}

struct SeenStorage {
    std::string name;
    StorageKind kind;
};

void read_storage_item(Ctx& ctx, const json& v, const std::string& path, StorageItem& out,
                       std::vector<SeenStorage>& seen) {
    if (!expect_object(ctx, v, path)) return;
    check_keys(ctx, v, path, {"name", "kind", "purpose", "duration"});
    bool have_name = false;
    bool have_kind = false;
    if (const json* name = member(v, "name")) {
        const std::string p = join_key(path, "name");
        if (const std::string* s = expect_string(ctx, *name, p)) {
            if (is_storage_name(*s)) {
                out.name = *s;
                have_name = true;
            } else {
                ctx.error(p, "not a valid storage name");
            }
        }
    } else {
        ctx.error(join_key(path, "name"), "missing");
    }
    if (const json* kind = member(v, "kind")) {
        const std::string p = join_key(path, "kind");
        if (const std::string* s = expect_string(ctx, *kind, p)) {
            have_kind = true;
            if (*s == "cookie") out.kind = StorageKind::Cookie;
            else if (*s == "localStorage") out.kind = StorageKind::LocalStorage;
            else if (*s == "sessionStorage") out.kind = StorageKind::SessionStorage;
            else {
                have_kind = false;
                ctx.error(p, "expected cookie, localStorage or sessionStorage");
            }
        }
    } else {
        ctx.error(join_key(path, "kind"), "missing");
    }
    if (have_name && have_kind) {
        const bool dup = std::any_of(seen.begin(), seen.end(), [&](const SeenStorage& s) {
            return s.name == out.name && s.kind == out.kind;
        });
        if (dup) ctx.error(join_key(path, "name"), "duplicate storage item");
        else seen.push_back(SeenStorage{out.name, out.kind});
    }
    read_required_localized(ctx, v, path, "purpose", out.purpose);
    read_required_localized(ctx, v, path, "duration", out.duration);
}

void read_category(Ctx& ctx, const json& v, std::size_t index, Category& out, std::vector<std::string>& ids,
                   std::vector<SeenStorage>& seen_storage) {
    const std::string path = join_index("categories", index);
    if (!expect_object(ctx, v, path)) return;
    check_keys(ctx, v, path, {"id", "title", "description", "storage", "required"});

    if (const json* id = member(v, "id")) {
        const std::string p = join_key(path, "id");
        if (const std::string* s = expect_string(ctx, *id, p)) {
            if (index == 0 && *s != "necessary") {
                ctx.error(p, "the first category must be necessary");
            } else if (!contains(known_category_ids(), *s)) {
                ctx.error(p, "unknown category");
            } else if (contains(ids, *s)) {
                ctx.error(p, "duplicate category");
            } else if (*s == "necessary" && index != 0) {
                ctx.error(p, "necessary must be the first category");
            } else {
                out.id = *s;
                ids.push_back(*s);
            }
        }
    } else {
        ctx.error(join_key(path, "id"), "missing");
    }
    out.required = out.id == "necessary";

    if (const json* required = member(v, "required")) {
        const std::string p = join_key(path, "required");
        const auto* b = required->get_ptr<const json::boolean_t*>();
        if (b == nullptr) ctx.error(p, "expected a boolean");
        else if (out.id == "necessary" && !*b) ctx.error(p, "necessary is always required");
        else if (!out.id.empty() && out.id != "necessary" && *b) ctx.error(p, "only necessary can be required");
    }

    read_required_localized(ctx, v, path, "title", out.title);
    read_required_localized(ctx, v, path, "description", out.description);

    const json* storage = member(v, "storage");
    const std::string sp = join_key(path, "storage");
    if (storage == nullptr) {
        ctx.error(sp, "missing");
        return;
    }
    if (!expect_array(ctx, *storage, sp)) return;
    if (storage->size() > kMaxStorageItems) {
        ctx.error(sp, "too many (max " + std::to_string(kMaxStorageItems) + ")");
    }
    const std::size_t n = std::min(storage->size(), kMaxStorageItems);
    out.storage.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        read_storage_item(ctx, (*storage)[j], join_index(sp, j), out.storage[j], seen_storage);
    }
}

void read_categories(Ctx& ctx, const json& v, Config& out) {
    const std::string path = "categories";
    if (!expect_array(ctx, v, path)) return;
    if (v.empty()) {
        ctx.error(path, "the first category must be necessary");
        return;
    }
    if (v.size() > kMaxCategories) {
        ctx.error(path, "too many (max " + std::to_string(kMaxCategories) + ")");
    }
    const std::size_t n = std::min(v.size(), kMaxCategories);
    std::vector<std::string> ids;
    std::vector<SeenStorage> seen_storage;
    out.categories.resize(n);
    for (std::size_t i = 0; i < n; ++i) read_category(ctx, v[i], i, out.categories[i], ids, seen_storage);
}

bool is_optional_category(const Config& config, const std::string& id) {
    const Category* c = config.find_category(id);
    return c != nullptr && !c->required;
}

void read_beacon(Ctx& ctx, const json* v, Config& out) {
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
    if (!expect_object(ctx, *v, path)) return;
    check_keys(ctx, *v, path, {"src", "endpoint", "integrity", "category"});
    if (const json* src = member(*v, "src")) read_fetch_url(ctx, *src, "beacon.src", out.beacon.src);
    else ctx.error("beacon.src", "missing");
    if (const json* endpoint = member(*v, "endpoint")) read_fetch_url(ctx, *endpoint, "beacon.endpoint", out.beacon.endpoint);
    if (const json* integrity = member(*v, "integrity")) {
        if (const std::string* s = expect_string(ctx, *integrity, "beacon.integrity")) {
            if (is_integrity(*s)) out.beacon.integrity = *s;
            else ctx.error("beacon.integrity", "expected sha256-, sha384- or sha512- and a base64 digest");
        }
    }
    const json* category = member(*v, "category");
    if (category != nullptr) {
        const std::string* s = expect_string(ctx, *category, "beacon.category");
        if (s == nullptr) return;
        out.beacon.category = *s;
    }
    if (!is_optional_category(out, out.beacon.category)) {
        ctx.error("beacon.category", "not an optional configured category");
    }
}

void read_consent_log(Ctx& ctx, const json& v, Config& out) {
    if (!expect_object(ctx, v, "consentLog")) return;
    check_keys(ctx, v, "consentLog", {"endpoint"});
    if (const json* endpoint = member(v, "endpoint")) {
        read_fetch_url(ctx, *endpoint, "consentLog.endpoint", out.consent_log_endpoint);
    } else {
        ctx.error("consentLog.endpoint", "missing");
    }
}

void read_consent_mode(Ctx& ctx, const json& v, Config& out) {
    const std::string path = "consentMode";
    if (!expect_object(ctx, v, path)) return;
    check_keys(ctx, v, path, {"enabled", "types"});
    read_bool(ctx, v, path, "enabled", out.consent_mode.enabled);
    const json* types = member(v, "types");
    if (types == nullptr) return;
    const std::string tp = "consentMode.types";
    if (!expect_object(ctx, *types, tp)) return;
    for (auto it = types->begin(); it != types->end(); ++it) {
        const std::string cp = join_key(tp, it.key());
        if (out.find_category(it.key()) == nullptr) {
            ctx.error(cp, "not a configured category");
            continue;
        }
        if (!expect_array(ctx, *it, cp)) continue;
        std::vector<std::string> list;
        for (std::size_t i = 0; i < it->size(); ++i) {
            const std::string ip = join_index(cp, i);
            const std::string* s = expect_string(ctx, (*it)[i], ip);
            if (s == nullptr) continue;
            const bool known = std::any_of(std::begin(kConsentTypes), std::end(kConsentTypes),
                                           [&](const char* t) { return *s == t; });
            if (!known) ctx.error(ip, "unknown consent type");
            else if (contains(list, *s)) ctx.error(ip, "duplicate consent type");
            else list.push_back(*s);
        }
        out.consent_mode.types[it.key()] = std::move(list);
    }
}

// Site texts over `base`; a key whose text is invalid keeps the base text.
void read_texts(Ctx& ctx, const json* v, const TextMap* base, TextMap& out) {
    if (base != nullptr) out = *base;
    if (v == nullptr) return;
    if (!expect_object(ctx, *v, "texts")) return;
    for (auto lang = v->begin(); lang != v->end(); ++lang) {
        const std::string lp = join_key("texts", lang.key());
        if (!contains(supported_languages(), lang.key())) {
            ctx.error(lp, "unknown key");
            continue;
        }
        if (!expect_object(ctx, *lang, lp)) continue;
        for (auto item = lang->begin(); item != lang->end(); ++item) {
            const std::string& key = item.key();
            const std::string p = join_key(lp, key);
            if (!contains(text_keys(), key)) {
                ctx.error(p, "unknown key");
                continue;
            }
            const std::string* s = expect_string(ctx, *item, p);
            if (s == nullptr || !check_text(ctx, *s, p)) continue;
            if (key == "embed.text" && s->find("{provider}") == std::string::npos) {
                ctx.error(p, "must contain {provider}");
                continue;
            }
            out[lang.key()][key] = *s;
        }
    }
}

// The first half of reading a config: JSON text to a document. False (with
// the error in ctx) when the text is not a JSON object.
bool parse_document(std::string_view text, json& root, Ctx& ctx) {
    DomBuilder builder(root);
    const char* first = text.data();
    auto adapter = nlohmann::detail::input_adapter(first, first + text.size());
    // The parser is used directly (not json::sax_parse) so that the binary
    // formats' readers are not instantiated: it keeps the WebAssembly small.
    nlohmann::detail::parser<json, decltype(adapter)> reader(std::move(adapter), nullptr, false, false);
    const bool parsed = reader.sax_parse(&builder, /*strict=*/true);
    if (builder.too_deep()) {
        ctx.error(kRoot, "nested too deeply");
        return false;
    }
    if (!parsed || builder.syntax_error()) {
        // 1-based; an unexpected end of the text is reported as its last byte.
        const std::size_t byte = std::min(builder.error_position(), text.size());
        ctx.error(kRoot, "invalid JSON near byte " + std::to_string(byte));
        return false;
    }
    for (const std::string& path : builder.duplicates()) ctx.error(path, "duplicate key");
    if (!root.is_object()) {
        ctx.error(kRoot, "expected an object");
        return false;
    }
    return true;
}

// The second half: a parsed document to `out`. `base_texts` are the texts
// site texts are merged over (null when reading the default itself: then
// every key is required).
void read_document(const json& root, const TextMap* base_texts, Config& out, Ctx& ctx) {
    check_keys(ctx, root, "",
               {"revision", "expiryDays", "defaultLanguage", "storageKey", "policyUrl", "controller",
                "categories", "beacon", "consentLog", "gpc", "consentMode", "texts", "ui"});

    if (const json* v = member(root, "revision")) read_token(ctx, *v, "revision", out.revision);
    else ctx.error("revision", "missing");

    if (const json* v = member(root, "expiryDays")) {
        const auto* u = v->get_ptr<const json::number_unsigned_t*>();
        const auto* i = v->get_ptr<const json::number_integer_t*>();
        if (u == nullptr && i == nullptr) ctx.error("expiryDays", "expected an integer");
        else if (u == nullptr || *u < 1 || *u > 400) ctx.error("expiryDays", "out of range (1-400)");
        else out.expiry_days = static_cast<std::int64_t>(*u);
    }

    if (const json* v = member(root, "defaultLanguage")) {
        if (const std::string* s = expect_string(ctx, *v, "defaultLanguage")) {
            if (contains(supported_languages(), *s)) out.default_language = *s;
            else ctx.error("defaultLanguage", "expected nb or en");
        }
    }

    if (const json* v = member(root, "storageKey")) read_token(ctx, *v, "storageKey", out.storage_key);

    if (const json* v = member(root, "policyUrl")) read_localized(ctx, *v, "policyUrl", out.policy_url, true);
    else ctx.error("policyUrl", "missing");

    if (const json* v = member(root, "controller")) read_controller(ctx, *v, out.controller);
    else ctx.error("controller", "missing");

    if (const json* v = member(root, "categories")) read_categories(ctx, *v, out);
    else ctx.error("categories", "missing");

    read_beacon(ctx, member(root, "beacon"), out);

    if (const json* v = member(root, "consentLog")) read_consent_log(ctx, *v, out);

    if (const json* v = member(root, "gpc")) {
        if (expect_object(ctx, *v, "gpc")) {
            check_keys(ctx, *v, "gpc", {"respect"});
            read_bool(ctx, *v, "gpc", "respect", out.respect_gpc);
        }
    }

    if (const json* v = member(root, "consentMode")) read_consent_mode(ctx, *v, out);

    if (const json* v = member(root, "ui")) {
        if (expect_object(ctx, *v, "ui")) {
            check_keys(ctx, *v, "ui", {"cornerIcon"});
            read_bool(ctx, *v, "ui", "cornerIcon", out.ui.corner_icon_fallback);
        }
    }

    read_texts(ctx, member(root, "texts"), base_texts, out.texts);
    if (base_texts == nullptr) {
        for (const std::string& lang : supported_languages()) {
            for (const std::string& key : text_keys()) {
                const auto& lang_texts = out.texts[lang];
                if (lang_texts.find(key) == lang_texts.end()) ctx.error("texts." + lang + "." + key, "missing");
            }
        }
    }
}

void parse_into(std::string_view text, const TextMap* base_texts, Config& out, Ctx& ctx) {
    json root;
    if (parse_document(text, root, ctx)) read_document(root, base_texts, out, ctx);
}

// The embedded default, between the two steps of reading it.
struct DefaultDocument {
    bool parsed = false;
    bool ok = false;
    json root;
    Ctx ctx;
};

DefaultDocument& default_document() {
    static DefaultDocument document;
    return document;
}

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

// ---- Public API -----------------------------------------------------------------

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

std::string ConfigError::to_string() const { return path + ": " + message; }

ConfigResult parse_config(std::string_view text) {
    ConfigResult result;
    if (text.size() > kMaxConfigBytes) {
        result.errors.push_back(ConfigError{kRoot, "config too large"});
    } else if (is_blank(text)) {
        result.config = default_config();
        return result;
    } else {
        Ctx ctx;
        parse_into(text, &default_config().texts, result.config, ctx);
        result.errors = std::move(ctx.errors);
        if (!ctx.structural) return result;
    }
    // Fail closed: the banner works with the default config, nothing optional loads.
    result.config = default_config();
    result.config.loading_disabled = true;
    return result;
}

std::string_view default_config_json() { return detail::default_config_text; }

bool parse_json(std::string_view text, json& out) {
    DomBuilder builder(out);
    const char* first = text.data();
    auto adapter = nlohmann::detail::input_adapter(first, first + text.size());
    nlohmann::detail::parser<json, decltype(adapter)> reader(std::move(adapter), nullptr, false, false);
    return reader.sax_parse(&builder, /*strict=*/true) && !builder.syntax_error() && !builder.too_deep();
}

void parse_default_config_text() {
    DefaultDocument& document = default_document();
    if (document.parsed) return;
    document.parsed = true;
    document.ok = parse_document(detail::default_config_text, document.root, document.ctx);
}

const Config& default_config() {
    static const Config config = [] {
        parse_default_config_text();
        DefaultDocument& document = default_document();
        Config c;
        if (document.ok) read_document(document.root, nullptr, c, document.ctx);
        // Never expected (the tests read the default), but fail closed.
        if (!document.ctx.errors.empty()) c.loading_disabled = true;
        document.root = json();  // read once, never needed again
        return c;
    }();
    return config;
}

const std::vector<std::string>& known_category_ids() {
    static const std::vector<std::string> ids = {"necessary", "analytics", "external", "preferences", "marketing"};
    return ids;
}

const std::vector<std::string>& known_consent_types() {
    static const std::vector<std::string> types(std::begin(kConsentTypes), std::end(kConsentTypes));
    return types;
}

std::string_view to_string(StorageKind kind) {
    switch (kind) {
        case StorageKind::Cookie: return "cookie";
        case StorageKind::LocalStorage: return "localStorage";
        case StorageKind::SessionStorage: return "sessionStorage";
    }
    return "cookie";
}

}  // namespace kjeks
