// Choosing the visitor's language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kjeks {

// Maps a BCP 47 tag to a supported language: nb, nn, no (and nb-NO, no-NO,
// nn-NO ...) -> "nb"; en, en-GB ... -> "en"; anything else -> "".
std::string normalize_language(std::string_view tag);

// The page language wins when supported, then the browser's languages in
// order, then the config's default.
std::string pick_language(std::string_view page_lang,
                          const std::vector<std::string>& browser_langs,
                          std::string_view default_lang);

}  // namespace kjeks
