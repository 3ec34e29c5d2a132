// `kjeks-check build`: a site's own runtime files, with its config compiled
// in: kjeks.js gets the config's first-visit blob, kjeks-core.js its full
// compiled form (config_form.hpp), in place of those the runtime files carry,
// and each of the config's languages a kjeks-core.<lang>.js whose form holds
// that language only (config_language.hpp): what kjeks.js loads once the
// first-visit module has picked the language.
#pragma once

#include <string>

#include "kjeks/config.hpp"

namespace kjeks::tools {

// Replaces the one string literal in `script` whose value starts with
// `prefix` by a literal of `value` (ASCII only: \uXXXX for the rest); false
// (with `error`) when there is not exactly one.
bool replace_prefixed_literal(std::string& script, const std::string& prefix, const std::string& value,
                              std::string& error);

// Writes out_dir/{kjeks.js, kjeks-core.js, kjeks-core.<lang>.js,
// kjeks-json.js, kjeks.css, beacon.js, kjeks.d.ts} from runtime_dir's (which
// may be out_dir), with `config` (valid) compiled in. A kjeks-core.<lang>.js
// of a language the config does not have goes.
bool build_site(const Config& config, const std::string& runtime_dir, const std::string& out_dir,
                std::string& error);

}  // namespace kjeks::tools
