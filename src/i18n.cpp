// Choosing the visitor's language.
//
// A tag is matched on its primary subtag, case-insensitively; '-' and '_' both
// separate subtags ("nb-NO", "NB_no", "en-GB", "nb-Latn-NO"). Every subtag must
// be 1-8 ASCII letters or digits, so "english", "en-" or "en--US" name no
// language. Surrounding ASCII whitespace (from an HTML lang attribute) is
// ignored. Plain "no" (Norwegian) is Bokmål, which most Norwegians write.

#include "kjeks/i18n.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "kjeks/ascii.hpp"
#include "kjeks/language_tag.hpp"
#include "kjeks/validate.hpp"

namespace kjeks {

std::string normalize_language(std::string_view tag) {
    std::string primary;
    for (char c : primary_subtag(tag)) primary += to_ascii_lower(c);
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
