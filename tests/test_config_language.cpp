#include "kjeks/config_language.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "kjeks/bridge_protocol.hpp"
#include "kjeks/config_form.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/i18n.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/view.hpp"

using namespace kjeks;
using namespace kjeks::fixtures;

namespace {

// What the browser layer is told, step by step, through a visit that shows
// every view: the banner, the dialog with a mixed draft, a save, the icon
// and placeholders, a withdrawal and a decision expired.
std::vector<std::string> visit_transcript(const Config& config, const std::string& lang) {
    std::vector<std::string> out;
    State state;
    const auto step = [&](const Msg& message) {
        Transition next = update(config, state, message);
        state = std::move(next.state);
        out.push_back(effects_to_json(config, state, next.effects));
        out.push_back(consent_json(config, state));
    };
    const auto views = [&] {
        out.push_back(banner_json(config, state));
        out.push_back(dialog_json(config, state));
        out.push_back(icon_json(config, state));
        out.push_back(placeholder_json(config, state, "Vimeo", "external"));
        out.push_back(placeholder_json(config, state, "Booking", "booking", "https://example.com/terms"));
    };
    step(msg::Start{std::nullopt, 1000, false, lang, "id-1"});
    views();
    step(msg::OpenSettings{msg::Opener::Banner});
    for (const std::string& id : config.optional_category_ids()) step(msg::Toggle{id, true});
    for (const std::string& id : config.service_ids()) step(msg::ToggleService{id, false});
    views();
    step(msg::Save{2000});
    views();
    step(msg::OpenSettings{msg::Opener::Icon});
    step(msg::Close{});
    step(msg::AcceptAll{3000});
    views();
    step(msg::DeclineAll{4000});
    step(msg::TimePassed{4000 + config.expiry_days * 86'400'000 + 1, "id-2"});
    views();
    return out;
}

// A site that adds German, whose services' texts come from English.
Config config_with_german() {
    Config config = default_config();
    std::map<std::string, std::string> german = config.texts.at("en");
    for (const std::string& key : service_text_keys()) german.erase(key);
    german["banner.title"] = "Wir verwenden Cookies";
    config.texts["de"] = german;
    return config;
}

std::vector<Config> configs() {
    return {default_config(), view_config(), bridge_config(), services_config(), config_with_german()};
}

}  // namespace

TEST_CASE("config_for_language: every view and effect is the same as with every language") {
    for (const Config& config : configs()) {
        for (const auto& [lang, unused] : config.texts) {
            CAPTURE(lang);
            const Config reduced = config_for_language(config, lang);
            CHECK(visit_transcript(reduced, lang) == visit_transcript(config, lang));
        }
    }
}

TEST_CASE("config_for_language: one language is left, and it is the one picked") {
    const Config config = default_config();
    REQUIRE(config.texts.size() == 3);
    for (const std::string lang : {"nb", "nn", "en"}) {
        const Config reduced = config_for_language(config, lang);
        REQUIRE(reduced.texts.size() == 1);
        CHECK(reduced.texts.count(lang) == 1);
        CHECK(reduced.default_language == lang);
        CHECK(pick_language("", {}, reduced) == lang);
        CHECK(pick_language("de-DE", {"fr", "sv"}, reduced) == lang);
        for (const Category& category : reduced.categories) {
            CHECK(category.title.size() == 1);
            CHECK(category.title.count(lang) == 1);
        }
    }
}

TEST_CASE("config_for_language: Nynorsk without its own text is served Bokmål") {
    Config config = view_config();
    config.texts["nn"] = config.texts.at("nb");
    const Config reduced = config_for_language(config, "nn");
    CHECK(reduced.categories[1].title == Localized{{"nn", "Statistikk"}});
    CHECK(reduced.policy_url == Localized{{"nn", "/personvern"}});
}

TEST_CASE("config_for_language: a value no language has stays empty") {
    Config config = view_config();
    config.categories[2].storage.push_back({"x", StorageKind::Cookie, {}, L("1 dag", "1 day")});
    const Config reduced = config_for_language(config, "en");
    CHECK(reduced.categories[2].storage[0].purpose.empty());
    CHECK(reduced.categories[2].storage[0].duration == Localized{{"en", "1 day"}});
}

TEST_CASE("config_for_language: the compiled form reads back and is about a third of all languages'") {
    const Config& config = default_config();
    const std::string full = write_config_form(config);
    for (const std::string lang : {"nb", "nn", "en"}) {
        const Config reduced = config_for_language(config, lang);
        const std::string form = write_config_form(reduced);
        CHECK(form.size() * 2 < full.size());
        const std::optional<Config> read = read_config_form(form);
        REQUIRE(read.has_value());
        CHECK(write_config_form(*read) == form);
        CHECK(visit_transcript(*read, lang) == visit_transcript(config, lang));
    }
}

TEST_CASE("config_for_language: a failed config stays failed") {
    Config config = default_config();
    config.loading_disabled = true;
    CHECK(config_for_language(config, "en").loading_disabled);
}
