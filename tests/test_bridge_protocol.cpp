// Effects as JSON commands for the browser layer, and the consent snapshot.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kjeks/bridge_protocol.hpp"
#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/record.hpp"
#include "kjeks/view.hpp"

#include "fixtures.hpp"

using namespace kjeks;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {


Config make_config() { return fixtures::bridge_config(); }

State make_state() { return fixtures::undecided_state(); }

Record make_record(Method method) {
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    r.given_ms = 1000;
    r.updated_ms = 2000;
    r.revision = "2025-01";
    r.lang = "nb";
    r.choices = {{"necessary", true}, {"analytics", true}, {"external", false}};
    r.method = method;
    return r;
}

ordered_json commands(const Config& c, const State& s, const std::vector<Effect>& effects) {
    std::string text = effects_to_json(c, s, effects);
    ordered_json j = ordered_json::parse(text);
    REQUIRE(j.is_array());
    return j;
}

ordered_json single(const Config& c, const State& s, const Effect& effect) {
    ordered_json j = commands(c, s, {effect});
    REQUIRE(j.size() == 1);
    REQUIRE(j[0].is_object());
    CHECK(j[0].begin().key() == "op");
    return j[0];
}

}  // namespace

TEST_CASE("no effects, no commands") {
    CHECK(effects_to_json(make_config(), make_state(), {}) == "[]");
}

TEST_CASE("view commands carry the node trees") {
    Config c = make_config();
    State s = make_state();
    s.dialog_open = true;
    s.draft = {{"analytics", true}};

    ordered_json icon = single(c, s, fx::ShowIcon{});
    CHECK(icon["op"] == "icon");
    CHECK(icon.size() == 3);
    CHECK(icon["corner"] == true);
    c.ui.corner_icon_fallback = false;
    CHECK(single(c, s, fx::ShowIcon{})["corner"] == false);
    CHECK(icon["node"] == ordered_json::parse(to_json(build_icon(c, s))));
    CHECK(icon["node"][0] == "button");

    ordered_json banner = single(c, s, fx::ShowBanner{});
    CHECK(banner["op"] == "banner");
    CHECK(banner.size() == 2);
    CHECK(banner["node"] == ordered_json::parse(to_json(build_banner(c, s))));
    CHECK(banner["node"][1]["data-kjeks-view"] == "banner");

    ordered_json dialog = single(c, s, fx::ShowDialog{});
    CHECK(dialog["op"] == "dialog");
    CHECK(dialog.size() == 2);
    CHECK(dialog["node"] == ordered_json::parse(to_json(build_dialog(c, s))));
    CHECK(dialog["node"][1]["data-kjeks-view"] == "dialog");
    // The dialog reflects the state it is given (draft while open).
    CHECK(to_json(build_dialog(c, s)).find("\"id\":\"kjeks-toggle-analytics\",\"data-kjeks-action\":\"toggle\","
                                            "\"data-kjeks-category\":\"analytics\",\"aria-describedby\":"
                                            "\"kjeks-cat-analytics-desc\",\"checked\":\"\"") != std::string::npos);
}

TEST_CASE("hide and focus commands") {
    Config c = make_config();
    State s = make_state();
    CHECK(single(c, s, fx::HideBanner{}) == ordered_json::parse(R"({"op":"hideBanner"})"));
    CHECK(single(c, s, fx::HideDialog{}) == ordered_json::parse(R"({"op":"hideDialog"})"));
    CHECK(single(c, s, fx::MoveFocus{fx::Focus::Dialog}) == ordered_json::parse(R"({"op":"focus","target":"dialog"})"));
    CHECK(single(c, s, fx::MoveFocus{fx::Focus::Icon}) == ordered_json::parse(R"({"op":"focus","target":"icon"})"));
    CHECK(single(c, s, fx::MoveFocus{fx::Focus::Icon, true}) ==
          ordered_json::parse(R"({"op":"focus","target":"icon","onlyIfLost":true})"));
    CHECK(single(c, s, fx::MoveFocus{fx::Focus::BannerSettings}) ==
          ordered_json::parse(R"({"op":"focus","target":"bannerSettings"})"));
    CHECK(single(c, s, fx::MoveFocus{fx::Focus::Previous}) ==
          ordered_json::parse(R"({"op":"focus","target":"previous"})"));
    CHECK(effects_to_json(c, s, {fx::HideBanner{}}) == R"([{"op":"hideBanner"}])");
}

TEST_CASE("store uses the configured storage key") {
    Config c = make_config();
    c.storage_key = "site.consent";
    State s = make_state();
    std::string text = R"({"v":1,"id":"x","sum":"\"quoted\""})";
    ordered_json store = single(c, s, fx::WriteRecord{text});
    CHECK(store == ordered_json{{"op", "store"}, {"key", "site.consent"}, {"text", text}});
    CHECK(store["text"].is_string());
}
TEST_CASE("load names the category; the beacon has commands of its own") {
    Config c = make_config();
    State s = make_state();

    CHECK(single(c, s, fx::LoadCategory{"analytics"}) == ordered_json{{"op", "load"}, {"category", "analytics"}});
    CHECK(single(c, s, fx::LoadCategory{"necessary"}) == ordered_json{{"op", "load"}, {"category", "necessary"}});

    CHECK(single(c, s, fx::InjectBeacon{}) ==
          ordered_json{{"op", "beacon"}, {"src", "beacon.js"}, {"endpoint", "/api/collect"}, {"integrity", "sha384-abc"}});
    CHECK(single(c, s, fx::RestartBeacon{}) == ordered_json{{"op", "restartBeacon"}});
    CHECK(single(c, s, fx::StopBeacon{}) == ordered_json{{"op", "stopBeacon"}});

    SUBCASE("integrity omitted when empty") {
        c.beacon.integrity.clear();
        CHECK(single(c, s, fx::InjectBeacon{}) ==
              ordered_json{{"op", "beacon"}, {"src", "beacon.js"}, {"endpoint", "/api/collect"}});
    }
    SUBCASE("absolute https src") {
        c.beacon.src = "https://cdn.example.com/beacon.js";
        CHECK(single(c, s, fx::InjectBeacon{})["src"] == "https://cdn.example.com/beacon.js");
    }
}
TEST_CASE("every effect becomes exactly one command, none dropped") {
    Config c = make_config();
    c.loading_disabled = true;  // the machine decides fail closed, not the encoder
    State s = make_state();
    ordered_json j = commands(c, s,
                              {fx::WriteRecord{"t"}, fx::LoadCategory{"analytics"}, fx::InjectBeacon{},
                               fx::HideBanner{}, fx::EmitChange{}});
    REQUIRE(j.size() == 5);
    CHECK(j[1]["op"] == "load");
    CHECK(j[2]["op"] == "beacon");
}
TEST_CASE("stop lists the category's storage items") {
    Config c = make_config();
    State s = make_state();

    ordered_json stop = single(c, s, fx::StopCategory{"analytics"});
    CHECK(stop["op"] == "stop");
    CHECK(stop["category"] == "analytics");
    CHECK(stop["storage"] == ordered_json::parse(R"([
        {"name":"_nl_id","kind":"cookie"},
        {"name":"nl_last","kind":"localStorage"},
        {"name":"nl_session","kind":"sessionStorage"}])"));
    CHECK(stop.size() == 3);

    ordered_json external = single(c, s, fx::StopCategory{"external"});
    CHECK(external == ordered_json::parse(R"({"op":"stop","category":"external","storage":[]})"));

    ordered_json unknown = single(c, s, fx::StopCategory{"marketing"});
    CHECK(unknown == ordered_json::parse(R"({"op":"stop","category":"marketing","storage":[]})"));
}
TEST_CASE("proof") {
    Config c = make_config();
    State s = make_state();
    std::string body = R"({"id":"0123","choices":{"analytics":true}})";
    ordered_json proof = single(c, s, fx::SendProof{"/api/consent", body});
    CHECK(proof == ordered_json{{"op", "proof"}, {"endpoint", "/api/consent"}, {"body", body}});
    CHECK(proof["body"].is_string());
    CHECK(json::parse(proof["body"].get<std::string>())["choices"]["analytics"] == true);
}

TEST_CASE("change payload") {
    Config c = make_config();

    SUBCASE("undecided, no record") {
        State s = make_state();
        ordered_json change = single(c, s, fx::EmitChange{});
        CHECK(change == ordered_json::parse(R"({"op":"change",
            "consent":{"necessary":true,"analytics":false,"external":false},
            "method":null,"id":null,"decided":false,"gpc":false})"));
    }
    SUBCASE("decided with a record") {
        State s = make_state();
        s.phase = Phase::Decided;
        s.record = make_record(Method::Custom);
        s.granted = {{"analytics", true}, {"external", false}};
        ordered_json change = single(c, s, fx::EmitChange{});
        CHECK(change == ordered_json::parse(R"({"op":"change",
            "consent":{"necessary":true,"analytics":true,"external":false},
            "method":"custom","id":"0123456789abcdef0123456789abcdef","decided":true,"gpc":false})"));
    }
    SUBCASE("method names") {
        State s = make_state();
        s.phase = Phase::Decided;
        for (auto [method, name] : {std::pair{Method::AcceptAll, "accept_all"}, std::pair{Method::DeclineAll, "decline_all"},
                                    std::pair{Method::Custom, "custom"},
                                    std::pair{Method::BrowserSignal, "browser_signal"}}) {
            s.record = make_record(method);
            CHECK(single(c, s, fx::EmitChange{})["method"] == name);
        }
    }
    SUBCASE("gpc") {
        State s = make_state();
        s.phase = Phase::Decided;
        s.gpc = true;
        s.record = make_record(Method::BrowserSignal);
        ordered_json change = single(c, s, fx::EmitChange{});
        CHECK(change["gpc"] == true);
        CHECK(change["decided"] == true);
        CHECK(change["method"] == "browser_signal");
        CHECK(change["consent"]["analytics"] == false);
    }
    SUBCASE("starting is not decided") {
        State s;
        ordered_json change = single(c, s, fx::EmitChange{});
        CHECK(change["decided"] == false);
        CHECK(change["consent"] == ordered_json::parse(R"({"necessary":true,"analytics":false,"external":false})"));
    }
}

TEST_CASE("consent_json") {
    Config c = make_config();
    State s = make_state();
    CHECK(consent_json(c, s) == R"({"necessary":true,"analytics":false,"external":false})");
    s.granted["analytics"] = true;
    CHECK(consent_json(c, s) == R"({"necessary":true,"analytics":true,"external":false})");
    s.granted["external"] = true;
    CHECK(consent_json(c, s) == R"({"necessary":true,"analytics":true,"external":true})");

    // Every configured category, in config order, even when missing from granted;
    // nothing that is not configured.
    State empty;
    empty.granted = {{"marketing", true}};
    CHECK(consent_json(c, empty) == R"({"necessary":true,"analytics":false,"external":false})");

    // Necessary is always true, whatever the map says.
    s.granted["necessary"] = false;
    CHECK(json::parse(consent_json(c, s))["necessary"] == true);

    Config only_necessary = make_config();
    only_necessary.categories.resize(1);
    CHECK(consent_json(only_necessary, s) == R"({"necessary":true})");
}

TEST_CASE("consent_json reports what is granted in the state, and only that") {
    // Fail closed is the machine's decision (it never grants under a config
    // that failed validation); the snapshot only reports the state.
    Config c = make_config();
    State s = make_state();
    s.phase = Phase::Decided;
    s.granted = {{"analytics", true}, {"external", false}};
    CHECK(consent_json(c, s) == R"({"necessary":true,"analytics":true,"external":false})");
    ordered_json change = single(c, s, fx::EmitChange{});
    CHECK(change["consent"] == ordered_json::parse(R"({"necessary":true,"analytics":true,"external":false})"));
}
TEST_CASE("a whole transition's effects, in order") {
    Config c = make_config();
    State s = make_state();
    s.phase = Phase::Decided;
    s.record = make_record(Method::AcceptAll);
    s.granted = {{"analytics", true}, {"external", true}};
    std::vector<Effect> effects = {fx::WriteRecord{"rec"},      fx::StopBeacon{},
                                   fx::StopCategory{"marketing"}, fx::HideBanner{},
                                   fx::HideDialog{},            fx::MoveFocus{fx::Focus::Icon},
                                   fx::SendProof{"/api/consent", "{}"}, fx::EmitChange{},
                                   fx::LoadCategory{"analytics"}, fx::InjectBeacon{},
                                   fx::LoadCategory{"external"}, fx::RestartBeacon{},
                                   fx::ShowIcon{},              fx::ShowBanner{},
                                   fx::ShowDialog{}};
    ordered_json j = commands(c, s, effects);
    std::vector<std::string> ops;
    for (const auto& command : j) ops.push_back(command["op"].get<std::string>());
    CHECK(ops == std::vector<std::string>{"store", "stopBeacon", "stop", "hideBanner", "hideDialog", "focus",
                                          "proof", "change", "load", "beacon", "load", "restartBeacon", "icon",
                                          "banner", "dialog"});
    CHECK(j[7]["consent"]["external"] == true);
}

TEST_CASE("texts with markup or quotes stay JSON strings") {
    Config c = make_config();
    c.storage_key = "k";
    c.texts["nb"]["banner.title"] = "</script><script>alert(\"x\")</script>";
    c.categories[1].storage[0].name = "a\"b\\c";
    State s = make_state();
    std::string text = effects_to_json(c, s, {fx::ShowBanner{}, fx::StopCategory{"analytics"}});
    ordered_json j = ordered_json::parse(text);
    REQUIRE(j.size() == 2);
    CHECK(j[1]["storage"][0]["name"] == "a\"b\\c");
    CHECK(text.find("\"</script><script>alert(\\\"x\\\")</script>\"") != std::string::npos);
}

// The exact commands of a first visit followed by Accept all, one batch per
// line, against tests/golden/first-visit-accept.json. After a deliberate
// change of the protocol or the views, regenerate it with
// KJEKS_UPDATE_GOLDEN=1 and review the diff.
std::string golden_path() {
    std::string here = __FILE__;
    return here.substr(0, here.find_last_of('/')) + "/golden/first-visit-accept.json";
}

TEST_CASE("golden: the commands of a first visit, then accept all") {
    const Config c = make_config();
    const Transition first =
        update(c, State{}, msg::Start{std::nullopt, 1'700'000'000'000, false, "en", "0123456789abcdef0123456789abcdef"});
    const Transition accepted = update(c, first.state, msg::AcceptAll{1'700'000'000'500});
    const std::string actual = effects_to_json(c, first.state, first.effects) + "\n" +
                               effects_to_json(c, accepted.state, accepted.effects) + "\n";
    if (std::getenv("KJEKS_UPDATE_GOLDEN")) {
        std::ofstream(golden_path(), std::ios::binary) << actual;
    }
    std::ifstream file(golden_path(), std::ios::binary);
    REQUIRE(file.good());
    const std::string expected((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(actual == expected);
}

TEST_CASE("with the state machine: loads come after the change, and never under a failed config") {
    Config c = make_config();
    const Transition t = update(c, State{}, msg::Start{std::nullopt, 1'700'000'000'000, false, "en", "0123456789abcdef0123456789abcdef"});
    const Transition accepted = update(c, t.state, msg::AcceptAll{1'700'000'000'500});
    ordered_json second = commands(c, accepted.state, accepted.effects);
    std::vector<std::string> ops;
    for (const auto& command : second) ops.push_back(command["op"].get<std::string>());
    CHECK(ops == std::vector<std::string>{"store", "hideBanner", "focus", "proof", "change", "load", "beacon", "load"});

    c.loading_disabled = true;
    const Transition start_closed = update(c, State{}, msg::Start{std::nullopt, 1'700'000'000'000, false, "en", "0123456789abcdef0123456789abcdef"});
    const Transition failed_closed = update(c, start_closed.state, msg::AcceptAll{1'700'000'000'500});
    const std::string text = effects_to_json(c, failed_closed.state, failed_closed.effects);
    CHECK(text.find("\"load\"") == std::string::npos);
    CHECK(text.find("\"beacon\"") == std::string::npos);
    CHECK(consent_json(c, failed_closed.state) == R"({"necessary":true,"analytics":false,"external":false})");
}

// ---- Google Consent Mode v2 and the page setup --------------------------------

TEST_CASE("consent mode off: no default, no update in change, setup without it") {
    Config c = make_config();
    State s = make_state();
    CHECK(consent_mode_default_json(c) == "");
    CHECK(consent_mode_update_json(c, s) == "");
    CHECK_FALSE(single(c, s, fx::EmitChange{}).contains("consentMode"));
    CHECK(setup_json(c) == R"({"consentLog":"/api/consent"})");
    c.consent_log_endpoint.clear();
    CHECK(setup_json(c) == "{}");
}

TEST_CASE("consent mode default: every type denied, wait_for_update, in a fixed order") {
    Config c = make_config();
    c.consent_mode.enabled = true;
    ordered_json d = ordered_json::parse(consent_mode_default_json(c));
    CHECK(d == ordered_json::parse(R"({"ad_storage":"denied","ad_user_data":"denied",
        "ad_personalization":"denied","analytics_storage":"denied","functionality_storage":"denied",
        "personalization_storage":"denied","security_storage":"denied","wait_for_update":500})"));
    // The necessary category's types (if mapped) are on from the start.
    c.consent_mode.types = {{"necessary", {"security_storage"}}, {"analytics", {"analytics_storage"}}};
    d = ordered_json::parse(consent_mode_default_json(c));
    CHECK(d["security_storage"] == "granted");
    CHECK(d["analytics_storage"] == "denied");
    ordered_json setup = ordered_json::parse(setup_json(c));
    CHECK(setup.begin().key() == "consentDefault");
    CHECK(setup["consentDefault"] == d);
    CHECK(setup["consentLog"] == "/api/consent");
}

TEST_CASE("consent mode update follows the granted categories") {
    Config c = make_config();
    c.consent_mode.enabled = true;
    State s = make_state();
    s.phase = Phase::Decided;
    s.record = make_record(Method::Custom);

    SUBCASE("default mapping: analytics -> analytics_storage") {
        ordered_json u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u.size() == known_consent_types().size());
        CHECK_FALSE(u.contains("wait_for_update"));
        for (auto& [type, value] : u.items()) CHECK_MESSAGE(value == "denied", type);
        s.granted["analytics"] = true;
        u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u["analytics_storage"] == "granted");
        CHECK(u["ad_storage"] == "denied");
        // external maps to nothing by default
        s.granted["external"] = true;
        s.granted["analytics"] = false;
        u = ordered_json::parse(consent_mode_update_json(c, s));
        for (auto& [type, value] : u.items()) CHECK_MESSAGE(value == "denied", type);
    }
    SUBCASE("default mapping for marketing and preferences") {
        Category marketing;
        marketing.id = "marketing";
        Category preferences;
        preferences.id = "preferences";
        c.categories.push_back(marketing);
        c.categories.push_back(preferences);
        s.granted = {{"analytics", false}, {"external", false}, {"marketing", true}, {"preferences", false}};
        ordered_json u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u["ad_storage"] == "granted");
        CHECK(u["ad_user_data"] == "granted");
        CHECK(u["ad_personalization"] == "granted");
        CHECK(u["functionality_storage"] == "denied");
        CHECK(u["analytics_storage"] == "denied");
        s.granted["preferences"] = true;
        u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u["functionality_storage"] == "granted");
        CHECK(u["personalization_storage"] == "granted");
    }
    SUBCASE("configured mapping replaces the default; a type is granted when any granting category is") {
        c.consent_mode.types = {{"external", {"ad_storage", "analytics_storage"}},
                                {"analytics", {"analytics_storage"}},
                                {"necessary", {"security_storage"}}};
        s.granted = {{"analytics", true}, {"external", false}};
        ordered_json u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u["analytics_storage"] == "granted");
        CHECK(u["ad_storage"] == "denied");
        CHECK(u["security_storage"] == "granted");
        s.granted = {{"analytics", false}, {"external", true}};
        u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u["analytics_storage"] == "granted");
        CHECK(u["ad_storage"] == "granted");
        s.granted = {{"analytics", false}, {"external", false}};
        u = ordered_json::parse(consent_mode_update_json(c, s));
        CHECK(u["analytics_storage"] == "denied");
        CHECK(u["ad_storage"] == "denied");
    }
    SUBCASE("the change command carries the update last") {
        s.granted["analytics"] = true;
        ordered_json change = single(c, s, fx::EmitChange{});
        REQUIRE(change.contains("consentMode"));
        CHECK(std::prev(change.end()).key() == "consentMode");
        CHECK(change["consentMode"] == ordered_json::parse(consent_mode_update_json(c, s)));
        CHECK(change["consentMode"]["analytics_storage"] == "granted");
    }
}

TEST_CASE("consent mode with the state machine: a stored accept updates on every page view") {
    Config c = make_config();
    c.consent_mode.enabled = true;
    Record r = make_record(Method::AcceptAll);
    r.given_ms = r.updated_ms = 1'000'000;
    r.choices = {{"necessary", true}, {"analytics", true}, {"external", true}};
    msg::Start start;
    start.stored = encode_record(r, c.storage_key);
    start.now_ms = 2'000'000;
    start.lang = "nb";
    start.fresh_id = "ffffffffffffffffffffffffffffffff";
    Transition t = update(c, State{}, start);
    ordered_json cmds = commands(c, t.state, t.effects);
    const ordered_json* change = nullptr;
    for (const auto& cmd : cmds) {
        if (cmd["op"] == "change") change = &cmd;
    }
    REQUIRE(change != nullptr);
    CHECK((*change)["consentMode"]["analytics_storage"] == "granted");

    // A first visit (nothing stored) emits no change, so no update: the default holds.
    Transition first = update(c, State{}, msg::Start{std::nullopt, 2'000'000, false, "nb", "ffffffffffffffffffffffffffffffff"});
    for (const auto& cmd : commands(c, first.state, first.effects)) CHECK(cmd["op"] != "change");
}

// ---- Services ---------------------------------------------------------------------

namespace {

Config services_bridge_config() {
    Config c = make_config();
    c.categories[2].services = {fixtures::service("booking"), fixtures::service("chat")};
    return c;
}

}  // namespace

TEST_CASE("services: loadService, stopService with its storage only") {
    const Config c = services_bridge_config();
    const State s = make_state();
    CHECK(single(c, s, fx::LoadService{"chat"}) == ordered_json::parse(R"({"op":"loadService","service":"chat"})"));
    CHECK(single(c, s, fx::StopService{"chat"}) ==
          ordered_json::parse(R"({"op":"stopService","service":"chat","storage":[{"name":"chat_id","kind":"cookie"}]})"));
    CHECK(single(c, s, fx::StopService{"video"}) ==
          ordered_json::parse(R"({"op":"stopService","service":"video","storage":[]})"));
    // The category's stop lists only its own storage: its services stop on their own.
    CHECK(single(c, s, fx::StopCategory{"external"})["storage"] == ordered_json::array());
}

TEST_CASE("services: toggles gives the draft's state of every switch that has services") {
    const Config c = services_bridge_config();
    State s = make_state();
    s.dialog_open = true;
    s.draft = {{"analytics", true}, {"external", true}};
    s.draft_services = {{"booking", true}, {"chat", false}};
    CHECK(single(c, s, fx::SyncToggles{}) == ordered_json::parse(R"({"op":"toggles","states":{
        "kjeks-service-toggle-booking":true,"kjeks-service-toggle-chat":false,"kjeks-toggle-external":"mixed"}})"));
    s.draft_services["chat"] = true;
    CHECK(single(c, s, fx::SyncToggles{})["states"]["kjeks-toggle-external"] == true);
    s.draft_services = {{"booking", false}, {"chat", false}};
    CHECK(single(c, s, fx::SyncToggles{})["states"]["kjeks-toggle-external"] == false);
}

TEST_CASE("services: consent_json and the change command tell every service") {
    const Config c = services_bridge_config();
    State s = make_state();
    s.granted["external"] = true;
    s.services = {{"booking", true}, {"chat", false}};
    CHECK(consent_json(c, s) ==
          R"({"necessary":true,"analytics":false,"external":true,"services":{"booking":true,"chat":false}})");
    CHECK(single(c, s, fx::EmitChange{})["consent"]["services"] == ordered_json::parse(R"({"booking":true,"chat":false})"));
    // Without services in the config, no member.
    CHECK(consent_json(make_config(), s).find("services") == std::string::npos);
    // Fail closed: what the state grants, which a failed config never does.
    Config disabled = c;
    disabled.loading_disabled = true;
    const Transition t = update(disabled, State{}, msg::Start{std::nullopt, 1000, false, "nb", std::string(32, 'a')});
    const Transition granted = update(disabled, t.state, msg::GrantService{"chat", 2000});
    CHECK(consent_json(disabled, granted.state) ==
          R"({"necessary":true,"analytics":false,"external":false,"services":{"booking":false,"chat":false}})");
}
