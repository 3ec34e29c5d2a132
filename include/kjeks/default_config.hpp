// The embedded default config (NordLeads' cookie policy, nb and en), read once.
#pragma once

#include <string_view>

#include "kjeks/config.hpp"

namespace kjeks {

// Its JSON text (src/default_config.json).
std::string_view default_config_json();
// The default is read once, in two steps a caller may run apart (the browser
// layer runs them in two tasks, to keep each short): its JSON text is parsed
// first, then checked and read into a Config. default_config() takes both
// steps, or only the second after parse_default_config_text().
void parse_default_config_text();
const Config& default_config();
// Parses a small document that takes every path of the JSON parser, and
// keeps nothing. A WebAssembly engine that compiles each function on its
// first call then compiles the parser here, apart from the default's parse.
void warm_up_config_parser();

}  // namespace kjeks
