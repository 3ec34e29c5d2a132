// Choosing the visitor's language.
//
// A tag is matched on its primary subtag, case-insensitively; '-' and '_' both
// separate subtags ("nb-NO", "NB_no", "en-GB", "nb-Latn-NO"). Every subtag must
// be 1-8 ASCII letters or digits, so "english", "en-" or "en--US" name no
// language. Surrounding ASCII whitespace (from an HTML lang attribute) is
// ignored. Plain "no" (Norwegian) is Bokmål, which most Norwegians write.

#include "kjeks/i18n.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kjeks/ascii.hpp"
#include "kjeks/validate.hpp"

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
    if (primary == "no") return "nb";
    return is_language_tag(primary) ? primary : "";
}

std::string pick_language(std::string_view page_lang, const std::vector<std::string>& browser_langs,
                          const Config& config) {
    const auto offered = [&](const std::string& lang) { return config.texts.find(lang) != config.texts.end(); };
    if (std::string lang = normalize_language(page_lang); offered(lang)) return lang;
    for (const std::string& candidate : browser_langs) {
        if (std::string lang = normalize_language(candidate); offered(lang)) return lang;
    }
    return config.default_language;
}

}  // namespace kjeks
