// The built-in languages, the text keys, and looking texts up with fallbacks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kjeks/config.hpp"

namespace kjeks {

// The languages the default config has every text for: {"nb", "nn", "en"}.
// A site config may add others (config.hpp, Config::texts).
const std::vector<std::string>& built_in_languages();
// The text keys every language must have (see default config).
const std::vector<std::string>& text_keys();
// The texts of the dialog's services (provider, purpose, terms link, transfer
// outside the EU/EEA): known keys that a language the site adds may leave
// out; they then come from English.
const std::vector<std::string>& service_text_keys();

// Text lookup with fallback to English, then to the key itself.
const std::string& text(const Config& config, std::string_view lang, std::string_view key);
// The language's text, else (for Nynorsk) Bokmål, else English, else
// Bokmål, else any, else "".
const std::string& localized(const Localized& value, std::string_view lang);

}  // namespace kjeks
