// The embedded default config: read once, in steps, and complete.
#include "kjeks/default_config.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/texts.hpp"

#include "fixtures.hpp"

using kjeks::Config;
using kjeks::ConfigResult;
using kjeks::Localized;
using kjeks::parse_config;
using kjeks::fixtures::errors_of;

// First in this file, so that it runs before any other test reads the default.
TEST_CASE("the default is read in steps: the parser warmed up, its JSON text, then its Config") {
    kjeks::warm_up_config_parser();  // keeps nothing: the steps below read the same
    kjeks::parse_default_config_text();
    kjeks::parse_default_config_text();  // a second call changes nothing
    const Config& two_steps = kjeks::default_config();
    const Config one_step = parse_config(kjeks::default_config_json()).config;

    CHECK_FALSE(two_steps.loading_disabled);
    CHECK(two_steps.revision == one_step.revision);
    CHECK(two_steps.policy_url == one_step.policy_url);
    CHECK(two_steps.controller.email == one_step.controller.email);
    CHECK(two_steps.texts == one_step.texts);
    REQUIRE(two_steps.categories.size() == one_step.categories.size());
    for (std::size_t i = 0; i < one_step.categories.size(); ++i) {
        const kjeks::Category& a = two_steps.categories[i];
        const kjeks::Category& b = one_step.categories[i];
        CHECK(a.id == b.id);
        CHECK(a.title == b.title);
        CHECK(a.description == b.description);
        REQUIRE(a.storage.size() == b.storage.size());
        for (std::size_t j = 0; j < b.storage.size(); ++j) {
            CHECK(a.storage[j].name == b.storage[j].name);
            CHECK(a.storage[j].purpose == b.storage[j].purpose);
            CHECK(a.storage[j].duration == b.storage[j].duration);
        }
    }
    CHECK(&kjeks::default_config() == &two_steps);  // read once
}


TEST_CASE("the default config") {
    const ConfigResult parsed = parse_config(kjeks::default_config_json());
    CHECK(errors_of(parsed) == "");
    CHECK_FALSE(parsed.config.loading_disabled);

    const Config& c = kjeks::default_config();
    CHECK_FALSE(c.loading_disabled);
    CHECK(c.revision == "2026-04");
    CHECK(c.expiry_days == 182);
    CHECK(c.default_language == "nb");
    CHECK(c.storage_key == "kjeks.consent");
    CHECK(c.policy_url == Localized{{"nb", "/informasjonskapsler/"}, {"nn", "/informasjonskapsler/"}, {"en", "/en/cookies/"}});
    CHECK(c.controller.name == "NordLeads");
    CHECK(c.controller.email == "info@nordleads.no");
    CHECK(c.controller.phone == "+47 93 61 01 88");
    REQUIRE(c.categories.size() == 4);
    CHECK(c.categories[0].id == "necessary");
    CHECK(c.categories[0].required);
    CHECK(c.categories[1].id == "analytics");
    CHECK(c.categories[2].id == "external");
    CHECK(c.categories[3].id == "diagnostics");
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics", "external", "diagnostics"});
    // The beacon's category has no services; external has booking and chat,
    // diagnostics one service whose data may leave the EU/EEA.
    CHECK(c.categories[1].services.empty());
    CHECK(c.service_ids() == std::vector<std::string>{"booking", "chat", "portal-diagnostics"});
    CHECK(c.category_of_service("booking") == &c.categories[2]);
    CHECK(c.category_of_service("portal-diagnostics") == &c.categories[3]);
    const kjeks::Service& chat = *c.find_service("chat");
    CHECK(chat.provider.at("nb") == "NordLeads");
    CHECK(chat.purpose.at("en").find("messages and technical metadata may be stored") != std::string::npos);
    REQUIRE(chat.storage.size() == 1);
    CHECK(chat.storage[0].name == "nl_chat");
    const kjeks::Service& booking = *c.find_service("booking");
    CHECK(booking.purpose.at("en").find("own cookie rules apply") != std::string::npos);
    CHECK_FALSE(booking.policy_url.at("nb").empty());
    const kjeks::Service& diagnostics = *c.find_service("portal-diagnostics");
    REQUIRE(diagnostics.transfer.has_value());
    CHECK(diagnostics.transfer->outside_eea);
    CHECK(diagnostics.transfer->basis.at("en") == "Standard Contractual Clauses");
    CHECK(c.categories[3].description.at("en").find("technical identifiers") != std::string::npos);

    const auto& necessary = c.categories[0].storage;
    REQUIRE(necessary.size() == 3);
    CHECK(necessary[0].name == "kjeks.consent");
    CHECK(necessary[0].kind == kjeks::StorageKind::LocalStorage);
    CHECK(necessary[0].duration.at("nb") == "6 måneder");
    CHECK(necessary[0].duration.at("en") == "6 months");
    CHECK(necessary[1].name == "nl_session");
    CHECK(necessary[1].kind == kjeks::StorageKind::Cookie);
    CHECK(necessary[1].duration.at("en").rfind("Session", 0) == 0);
    CHECK(necessary[1].duration.at("nb").rfind("Økt", 0) == 0);
    CHECK(necessary[2].name == "nl_auth");
    REQUIRE(c.categories[1].storage.size() == 1);
    CHECK(c.categories[1].storage[0].name == "kjeks.aid");
    CHECK(c.categories[1].storage[0].kind == kjeks::StorageKind::LocalStorage);
    CHECK(c.categories[1].storage[0].duration.at("en") == "Until you withdraw consent, at most 6 months");
    CHECK(c.categories[2].storage.empty());
    CHECK(c.categories[2].description.at("en").find("only loads after") != std::string::npos);

    CHECK(c.has_beacon);
    CHECK(c.beacon.src == "beacon.js");
    CHECK(c.beacon.endpoint == "/api/collect");
    CHECK(c.beacon.category == "analytics");
    CHECK(c.respect_gpc);
    CHECK(c.ui.corner_icon_fallback);

    for (const auto& category : c.categories) {
        for (const std::string& lang : kjeks::built_in_languages()) {
            CAPTURE(category.id);
            CAPTURE(lang);
            CHECK_FALSE(kjeks::localized(category.title, lang).empty());
            CHECK_FALSE(kjeks::localized(category.description, lang).empty());
            for (const auto& item : category.storage) {
                CHECK(item.purpose.count(lang) == 1);
                CHECK(item.duration.count(lang) == 1);
            }
        }
    }
    // nb and en differ: the texts really are translated.
    CHECK(c.categories[1].description.at("nb") != c.categories[1].description.at("en"));

    REQUIRE(c.texts.size() == 3);
    for (const std::string& lang : kjeks::built_in_languages()) {
        CAPTURE(lang);
        const auto& texts = c.texts.at(lang);
        CHECK(texts.size() == kjeks::text_keys().size() + kjeks::service_text_keys().size());
        for (const std::vector<std::string>* keys : {&kjeks::text_keys(), &kjeks::service_text_keys()}) {
            for (const std::string& key : *keys) {
                CAPTURE(key);
                REQUIRE(texts.count(key) == 1);
                CHECK_FALSE(texts.at(key).empty());
            }
        }
        CHECK(texts.at("service.terms").find("{provider}") != std::string::npos);
        CHECK(texts.at("embed.text").find("{provider}") != std::string::npos);
        CHECK(texts.at("embed.terms").find("{provider}") != std::string::npos);
    }
    const auto& nb = c.texts.at("nb");
    const auto& en = c.texts.at("en");
    CHECK(nb.at("banner.title") == "Vi bruker informasjonskapsler");
    CHECK(en.at("banner.title") == "We use cookies");
    CHECK(nb.at("banner.accept").find("Godta") != std::string::npos);
    CHECK(en.at("banner.accept").find("Accept") != std::string::npos);
    CHECK(nb.at("banner.decline").find("Avslå") != std::string::npos);
    CHECK(en.at("banner.decline").find("Decline") != std::string::npos);
    CHECK(nb.at("dialog.accept_all").find("Godta") != std::string::npos);
    CHECK(nb.at("dialog.decline_all").find("Avslå") != std::string::npos);
    CHECK(nb.at("banner.settings") == "Innstillinger");
    CHECK(en.at("banner.settings") == "Settings");
    CHECK(nb.at("icon.label") == "Innstillinger for informasjonskapsler");
    CHECK(en.at("icon.label") == "Cookie settings");
    CHECK(nb.at("dialog.controller") == "Behandlingsansvarlig");
    CHECK(en.at("dialog.controller") == "Data controller");
    CHECK(nb.at("dialog.always_on") == "Alltid på");
    CHECK(en.at("dialog.always_on") == "Always on");
    CHECK(nb.at("embed.load") == "Last inn innhold");
    CHECK(en.at("embed.load") == "Load content");
    CHECK(en.at("banner.body").find("only starts if you accept") != std::string::npos);
    CHECK(en.at("banner.body").find("cookie icon in the footer") != std::string::npos);
    CHECK(en.at("dialog.withdraw").find("cookie icon in the footer") != std::string::npos);
    CHECK(en.at("dialog.gpc").find("Global Privacy Control") != std::string::npos);
    CHECK(en.at("dialog.intro").find("Session cookies are deleted") != std::string::npos);
}

namespace {

// Lowercase ASCII, split at spaces and punctuation (UTF-8 letters stay in words).
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out(1);
    for (const char c : text) {
        if (c == ' ' || c == ',' || c == '.' || c == ';' || c == ':' || c == '(' || c == ')') {
            if (!out.back().empty()) out.emplace_back();
        } else {
            out.back() += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
    }
    if (out.back().empty()) out.pop_back();
    return out;
}

}  // namespace

TEST_CASE("the default config speaks Nynorsk") {
    const Config& c = kjeks::default_config();
    const auto& nn = c.texts.at("nn");
    CHECK(nn.at("banner.title") == "Vi brukar informasjonskapslar");
    CHECK(nn.at("banner.accept") == "Godta alle");
    CHECK(nn.at("banner.decline") == "Avslå alle");
    CHECK(nn.at("banner.settings") == "Innstillingar");
    CHECK(nn.at("dialog.save") == "Lagre val");
    CHECK(nn.at("dialog.controller") == "Behandlingsansvarleg");
    CHECK(nn.at("icon.label") == "Innstillingar for informasjonskapslar");
    CHECK(nn.at("embed.load") == "Last inn innhald");
    CHECK(kjeks::localized(c.policy_url, "nn") == "/informasjonskapsler/");

    // Every localized value of the default has its own Nynorsk text.
    std::vector<std::string> values;
    for (const auto& [key, text] : nn) values.push_back(text);
    for (const auto& category : c.categories) {
        CAPTURE(category.id);
        REQUIRE(category.title.count("nn") == 1);
        REQUIRE(category.description.count("nn") == 1);
        CHECK(category.description.at("nn") != category.description.at("nb"));
        values.push_back(category.title.at("nn"));
        values.push_back(category.description.at("nn"));
        std::vector<kjeks::StorageItem> items = category.storage;
        for (const auto& service : category.services) {
            CAPTURE(service.id);
            for (const Localized* text : {&service.name, &service.provider, &service.purpose}) {
                REQUIRE(text->count("nn") == 1);
                values.push_back(text->at("nn"));
            }
            CHECK(service.purpose.at("nn") != service.purpose.at("nb"));
            if (service.transfer) values.push_back(service.transfer->basis.at("nn"));
            items.insert(items.end(), service.storage.begin(), service.storage.end());
        }
        for (const auto& item : items) {
            CAPTURE(item.name);
            REQUIRE(item.purpose.count("nn") == 1);
            REQUIRE(item.duration.count("nn") == 1);
            CHECK(item.purpose.at("nn") != item.purpose.at("nb"));
            values.push_back(item.purpose.at("nn"));
            values.push_back(item.duration.at("nn"));
        }
    }
    // Bokmål forms a Nynorsk text never has.
    const std::vector<std::string> bokmal = {
        "ikke",  "bare",    "hvis",    "hva",      "hvilke",   "jeg",      "innhold", "formål",
        "navn",  "lagrer",  "bruker",  "velg",     "valgene",  "valgfrie", "mer",     "nettstedet",
        "siden", "slettes", "lastes",  "måneder",  "nettleseren", "informasjonskapsler", "innstillinger",
        "behandlingsansvarlig", "tredjeparter", "deres", "disse", "fra", "eget", "egne"};
    for (const std::string& value : values) {
        for (const std::string& word : words(value)) {
            CAPTURE(value);
            CHECK(std::find(bokmal.begin(), bokmal.end(), word) == bokmal.end());
        }
    }
    // The texts that name the provider still do.
    CHECK(nn.at("embed.text").find("{provider}") != std::string::npos);
    CHECK(nn.at("embed.terms").find("{provider}") != std::string::npos);
}

