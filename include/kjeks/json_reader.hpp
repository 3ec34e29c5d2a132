// Reading values out of a parsed config document: each reader checks the
// type (and rule) of one value and records an error at its path instead of
// throwing, so that one pass reports every error. Values are only read
// through get_ptr<>, so nothing here throws (the web build has no exceptions).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kjeks/config.hpp"

namespace kjeks {

inline constexpr std::size_t max_text_chars = 2000;

// Errors in the order they are found. A *text* error (anything under "texts",
// or one language missing next to the other) keeps the site config; any other
// error is structural and makes parse_config fall back to the default.
struct ReadErrors {
    std::vector<ConfigError> list;
    bool structural = false;

    void add(std::string path, std::string message, bool text_error = false);
};

// "unknown key" for every member of `object` that is not in `allowed`.
void check_keys(ReadErrors& errors, const nlohmann::json& object, const std::string& path,
                std::initializer_list<const char*> allowed);

bool expect_object(ReadErrors& errors, const nlohmann::json& v, const std::string& path);
bool expect_array(ReadErrors& errors, const nlohmann::json& v, const std::string& path);
// The string, or null (and an error) when `v` is not one.
const std::string* expect_string(ReadErrors& errors, const nlohmann::json& v, const std::string& path);

// object[key] into `out` when present; an error when it is not a boolean.
void read_bool(ReadErrors& errors, const nlohmann::json& object, const std::string& path, const char* key,
               bool& out);

// A non-empty text of at most `max` characters (UTF-8 sequences, not bytes).
bool check_text(ReadErrors& errors, const std::string& s, const std::string& path,
                std::size_t max = max_text_chars);

// A token (validate.hpp) into `out`.
void read_token(ReadErrors& errors, const nlohmann::json& v, const std::string& path, std::string& out);

// A safe fetch URL (url.hpp) into `out`.
void read_fetch_url(ReadErrors& errors, const nlohmann::json& v, const std::string& path, std::string& out);

// L: a string for each of `languages` (the config's languages), or an object
// with a text per language, {"nb": ..., "en": ...}, whose keys must be among
// `languages`. Bokmål and English are expected in it: one missing next to
// the other is a text error and is filled from it; the others may be left
// out (texts.hpp, localized(), falls back). With is_url, every text must
// also be a safe link URL.
void read_localized(ReadErrors& errors, const nlohmann::json& v, const std::string& path,
                    const std::vector<std::string>& languages, Localized& out, bool is_url = false);
// object[key] as an L; "missing" when absent.
void read_required_localized(ReadErrors& errors, const nlohmann::json& object, const std::string& path,
                             const char* key, const std::vector<std::string>& languages, Localized& out);

}  // namespace kjeks
