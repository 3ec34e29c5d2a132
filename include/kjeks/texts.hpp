// The supported languages, the text keys, and looking texts up with fallbacks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kjeks/config.hpp"

namespace kjeks {

const std::vector<std::string>& supported_languages();  // {"nb", "en"}
// The text keys every language must have (see default config).
const std::vector<std::string>& text_keys();

// Text lookup with fallback to English, then to the key itself.
const std::string& text(const Config& config, std::string_view lang, std::string_view key);
// The language's text, else English, else Norwegian, else any, else "".
const std::string& localized(const Localized& value, std::string_view lang);

}  // namespace kjeks
