#include "kjeks/language_tag.hpp"

#include <cstddef>

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

std::string_view primary_subtag(std::string_view tag) {
    tag = trim(tag);
    if (!well_formed(tag)) return {};
    std::size_t end = 0;
    while (end < tag.size() && tag[end] != '-' && tag[end] != '_') ++end;
    return tag.substr(0, end);
}

bool tag_names_language(std::string_view tag, std::string_view lang) {
    if (!is_language_tag(lang)) return false;
    const std::string_view primary = primary_subtag(tag);
    if (equals_ascii_lowercase(primary, "no")) return lang == "nb";
    return equals_ascii_lowercase(primary, lang);
}

}  // namespace kjeks
