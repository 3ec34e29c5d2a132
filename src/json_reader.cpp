#include "kjeks/json_reader.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "kjeks/json_document.hpp"
#include "kjeks/json_path.hpp"
#include "kjeks/url.hpp"
#include "kjeks/validate.hpp"

namespace kjeks {
namespace {

using json = nlohmann::json;

bool is_text_path(std::string_view path) {
    return path == "texts" || path.rfind("texts.", 0) == 0 || path.rfind("texts[", 0) == 0;
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
}

std::string too_long(std::size_t max) {
    return "too long (max " + std::to_string(max) + " characters)";
}

}  // namespace

void ReadErrors::add(std::string path, std::string message, bool text_error) {
    if (!text_error && !is_text_path(path)) structural = true;
    list.push_back(ConfigError{std::move(path), std::move(message)});
}

void check_keys(ReadErrors& errors, const json& object, const std::string& path,
                std::initializer_list<const char*> allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& k = it.key();
        const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; });
        if (!known) errors.add(join_key(path, k), "unknown key");
    }
}

bool expect_object(ReadErrors& errors, const json& v, const std::string& path) {
    if (v.is_object()) return true;
    errors.add(path, "expected an object");
    return false;
}

bool expect_array(ReadErrors& errors, const json& v, const std::string& path) {
    if (v.is_array()) return true;
    errors.add(path, "expected an array");
    return false;
}

const std::string* expect_string(ReadErrors& errors, const json& v, const std::string& path) {
    const auto* s = v.get_ptr<const json::string_t*>();
    if (s == nullptr) errors.add(path, "expected a string");
    return s;
}

void read_bool(ReadErrors& errors, const json& object, const std::string& path, const char* key, bool& out) {
    const json* v = member(object, key);
    if (v == nullptr) return;
    const auto* b = v->get_ptr<const json::boolean_t*>();
    if (b == nullptr) {
        errors.add(join_key(path, key), "expected a boolean");
        return;
    }
    out = *b;
}

bool check_text(ReadErrors& errors, const std::string& s, const std::string& path, std::size_t max) {
    if (s.empty()) {
        errors.add(path, "must not be empty");
        return false;
    }
    if (utf8_length(s) > max) {
        errors.add(path, too_long(max));
        return false;
    }
    return true;
}

void read_token(ReadErrors& errors, const json& v, const std::string& path, std::string& out) {
    const std::string* s = expect_string(errors, v, path);
    if (s == nullptr) return;
    if (!is_valid_token(*s)) {
        errors.add(path, "expected 1-64 characters of A-Z a-z 0-9 . _ -");
        return;
    }
    out = *s;
}

void read_fetch_url(ReadErrors& errors, const json& v, const std::string& path, std::string& out) {
    const std::string* s = expect_string(errors, v, path);
    if (s == nullptr) return;
    if (!is_safe_fetch_url(*s)) {
        errors.add(path, "not a safe URL");
        return;
    }
    out = *s;
}

void read_localized(ReadErrors& errors, const json& v, const std::string& path,
                    const std::vector<std::string>& languages, Localized& out, bool is_url) {
    const auto valid = [&](const std::string& s, const std::string& p) {
        if (!check_text(errors, s, p)) return false;
        if (is_url && !is_safe_link_url(s)) {
            errors.add(p, "not a safe URL");
            return false;
        }
        return true;
    };
    if (const auto* s = v.get_ptr<const json::string_t*>()) {
        if (valid(*s, path)) {
            for (const std::string& lang : languages) out[lang] = *s;
        }
        return;
    }
    if (!v.is_object()) {
        errors.add(path, "expected a string");  // or an object {"nb", "en"}
        return;
    }
    for (auto item = v.begin(); item != v.end(); ++item) {
        const std::string p = join_key(path, item.key());
        if (std::find(languages.begin(), languages.end(), item.key()) == languages.end()) {
            errors.add(p, "unknown key");
            continue;
        }
        const std::string* s = expect_string(errors, *item, p);
        if (s != nullptr && valid(*s, p)) out[item.key()] = *s;
    }
    const bool none = v.empty();
    for (const char* lang : {"nb", "en"}) {
        if (member(v, lang) != nullptr) continue;
        errors.add(join_key(path, lang), "missing", /*text_error=*/!none);
        if (!none && !out.empty()) out[lang] = out.begin()->second;
    }
}

void read_required_localized(ReadErrors& errors, const json& object, const std::string& path, const char* key,
                             const std::vector<std::string>& languages, Localized& out) {
    if (const json* item = member(object, key)) read_localized(errors, *item, join_key(path, key), languages, out);
    else errors.add(join_key(path, key), "missing");
}

}  // namespace kjeks
