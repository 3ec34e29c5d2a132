#include "kjeks/config_form.hpp"

#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/json_text.hpp"

using namespace kjeks;

namespace {

bool same_items(const std::vector<StorageItem>& a, const std::vector<StorageItem>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].name != b[i].name || a[i].kind != b[i].kind || a[i].purpose != b[i].purpose ||
            a[i].duration != b[i].duration) {
            return false;
        }
    }
    return true;
}

bool same_service(const Service& a, const Service& b) {
    if (a.id != b.id || a.name != b.name || a.provider != b.provider || a.purpose != b.purpose ||
        !same_items(a.storage, b.storage) || a.policy_url != b.policy_url ||
        a.transfer.has_value() != b.transfer.has_value()) {
        return false;
    }
    return !a.transfer || (a.transfer->outside_eea == b.transfer->outside_eea && a.transfer->basis == b.transfer->basis);
}

bool same_category(const Category& a, const Category& b) {
    if (a.id != b.id || a.required != b.required || a.title != b.title || a.description != b.description ||
        !same_items(a.storage, b.storage) || a.services.size() != b.services.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.services.size(); ++i) {
        if (!same_service(a.services[i], b.services[i])) return false;
    }
    return true;
}

// Every field of Config, compared on its own (Config has no operator==).
bool same_config(const Config& a, const Config& b) {
    if (a.categories.size() != b.categories.size()) return false;
    for (std::size_t i = 0; i < a.categories.size(); ++i) {
        if (!same_category(a.categories[i], b.categories[i])) return false;
    }
    return a.revision == b.revision && a.expiry_days == b.expiry_days && a.default_language == b.default_language &&
           a.storage_key == b.storage_key && a.policy_url == b.policy_url && a.controller.name == b.controller.name &&
           a.controller.email == b.controller.email && a.controller.phone == b.controller.phone &&
           a.beacon.src == b.beacon.src && a.beacon.endpoint == b.beacon.endpoint &&
           a.beacon.integrity == b.beacon.integrity && a.beacon.category == b.beacon.category &&
           a.has_beacon == b.has_beacon && a.consent_log_endpoint == b.consent_log_endpoint &&
           a.respect_gpc == b.respect_gpc && a.consent_mode.enabled == b.consent_mode.enabled &&
           a.consent_mode.types == b.consent_mode.types && a.texts == b.texts &&
           a.ui.corner_icon_fallback == b.ui.corner_icon_fallback && a.loading_disabled == b.loading_disabled;
}

// A config that sets every field, services with and without a transfer
// included, with texts that hold the form's own punctuation.
Config full_config() {
    Config config = fixtures::machine_config();
    config.default_language = "en";
    config.policy_url = fixtures::L("/personvern", "/privacy");
    config.controller = {"NordLeads AS", "personvern@nordleads.example", "+47 22 00 00 00"};
    Service booking = fixtures::service("booking");
    Service chat = fixtures::service("chat");
    chat.transfer = Transfer{true, fixtures::L("SCC", "Standard Contractual Clauses")};
    chat.storage.push_back({"nl_chat", StorageKind::LocalStorage, {}, fixtures::L("økt", "session")});
    config.categories[2].services = {booking, chat};
    config.categories[1].storage.push_back({"kjeks.aid", StorageKind::SessionStorage, fixtures::L("a", "b"), {}});
    config.beacon = {"https://cdn.example/beacon.js", "/api/collect", "sha384-abc", "analytics"};
    config.consent_mode.enabled = true;
    config.consent_mode.types = {{"analytics", {"analytics_storage"}}, {"external", {"ad_storage", "ad_user_data"}}};
    config.texts = fixtures::placeholder_texts();
    config.texts["en"]["banner.body"] = "12:34\n\x1f digits 0:1: and «ÆØÅ» 🍪";
    config.ui.corner_icon_fallback = false;
    return config;
}

Config read_back(const std::string& form) {
    std::optional<Config> read = read_config_form(form);
    REQUIRE(read.has_value());
    return *read;
}

}  // namespace

TEST_CASE("the default config reads back field for field") {
    const Config& config = default_config();
    const std::string form = write_config_form(config);
    CHECK(form.rfind(config_form_magic, 0) == 0);
    const Config read = read_back(form);
    CHECK(same_config(read, config));
    CHECK(write_config_form(read) == form);
    CHECK(read.find_service("chat") != nullptr);
}

TEST_CASE("a config that sets every field reads back, and so do its variants") {
    std::vector<Config> configs;
    configs.push_back(full_config());
    Config disabled = default_config();
    disabled.loading_disabled = true;
    configs.push_back(disabled);
    Config no_beacon = fixtures::machine_config();
    no_beacon.has_beacon = false;
    no_beacon.beacon.integrity.clear();
    configs.push_back(no_beacon);
    configs.push_back(Config{});
    for (const Config& config : configs) {
        const std::string form = write_config_form(config);
        const Config read = read_back(form);
        CHECK(same_config(read, config));
        CHECK(write_config_form(read) == form);
    }
}

TEST_CASE("configs that parse_config made read back field for field") {
    // A complete added language: the default config's English texts.
    std::string se = "{";
    for (const auto& [key, text] : default_config().texts.at("en")) {
        if (se.size() > 1) se += ',';
        se += json_string(key) + ':' + json_string(key == "banner.title" ? "Diehtočoahkut\x1f 1:2\n" : text);
    }
    se += '}';
    const std::string categories =
        R"("categories": [{"id": "necessary", "title": "N", "description": "D", "storage": []},)"
        R"({"id": "analytics", "title": {"nb": "Statistikk", "en": "Analytics"}, "description": "D", "storage": [)"
        R"({"name": "a_id", "kind": "cookie", "purpose": "Counting", "duration": "1 day"},)"
        R"({"name": "a_ls", "kind": "sessionStorage", "purpose": "Tab", "duration": "Session"}]},)"
        R"({"id": "external", "title": "E", "description": "D", "storage": [], "services": [)"
        R"({"id": "chat", "name": "Chat", "provider": "Chat AS", "purpose": "p", "policyUrl": "https://chat.example/terms",)"
        R"( "storage": [{"name": "c", "kind": "localStorage", "purpose": "p", "duration": "d"}],)"
        R"( "transfer": {"outsideEea": true, "basis": {"nb": "SCC", "en": "Standard Contractual Clauses"}}},)"
        R"({"id": "booking", "name": "Booking", "provider": "B AS", "purpose": "p", "policyUrl": "/terms", "storage": [],)"
        R"( "transfer": {"outsideEea": false, "basis": "None"}},)"
        R"({"id": "maps", "name": "Maps", "provider": "M AS", "purpose": "p", "policyUrl": "/maps", "storage": []}]}])";
    const std::string head = R"({"revision": "site-9", "policyUrl": "/cookies", "controller": {"name": "Acme"}, )";
    const std::vector<std::string> texts = {
        head + categories + "}",
        head + categories + R"(, "expiryDays": 400, "storageKey": "acme.consent", "defaultLanguage": "se",)"
                            R"( "beacon": {"src": "https://cdn.example/b.js", "endpoint": "/collect", "category": "analytics",)"
                            R"( "integrity": "sha384-)" + fixtures::repeat("A", 64) + R"("},)"
                            R"( "consentLog": {"endpoint": "/api/consent"}, "gpc": {"respect": false}, "ui": {"cornerIcon": false},)"
                            R"( "consentMode": {"enabled": true, "types": {"analytics": ["analytics_storage"],)"
                            R"( "external": ["ad_storage", "ad_user_data", "ad_personalization"]}},)"
                            R"( "texts": {"se": )" + se + R"(, "en": {"banner.title": "Cookies: 12:34"}}})",
        head + categories + R"(, "beacon": null})",
        R"({"revision": "bad revision!"})",  // the default config with loading disabled
    };
    for (const std::string& text : texts) {
        CAPTURE(text);
        const ConfigResult parsed = parse_config(text);
        CHECK(parsed.ok() == (&text != &texts.back()));
        const Config& config = parsed.config;
        const std::string form = write_config_form(config);
        const Config read = read_back(form);
        CHECK(same_config(read, config));
        CHECK(write_config_form(read) == form);
    }
    const Config full = parse_config(texts[1]).config;
    CHECK(full.texts.count("se") == 1);
    CHECK(full.beacon.integrity.size() > 7);
    CHECK(full.consent_mode.types.size() == 2);
    CHECK_FALSE(parse_config(texts[2]).config.has_beacon);
    CHECK(parse_config(texts[3]).config.loading_disabled);
}

TEST_CASE("every field is written: changing any one changes the form") {
    const Config base = full_config();
    const std::string form = write_config_form(base);
    const std::vector<std::pair<std::string, std::function<void(Config&)>>> changes = {
        {"revision", [](Config& c) { c.revision += "x"; }},
        {"expiry_days", [](Config& c) { c.expiry_days += 1; }},
        {"default_language", [](Config& c) { c.default_language = "nb"; }},
        {"storage_key", [](Config& c) { c.storage_key += "x"; }},
        {"policy_url", [](Config& c) { c.policy_url["nn"] = "/nn"; }},
        {"controller.name", [](Config& c) { c.controller.name += "x"; }},
        {"controller.email", [](Config& c) { c.controller.email += "x"; }},
        {"controller.phone", [](Config& c) { c.controller.phone += "x"; }},
        {"category id", [](Config& c) { c.categories[1].id += "x"; }},
        {"category required", [](Config& c) { c.categories[1].required = true; }},
        {"category title", [](Config& c) { c.categories[1].title["en"] += "x"; }},
        {"category description", [](Config& c) { c.categories[1].description["en"] = "d"; }},
        {"storage name", [](Config& c) { c.categories[1].storage[0].name += "x"; }},
        {"storage kind", [](Config& c) { c.categories[1].storage[0].kind = StorageKind::Cookie; }},
        {"storage purpose", [](Config& c) { c.categories[1].storage[0].purpose["en"] += "x"; }},
        {"storage duration", [](Config& c) { c.categories[1].storage[0].duration["en"] = "1 day"; }},
        {"service id", [](Config& c) { c.categories[2].services[0].id += "x"; }},
        {"service name", [](Config& c) { c.categories[2].services[0].name["en"] += "x"; }},
        {"service provider", [](Config& c) { c.categories[2].services[0].provider["en"] += "x"; }},
        {"service purpose", [](Config& c) { c.categories[2].services[0].purpose["en"] += "x"; }},
        {"service storage", [](Config& c) { c.categories[2].services[0].storage.clear(); }},
        {"service policy_url", [](Config& c) { c.categories[2].services[0].policy_url["en"] += "x"; }},
        {"service transfer", [](Config& c) { c.categories[2].services[0].transfer = Transfer{}; }},
        {"transfer outside_eea", [](Config& c) { c.categories[2].services[1].transfer->outside_eea = false; }},
        {"transfer basis", [](Config& c) { c.categories[2].services[1].transfer->basis["en"] += "x"; }},
        {"beacon.src", [](Config& c) { c.beacon.src += "x"; }},
        {"beacon.endpoint", [](Config& c) { c.beacon.endpoint += "x"; }},
        {"beacon.integrity", [](Config& c) { c.beacon.integrity += "x"; }},
        {"beacon.category", [](Config& c) { c.beacon.category = "external"; }},
        {"has_beacon", [](Config& c) { c.has_beacon = false; }},
        {"consent_log_endpoint", [](Config& c) { c.consent_log_endpoint += "x"; }},
        {"respect_gpc", [](Config& c) { c.respect_gpc = false; }},
        {"consent_mode.enabled", [](Config& c) { c.consent_mode.enabled = false; }},
        {"consent_mode.types", [](Config& c) { c.consent_mode.types["analytics"].push_back("x"); }},
        {"texts", [](Config& c) { c.texts["en"]["banner.title"] += "x"; }},
        {"ui.corner_icon_fallback", [](Config& c) { c.ui.corner_icon_fallback = true; }},
        {"loading_disabled", [](Config& c) { c.loading_disabled = true; }},
    };
    for (const auto& [name, change] : changes) {
        CAPTURE(name);
        Config changed = base;
        change(changed);
        const std::string changed_form = write_config_form(changed);
        CHECK(changed_form != form);
        CHECK(same_config(read_back(changed_form), changed));
    }
}

TEST_CASE("reading into a config: all of the form, or a default config") {
    const std::string form = write_config_form(full_config());
    Config into = full_config();
    into.revision = "stale";
    REQUIRE(read_config_form(form, into));
    CHECK(same_config(into, full_config()));
    CHECK_FALSE(read_config_form(std::string_view(form).substr(0, form.size() / 2), into));
    CHECK(into.revision.empty());
    CHECK(into.categories.empty());
    CHECK(into.texts.empty());
    CHECK(into.storage_key == Config{}.storage_key);
}

TEST_CASE("anything but a whole form of this version reads as nothing") {
    const std::string form = write_config_form(full_config());
    REQUIRE(read_config_form(form).has_value());
    SUBCASE("every prefix") {
        for (std::size_t n = 0; n < form.size(); ++n) {
            CAPTURE(n);
            CHECK_FALSE(read_config_form(std::string_view(form).substr(0, n)).has_value());
        }
    }
    SUBCASE("a byte after the end") { CHECK_FALSE(read_config_form(form + "0").has_value()); }
    SUBCASE("another version or magic") {
        std::string other = form;
        other[config_form_magic.size() - 2] = '2';
        CHECK_FALSE(read_config_form(other).has_value());
        CHECK_FALSE(read_config_form("KJEKS-FIRST-VISIT" + form.substr(12)).has_value());
        CHECK_FALSE(read_config_form("").has_value());
    }
    const std::string magic(config_form_magic);
    SUBCASE("lengths that are no lengths, or longer than what is left") {
        // In place of the fixture's revision token; "1:r" there reads.
        const std::string revision = "7:2024-01";
        REQUIRE(form.substr(magic.size(), revision.size()) == revision);
        CHECK(read_config_form(magic + "1:r" + form.substr(magic.size() + revision.size())).has_value());
        // Lengths of 2^32 + 1 and 2^64 + 1: wrapped around a size_t, they would read "r".
        for (const std::string start : {"999999999:r", "99999999999999:r", "4294967297:r", "18446744073709551617:r",
                                  "x:r", ":r", "01:r", "-1:r", "2:r", "1r"}) {
            CAPTURE(start);
            CHECK_FALSE(read_config_form(magic + start + form.substr(magic.size() + revision.size())).has_value());
        }
    }
    SUBCASE("numbers that are no numbers") {
        // The expiry days follow the revision.
        REQUIRE(form.substr(magic.size(), 3) == "7:2");  // the fixture's revision "2024-01"
        const std::size_t expiry = magic.size() + std::string("7:2024-01").size();
        const std::size_t expiry_end = form.find(':', expiry) + 1 + std::stoul(form.substr(expiry));
        for (const std::string bad : {"0:", "2:-0", "2:01", "1:+", "2:+1", "1:x", "20:99999999999999999999",
                                "19:9223372036854775808"}) {
            CAPTURE(bad);
            CHECK_FALSE(read_config_form(form.substr(0, expiry) + bad + form.substr(expiry_end)).has_value());
        }
        CHECK(read_config_form(form.substr(0, expiry) + "19:9223372036854775807" + form.substr(expiry_end)).has_value());
    }
    SUBCASE("counts larger than the rest could hold") {
        // The policy URL's count comes after the default language and the storage key.
        Config config = full_config();
        config.policy_url.clear();
        const std::string small = write_config_form(config);
        const std::string empty_count = "1:0";
        const std::size_t at = small.find(empty_count, small.find("kjeks.test"));
        REQUIRE(at != std::string::npos);
        for (const std::string huge : {"9:999999999", "10:4294967296", "3:100"}) {
            CAPTURE(huge);
            CHECK_FALSE(read_config_form(small.substr(0, at) + huge + small.substr(at + empty_count.size())).has_value());
        }
    }
    SUBCASE("a map's keys out of order, or twice") {
        // The policy URL's languages: en, nb (map order).
        Config config = full_config();
        const std::string two = write_config_form(config);
        const std::size_t at = two.find("1:22:en8:/privacy2:nb11:/personvern");
        REQUIRE(at != std::string::npos);
        const std::string swapped = "1:22:nb11:/personvern2:en8:/privacy";
        const std::string twice = "1:22:en8:/privacy2:en11:/personvern";
        for (const std::string& entries : {swapped, twice}) {
            CAPTURE(entries);
            CHECK_FALSE(read_config_form(two.substr(0, at) + entries + two.substr(at + swapped.size())).has_value());
        }
    }
    SUBCASE("a flag that is neither 0 nor 1, an unknown storage kind") {
        std::string last_flag = form;
        last_flag.back() = '2';
        CHECK_FALSE(read_config_form(last_flag).has_value());
        std::string kind = form;
        const std::size_t at = kind.find("12:localStorage");
        REQUIRE(at != std::string::npos);
        kind.replace(at, 15, "12:localStorags");
        CHECK_FALSE(read_config_form(kind).has_value());
    }
}
