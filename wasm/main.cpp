// The browser layer's C++ side: owns the one State and Config of this page,
// feeds messages to the core and hands the resulting effects to bridge JS.
// The config comes in compiled (config_form.hpp): this module reads no JSON,
// so nlohmann/json is not part of it (wasm/json_main.cpp reads JSON configs).
#include <emscripten/emscripten.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kjeks/bridge_protocol.hpp"
#include "kjeks/config.hpp"
#include "kjeks/config_form.hpp"
#include "kjeks/i18n.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/view.hpp"

// The import of the module, given by wasm/core.js: the commands of each
// transition.
extern "C" {
__attribute__((import_module("env"), import_name("kjeks_js_apply")))
void kjeks_js_apply(const char* commands_json);
}

namespace {

struct Runtime {
    kjeks::Config config;  // until kjeks_configure
    kjeks::State state;
    std::string scratch;  // keeps strings returned to JS alive until the next call

    void run(const kjeks::Msg& msg) {
        kjeks::Transition next = kjeks::update(config, std::move(state), msg);
        state = std::move(next.state);
        if (!next.effects.empty()) {
            kjeks_js_apply(kjeks::effects_to_json(config, state, next.effects).c_str());
        }
    }
};

Runtime& runtime() {
    static Runtime instance;
    return instance;
}

std::int64_t to_ms(double ms) { return static_cast<std::int64_t>(ms); }

std::vector<std::string> split_languages(const char* list) {
    std::vector<std::string> out;
    std::string current;
    for (const char* p = list; p && *p; ++p) {
        if (*p == ',') {
            if (!current.empty()) out.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(*p);
        }
    }
    if (!current.empty()) out.push_back(std::move(current));
    return out;
}

std::optional<std::string> optional_text(const char* text) {
    if (!text) return std::nullopt;
    return std::string(text);
}

}  // namespace

extern "C" {

// Reads the compiled config (config_form.hpp). Returns 0, or -1 when it
// cannot be read (another version's form, or a corrupt one): the caller
// halts the runtime, since no config means no decision (fail closed).
EMSCRIPTEN_KEEPALIVE int kjeks_configure(const char* form) {
    return kjeks::read_config_form(form ? form : "", runtime().config) ? 0 : -1;
}

EMSCRIPTEN_KEEPALIVE const char* kjeks_storage_key() {
    return runtime().config.storage_key.c_str();
}

EMSCRIPTEN_KEEPALIVE void kjeks_start(const char* stored, double now_ms, int gpc,
                                      const char* page_lang, const char* browser_langs,
                                      const char* fresh_id, int beacon_present) {
    Runtime& rt = runtime();
    kjeks::msg::Start start;
    start.stored = optional_text(stored);
    start.now_ms = to_ms(now_ms);
    start.gpc = gpc != 0;
    start.lang = kjeks::pick_language(page_lang ? page_lang : "", split_languages(browser_langs), rt.config);
    start.fresh_id = fresh_id ? fresh_id : "";
    start.beacon_present = beacon_present != 0;
    rt.run(start);
}

// Returns 0, or -1 for an action the core does not know (the caller treats
// it as a fault: nothing of it runs).
EMSCRIPTEN_KEEPALIVE int kjeks_action(const char* name, const char* category, int checked,
                                      const char* source, double now_ms) {
    kjeks::Action action{name ? name : "", category ? category : "", checked != 0,
                         source ? source : ""};
    std::optional<kjeks::Msg> msg = kjeks::action_to_msg(action, to_ms(now_ms));
    if (!msg) return -1;
    runtime().run(*msg);
    return 0;
}

EMSCRIPTEN_KEEPALIVE void kjeks_storage_changed(const char* stored, double now_ms,
                                                const char* fresh_id) {
    runtime().run(kjeks::msg::StorageChanged{optional_text(stored), to_ms(now_ms),
                                             fresh_id ? fresh_id : ""});
}

EMSCRIPTEN_KEEPALIVE void kjeks_tick(double now_ms, const char* fresh_id) {
    runtime().run(kjeks::msg::TimePassed{to_ms(now_ms), fresh_id ? fresh_id : ""});
}

EMSCRIPTEN_KEEPALIVE const char* kjeks_consent() {
    Runtime& rt = runtime();
    rt.scratch = kjeks::consent_json(rt.config, rt.state);
    return rt.scratch.c_str();
}

// Once after kjeks_configure: the Consent Mode default and the consent-log
// endpoint (see bridge_protocol.hpp, setup_json).
EMSCRIPTEN_KEEPALIVE const char* kjeks_setup() {
    Runtime& rt = runtime();
    rt.scratch = kjeks::setup_json(rt.config);
    return rt.scratch.c_str();
}

// The node tree (JSON) of an embed's placeholder, in the visitor's language.
EMSCRIPTEN_KEEPALIVE const char* kjeks_placeholder(const char* provider, const char* category,
                                                   const char* terms_url) {
    Runtime& rt = runtime();
    rt.scratch = kjeks::placeholder_json(rt.config, rt.state, provider ? provider : "", category ? category : "",
                                         terms_url ? terms_url : "");
    return rt.scratch.c_str();
}

}  // extern "C"
