// Choosing the visitor's language.
//
// Supported: "nb" (Norwegian; Bokmål, Nynorsk and plain "no" all map to it) and
// "en". A tag is matched on its primary subtag, case-insensitively; '-' and '_'
// both separate subtags ("nb-NO", "NB_no", "en-GB", "nb-Latn-NO"). Every subtag
// must be 1-8 ASCII letters or digits, so "nbx", "english", "en-" or "en--US" are
// not recognised. Surrounding ASCII whitespace (from an HTML lang attribute) is
// ignored.

#include "kjeks/i18n.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kjeks/ascii.hpp"

namespace kjeks {
namespace {

constexpr std::size_t max_subtag_length = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

// True when every '-' or '_' separated subtag is 1-8 ASCII alphanumerics.
bool well_formed(std::string_view tag) {
    std::size_t length = 0;
    for (char c : tag) {
        if (c == '-' || c == '_') {
            if (length == 0) return false;
            length = 0;
        } else if (is_ascii_alnum(c)) {
            if (++length > max_subtag_length) return false;
        } else {
            return false;
        }
    }
    return length > 0;
}

}  // namespace

std::string normalize_language(std::string_view tag) {
    tag = trim(tag);
    if (!well_formed(tag)) return "";
    std::string primary;
    for (char c : tag) {
        if (c == '-' || c == '_') break;
        primary += to_ascii_lower(c);
    }
    if (primary == "nb" || primary == "nn" || primary == "no") return "nb";
    if (primary == "en") return "en";
    return "";
}

std::string pick_language(std::string_view page_lang,
                          const std::vector<std::string>& browser_langs,
                          std::string_view default_lang) {
    if (std::string lang = normalize_language(page_lang); !lang.empty()) return lang;
    for (const std::string& candidate : browser_langs) {
        if (std::string lang = normalize_language(candidate); !lang.empty()) return lang;
    }
    if (std::string lang = normalize_language(default_lang); !lang.empty()) return lang;
    return "nb";
}

}  // namespace kjeks
