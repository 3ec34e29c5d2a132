// The JSON config reader, a module of its own (kjeks-json.js): only pages
// that give their config as JSON (inline or data-config) load it. It reads
// and checks the JSON with nlohmann/json as kjeks-check does, and hands the
// core the result in its compiled form (config_form.hpp), with the errors.
#include <emscripten/emscripten.h>

#include <string>

#include "kjeks/config.hpp"
#include "kjeks/config_form.hpp"
#include "kjeks/default_config.hpp"

namespace {

struct Compiled {
    std::string form;
    std::string errors;  // "\n  path: message" per error
    bool loading_disabled = false;
};

Compiled& compiled() {
    static Compiled instance;
    return instance;
}

}  // namespace

extern "C" {

// Reads the embedded default config (a site config's texts are merged over
// it) in steps a caller may run in tasks of their own. V8 compiles each
// function on its first call: step 0 parses a small document that takes
// every path of the JSON parser, so that its code is compiled apart from the
// default's parse; step 1 parses the default's JSON text; step 2 reads it
// into the default Config.
EMSCRIPTEN_KEEPALIVE void kjeks_prepare(int step) {
    if (step == 0) {
        kjeks::warm_up_config_parser();
    } else if (step == 1) {
        kjeks::parse_default_config_text();
    } else {
        (void)kjeks::default_config();
    }
}

// Returns the number of errors. On errors outside the texts the form is the
// default config with loading disabled (parse_config fails closed).
EMSCRIPTEN_KEEPALIVE int kjeks_compile_config(const char* json) {
    kjeks::ConfigResult result = kjeks::parse_config(json ? json : "");
    Compiled& out = compiled();
    out.form = kjeks::write_config_form(result.config);
    out.loading_disabled = result.config.loading_disabled;
    out.errors.clear();
    for (const kjeks::ConfigError& error : result.errors) {
        out.errors += "\n  ";
        out.errors += error.to_string();
    }
    return static_cast<int>(result.errors.size());
}

EMSCRIPTEN_KEEPALIVE const char* kjeks_config_form() { return compiled().form.c_str(); }
EMSCRIPTEN_KEEPALIVE const char* kjeks_config_errors() { return compiled().errors.c_str(); }
EMSCRIPTEN_KEEPALIVE int kjeks_config_loading_disabled() { return compiled().loading_disabled ? 1 : 0; }

}  // extern "C"
