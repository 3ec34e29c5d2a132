// A config cut down to one language: what a visitor whose page or browser
// picks that language is shown, and nothing of the others. kjeks-check
// compiles one such config per language into its own kjeks-core.<lang>.js,
// so that a visit carries one language's texts rather than all of them.
#pragma once

#include <string_view>

#include "kjeks/config.hpp"

namespace kjeks {

// `config` with every Localized value and every text resolved for `lang` as
// texts.hpp's localized() and text() resolve them, `lang` as its only and
// default language. Every view the core builds for `lang` from the result is
// the one it builds from `config`. `lang` is one of config.texts' languages.
Config config_for_language(const Config& config, std::string_view lang);

}  // namespace kjeks
