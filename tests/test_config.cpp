// parse_config: every section, every error with its path, the fallbacks.
#include <doctest/doctest.h>

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kjeks/config.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/record.hpp"
#include "kjeks/texts.hpp"

#include "fixtures.hpp"

using kjeks::Config;
using kjeks::ConfigResult;
using kjeks::Localized;
using kjeks::parse_config;
using kjeks::fixtures::errors_of;
using kjeks::fixtures::repeat;
using nlohmann::json;

namespace {

// The smallest config without errors.
const char* const kMinimal = R"({
  "revision": "r1",
  "policyUrl": "/cookies",
  "controller": {"name": "Acme"},
  "categories": [
    {"id": "necessary", "title": "Necessary", "description": "Needed", "storage": []},
    {"id": "analytics", "title": "Analytics", "description": "Statistics",
     "storage": [{"name": "a_id", "kind": "cookie", "purpose": "Counting", "duration": "1 day"}]}
  ]
})";

json minimal() { return json::parse(kMinimal); }

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& line : lines) {
        out += line;
        out += '\n';
    }
    return out;
}

ConfigResult parse(const json& j) { return parse_config(j.dump()); }

ConfigResult parse_with(const std::function<void(json&)>& mutate) {
    json j = minimal();
    mutate(j);
    return parse(j);
}

bool is_default_fallback(const ConfigResult& r) {
    return r.config.loading_disabled && r.config.revision == "2026-04" && r.config.controller.name == "NordLeads";
}

// A valid sha384 SRI value (48 zero bytes).
const std::string kSha384 = "sha384-" + repeat("A", 64);

}  // namespace

TEST_CASE("the minimal config parses without errors") {
    const ConfigResult r = parse_config(kMinimal);
    CHECK(errors_of(r) == "");
    CHECK(r.ok());
    const Config& c = r.config;
    CHECK_FALSE(c.loading_disabled);
    CHECK(c.revision == "r1");
    CHECK(c.expiry_days == 182);
    CHECK(c.default_language == "nb");
    CHECK(c.storage_key == "kjeks.consent");
    CHECK(c.policy_url == Localized{{"nb", "/cookies"}, {"nn", "/cookies"}, {"en", "/cookies"}});
    CHECK(c.controller.name == "Acme");
    CHECK(c.controller.email == "");
    REQUIRE(c.categories.size() == 2);
    CHECK(c.categories[0].id == "necessary");
    CHECK(c.categories[0].required);
    CHECK(c.categories[1].id == "analytics");
    CHECK_FALSE(c.categories[1].required);
    REQUIRE(c.categories[1].storage.size() == 1);
    CHECK(c.categories[1].storage[0].name == "a_id");
    CHECK(c.categories[1].storage[0].kind == kjeks::StorageKind::Cookie);
    CHECK(c.categories[1].storage[0].purpose.at("en") == "Counting");
    CHECK(c.categories[1].storage[0].duration.at("nb") == "1 day");
    // No beacon key, analytics configured: the standard beacon.
    CHECK(c.has_beacon);
    CHECK(c.beacon.src == "beacon.js");
    CHECK(c.beacon.endpoint == "/api/collect");
    CHECK(c.beacon.category == "analytics");
    CHECK(c.beacon.integrity == "");
    CHECK(c.consent_log_endpoint == "");
    CHECK(c.respect_gpc);
    CHECK_FALSE(c.consent_mode.enabled);
    CHECK(c.ui.corner_icon_fallback);
    // Texts complete from the default.
    CHECK(c.texts == kjeks::default_config().texts);
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics"});
}

TEST_CASE("every optional field is read") {
    json j = minimal();
    j["expiryDays"] = 30;
    j["defaultLanguage"] = "en";
    j["storageKey"] = "acme.consent";
    j["policyUrl"] = {{"nb", "https://acme.no/kaker"}, {"en", "https://acme.no/en/cookies"}};
    j["controller"] = {{"name", "Acme AS"}, {"email", "privacy@acme.no"}, {"phone", "+47 22 00 00 00"}};
    j["categories"].push_back({{"id", "external"},
                               {"title", {{"nb", "Eksternt"}, {"en", "External"}}},
                               {"description", "Booking"},
                               {"storage", json::array()},
                               {"required", false}});
    j["categories"][0]["required"] = true;
    j["categories"][1]["storage"].push_back(
        {{"name", "s"}, {"kind", "sessionStorage"}, {"purpose", "p"}, {"duration", "d"}});
    j["categories"][1]["storage"].push_back(
        {{"name", "l"}, {"kind", "localStorage"}, {"purpose", "p"}, {"duration", "d"}});
    j["beacon"] = {{"src", "https://cdn.acme.no/b.js"},
                   {"endpoint", "https://acme.no/collect"},
                   {"integrity", kSha384},
                   {"category", "external"}};
    j["consentLog"] = {{"endpoint", "/api/consent"}};
    j["gpc"] = {{"respect", false}};
    j["consentMode"] = {{"enabled", true},
                        {"types", {{"analytics", {"analytics_storage"}},
                                   {"necessary", {"security_storage", "functionality_storage"}}}}};
    j["ui"] = {{"cornerIcon", false}};
    j["texts"] = {{"nb", {{"banner.title", "Kaker"}}}, {"en", {{"banner.accept", "Accept everything"}}}};

    const ConfigResult r = parse(j);
    CHECK(errors_of(r) == "");
    const Config& c = r.config;
    CHECK_FALSE(c.loading_disabled);
    CHECK(c.expiry_days == 30);
    CHECK(c.default_language == "en");
    CHECK(c.storage_key == "acme.consent");
    CHECK(c.policy_url.at("nb") == "https://acme.no/kaker");
    CHECK(c.policy_url.at("en") == "https://acme.no/en/cookies");
    CHECK(c.controller.email == "privacy@acme.no");
    CHECK(c.controller.phone == "+47 22 00 00 00");
    REQUIRE(c.categories.size() == 3);
    CHECK(c.categories[2].title.at("nb") == "Eksternt");
    CHECK(c.categories[2].title.at("en") == "External");
    CHECK(c.categories[1].storage[1].kind == kjeks::StorageKind::SessionStorage);
    CHECK(c.categories[1].storage[2].kind == kjeks::StorageKind::LocalStorage);
    CHECK(c.has_beacon);
    CHECK(c.beacon.src == "https://cdn.acme.no/b.js");
    CHECK(c.beacon.endpoint == "https://acme.no/collect");
    CHECK(c.beacon.integrity == kSha384);
    CHECK(c.beacon.category == "external");
    CHECK(c.consent_log_endpoint == "/api/consent");
    CHECK_FALSE(c.respect_gpc);
    CHECK(c.consent_mode.enabled);
    CHECK(c.consent_mode.types.at("analytics") == std::vector<std::string>{"analytics_storage"});
    CHECK(c.consent_mode.types.at("necessary") ==
          std::vector<std::string>{"security_storage", "functionality_storage"});
    CHECK_FALSE(c.ui.corner_icon_fallback);
    CHECK(c.texts.at("nb").at("banner.title") == "Kaker");
    CHECK(c.texts.at("en").at("banner.title") == "We use cookies");
    CHECK(c.texts.at("en").at("banner.accept") == "Accept everything");
    CHECK(c.texts.at("nb").at("banner.accept") == "Godta alle");
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics", "external"});
    REQUIRE(c.find_category("external") != nullptr);
    CHECK(c.find_category("external")->id == "external");
    CHECK(c.find_category("marketing") == nullptr);
}

TEST_CASE("beacon: null, absent without analytics") {
    SUBCASE("null turns it off") {
        const ConfigResult r = parse_with([](json& j) { j["beacon"] = nullptr; });
        CHECK(errors_of(r) == "");
        CHECK_FALSE(r.config.has_beacon);
    }
    SUBCASE("absent and no analytics category: no beacon, no error") {
        const ConfigResult r = parse_with([](json& j) { j["categories"][1]["id"] = "external"; });
        CHECK(errors_of(r) == "");
        CHECK_FALSE(r.config.has_beacon);
    }
    SUBCASE("given with the default category, analytics absent: error") {
        const ConfigResult r = parse_with([](json& j) {
            j["categories"][1]["id"] = "external";
            j["beacon"] = {{"src", "beacon.js"}};
        });
        CHECK(errors_of(r) == "beacon.category: not an optional configured category\n");
    }
}

namespace {

struct ErrorCase {
    const char* name;
    std::function<void(json&)> mutate;
    std::vector<std::string> expected;
    bool text_only;  // true: the site config is kept
};

// clang-format off
const std::vector<ErrorCase>& error_cases() {
    static const std::vector<ErrorCase> cases = {
        // root
        {"unknown root key", [](json& j) { j["foo"] = 1; }, {"foo: unknown key"}, false},
        {"odd root key is quoted", [](json& j) { j["a b\x01\""] = 1; }, {R"(["a b\u0001\""]: unknown key)"}, false},
        {"camelCase only", [](json& j) { j["expiry_days"] = 10; }, {"expiry_days: unknown key"}, false},
        // revision
        {"revision missing", [](json& j) { j.erase("revision"); }, {"revision: missing"}, false},
        {"revision number", [](json& j) { j["revision"] = 5; }, {"revision: expected a string"}, false},
        {"revision charset", [](json& j) { j["revision"] = "a b"; }, {"revision: expected 1-64 characters of A-Z a-z 0-9 . _ -"}, false},
        {"revision empty", [](json& j) { j["revision"] = ""; }, {"revision: expected 1-64 characters of A-Z a-z 0-9 . _ -"}, false},
        {"revision too long", [](json& j) { j["revision"] = repeat("a", 65); }, {"revision: expected 1-64 characters of A-Z a-z 0-9 . _ -"}, false},
        // expiryDays
        {"expiryDays float", [](json& j) { j["expiryDays"] = 1.5; }, {"expiryDays: expected an integer"}, false},
        {"expiryDays whole float", [](json& j) { j["expiryDays"] = 30.0; }, {"expiryDays: expected an integer"}, false},
        {"expiryDays string", [](json& j) { j["expiryDays"] = "30"; }, {"expiryDays: expected an integer"}, false},
        {"expiryDays bool", [](json& j) { j["expiryDays"] = true; }, {"expiryDays: expected an integer"}, false},
        {"expiryDays zero", [](json& j) { j["expiryDays"] = 0; }, {"expiryDays: out of range (1-400)"}, false},
        {"expiryDays negative", [](json& j) { j["expiryDays"] = -3; }, {"expiryDays: out of range (1-400)"}, false},
        {"expiryDays 401", [](json& j) { j["expiryDays"] = 401; }, {"expiryDays: out of range (1-400)"}, false},
        {"expiryDays huge", [](json& j) { j["expiryDays"] = 18446744073709551615ULL; }, {"expiryDays: out of range (1-400)"}, false},
        // defaultLanguage, storageKey
        {"defaultLanguage de", [](json& j) { j["defaultLanguage"] = "de"; }, {"defaultLanguage: not a configured language (nb, nn, en or one in texts)"}, false},
        {"defaultLanguage no", [](json& j) { j["defaultLanguage"] = "no"; }, {"defaultLanguage: not a configured language (nb, nn, en or one in texts)"}, false},
        {"defaultLanguage NN", [](json& j) { j["defaultLanguage"] = "NN"; }, {"defaultLanguage: not a configured language (nb, nn, en or one in texts)"}, false},
        {"defaultLanguage number", [](json& j) { j["defaultLanguage"] = 1; }, {"defaultLanguage: expected a string"}, false},
        {"storageKey slash", [](json& j) { j["storageKey"] = "a/b"; }, {"storageKey: expected 1-64 characters of A-Z a-z 0-9 . _ -"}, false},
        // policyUrl
        {"policyUrl missing", [](json& j) { j.erase("policyUrl"); }, {"policyUrl: missing"}, false},
        {"policyUrl javascript", [](json& j) { j["policyUrl"] = "javascript:alert(1)"; }, {"policyUrl: not a safe URL"}, false},
        {"policyUrl en data", [](json& j) { j["policyUrl"] = {{"nb", "/a"}, {"en", "data:text/html,x"}}; }, {"policyUrl.en: not a safe URL"}, false},
        {"policyUrl array", [](json& j) { j["policyUrl"] = json::array({"/a"}); }, {"policyUrl: expected a string"}, false},
        {"policyUrl missing en", [](json& j) { j["policyUrl"] = {{"nb", "/a"}}; }, {"policyUrl.en: missing"}, true},
        // controller
        {"controller missing", [](json& j) { j.erase("controller"); }, {"controller: missing"}, false},
        {"controller string", [](json& j) { j["controller"] = "Acme"; }, {"controller: expected an object"}, false},
        {"controller name missing", [](json& j) { j["controller"] = json::object(); }, {"controller.name: missing"}, false},
        {"controller name empty", [](json& j) { j["controller"]["name"] = ""; }, {"controller.name: must not be empty"}, false},
        {"controller name too long", [](json& j) { j["controller"]["name"] = repeat("x", 201); }, {"controller.name: too long (max 200 characters)"}, false},
        {"controller email", [](json& j) { j["controller"]["email"] = "info at acme"; }, {"controller.email: not a valid e-mail address"}, false},
        {"controller email mailto tricks", [](json& j) { j["controller"]["email"] = "a@b.no?subject=x"; }, {"controller.email: not a valid e-mail address"}, false},
        {"controller phone", [](json& j) { j["controller"]["phone"] = "call us"; }, {"controller.phone: not a valid phone number"}, false},
        {"controller phone type", [](json& j) { j["controller"]["phone"] = 93610188; }, {"controller.phone: expected a string"}, false},
        {"controller unknown key", [](json& j) { j["controller"]["fax"] = "1"; }, {"controller.fax: unknown key"}, false},
        // categories
        {"categories missing", [](json& j) { j.erase("categories"); }, {"categories: missing"}, false},
        {"categories object", [](json& j) { j["categories"] = json::object(); }, {"categories: expected an array"}, false},
        {"categories empty", [](json& j) { j["categories"] = json::array(); }, {"categories: the first category must be necessary"}, false},
        {"necessary not first", [](json& j) { std::swap(j["categories"][0], j["categories"][1]); },
         {"categories[0].id: the first category must be necessary", "categories[1].id: necessary must be the first category"}, false},
        {"category id not a token", [](json& j) { j["categories"][1]["id"] = "web stats"; }, {"categories[1].id: expected 1-64 characters of A-Z a-z 0-9 . _ -"}, false},
        {"category id too long", [](json& j) { j["categories"][1]["id"] = repeat("c", 65); }, {"categories[1].id: expected 1-64 characters of A-Z a-z 0-9 . _ -"}, false},
        {"open category without title", [](json& j) { j["categories"][1]["id"] = "chat"; j["categories"][1].erase("title"); }, {"categories[1].title: missing"}, false},
        {"open category without description", [](json& j) { j["categories"][1]["id"] = "chat"; j["categories"][1].erase("description"); }, {"categories[1].description: missing"}, false},
        {"known category without title", [](json& j) { j["categories"][1].erase("title"); }, {"categories[1].title: missing"}, false},
        {"duplicate category", [](json& j) { j["categories"].push_back(j["categories"][1]); j["categories"][2]["storage"] = json::array(); },
         {"categories[2].id: duplicate category"}, false},
        {"duplicate necessary", [](json& j) { j["categories"].push_back(j["categories"][0]); }, {"categories[2].id: duplicate category"}, false},
        {"category not an object", [](json& j) { j["categories"][1] = "analytics"; }, {"categories[1]: expected an object"}, false},
        {"category id missing", [](json& j) { j["categories"][1].erase("id"); }, {"categories[1].id: missing"}, false},
        {"category id type", [](json& j) { j["categories"][1]["id"] = 2; }, {"categories[1].id: expected a string"}, false},
        {"category unknown key", [](json& j) { j["categories"][1]["scripts"] = json::array(); }, {"categories[1].scripts: unknown key"}, false},
        {"required on optional", [](json& j) { j["categories"][1]["required"] = true; }, {"categories[1].required: only necessary can be required"}, false},
        {"necessary not required", [](json& j) { j["categories"][0]["required"] = false; }, {"categories[0].required: necessary is always required"}, false},
        {"required type", [](json& j) { j["categories"][0]["required"] = "yes"; }, {"categories[0].required: expected a boolean"}, false},
        {"title missing", [](json& j) { j["categories"][1].erase("title"); }, {"categories[1].title: missing"}, false},
        {"title type", [](json& j) { j["categories"][1]["title"] = 3; }, {"categories[1].title: expected a string"}, false},
        {"title empty", [](json& j) { j["categories"][1]["title"] = ""; }, {"categories[1].title: must not be empty"}, false},
        {"title unknown language", [](json& j) { j["categories"][1]["title"] = {{"nb", "a"}, {"en", "b"}, {"de", "c"}}; }, {"categories[1].title.de: unknown key"}, false},
        {"title missing en", [](json& j) { j["categories"][1]["title"] = {{"nb", "Analyse"}}; }, {"categories[1].title.en: missing"}, true},
        {"title no language", [](json& j) { j["categories"][1]["title"] = json::object(); },
         {"categories[1].title.nb: missing", "categories[1].title.en: missing"}, false},
        {"title nb wrong type", [](json& j) { j["categories"][1]["title"] = {{"nb", 1}, {"en", "b"}}; }, {"categories[1].title.nb: expected a string"}, false},
        {"description too long", [](json& j) { j["categories"][1]["description"] = repeat("x", 2001); }, {"categories[1].description: too long (max 2000 characters)"}, false},
        {"description missing", [](json& j) { j["categories"][0].erase("description"); }, {"categories[0].description: missing"}, false},
        // storage
        {"storage missing", [](json& j) { j["categories"][1].erase("storage"); }, {"categories[1].storage: missing"}, false},
        {"storage object", [](json& j) { j["categories"][1]["storage"] = json::object(); }, {"categories[1].storage: expected an array"}, false},
        {"storage item string", [](json& j) { j["categories"][1]["storage"][0] = "a_id"; }, {"categories[1].storage[0]: expected an object"}, false},
        {"storage duration type", [](json& j) { j["categories"][1]["storage"][0]["duration"] = 5; }, {"categories[1].storage[0].duration: expected a string"}, false},
        {"storage purpose missing", [](json& j) { j["categories"][1]["storage"][0].erase("purpose"); }, {"categories[1].storage[0].purpose: missing"}, false},
        {"storage kind", [](json& j) { j["categories"][1]["storage"][0]["kind"] = "indexedDB"; }, {"categories[1].storage[0].kind: expected cookie, localStorage or sessionStorage"}, false},
        {"storage kind missing", [](json& j) { j["categories"][1]["storage"][0].erase("kind"); }, {"categories[1].storage[0].kind: missing"}, false},
        {"storage name missing", [](json& j) { j["categories"][1]["storage"][0].erase("name"); }, {"categories[1].storage[0].name: missing"}, false},
        {"storage name", [](json& j) { j["categories"][1]["storage"][0]["name"] = "a;b"; }, {"categories[1].storage[0].name: not a valid storage name"}, false},
        {"storage name space", [](json& j) { j["categories"][1]["storage"][0]["name"] = "a b"; }, {"categories[1].storage[0].name: not a valid storage name"}, false},
        {"storage duplicate", [](json& j) { j["categories"][0]["storage"].push_back(j["categories"][1]["storage"][0]); },
         {"categories[1].storage[0].name: duplicate storage item"}, false},
        {"storage unknown key", [](json& j) { j["categories"][1]["storage"][0]["domain"] = ".acme.no"; }, {"categories[1].storage[0].domain: unknown key"}, false},
        // beacon
        {"beacon string", [](json& j) { j["beacon"] = "beacon.js"; }, {"beacon: expected an object"}, false},
        {"beacon src missing", [](json& j) { j["beacon"] = json::object(); }, {"beacon.src: missing"}, false},
        {"beacon src javascript", [](json& j) { j["beacon"] = {{"src", "javascript:alert(1)"}}; }, {"beacon.src: not a safe URL"}, false},
        {"beacon src mailto", [](json& j) { j["beacon"] = {{"src", "mailto:a@b.no"}}; }, {"beacon.src: not a safe URL"}, false},
        {"beacon endpoint data", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"endpoint", "data:,x"}}; }, {"beacon.endpoint: not a safe URL"}, false},
        {"beacon endpoint type", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"endpoint", false}}; }, {"beacon.endpoint: expected a string"}, false},
        {"beacon integrity algorithm", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"integrity", "md5-" + repeat("A", 24)}}; },
         {"beacon.integrity: expected sha256-, sha384- or sha512- and a base64 digest"}, false},
        {"beacon integrity length", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"integrity", "sha256-" + repeat("A", 44)}}; },
         {"beacon.integrity: expected sha256-, sha384- or sha512- and a base64 digest"}, false},
        {"beacon category necessary", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"category", "necessary"}}; }, {"beacon.category: not an optional configured category"}, false},
        {"beacon category unconfigured", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"category", "marketing"}}; }, {"beacon.category: not an optional configured category"}, false},
        {"beacon unknown key", [](json& j) { j["beacon"] = {{"src", "beacon.js"}, {"async", true}}; }, {"beacon.async: unknown key"}, false},
        // consentLog, gpc, ui
        {"consentLog endpoint missing", [](json& j) { j["consentLog"] = json::object(); }, {"consentLog.endpoint: missing"}, false},
        {"consentLog endpoint unsafe", [](json& j) { j["consentLog"] = {{"endpoint", "vbscript:x"}}; }, {"consentLog.endpoint: not a safe URL"}, false},
        {"consentLog null", [](json& j) { j["consentLog"] = nullptr; }, {"consentLog: expected an object"}, false},
        {"gpc respect type", [](json& j) { j["gpc"] = {{"respect", "yes"}}; }, {"gpc.respect: expected a boolean"}, false},
        {"gpc bool", [](json& j) { j["gpc"] = true; }, {"gpc: expected an object"}, false},
        {"ui cornerIcon type", [](json& j) { j["ui"] = {{"cornerIcon", 1}}; }, {"ui.cornerIcon: expected a boolean"}, false},
        {"ui unknown key", [](json& j) { j["ui"] = {{"theme", "dark"}}; }, {"ui.theme: unknown key"}, false},
        // consentMode
        {"consentMode enabled type", [](json& j) { j["consentMode"] = {{"enabled", "true"}}; }, {"consentMode.enabled: expected a boolean"}, false},
        {"consentMode unknown type", [](json& j) { j["consentMode"] = {{"types", {{"analytics", {"analytics_storage", "ad_clicks"}}}}}; },
         {"consentMode.types.analytics[1]: unknown consent type"}, false},
        {"consentMode duplicate type", [](json& j) { j["consentMode"] = {{"types", {{"analytics", {"analytics_storage", "analytics_storage"}}}}}; },
         {"consentMode.types.analytics[1]: duplicate consent type"}, false},
        {"consentMode unconfigured category", [](json& j) { j["consentMode"] = {{"types", {{"marketing", {"ad_storage"}}}}}; },
         {"consentMode.types.marketing: not a configured category"}, false},
        {"consentMode types list type", [](json& j) { j["consentMode"] = {{"types", {{"analytics", "analytics_storage"}}}}; },
         {"consentMode.types.analytics: expected an array"}, false},
        {"consentMode type not a string", [](json& j) { j["consentMode"] = {{"types", {{"analytics", {7}}}}}; },
         {"consentMode.types.analytics[0]: expected a string"}, false},
        // texts (text errors: the site config is kept)
        {"texts string", [](json& j) { j["texts"] = "hei"; }, {"texts: expected an object"}, true},
        {"texts language not a tag", [](json& j) { j["texts"] = {{"DE", {{"banner.title", "Kekse"}}}}; }, {"texts.DE: expected a language: 2-3 lowercase letters"}, true},
        {"texts language with region", [](json& j) { j["texts"] = {{"de-AT", {{"banner.title", "Kekse"}}}}; }, {"texts.de-AT: expected a language: 2-3 lowercase letters"}, true},
        {"texts language no", [](json& j) { j["texts"] = {{"no", {{"banner.title", "Kaker"}}}}; }, {"texts.no: use nb (Norwegian, no, is read as nb)"}, true},
        {"title in no", [](json& j) { j["texts"] = {{"no", {{"banner.title", "Kaker"}}}}; j["categories"][1]["title"] = {{"nb", "a"}, {"en", "b"}, {"no", "c"}}; }, {"categories[1].title.no: unknown key", "texts.no: use nb (Norwegian, no, is read as nb)"}, false},
        {"title for a language with no texts", [](json& j) { j["categories"][1]["title"] = {{"nb", "a"}, {"en", "b"}, {"se", "c"}}; }, {"categories[1].title.se: unknown key"}, false},
        {"texts language type", [](json& j) { j["texts"] = {{"nb", json::array()}}; }, {"texts.nb: expected an object"}, true},
        {"texts unknown key", [](json& j) { j["texts"] = {{"nb", {{"foo", "x"}}}}; }, {"texts.nb.foo: unknown key"}, true},
        {"texts value type", [](json& j) { j["texts"] = {{"en", {{"banner.title", 1}}}}; }, {"texts.en.banner.title: expected a string"}, true},
        {"texts value empty", [](json& j) { j["texts"] = {{"en", {{"banner.accept", ""}}}}; }, {"texts.en.banner.accept: must not be empty"}, true},
        {"texts value too long", [](json& j) { j["texts"] = {{"nb", {{"banner.body", repeat("x", 2001)}}}}; }, {"texts.nb.banner.body: too long (max 2000 characters)"}, true},
        {"embed.text placeholder", [](json& j) { j["texts"] = {{"en", {{"embed.text", "Third-party content."}}}}; }, {"texts.en.embed.text: must contain {provider}"}, true},
    };
    return cases;
}
// clang-format on

}  // namespace

TEST_CASE("each validation rule reports its exact error") {
    CHECK(error_cases().size() >= 25);
    for (const ErrorCase& c : error_cases()) {
        CAPTURE(c.name);
        const ConfigResult r = parse_with(c.mutate);
        CHECK(errors_of(r) == join(c.expected));
        CHECK_FALSE(r.ok());
        if (c.text_only) {
            CHECK_FALSE(r.config.loading_disabled);
            CHECK(r.config.revision == "r1");
            CHECK(r.config.controller.name == "Acme");
        } else {
            CHECK(is_default_fallback(r));
        }
    }
}

TEST_CASE("all errors are collected, in a stable order") {
    const ConfigResult r = parse_with([](json& j) {
        j.erase("revision");
        j["expiryDays"] = 2.5;
        j["bar"] = 1;
        j["categories"][1]["storage"][0]["duration"] = 5;
        j["categories"][1]["storage"][0]["kind"] = "flash";
        j["beacon"] = {{"src", "javascript:x"}};
        j["texts"] = {{"nb", {{"foo", "x"}}}};
    });
    CHECK(errors_of(r) == join({
                              "bar: unknown key",
                              "revision: missing",
                              "expiryDays: expected an integer",
                              "categories[1].storage[0].kind: expected cookie, localStorage or sessionStorage",
                              "categories[1].storage[0].duration: expected a string",
                              "beacon.src: not a safe URL",
                              "texts.nb.foo: unknown key",
                          }));
    CHECK(is_default_fallback(r));
}

TEST_CASE("JSON syntax and shape errors") {
    SUBCASE("syntax error names the byte") {
        const ConfigResult r = parse_config(R"({"revision": })");
        CHECK(errors_of(r) == "(root): invalid JSON near byte 14\n");
        CHECK(is_default_fallback(r));
    }
    SUBCASE("trailing garbage") {
        const ConfigResult r = parse_config(R"({} x)");
        CHECK(errors_of(r) == "(root): invalid JSON near byte 4\n");
    }
    SUBCASE("truncated") {
        CHECK(errors_of(parse_config(R"({"revision")")) == "(root): invalid JSON near byte 11\n");
    }
    SUBCASE("comments are not JSON") {
        CHECK(errors_of(parse_config("// hi\n{}")) == "(root): invalid JSON near byte 1\n");
    }
    SUBCASE("invalid UTF-8") {
        CHECK(errors_of(parse_config("{\"revision\": \"\xff\"}")) == "(root): invalid JSON near byte 15\n");
    }
    SUBCASE("not an object") {
        CHECK(errors_of(parse_config("[]")) == "(root): expected an object\n");
        CHECK(errors_of(parse_config("null")) == "(root): expected an object\n");
        CHECK(errors_of(parse_config("\"x\"")) == "(root): expected an object\n");
    }
    SUBCASE("duplicate keys") {
        std::string text = kMinimal;
        text.insert(1, R"("revision": "r0", )");
        const ConfigResult r = parse_config(text);
        CHECK(errors_of(r) == "revision: duplicate key\n");
        CHECK(is_default_fallback(r));
    }
    SUBCASE("duplicate keys deep inside") {
        const ConfigResult r = parse_config(
            R"({"revision": "r1", "policyUrl": "/c", "controller": {"name": "A"}, "categories": [)"
            R"({"id": "necessary", "title": "N", "description": "D", "storage": []},)"
            R"({"id": "analytics", "title": {"nb": "A", "nb": "B", "en": "C"}, "description": "D", "storage": []}]})");
        CHECK(errors_of(r) == "categories[1].title.nb: duplicate key\n");
    }
    SUBCASE("duplicate text keys are text errors") {
        json j = minimal();
        std::string text = j.dump();
        text.pop_back();
        text += R"(,"texts":{"en":{"banner.title":"A","banner.title":"B"}}})";
        const ConfigResult r = parse_config(text);
        CHECK(errors_of(r) == "texts.en.banner.title: duplicate key\n");
        CHECK_FALSE(r.config.loading_disabled);
        CHECK(r.config.revision == "r1");
    }
    SUBCASE("nesting is bounded") {
        const std::string deep = R"({"revision": )" + repeat("[", 40) + repeat("]", 40) + "}";
        const ConfigResult r = parse_config(deep);
        CHECK(errors_of(r) == "(root): nested too deeply\n");
        CHECK(is_default_fallback(r));
    }
}

TEST_CASE("empty input means the default config") {
    for (const char* text : {"", "  \n\t ", "\r\n"}) {
        CAPTURE(text);
        const ConfigResult r = parse_config(text);
        CHECK(r.ok());
        CHECK_FALSE(r.config.loading_disabled);
        CHECK(r.config.revision == "2026-04");
        CHECK(r.config.categories.size() == 4);
    }
}

TEST_CASE("limits") {
    SUBCASE("config text at most 256 KiB") {
        std::string text = kMinimal;
        text += repeat(" ", 256 * 1024 - text.size());
        CHECK(parse_config(text).ok());
        text += " ";
        const ConfigResult r = parse_config(text);
        CHECK(errors_of(r) == "(root): config too large\n");
        CHECK(is_default_fallback(r));
    }
    SUBCASE("at most 10 categories") {
        json j = minimal();
        json copy = j["categories"][1];
        copy["storage"] = json::array();
        for (int i = 0; i < 9; ++i) j["categories"].push_back(copy);
        const ConfigResult r = parse(j);
        REQUIRE_FALSE(r.errors.empty());
        CHECK(r.errors.front().to_string() == "categories: too many (max 10)");
        // Only the first 10 are checked: 8 duplicates of analytics (indices 2-9).
        CHECK(r.errors.size() == 9);
        CHECK(r.errors.back().to_string() == "categories[9].id: duplicate category");
        CHECK(is_default_fallback(r));
    }
    SUBCASE("at most 50 storage items per category") {
        json j = minimal();
        json& storage = j["categories"][1]["storage"];
        for (int i = 1; i < 50; ++i) {
            json item = storage[0];
            item["name"] = "item" + std::to_string(i);
            storage.push_back(item);
        }
        CHECK(parse(j).ok());
        json item = storage[0];
        item["name"] = "one_too_many";
        storage.push_back(item);
        const ConfigResult r = parse(j);
        CHECK(errors_of(r) == "categories[1].storage: too many (max 50)\n");
        CHECK(is_default_fallback(r));
    }
    SUBCASE("2000 characters, counted as characters not bytes") {
        json j = minimal();
        j["categories"][1]["description"] = repeat("\xc3\xb8", 2000);  // ø
        j["texts"] = {{"nb", {{"banner.body", repeat("\xc3\xa5", 2000)}}}};  // å
        const ConfigResult r = parse(j);
        CHECK(r.ok());
        CHECK(r.config.texts.at("nb").at("banner.body").size() == 4000);
    }
}

TEST_CASE("text errors keep the site config with default texts") {
    json j = minimal();
    j["texts"] = {{"nb", {{"banner.title", "Kaker her"}, {"banner.body", ""}, {"nope", "x"}}},
                  {"en", {{"embed.text", "no placeholder"}, {"embed.load", "Show"}}}};
    j["categories"][1]["title"] = {{"en", "Analytics"}};
    const ConfigResult r = parse(j);
    CHECK(errors_of(r) == join({
                              "categories[1].title.nb: missing",
                              "texts.en.embed.text: must contain {provider}",
                              "texts.nb.banner.body: must not be empty",
                              "texts.nb.nope: unknown key",
                          }));
    const Config& c = r.config;
    CHECK_FALSE(c.loading_disabled);
    CHECK(c.revision == "r1");
    CHECK(c.categories[1].title.at("nb") == "Analytics");  // filled from en
    CHECK(c.categories[1].title.at("en") == "Analytics");
    CHECK(c.texts.at("nb").at("banner.title") == "Kaker her");  // valid site text kept
    const auto& defaults = kjeks::default_config().texts;
    CHECK(c.texts.at("nb").at("banner.body") == defaults.at("nb").at("banner.body"));
    CHECK(c.texts.at("en").at("embed.text") == defaults.at("en").at("embed.text"));
    CHECK(c.texts.at("en").at("embed.load") == "Show");
    CHECK(c.texts.at("nb").count("nope") == 0);
    for (const std::string& lang : kjeks::built_in_languages()) {
        CHECK(c.texts.at(lang).size() == kjeks::text_keys().size() + kjeks::service_text_keys().size());
    }
}

TEST_CASE("a text error next to a structural error still fails closed") {
    const ConfigResult r = parse_with([](json& j) {
        j["texts"] = {{"nb", {{"foo", "x"}}}};
        j["revision"] = "bad revision";
    });
    CHECK(errors_of(r) == join({"revision: expected 1-64 characters of A-Z a-z 0-9 . _ -", "texts.nb.foo: unknown key"}));
    CHECK(is_default_fallback(r));
    CHECK(r.config.texts == kjeks::default_config().texts);
}

// ---- Languages -----------------------------------------------------------------

namespace {

// Every text key for a language the site adds, as "<lang>:<key>".
json all_texts(const std::string& lang) {
    json texts = json::object();
    for (const std::string& key : kjeks::text_keys()) texts[key] = lang + ":" + key + " {provider}";
    return texts;
}

}  // namespace

TEST_CASE("Nynorsk is built in: a site's texts go over the default's") {
    const ConfigResult r = parse_with([](json& j) {
        j["defaultLanguage"] = "nn";
        j["texts"] = {{"nn", {{"banner.title", "Kaker hjå oss"}}}};
        j["categories"][1]["title"] = {{"nb", "Statistikk"}, {"nn", "Statistikk nn"}, {"en", "Statistics"}};
    });
    CHECK(errors_of(r) == "");
    const Config& c = r.config;
    CHECK(c.default_language == "nn");
    CHECK(c.texts.at("nn").at("banner.title") == "Kaker hjå oss");
    CHECK(c.texts.at("nn").at("banner.accept") == "Godta alle");
    CHECK(c.texts.at("nn").size() == kjeks::text_keys().size() + kjeks::service_text_keys().size());
    CHECK(c.categories[1].title.at("nn") == "Statistikk nn");
}

TEST_CASE("a site adds a language by giving every text key for it") {
    const ConfigResult r = parse_with([](json& j) {
        j["defaultLanguage"] = "se";
        j["texts"] = {{"se", all_texts("se")}};
        j["policyUrl"] = {{"nb", "/kaker"}, {"en", "/cookies"}, {"se", "/se/cookies"}};
        j["categories"][1]["title"] = {{"nb", "Analyse"}, {"en", "Analytics"}, {"se", "Analysa"}};
        j["categories"][0]["title"] = {{"nb", "Nødvendige"}, {"en", "Necessary"}};
    });
    CHECK(errors_of(r) == "");
    const Config& c = r.config;
    CHECK_FALSE(c.loading_disabled);
    CHECK(c.default_language == "se");
    REQUIRE(c.texts.count("se") == 1);
    CHECK(c.texts.at("se").size() == kjeks::text_keys().size());
    CHECK(kjeks::text(c, "se", "banner.accept") == "se:banner.accept {provider}");
    CHECK(kjeks::localized(c.policy_url, "se") == "/se/cookies");
    CHECK(kjeks::localized(c.categories[1].title, "se") == "Analysa");
    // A plain string is every configured language's text.
    CHECK(c.categories[1].description.at("se") == "Statistics");
    // A value the site does not give in it falls back to English.
    CHECK(kjeks::localized(c.categories[0].title, "se") == "Necessary");
    CHECK(c.texts.at("nn") == kjeks::default_config().texts.at("nn"));
}

TEST_CASE("a language missing text keys is a text error per key, and is not offered") {
    const ConfigResult r = parse_with([](json& j) {
        json se = all_texts("se");
        se.erase("banner.accept");
        se.erase("embed.terms");
        se["banner.title"] = "";
        j["texts"] = {{"se", se}};
        j["defaultLanguage"] = "se";
        j["categories"][1]["title"] = {{"nb", "Analyse"}, {"en", "Analytics"}, {"se", "Analysa"}};
    });
    CHECK(errors_of(r) == join({"texts.se.banner.title: must not be empty", "texts.se: missing key banner.accept",
                                "texts.se: missing key embed.terms"}));
    const Config& c = r.config;
    CHECK_FALSE(c.loading_disabled);
    CHECK(c.revision == "r1");
    CHECK(c.texts.count("se") == 0);
    CHECK(c.default_language == "nb");
    CHECK(c.texts.size() == 3);
}

TEST_CASE("an empty language object lists every key") {
    const ConfigResult r = parse_with([](json& j) { j["texts"] = {{"sma", json::object()}}; });
    REQUIRE(r.errors.size() == kjeks::text_keys().size());
    CHECK(r.errors.front().to_string() == "texts.sma: missing key banner.title");
    CHECK(r.errors.back().to_string() == "texts.sma: missing key embed.terms");
    CHECK_FALSE(r.config.loading_disabled);
}

// ---- Categories ----------------------------------------------------------------

TEST_CASE("categories are open: any token id with its title and description") {
    const ConfigResult r = parse_with([](json& j) {
        j["categories"].push_back({{"id", "chat"},
                                   {"title", {{"nb", "Chat"}, {"nn", "Prat"}, {"en", "Chat"}}},
                                   {"description", "The chat widget."},
                                   {"storage", json::array({{{"name", "chat_id"}, {"kind", "cookie"},
                                                             {"purpose", "Conversation"}, {"duration", "1 day"}}})}});
        j["categories"].push_back({{"id", "Video.v2"}, {"title", "Video"}, {"description", "Videos"},
                                   {"storage", json::array()}});
        j["beacon"] = {{"src", "beacon.js"}, {"category", "chat"}};
        j["consentMode"] = {{"enabled", true}, {"types", {{"chat", {"functionality_storage"}}}}};
    });
    CHECK(errors_of(r) == "");
    const Config& c = r.config;
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics", "chat", "Video.v2"});
    REQUIRE(c.find_category("chat") != nullptr);
    CHECK(c.find_category("chat")->title.at("nn") == "Prat");
    CHECK_FALSE(c.find_category("chat")->required);
    CHECK(c.beacon.category == "chat");
    CHECK(c.consent_mode.types.at("chat") == std::vector<std::string>{"functionality_storage"});
}

TEST_CASE("at most 10 categories, open ids too") {
    json j = minimal();
    for (int i = 0; i < 9; ++i) {
        j["categories"].push_back({{"id", "c" + std::to_string(i)}, {"title", "T"}, {"description", "D"},
                                   {"storage", json::array()}});
    }
    const ConfigResult r = parse(j);
    CHECK(errors_of(r) == "categories: too many (max 10)\n");
    CHECK(is_default_fallback(r));
    j["categories"].erase(10);
    CHECK(errors_of(parse(j)) == "");
}

TEST_CASE("an open category can be neither first nor required") {
    const ConfigResult first = parse_with([](json& j) { j["categories"][0]["id"] = "chat"; });
    CHECK(errors_of(first) == "categories[0].id: the first category must be necessary\n");
    const ConfigResult required = parse_with([](json& j) {
        j["categories"][1]["id"] = "chat";
        j["categories"][1]["required"] = true;
    });
    CHECK(errors_of(required) == "categories[1].required: only necessary can be required\n");
    const ConfigResult duplicate = parse_with([](json& j) {
        j["categories"][1]["id"] = "chat";
        j["categories"].push_back(j["categories"][1]);
        j["categories"][2]["storage"] = json::array();
    });
    CHECK(errors_of(duplicate) == "categories[2].id: duplicate category\n");
}

// ---- Services ---------------------------------------------------------------------

namespace {

json service_json(const std::string& id) {
    return {{"id", id},
            {"name", {{"nb", id + " (nb)"}, {"en", id + " (en)"}}},
            {"provider", id + " AS"},
            {"purpose", "Purpose of " + id},
            {"storage", json::array({{{"name", id + "_id"}, {"kind", "cookie"}, {"purpose", "Id"},
                                      {"duration", "1 year"}}})},
            {"policyUrl", "https://" + id + ".example/terms"}};
}

// minimal() with an external category listing booking and chat.
json with_services() {
    json j = minimal();
    j["categories"].push_back({{"id", "external"}, {"title", "External"}, {"description", "Embedded services"},
                               {"storage", json::array()},
                               {"services", json::array({service_json("booking"), service_json("chat")})}});
    return j;
}

ConfigResult parse_services(const std::function<void(json&)>& mutate) {
    json j = with_services();
    mutate(j);
    return parse(j);
}

}  // namespace

TEST_CASE("services: every field is read") {
    const ConfigResult r = parse_services([](json& j) {
        j["categories"][2]["services"][1]["transfer"] = {
            {"outsideEea", true}, {"basis", {{"nb", "Standardkontraktsklausuler"}, {"en", "Standard Contractual Clauses"}}}};
    });
    CHECK(errors_of(r) == "");
    const Config& c = r.config;
    CHECK(c.service_ids() == std::vector<std::string>{"booking", "chat"});
    REQUIRE(c.find_service("chat") != nullptr);
    const kjeks::Service& chat = *c.find_service("chat");
    CHECK(chat.name.at("en") == "chat (en)");
    CHECK(chat.provider.at("nn") == "chat AS");
    CHECK(chat.purpose.at("nb") == "Purpose of chat");
    REQUIRE(chat.storage.size() == 1);
    CHECK(chat.storage[0].name == "chat_id");
    CHECK(chat.policy_url.at("en") == "https://chat.example/terms");
    REQUIRE(chat.transfer.has_value());
    CHECK(chat.transfer->outside_eea);
    CHECK(chat.transfer->basis.at("nb") == "Standardkontraktsklausuler");
    CHECK_FALSE(c.find_service("booking")->transfer.has_value());
    CHECK(c.category_of_service("booking") == c.find_category("external"));
    CHECK(c.category_of_service("external") == nullptr);
    CHECK(c.find_service("external") == nullptr);
    // The category's own switch stays one optional category.
    CHECK(c.optional_category_ids() == std::vector<std::string>{"analytics", "external"});
}

TEST_CASE("services: each rule reports its path") {
    const std::vector<std::pair<std::function<void(json&)>, std::string>> cases = {
        {[](json& j) { j["categories"][2]["services"][1]["id"] = "booking"; },
         "categories[2].services[1].id: duplicate service\n"},
        {[](json& j) { j["categories"][2]["services"][1]["id"] = "analytics"; },
         "categories[2].services[1].id: the same as a category id\n"},
        // A category that comes later counts too.
        {[](json& j) {
             j["categories"][2]["services"][0]["id"] = "later";
             j["categories"].push_back({{"id", "later"}, {"title", "T"}, {"description", "D"}, {"storage", json::array()}});
         },
         "categories[2].services[0].id: the same as a category id\n"},
        // Unique across categories.
        {[](json& j) {
             j["categories"][1]["services"] = json::array({service_json("chat2")});
             j["categories"][2]["services"][1]["id"] = "chat2";
             j["categories"][2]["services"][1]["storage"] = json::array();
         },
         "categories[2].services[1].id: duplicate service\n"},
        {[](json& j) { j["categories"][2]["services"][0]["id"] = "on line"; },
         "categories[2].services[0].id: expected 1-64 characters of A-Z a-z 0-9 . _ -\n"},
        {[](json& j) { j["categories"][2]["services"][0].erase("id"); }, "categories[2].services[0].id: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0].erase("name"); }, "categories[2].services[0].name: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0].erase("provider"); },
         "categories[2].services[0].provider: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0].erase("purpose"); },
         "categories[2].services[0].purpose: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0].erase("storage"); },
         "categories[2].services[0].storage: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0].erase("policyUrl"); },
         "categories[2].services[0].policyUrl: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0]["policyUrl"] = "javascript:alert(1)"; },
         "categories[2].services[0].policyUrl: not a safe URL\n"},
        {[](json& j) { j["categories"][2]["services"][0]["owner"] = "x"; },
         "categories[2].services[0].owner: unknown key\n"},
        {[](json& j) { j["categories"][2]["services"][1]["storage"][0]["name"] = "booking_id"; },
         "categories[2].services[1].storage[0].name: duplicate storage item\n"},
        {[](json& j) { j["categories"][2]["services"] = json::array(); },
         "categories[2].services: expected at least one service (or no services key)\n"},
        {[](json& j) { j["categories"][2]["services"] = "booking"; }, "categories[2].services: expected an array\n"},
        {[](json& j) { j["categories"][0]["services"] = json::array({service_json("login")}); },
         "categories[0].services: the necessary category has no services (it is always on)\n"},
        {[](json& j) { j["categories"][2]["services"][0]["transfer"] = {{"outsideEea", true}}; },
         "categories[2].services[0].transfer.basis: missing (the transfer basis, e.g. Standard Contractual Clauses)\n"},
        {[](json& j) { j["categories"][2]["services"][0]["transfer"] = {{"basis", "SCC"}}; },
         "categories[2].services[0].transfer.outsideEea: missing\n"},
        {[](json& j) { j["categories"][2]["services"][0]["transfer"] = {{"outsideEea", "yes"}, {"basis", "SCC"}}; },
         "categories[2].services[0].transfer.outsideEea: expected a boolean\n"},
        {[](json& j) { j["categories"][2]["services"][0]["transfer"] = {{"outsideEea", false}, {"via", "x"}}; },
         "categories[2].services[0].transfer.via: unknown key\n"},
        {[](json& j) { j["categories"][2]["id"] = "services"; j["categories"][2].erase("services"); },
         "categories[2].id: reserved (the consent object's per-service choices)\n"},
    };
    for (const auto& [mutate, expected] : cases) {
        const ConfigResult r = parse_services(mutate);
        CHECK(errors_of(r) == expected);
        CHECK(is_default_fallback(r));
    }
    // Data that stays in the EU/EEA needs no basis.
    CHECK(errors_of(parse_services([](json& j) {
              j["categories"][2]["services"][0]["transfer"] = {{"outsideEea", false}};
          })) == "");
}

TEST_CASE("services: at most 32 in the whole config") {
    json j = with_services();
    json& services = j["categories"][2]["services"];
    for (int i = 0; i < 30; ++i) services.push_back(service_json("s" + std::to_string(i)));
    CHECK(errors_of(parse(j)) == "");
    services.push_back(service_json("s30"));
    CHECK(errors_of(parse(j)) == "categories: too many services (max 32)\n");
}

// The record's limits are the config's: the largest config the validator
// accepts (most categories and services, longest ids and revision, the
// longest language and method) gives a record that fits the stored record's
// limit, so a visitor is never asked again because the record is too big.
TEST_CASE("the largest valid config gives a consent record that fits max_record_bytes") {
    const auto id = [](const std::string& prefix) { return prefix + repeat("x", 64 - prefix.size()); };
    json j = minimal();
    j["revision"] = id("r");
    j["storageKey"] = id("k");
    j["categories"][1]["id"] = id("analytics");
    j["beacon"] = {{"src", "beacon.js"}, {"endpoint", "/api/collect"}, {"category", id("analytics")}};
    for (int c = 2; c < 10; ++c) {
        json services = json::array();
        for (int s = 0; s < 4; ++s) services.push_back(service_json(id("s" + std::to_string(c * 4 + s))));
        j["categories"].push_back({{"id", id("c" + std::to_string(c))}, {"title", "Category"},
                                   {"description", "Services"}, {"storage", json::array()}, {"services", services}});
    }
    for (const std::string& key : kjeks::text_keys()) j["texts"]["zzz"][key] = key == "embed.text" ? "{provider}" : "z";
    const ConfigResult r = parse(j);
    REQUIRE(errors_of(r) == "");
    REQUIRE(r.config.categories.size() == 10);
    std::size_t services = 0;
    for (const kjeks::Category& category : r.config.categories) services += category.services.size();
    REQUIRE(services == 32);
    // One more category or service, or a longer id, is a config error.
    json more = j;
    more["categories"].push_back({{"id", "more"}, {"title", "More"}, {"description", "More"}, {"storage", json::array()}});
    CHECK(errors_of(parse(more)) == "categories: too many (max 10)\n");

    kjeks::Record record;
    record.id = repeat("f", 32);
    record.given_ms = record.updated_ms = kjeks::record_timestamp_limit_ms - 1;
    record.revision = r.config.revision;
    record.lang = "zzz";
    for (const kjeks::Category& category : r.config.categories) {
        record.choices[category.id] = category.id == "necessary";  // "false" is the longer word
        for (const kjeks::Service& service : category.services) record.services[service.id] = false;
    }
    record.method = kjeks::Method::BrowserSignal;
    const std::string stored = kjeks::encode_record(record, r.config.storage_key);
    CHECK(stored.size() <= kjeks::max_record_bytes);
    CHECK(kjeks::decode_record(stored, r.config.storage_key) == record);
}

TEST_CASE("services: their texts are optional in a language the site adds") {
    json j = with_services();
    for (const std::string& key : kjeks::text_keys()) j["texts"]["se"][key] = key == "embed.text" ? "{provider}" : "se";
    ConfigResult r = parse(j);
    CHECK(errors_of(r) == "");
    CHECK(r.config.texts.count("se") == 1);
    CHECK(kjeks::text(r.config, "se", "service.provider") == kjeks::text(r.config, "en", "service.provider"));
    j["texts"]["se"]["service.terms"] = "Vilkår";
    r = parse(j);
    CHECK(errors_of(r) == "texts.se.service.terms: must contain {provider}\n");
}
