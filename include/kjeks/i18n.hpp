// Choosing the visitor's language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kjeks/config.hpp"

namespace kjeks {

// The language a BCP 47 tag names, as configs name languages: its primary
// subtag in lowercase ("nn-NO" -> "nn", "EN-gb" -> "en"), with "no"
// (Norwegian) read as "nb"; "" for a malformed tag or one whose primary
// subtag is not 2-3 letters.
std::string normalize_language(std::string_view tag);

// The first of the page language and the browser's languages, in that order,
// that the config has texts for; else the config's default language.
std::string pick_language(std::string_view page_lang, const std::vector<std::string>& browser_langs,
                          const Config& config);

}  // namespace kjeks
