// Fuzzes the site config parser with arbitrary bytes and checks the
// fail-closed guarantees on whatever it returns:
// - parse_config never crashes, leaks or hits undefined behaviour (ASan, UBSan);
// - the returned config is always usable: "necessary" first, texts complete;
// - every error is "path: message" with a non-empty path and no raw control
//   characters (it is printed on the console);
// - an error outside "texts" means the default config with loading_disabled,
//   and then no decision, not even Accept all, ever loads anything;
// - the bridge commands of a decision are valid JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "kjeks/bridge_protocol.hpp"
#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/url.hpp"

#include "invariant.hpp"

namespace {

using kjeks::fuzz::check;

// Text errors keep the site config: anything under "texts", and one language
// missing from a localized value ("categories[1].title.en: missing").
bool is_text_error(const kjeks::ConfigError& error) {
    const std::string& path = error.path;
    const auto ends_with = [&](std::string_view tail) {
        return path.size() >= tail.size() && path.compare(path.size() - tail.size(), tail.size(), tail) == 0;
    };
    const bool under_texts = path == "texts" || path.rfind("texts.", 0) == 0 || path.rfind("texts[", 0) == 0;
    return under_texts || (error.message == "missing" && (ends_with(".nb") || ends_with(".en")));
}

bool has_load(const std::string& commands) {
    return commands.find("\"op\":\"load\"") != std::string::npos ||
           commands.find("\"op\":\"beacon\"") != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const kjeks::ConfigResult result = kjeks::parse_config(input);
    const kjeks::Config& config = result.config;

    check(!config.categories.empty() && config.categories.front().id == "necessary",
          "necessary is the first category");
    check(config.categories.front().required, "necessary is required");
    for (const std::string& lang : kjeks::built_in_languages()) {
        check(config.texts.count(lang) == 1, "texts for every built-in language");
    }
    check(config.texts.count(config.default_language) == 1, "the default language is offered");
    for (const auto& [lang, texts] : config.texts) {
        for (const std::string& key : kjeks::text_keys()) {
            const auto t = texts.find(key);
            check(t != texts.end() && !t->second.empty(), "every offered language has every text key");
        }
    }

    bool structural = false;
    for (const kjeks::ConfigError& error : result.errors) {
        check(!error.path.empty() && !error.message.empty(), "error has path and message");
        for (const char c : error.to_string()) {
            check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, "no control characters in errors");
        }
        if (!is_text_error(error)) structural = true;
    }
    if (structural) check(config.loading_disabled, "structural errors fail closed");
    if (!structural) check(!config.loading_disabled, "a config with text errors only is kept");
    check(kjeks::is_safe_fetch_url(config.beacon.src) || !config.has_beacon, "beacon src is safe");
    for (const auto& [lang, url] : config.policy_url) {
        check(url.empty() || kjeks::is_safe_link_url(url), "policy URL is safe");
    }

    // A first visit, then Accept all. The views are left out (they take
    // most of the time and see only validated texts); the commands of the
    // decision are checked.
    kjeks::msg::Start start;
    start.now_ms = 1767225600000;
    start.lang = config.default_language;
    start.fresh_id = "0123456789abcdef0123456789abcdef";
    kjeks::Transition t = kjeks::update(config, kjeks::State{}, start);
    for (const kjeks::Effect& effect : t.effects) {
        // Strictly necessary scripts run from the start; nothing else does.
        const auto* load = std::get_if<kjeks::fx::LoadCategory>(&effect);
        check(!load || load->category == "necessary", "nothing optional loads before a decision");
        check(!std::holds_alternative<kjeks::fx::InjectBeacon>(effect), "no beacon before a decision");
    }
    t = kjeks::update(config, std::move(t.state), kjeks::msg::AcceptAll{start.now_ms + 1000});
    const std::string accepted = kjeks::effects_to_json(config, t.state, t.effects);
    check(nlohmann::json::accept(accepted), "accept commands are JSON");
    if (config.loading_disabled) check(!has_load(accepted), "a broken config never loads anything");
    return 0;
}
