// Tests for the consent state machine (src/machine.cpp, src/machine_print.cpp).
// Configs are built by hand so these tests do not depend on the default config.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <sstream>
#include <utility>
#include <variant>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/record.hpp"

#include "fixtures.hpp"

namespace machine_test {

using namespace kjeks;
// Declared here too: machine_test's own operator== would hide it otherwise.
using kjeks::operator==;

// std::variant's associated namespaces are std and kjeks::fx / kjeks::msg, so
// neither doctest nor std::vector's operator== find kjeks::operator== or
// kjeks::operator<< for Effect by themselves. Effects wraps a list of effects
// with an operator== that uses kjeks::operator==, and a StringMaker below.
struct Effects {
    std::vector<Effect> list;
};

bool operator==(const Effects& a, const Effects& b) {
    if (a.list.size() != b.list.size()) return false;
    for (std::size_t i = 0; i < a.list.size(); ++i) {
        if (!kjeks::operator==(a.list[i], b.list[i])) return false;
    }
    return true;
}

std::string to_text(const Effects& effects) {
    std::string out = "[";
    for (std::size_t i = 0; i < effects.list.size(); ++i) {
        if (i > 0) out += ", ";
        out += kjeks::to_string(effects.list[i]);
    }
    return out + "]";
}

}  // namespace machine_test

namespace doctest {
template <>
struct StringMaker<kjeks::Msg> {
    static String convert(const kjeks::Msg& msg) { return kjeks::to_string(msg).c_str(); }
};
template <>
struct StringMaker<kjeks::Effect> {
    static String convert(const kjeks::Effect& effect) { return kjeks::to_string(effect).c_str(); }
};
template <>
struct StringMaker<machine_test::Effects> {
    static String convert(const machine_test::Effects& effects) {
        return machine_test::to_text(effects).c_str();
    }
};
}  // namespace doctest

namespace machine_test {

// ---- Fixtures -----------------------------------------------------------------

constexpr std::int64_t day = 86'400'000;
constexpr std::int64_t t0 = 1'700'000'000'000;  // page load
constexpr std::int64_t t1 = t0 + 60'000;        // a click a minute later

const std::string fresh = "0123456789abcdef0123456789abcdef";
const std::string fresh2 = "fedcba9876543210fedcba9876543210";
const std::string old_id = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const std::string other_id = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const std::string endpoint = "/api/consent";

using fixtures::category;

Config make_config() { return fixtures::machine_config(); }

const Config& cfg() {
    static const Config config = make_config();
    return config;
}

Record make_record(const std::string& id, std::int64_t given, std::int64_t updated, bool analytics,
                   bool external, Method method, bool gpc = false) {
    Record r;
    r.id = id;
    r.given_ms = given;
    r.updated_ms = updated;
    r.revision = "2024-01";
    r.lang = "nb";
    r.choices = {{"necessary", true}, {"analytics", analytics}, {"external", external}};
    r.method = method;
    r.gpc = gpc;
    return r;
}

std::string encode(const Record& r, const Config& config = cfg()) {
    return encode_record(r, config.storage_key);
}

Effect write(const Record& r) { return fx::WriteRecord{encode(r)}; }
Effect proof(const Record& r) { return fx::SendProof{endpoint, proof_json(r)}; }
Effect load(const std::string& c) { return fx::LoadCategory{c}; }
Effect stop(const std::string& c) { return fx::StopCategory{c}; }
const Effect show_icon = fx::ShowIcon{};
const Effect show_banner = fx::ShowBanner{};
const Effect hide_banner = fx::HideBanner{};
const Effect show_dialog = fx::ShowDialog{};
const Effect hide_dialog = fx::HideDialog{};
const Effect emit_change = fx::EmitChange{};
const Effect focus_dialog = fx::MoveFocus{fx::Focus::Dialog};
const Effect focus_icon = fx::MoveFocus{fx::Focus::Icon};
const Effect focus_icon_if_lost = fx::MoveFocus{fx::Focus::Icon, true};
const Effect focus_settings = fx::MoveFocus{fx::Focus::BannerSettings};
const Effect focus_previous = fx::MoveFocus{fx::Focus::Previous};
const Effect load_necessary = fx::LoadCategory{"necessary"};
const Effect inject_beacon = fx::InjectBeacon{};
const Effect restart_beacon = fx::RestartBeacon{};
const Effect stop_beacon = fx::StopBeacon{};

Effects effects(std::vector<Effect> list = {}) { return Effects{std::move(list)}; }
Effects effects_of(const Transition& t) { return Effects{t.effects}; }

Transition step(const State& state, const Msg& msg, const Config& config = cfg()) {
    return update(config, state, msg);
}

msg::Start start_msg(std::optional<std::string> stored, std::int64_t now = t0, bool gpc = false,
                     const std::string& lang = "nb", const std::string& id = fresh) {
    msg::Start m;
    m.stored = std::move(stored);
    m.now_ms = now;
    m.gpc = gpc;
    m.lang = lang;
    m.fresh_id = id;
    return m;
}

State started(std::optional<std::string> stored, std::int64_t now = t0, bool gpc = false,
              const Config& config = cfg()) {
    return step(State{}, start_msg(std::move(stored), now, gpc), config).state;
}

// The decided record used throughout: analytics on, external off.
Record decided_record() { return make_record(old_id, t0 - 10 * day, t0 - 5 * day, true, false, Method::Custom); }
// What another tab writes: everything on.
Record other_record() { return make_record(other_id, t0 - day, t1 - 1000, true, true, Method::AcceptAll); }

State undecided() { return started(std::nullopt); }
State undecided_dialog() { return step(undecided(), msg::OpenSettings{msg::Opener::Banner}).state; }
State decided() { return started(encode(decided_record())); }
State decided_dialog() { return step(decided(), msg::OpenSettings{msg::Opener::Icon}).state; }

std::map<std::string, bool> granted(bool analytics, bool external) {
    return {{"analytics", analytics}, {"external", external}};
}

// The record a WriteRecord in t carries, decoded with the config's key.
std::optional<Record> written(const Transition& t, const Config& config = cfg()) {
    for (const Effect& e : t.effects) {
        if (const auto* w = std::get_if<fx::WriteRecord>(&e)) return decode_record(w->text, config.storage_key);
    }
    return std::nullopt;
}

template <class T>
int count(const std::vector<Effect>& list) {
    int n = 0;
    for (const Effect& e : list) n += std::holds_alternative<T>(e) ? 1 : 0;
    return n;
}

int count_focus(const std::vector<Effect>& list, const Effect& focus) {
    return static_cast<int>(std::count_if(list.begin(), list.end(), [&](const Effect& e) { return kjeks::operator==(e, focus); }));
}

// States compared field by field, now_ms aside (messages with a time update it).
bool same_state(const State& a, const State& b) {
    return a.phase == b.phase && a.record == b.record && a.granted == b.granted && a.draft == b.draft &&
           a.services == b.services && a.draft_services == b.draft_services &&
           a.banner_visible == b.banner_visible && a.dialog_open == b.dialog_open && a.opener == b.opener &&
           a.lang == b.lang && a.gpc == b.gpc && a.fresh_id == b.fresh_id && a.loaded == b.loaded;
}

// Every loaded category is granted: nothing runs without consent.
bool loaded_only_granted(const State& s) {
    for (const std::string& c : s.loaded) {
        if (!s.is_granted(c)) return false;
    }
    return true;
}

std::vector<std::string> sorted_loaded(State s) {
    std::sort(s.loaded.begin(), s.loaded.end());
    return s.loaded;
}

// ---- Fixture sanity -------------------------------------------------------------

TEST_CASE("fixture states are what the table assumes") {
    const State u = undecided();
    CHECK(u.phase == Phase::Undecided);
    CHECK(u.banner_visible);
    CHECK_FALSE(u.dialog_open);
    CHECK(u.granted == granted(false, false));
    CHECK(u.loaded.empty());
    CHECK_FALSE(u.record.has_value());

    const State ud = undecided_dialog();
    CHECK(ud.dialog_open);
    CHECK(ud.banner_visible);
    CHECK(ud.draft == granted(false, false));
    CHECK(ud.opener == msg::Opener::Banner);

    const State d = decided();
    CHECK(d.phase == Phase::Decided);
    CHECK_FALSE(d.banner_visible);
    CHECK_FALSE(d.dialog_open);
    CHECK(d.granted == granted(true, false));
    CHECK(d.loaded == std::vector<std::string>{"analytics"});
    REQUIRE(d.record.has_value());
    CHECK(*d.record == decided_record());

    const State dd = decided_dialog();
    CHECK(dd.dialog_open);
    CHECK(dd.draft == granted(true, false));
    CHECK(dd.opener == msg::Opener::Icon);
}

// ---- Every message in every phase ---------------------------------------------

struct Row {
    std::string phase;
    State before;
    Msg msg;
    Effects expected;
    Phase after;
    bool banner;
    bool dialog;
    std::map<std::string, bool> granted_after;
    bool unchanged;  // the state is exactly as before (now_ms aside)
};

std::vector<Row> table() {
    const State starting{};
    const State u = undecided();
    const State ud = undecided_dialog();
    const State d = decided();
    const State dd = decided_dialog();

    const Msg start = start_msg(std::nullopt, t1, true, "en", fresh2);
    const Msg accept = msg::AcceptAll{t1};
    const Msg decline = msg::DeclineAll{t1};
    const Msg open = msg::OpenSettings{msg::Opener::Api};
    const Msg toggle = msg::Toggle{"external", true};
    const Msg save = msg::Save{t1};
    const Msg close = msg::Close{};
    const Msg grant = msg::Grant{"external", t1};
    const Msg storage = msg::StorageChanged{encode(other_record()), t1};
    const Msg tick = msg::TimePassed{t1};

    // Records a decision at t1 writes: new (Undecided) or keeping id and given (Decided).
    const auto fresh_rec = [](bool a, bool e, Method m) { return make_record(fresh, t1, t1, a, e, m); };
    const auto kept_rec = [](bool a, bool e, Method m) {
        return make_record(old_id, t0 - 10 * day, t1, a, e, m);
    };

    const Phase S = Phase::Starting, U = Phase::Undecided, D = Phase::Decided;
    const auto none = granted(false, false);
    const auto a_only = granted(true, false);
    const auto e_only = granted(false, true);
    const auto both = granted(true, true);

    std::vector<Row> rows;
    // Starting: only Start does anything.
    rows.push_back({"Starting", starting, start_msg(std::nullopt),
                    effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}), U, true, false,
                    none, false});
    for (const Msg& m : {accept, decline, open, toggle, save, close, grant, storage, tick}) {
        rows.push_back({"Starting", starting, m, effects(), S, false, false, {}, true});
    }

    // Undecided, banner shown, dialog closed.
    {
        const Record all = fresh_rec(true, true, Method::AcceptAll);
        const Record no = fresh_rec(false, false, Method::DeclineAll);
        const Record ext = fresh_rec(false, true, Method::Custom);
        rows.push_back({"Undecided", u, start, effects(), U, true, false, none, true});
        rows.push_back({"Undecided", u, accept,
                        effects({write(all), hide_banner, focus_icon_if_lost, proof(all), emit_change,
                                 load("analytics"), inject_beacon, load("external")}),
                        D, false, false, both, false});
        rows.push_back({"Undecided", u, decline,
                        effects({write(no), hide_banner, focus_icon_if_lost, proof(no), emit_change}), D, false,
                        false, none, false});
        rows.push_back({"Undecided", u, open, effects({show_dialog, focus_dialog}), U, true, true, none, false});
        rows.push_back({"Undecided", u, toggle, effects(), U, true, false, none, true});
        rows.push_back({"Undecided", u, save, effects(), U, true, false, none, true});
        rows.push_back({"Undecided", u, close, effects(), U, true, false, none, true});
        rows.push_back({"Undecided", u, grant,
                        effects({write(ext), hide_banner, focus_icon_if_lost, proof(ext), emit_change,
                                 load("external")}),
                        D, false, false, e_only, false});
        rows.push_back({"Undecided", u, storage,
                        effects({hide_banner, focus_icon_if_lost, emit_change, load("analytics"), inject_beacon,
                                 load("external")}),
                        D, false, false, both, false});
        rows.push_back({"Undecided", u, tick, effects(), U, true, false, none, true});
    }

    // Undecided, banner shown, dialog open (draft all off).
    {
        const Record all = fresh_rec(true, true, Method::AcceptAll);
        const Record no = fresh_rec(false, false, Method::DeclineAll);
        const Record custom_none = fresh_rec(false, false, Method::Custom);
        const Record ext = fresh_rec(false, true, Method::Custom);
        const std::string p = "Undecided+dialog";
        rows.push_back({p, ud, start, effects(), U, true, true, none, true});
        rows.push_back({p, ud, accept,
                        effects({write(all), hide_banner, hide_dialog, focus_icon, proof(all), emit_change,
                                 load("analytics"), inject_beacon, load("external")}),
                        D, false, false, both, false});
        rows.push_back({p, ud, decline,
                        effects({write(no), hide_banner, hide_dialog, focus_icon, proof(no), emit_change}), D,
                        false, false, none, false});
        rows.push_back({p, ud, open, effects(), U, true, true, none, true});
        rows.push_back({p, ud, toggle, effects(), U, true, true, none, false});
        rows.push_back({p, ud, save,
                        effects({write(custom_none), hide_banner, hide_dialog, focus_icon, proof(custom_none),
                                 emit_change}),
                        D, false, false, none, false});
        // Opened from the banner, which is still there: focus goes back to its settings button.
        rows.push_back({p, ud, close, effects({hide_dialog, focus_settings}), U, true, false, none, false});
        rows.push_back({p, ud, grant,
                        effects({write(ext), hide_banner, hide_dialog, focus_icon, proof(ext), emit_change,
                                 load("external")}),
                        D, false, false, e_only, false});
        rows.push_back({p, ud, storage,
                        effects({hide_banner, hide_dialog, focus_icon, emit_change, load("analytics"),
                                 inject_beacon, load("external")}),
                        D, false, false, both, false});
        rows.push_back({p, ud, tick, effects(), U, true, true, none, true});
    }

    // Decided (analytics on, external off), nothing shown.
    {
        const Record all = kept_rec(true, true, Method::AcceptAll);
        const Record no = kept_rec(false, false, Method::DeclineAll);
        const Record plus_ext = kept_rec(true, true, Method::Custom);
        rows.push_back({"Decided", d, start, effects(), D, false, false, a_only, true});
        rows.push_back({"Decided", d, accept, effects({write(all), proof(all), emit_change, load("external")}), D,
                        false, false, both, false});
        rows.push_back({"Decided", d, decline,
                        effects({write(no), stop_beacon, stop("analytics"), proof(no), emit_change}), D, false,
                        false, none, false});
        rows.push_back({"Decided", d, open, effects({show_dialog, focus_dialog}), D, false, true, a_only, false});
        rows.push_back({"Decided", d, toggle, effects(), D, false, false, a_only, true});
        rows.push_back({"Decided", d, save, effects(), D, false, false, a_only, true});
        rows.push_back({"Decided", d, close, effects(), D, false, false, a_only, true});
        rows.push_back({"Decided", d, grant,
                        effects({write(plus_ext), proof(plus_ext), emit_change, load("external")}), D, false, false,
                        both, false});
        rows.push_back({"Decided", d, storage, effects({emit_change, load("external")}), D, false, false, both,
                        false});
        rows.push_back({"Decided", d, tick, effects(), D, false, false, a_only, true});
    }

    // Decided, dialog open (draft = analytics on, external off).
    {
        const Record all = kept_rec(true, true, Method::AcceptAll);
        const Record no = kept_rec(false, false, Method::DeclineAll);
        const Record same = kept_rec(true, false, Method::Custom);
        const Record plus_ext = kept_rec(true, true, Method::Custom);
        const std::string p = "Decided+dialog";
        rows.push_back({p, dd, start, effects(), D, false, true, a_only, true});
        rows.push_back({p, dd, accept,
                        effects({write(all), hide_dialog, focus_icon, proof(all), emit_change, load("external")}),
                        D, false, false, both, false});
        rows.push_back({p, dd, decline,
                        effects({write(no), stop_beacon, stop("analytics"), hide_dialog, focus_icon, proof(no),
                                 emit_change}),
                        D, false, false, none, false});
        rows.push_back({p, dd, open, effects(), D, false, true, a_only, true});
        rows.push_back({p, dd, toggle, effects(), D, false, true, a_only, false});
        // Saving an unchanged draft is still a decision: the dialog was shown.
        rows.push_back({p, dd, save, effects({write(same), hide_dialog, focus_icon, proof(same), emit_change}),
                        D, false, false, a_only, false});
        rows.push_back({p, dd, close, effects({hide_dialog, focus_icon}), D, false, false, a_only, false});
        rows.push_back({p, dd, grant,
                        effects({write(plus_ext), hide_dialog, focus_icon, proof(plus_ext), emit_change,
                                 load("external")}),
                        D, false, false, both, false});
        rows.push_back({p, dd, storage, effects({hide_dialog, focus_icon, emit_change, load("external")}), D,
                        false, false, both, false});
        rows.push_back({p, dd, tick, effects(), D, false, true, a_only, true});
    }

    // The services' messages do nothing for a service the config does not
    // have (this config has none; "services" below has the rest).
    const Msg toggle_service = msg::ToggleService{"booking", true};
    const Msg grant_service = msg::GrantService{"booking", t1};
    const std::vector<std::pair<std::string, const State*>> phases = {
        {"Starting", &starting}, {"Undecided", &u}, {"Undecided+dialog", &ud}, {"Decided", &d}, {"Decided+dialog", &dd}};
    for (const auto& [name, before] : phases) {
        for (const Msg& m : {toggle_service, grant_service}) {
            rows.push_back({name, *before, m, effects(), before->phase, before->banner_visible, before->dialog_open,
                            before->phase == S ? std::map<std::string, bool>{} : before->granted, true});
        }
    }
    return rows;
}

TEST_CASE("every message in every phase") {
    const std::vector<Row> rows = table();
    CHECK(rows.size() == 60);  // 5 phases x 12 messages
    for (const Row& row : rows) {
        INFO(row.phase, " <- ", kjeks::to_string(row.msg));
        const Transition t = step(row.before, row.msg);
        CHECK(effects_of(t) == row.expected);
        CHECK(t.state.phase == row.after);
        CHECK(t.state.banner_visible == row.banner);
        CHECK(t.state.dialog_open == row.dialog);
        CHECK(t.state.granted == row.granted_after);
        CHECK(loaded_only_granted(t.state));
        if (row.unchanged) CHECK(same_state(t.state, row.before));
        if (!t.state.dialog_open) CHECK(t.state.draft.empty());
        // A decision's record is the one in force afterwards.
        if (const std::optional<Record> w = written(t)) {
            REQUIRE(t.state.record.has_value());
            CHECK(*w == *t.state.record);
        }
    }
}

TEST_CASE("the table covers every message type in every phase") {
    std::map<std::string, std::vector<bool>> seen;
    for (const Row& row : table()) {
        auto& kinds = seen[row.phase];
        kinds.resize(std::variant_size_v<Msg>, false);
        kinds[row.msg.index()] = true;
    }
    CHECK(seen.size() == 5);
    for (const auto& entry : seen) {
        INFO(entry.first);
        CHECK(std::count(entry.second.begin(), entry.second.end(), true) ==
              static_cast<long>(std::variant_size_v<Msg>));
    }
}

// ---- Start ------------------------------------------------------------------------

TEST_CASE("Start with a current record decides at once") {
    const Transition t = step(State{}, start_msg(encode(decided_record())));
    CHECK(effects_of(t) == effects({stop("external"), emit_change, load_necessary, load("analytics"), inject_beacon, show_icon}));
    CHECK(t.state.phase == Phase::Decided);
    CHECK_FALSE(t.state.banner_visible);
    CHECK(t.state.loaded == std::vector<std::string>{"analytics"});
    CHECK(t.state.lang == "nb");
    CHECK(t.state.fresh_id == fresh);
    CHECK(count<fx::WriteRecord>(t.effects) == 0);
    CHECK(count<fx::SendProof>(t.effects) == 0);
}

TEST_CASE("Start after the first-visit start added the beacon: not added twice, stopped unless granted") {
    msg::Start granting = start_msg(encode(decided_record()));
    granting.beacon_present = true;
    const Transition kept = step(State{}, granting);
    CHECK(effects_of(kept) ==
          effects({stop("external"), emit_change, load_necessary, load("analytics"), restart_beacon, show_icon}));
    CHECK(kept.state.beacon_injected);

    msg::Start undecided_start = start_msg(std::nullopt);
    undecided_start.beacon_present = true;
    const Transition stopped = step(State{}, undecided_start);
    CHECK(effects_of(stopped) ==
          effects({show_icon, stop("analytics"), stop("external"), show_banner, stop_beacon, load_necessary}));
    // Still in the page, stopped: accepting restarts it rather than adding a second one.
    const Transition accepted = step(stopped.state, msg::AcceptAll{t1});
    CHECK(count<fx::InjectBeacon>(accepted.effects) == 0);
    CHECK(count<fx::RestartBeacon>(accepted.effects) == 1);

    msg::Start declined = start_msg(encode(make_record(old_id, t0 - day, t0 - day, false, false, Method::DeclineAll)));
    declined.beacon_present = true;
    CHECK(count<fx::StopBeacon>(step(State{}, declined).effects) == 1);

    msg::Start gpc = start_msg(std::nullopt, t0, true);
    gpc.beacon_present = true;
    CHECK(count<fx::StopBeacon>(step(State{}, gpc).effects) == 1);

    msg::Start without = start_msg(std::nullopt);
    CHECK(count<fx::StopBeacon>(step(State{}, without).effects) == 0);
}

TEST_CASE("Start with everything granted loads every category in config order") {
    const Record all = make_record(old_id, t0 - day, t0 - day, true, true, Method::AcceptAll);
    const Transition t = step(State{}, start_msg(encode(all)));
    CHECK(effects_of(t) == effects({emit_change, load_necessary, load("analytics"), inject_beacon, load("external"), show_icon}));
    CHECK(sorted_loaded(t.state) == std::vector<std::string>{"analytics", "external"});
}

TEST_CASE("a stored decline is respected on the next page view: no banner") {
    const Transition first = step(undecided(), msg::DeclineAll{t1});
    REQUIRE(count<fx::WriteRecord>(first.effects) == 1);
    const std::string text = std::get<fx::WriteRecord>(first.effects.front()).text;

    const Transition next = step(State{}, start_msg(text, t1 + 30 * day));
    CHECK(effects_of(next) == effects({stop("analytics"), stop("external"), emit_change, load_necessary, show_icon}));
    CHECK(next.state.phase == Phase::Decided);
    CHECK_FALSE(next.state.banner_visible);
    CHECK(count<fx::ShowBanner>(next.effects) == 0);
    CHECK(next.state.granted == granted(false, false));
    REQUIRE(next.state.record.has_value());
    CHECK(next.state.record->method == Method::DeclineAll);
}

TEST_CASE("a missing, corrupt or foreign record counts as no decision") {
    const Effects ask = effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary});
    std::string tampered = encode(make_record(old_id, t0 - day, t0 - day, true, true, Method::AcceptAll));
    const auto pos = tampered.find("\"analytics\":true");
    REQUIRE(pos != std::string::npos);
    tampered.replace(pos, 16, "\"analytics\":fals");  // broken JSON
    std::string flipped = encode(decided_record());
    flipped.replace(flipped.find("\"external\":false"), 16, "\"external\":true");  // checksum mismatch
    Config other_key = make_config();
    other_key.storage_key = "other.key";

    const std::vector<std::optional<std::string>> texts = {
        std::nullopt,
        std::string(),
        std::string("not a record"),
        std::string("{}"),
        tampered,
        flipped,
        encode(decided_record(), other_key),
    };
    for (const auto& text : texts) {
        INFO(text.value_or("<none>"));
        const Transition t = step(State{}, start_msg(text));
        CHECK(effects_of(t) == ask);
        CHECK(t.state.phase == Phase::Undecided);
        CHECK(t.state.banner_visible);
        CHECK_FALSE(t.state.record.has_value());
        CHECK(t.state.loaded.empty());
    }
}

TEST_CASE("a revision change asks again and the next decision gets a new id") {
    Record r = decided_record();
    r.revision = "2023-12";
    const Transition t = step(State{}, start_msg(encode(r)));
    CHECK(effects_of(t) == effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}));
    CHECK(t.state.phase == Phase::Undecided);
    CHECK_FALSE(t.state.record.has_value());
    CHECK(t.state.loaded.empty());

    const Transition accepted = step(t.state, msg::AcceptAll{t1});
    const std::optional<Record> w = written(accepted);
    REQUIRE(w.has_value());
    CHECK(w->id == fresh);
    CHECK(w->given_ms == t1);
    CHECK(w->revision == "2024-01");
}

TEST_CASE("expiry at Start: the boundary is updated_ms + expiry_days") {
    const std::int64_t expiry = 182 * day;
    const Record just_expired = make_record(old_id, t0 - expiry - day, t0 - expiry, true, false, Method::Custom);
    const Record just_valid = make_record(old_id, t0 - expiry - day, t0 - expiry + 1, true, false, Method::Custom);

    const Transition expired = step(State{}, start_msg(encode(just_expired)));
    CHECK(effects_of(expired) == effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}));
    CHECK(expired.state.phase == Phase::Undecided);

    const Transition valid = step(State{}, start_msg(encode(just_valid)));
    CHECK(effects_of(valid) == effects({stop("external"), emit_change, load_necessary, load("analytics"), inject_beacon, show_icon}));
    CHECK(valid.state.phase == Phase::Decided);

    // A shorter configured expiry.
    Config short_expiry = make_config();
    short_expiry.expiry_days = 1;
    const Record two_days = make_record(old_id, t0 - 2 * day, t0 - 2 * day, true, false, Method::Custom);
    CHECK(started(encode(two_days), t0, false, short_expiry).phase == Phase::Undecided);
    CHECK(started(encode(two_days), t0, false).phase == Phase::Decided);
}

TEST_CASE("TimePassed crossing the expiry asks again") {
    const Record r = make_record(old_id, t0 - 181 * day, t0 - 181 * day, true, false, Method::Custom);
    const State d = started(encode(r));
    REQUIRE(d.phase == Phase::Decided);
    const std::int64_t expires_at = t0 + day;  // updated + 182 days

    const Transition before = step(d, msg::TimePassed{expires_at - 1});
    CHECK(effects_of(before) == effects());
    CHECK(before.state.phase == Phase::Decided);

    const Transition after = step(before.state, msg::TimePassed{expires_at});
    CHECK(effects_of(after) == effects({stop_beacon, stop("analytics"), show_banner, emit_change}));
    CHECK(after.state.phase == Phase::Undecided);
    CHECK(after.state.banner_visible);
    CHECK_FALSE(after.state.record.has_value());
    CHECK(after.state.granted == granted(false, false));
    CHECK(after.state.loaded.empty());

    // Ticking on does nothing more.
    CHECK(effects_of(step(after.state, msg::TimePassed{expires_at + day})) == effects());

    // The next decision is a new record, not the expired one continued.
    const Transition accepted = step(after.state, msg::AcceptAll{expires_at + 5});
    const std::optional<Record> w = written(accepted);
    REQUIRE(w.has_value());
    CHECK(w->id == fresh);
    CHECK(w->given_ms == expires_at + 5);
    CHECK(w->updated_ms == expires_at + 5);
    // The beacon script is still in the page from before the expiry: it is restarted, not added again.
    CHECK(effects_of(accepted) == effects({write(*w), hide_banner, focus_icon_if_lost, proof(*w), emit_change,
                                           load("analytics"), restart_beacon, load("external")}));
}

TEST_CASE("a decision after one that ended within the page view gets the fresh id its message brought") {
    Config short_expiry = cfg();
    short_expiry.expiry_days = 1;
    const State first = step(started(std::nullopt, t0, false, short_expiry), msg::AcceptAll{t1}, short_expiry).state;
    REQUIRE(first.record.has_value());
    REQUIRE(first.record->id == fresh);

    SUBCASE("expiry") {
        const Transition expired = step(first, msg::TimePassed{t1 + 2 * day, fresh2}, short_expiry);
        REQUIRE(expired.state.phase == Phase::Undecided);
        const std::optional<Record> w = written(step(expired.state, msg::AcceptAll{t1 + 2 * day}, short_expiry),
                                                short_expiry);
        REQUIRE(w.has_value());
        CHECK(w->id == fresh2);
    }
    SUBCASE("withdrawn in another tab") {
        const Transition removed = step(first, msg::StorageChanged{std::nullopt, t1 + 5, fresh2}, short_expiry);
        REQUIRE(removed.state.phase == Phase::Undecided);
        const std::optional<Record> w = written(step(removed.state, msg::DeclineAll{t1 + 9}, short_expiry),
                                                short_expiry);
        REQUIRE(w.has_value());
        CHECK(w->id == fresh2);
    }
    SUBCASE("a tick that ends nothing changes nothing a decision keeps") {
        const Transition ticked = step(first, msg::TimePassed{t1 + 5, fresh2}, short_expiry);
        const std::optional<Record> w = written(step(ticked.state, msg::DeclineAll{t1 + 9}, short_expiry),
                                                short_expiry);
        REQUIRE(w.has_value());
        CHECK(w->id == fresh);  // still the same decision, changed
        CHECK(w->given_ms == t1);
    }
}

TEST_CASE("TimePassed with the dialog open keeps the dialog") {
    const Record r = make_record(old_id, t0 - 181 * day, t0 - 181 * day, true, true, Method::AcceptAll);
    const State d = step(started(encode(r)), msg::OpenSettings{msg::Opener::Icon}).state;
    const Transition t = step(d, msg::TimePassed{t0 + day});
    CHECK(effects_of(t) == effects({stop_beacon, stop("analytics"), stop("external"), show_banner, emit_change}));
    CHECK(t.state.dialog_open);
    CHECK(t.state.banner_visible);
}

TEST_CASE("a record from the future counts as no decision") {
    const Record given_ahead = make_record(old_id, t0 + day + 1, t0 + day + 1, true, false, Method::Custom);
    const Record updated_ahead = make_record(old_id, t0 - day, t0 + day + 1, true, false, Method::Custom);
    const Record within_a_day = make_record(old_id, t0 + day, t0 + day, true, false, Method::Custom);

    CHECK(started(encode(given_ahead)).phase == Phase::Undecided);
    CHECK(started(encode(updated_ahead)).phase == Phase::Undecided);
    // Up to 24 hours of clock skew is tolerated.
    CHECK(started(encode(within_a_day)).phase == Phase::Decided);

    // Deciding while the kept record is ahead of the clock never writes
    // given after updated (such a record would not decode).
    const Transition t = step(started(encode(within_a_day)), msg::AcceptAll{t0});
    const std::optional<Record> w = written(t);
    REQUIRE(w.has_value());
    CHECK(w->id == old_id);
    CHECK(w->given_ms == t0);
    CHECK(w->updated_ms == t0);
}

TEST_CASE("a record missing a configured category, or with an extra one, asks again") {
    Record missing = decided_record();
    missing.choices.erase("external");
    Record extra = decided_record();
    extra.choices["marketing"] = false;
    REQUIRE(decode_record(encode(missing), "kjeks.test").has_value());
    REQUIRE(decode_record(encode(extra), "kjeks.test").has_value());

    for (const Record& r : {missing, extra}) {
        const Transition t = step(State{}, start_msg(encode(r)));
        CHECK(effects_of(t) == effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}));
        CHECK(t.state.phase == Phase::Undecided);
    }

    // A config that gained a category asks again on every page.
    Config more = make_config();
    more.categories.push_back(category("preferences"));
    CHECK(started(encode(decided_record()), t0, false, more).phase == Phase::Undecided);
}

TEST_CASE("a record with another set of categories of the same size asks again, and loads nothing") {
    // Config: necessary, analytics, external. Record: necessary, analytics,
    // marketing, everything granted.
    Record swapped = make_record(old_id, t0 - day, t0 - day, true, true, Method::AcceptAll);
    swapped.choices.erase("external");
    swapped.choices["marketing"] = true;
    REQUIRE(swapped.choices.size() == cfg().categories.size());
    REQUIRE(decode_record(encode(swapped), "kjeks.test").has_value());

    const Transition t = step(State{}, start_msg(encode(swapped)));
    CHECK(effects_of(t) == effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}));
    CHECK(t.state.phase == Phase::Undecided);
    CHECK_FALSE(t.state.is_granted("analytics"));
    CHECK_FALSE(t.state.record.has_value());

    // An open category swapped for another the same way.
    Config chat = make_config();
    chat.categories[2] = category("chat");
    Record video = swapped;
    video.choices.erase("marketing");
    video.choices["video"] = true;
    CHECK(started(encode(video, chat), t0, false, chat).phase == Phase::Undecided);
    Record chat_record = video;
    chat_record.choices.erase("video");
    chat_record.choices["chat"] = true;
    CHECK(started(encode(chat_record, chat), t0, false, chat).phase == Phase::Decided);
}

TEST_CASE("record_is_current") {
    const Config& c = cfg();
    const Record r = decided_record();
    CHECK(record_is_current(c, r, t0));

    Record other_revision = r;
    other_revision.revision = "2024-02";
    CHECK_FALSE(record_is_current(c, other_revision, t0));

    CHECK(record_is_current(c, r, r.updated_ms + 182 * day - 1));
    CHECK_FALSE(record_is_current(c, r, r.updated_ms + 182 * day));

    Record future_given = r;
    future_given.given_ms = t0 + day + 1;
    future_given.updated_ms = t0 + day + 1;
    CHECK_FALSE(record_is_current(c, future_given, t0));
    Record only_given_ahead = r;  // would not decode (given > updated), still not current
    only_given_ahead.given_ms = t0 + day + 1;
    CHECK_FALSE(record_is_current(c, only_given_ahead, t0));
    Record only_updated_ahead = r;
    only_updated_ahead.updated_ms = t0 + day + 1;
    CHECK_FALSE(record_is_current(c, only_updated_ahead, t0));
    Record edge = r;
    edge.given_ms = t0 + day;
    edge.updated_ms = t0 + day;
    CHECK(record_is_current(c, edge, t0));

    Record necessary_off = r;
    necessary_off.choices["necessary"] = false;
    CHECK_FALSE(record_is_current(c, necessary_off, t0));

    Record no_necessary = r;
    no_necessary.choices.erase("necessary");
    CHECK_FALSE(record_is_current(c, no_necessary, t0));

    Record missing = r;
    missing.choices.erase("analytics");
    CHECK_FALSE(record_is_current(c, missing, t0));

    Record extra = r;
    extra.choices["marketing"] = true;
    CHECK_FALSE(record_is_current(c, extra, t0));

    // The same number of categories, not the same ones.
    Record swapped = r;
    swapped.choices.erase("external");
    swapped.choices["marketing"] = false;
    REQUIRE(swapped.choices.size() == c.categories.size());
    CHECK_FALSE(record_is_current(c, swapped, t0));
    Record swapped_optional_off = swapped;
    swapped_optional_off.choices["analytics"] = false;
    CHECK_FALSE(record_is_current(c, swapped_optional_off, t0));

    // The record's language does not matter: a choice made in Nynorsk holds on an English page.
    Record nynorsk = r;
    nynorsk.lang = "nn";
    CHECK(record_is_current(c, nynorsk, t0));

    // Huge values do not overflow.
    Config forever = make_config();
    forever.expiry_days = std::numeric_limits<std::int64_t>::max();
    CHECK(record_is_current(forever, r, std::numeric_limits<std::int64_t>::max() - 1));
    CHECK_FALSE(record_is_current(c, r, std::numeric_limits<std::int64_t>::max()));
    CHECK_FALSE(record_is_current(c, r, std::numeric_limits<std::int64_t>::min()));
}

// ---- Global Privacy Control -----------------------------------------------------

TEST_CASE("GPC respected: a browser-signal record, everything off, no banner") {
    const Transition t = step(State{}, start_msg(std::nullopt, t0, true));
    const Record expected = make_record(fresh, t0, t0, false, false, Method::BrowserSignal, true);
    CHECK(effects_of(t) ==
          effects({show_icon, write(expected), stop("analytics"), stop("external"), proof(expected), emit_change,
                   load_necessary}));
    CHECK(t.state.phase == Phase::Decided);
    CHECK_FALSE(t.state.banner_visible);
    CHECK(t.state.gpc);
    REQUIRE(t.state.record.has_value());
    CHECK(*t.state.record == expected);
    const std::optional<Record> w = written(t);
    REQUIRE(w.has_value());
    CHECK(w->method == Method::BrowserSignal);
    CHECK(w->gpc);
    CHECK(w->choices == std::map<std::string, bool>{{"necessary", true}, {"analytics", false}, {"external", false}});
}

TEST_CASE("GPC not respected: the banner asks, the signal is still recorded") {
    Config ignore = make_config();
    ignore.respect_gpc = false;
    const Transition t = step(State{}, start_msg(std::nullopt, t0, true), ignore);
    CHECK(effects_of(t) == effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}));
    CHECK(t.state.phase == Phase::Undecided);
    CHECK(t.state.gpc);

    const Transition accepted = step(t.state, msg::AcceptAll{t1}, ignore);
    const std::optional<Record> w = written(accepted, ignore);
    REQUIRE(w.has_value());
    CHECK(w->method == Method::AcceptAll);
    CHECK(w->gpc);
}

TEST_CASE("GPC does not override a stored explicit choice") {
    const Transition t = step(State{}, start_msg(encode(decided_record()), t0, true));
    CHECK(effects_of(t) == effects({stop("external"), emit_change, load_necessary, load("analytics"), inject_beacon, show_icon}));
    CHECK(t.state.phase == Phase::Decided);
}

TEST_CASE("GPC then an explicit accept: recorded as accept_all with gpc true") {
    const State gpc = started(std::nullopt, t0, true);
    REQUIRE(gpc.phase == Phase::Decided);

    // Through the dialog.
    const State open = step(gpc, msg::OpenSettings{msg::Opener::Icon}).state;
    const Transition t = step(open, msg::AcceptAll{t1});
    const Record expected = make_record(fresh, t0, t1, true, true, Method::AcceptAll, true);
    CHECK(effects_of(t) == effects({write(expected), hide_dialog, focus_icon, proof(expected), emit_change,
                                    load("analytics"), inject_beacon, load("external")}));
    const std::optional<Record> w = written(t);
    REQUIRE(w.has_value());
    CHECK(w->method == Method::AcceptAll);
    CHECK(w->gpc);
    CHECK(w->id == fresh);       // the browser-signal record's id
    CHECK(w->given_ms == t0);    // and its first decision time
    CHECK(w->updated_ms == t1);

    // Through the API, nothing shown: it changes the choices, so it counts.
    const Transition api = step(gpc, msg::AcceptAll{t1});
    CHECK(effects_of(api) == effects({write(expected), proof(expected), emit_change, load("analytics"),
                                      inject_beacon, load("external")}));
}

// ---- Decisions --------------------------------------------------------------------

TEST_CASE("a double AcceptAll writes one record") {
    const Transition first = step(undecided(), msg::AcceptAll{t1});
    const Transition second = step(first.state, msg::AcceptAll{t1 + 200});
    CHECK(count<fx::WriteRecord>(first.effects) == 1);
    CHECK(effects_of(second) == effects());
    CHECK(second.state.record == first.state.record);
    CHECK(second.state.loaded == first.state.loaded);

    const Transition decline1 = step(undecided(), msg::DeclineAll{t1});
    const Transition decline2 = step(decline1.state, msg::DeclineAll{t1 + 200});
    CHECK(count<fx::WriteRecord>(decline1.effects) == 1);
    CHECK(effects_of(decline2) == effects());

    // A Grant of what is already granted, nothing shown: no-op too.
    CHECK(effects_of(step(decided(), msg::Grant{"analytics", t1})) == effects());
    // But a different choice is a new decision.
    CHECK(count<fx::WriteRecord>(step(first.state, msg::DeclineAll{t1 + 300}).effects) == 1);
}

TEST_CASE("a decision on an expired record writes a new one even if unchanged") {
    // Expired but no TimePassed delivered yet; nothing shown.
    const Record r = make_record(old_id, t0 - 181 * day, t0 - 181 * day, true, true, Method::AcceptAll);
    const State d = started(encode(r));
    const Transition t = step(d, msg::AcceptAll{t0 + day});
    const std::optional<Record> w = written(t);
    REQUIRE(w.has_value());
    CHECK(w->id == fresh);
    CHECK(w->given_ms == t0 + day);
    CHECK(effects_of(t) == effects({write(*w), proof(*w), emit_change}));  // already loaded
}

TEST_CASE("Grant records one category as custom") {
    const Transition t = step(undecided(), msg::Grant{"analytics", t1});
    const Record expected = make_record(fresh, t1, t1, true, false, Method::Custom);
    CHECK(effects_of(t) == effects({write(expected), hide_banner, focus_icon_if_lost, proof(expected), emit_change,
                                    load("analytics"), inject_beacon}));
    CHECK(t.state.granted == granted(true, false));
    CHECK(t.state.is_granted("analytics"));
    CHECK_FALSE(t.state.is_granted("external"));

    // Unknown and necessary categories are ignored, in every phase.
    for (const State& s : {undecided(), undecided_dialog(), decided(), decided_dialog()}) {
        for (const char* c : {"necessary", "marketing", ""}) {
            INFO(c);
            const Transition g = step(s, msg::Grant{c, t1});
            CHECK(effects_of(g) == effects());
            CHECK(same_state(g.state, s));
        }
    }
}

TEST_CASE("Save records the custom choices from the dialog") {
    State s = undecided();
    s = step(s, msg::OpenSettings{msg::Opener::Banner}).state;
    for (const Msg& m : {Msg{msg::Toggle{"external", true}}, Msg{msg::Toggle{"analytics", true}},
                         Msg{msg::Toggle{"analytics", false}}}) {
        const Transition t = step(s, m);
        CHECK(effects_of(t) == effects());
        s = t.state;
    }
    CHECK(s.draft == granted(false, true));
    CHECK(s.granted == granted(false, false));  // nothing applies before Save

    const Transition saved = step(s, msg::Save{t1});
    const Record expected = make_record(fresh, t1, t1, false, true, Method::Custom);
    CHECK(effects_of(saved) == effects({write(expected), hide_banner, hide_dialog, focus_icon, proof(expected),
                                        emit_change, load("external")}));
    CHECK(saved.state.granted == granted(false, true));
    CHECK(saved.state.draft.empty());
    CHECK_FALSE(saved.state.dialog_open);
    CHECK(saved.state.loaded == std::vector<std::string>{"external"});
}

TEST_CASE("toggles on unknown or necessary categories are ignored") {
    const State open = undecided_dialog();
    for (const char* c : {"necessary", "marketing", "Analytics", ""}) {
        for (bool on : {true, false}) {
            INFO(c, " ", on);
            const Transition t = step(open, msg::Toggle{c, on});
            CHECK(effects_of(t) == effects());
            CHECK(same_state(t.state, open));
        }
    }
    // The record always keeps necessary on.
    const State toggled = step(open, msg::Toggle{"necessary", false}).state;
    const std::optional<Record> w = written(step(toggled, msg::Save{t1}));
    REQUIRE(w.has_value());
    CHECK(w->choices == std::map<std::string, bool>{{"necessary", true}, {"analytics", false}, {"external", false}});
}

TEST_CASE("effects come in the specified order") {
    // Decided (analytics on), dialog open, swap the choices: every kind of
    // decision effect at once.
    State s = decided_dialog();
    s = step(s, msg::Toggle{"analytics", false}).state;
    s = step(s, msg::Toggle{"external", true}).state;
    const Transition t = step(s, msg::Save{t1});
    const Record expected = make_record(old_id, t0 - 10 * day, t1, false, true, Method::Custom);
    CHECK(effects_of(t) == effects({write(expected), stop_beacon, stop("analytics"), hide_dialog, focus_icon,
                                    proof(expected), emit_change, load("external")}));

    // With the banner shown too: HideBanner comes before HideDialog.
    State u = undecided_dialog();
    u = step(u, msg::Toggle{"analytics", true}).state;
    const Transition tu = step(u, msg::Save{t1});
    const Record expected_u = make_record(fresh, t1, t1, true, false, Method::Custom);
    CHECK(effects_of(tu) == effects({write(expected_u), hide_banner, hide_dialog, focus_icon, proof(expected_u),
                                     emit_change, load("analytics"), inject_beacon}));
}

TEST_CASE("the written record decodes back: id and given kept, updated new") {
    const Transition first = step(undecided(), msg::AcceptAll{t1});
    const std::optional<Record> r1 = written(first);
    REQUIRE(r1.has_value());
    CHECK(r1->id == fresh);
    CHECK(r1->given_ms == t1);
    CHECK(r1->updated_ms == t1);
    CHECK(r1->revision == "2024-01");
    CHECK(r1->lang == "nb");
    CHECK(r1->method == Method::AcceptAll);
    CHECK_FALSE(r1->gpc);
    CHECK(r1->choices == std::map<std::string, bool>{{"necessary", true}, {"analytics", true}, {"external", true}});

    const std::int64_t t2 = t1 + 3 * day;
    State s = step(first.state, msg::OpenSettings{msg::Opener::Icon}).state;
    const Transition second = step(s, msg::DeclineAll{t2});
    const std::optional<Record> r2 = written(second);
    REQUIRE(r2.has_value());
    CHECK(r2->id == fresh);
    CHECK(r2->given_ms == t1);
    CHECK(r2->updated_ms == t2);
    CHECK(r2->method == Method::DeclineAll);
    CHECK(r2->choices == std::map<std::string, bool>{{"necessary", true}, {"analytics", false}, {"external", false}});
    CHECK(effects_of(second) == effects({write(*r2), stop_beacon, stop("analytics"), stop("external"), hide_dialog,
                                         focus_icon, proof(*r2), emit_change}));

    const std::int64_t t3 = t2 + day;
    const Transition third = step(second.state, msg::Grant{"external", t3});
    const std::optional<Record> r3 = written(third);
    REQUIRE(r3.has_value());
    CHECK(r3->id == fresh);
    CHECK(r3->given_ms == t1);
    CHECK(r3->updated_ms == t3);
    CHECK(r3->method == Method::Custom);
    CHECK(r3->choices == std::map<std::string, bool>{{"necessary", true}, {"analytics", false}, {"external", true}});

    // The proof carries the same record.
    CHECK(effects_of(third) == effects({write(*r3), proof(*r3), emit_change, load("external")}));

    // A new page view with this record: decided with it.
    const State next = started(std::get<fx::WriteRecord>(third.effects.front()).text, t3 + 1);
    CHECK(next.phase == Phase::Decided);
    REQUIRE(next.record.has_value());
    CHECK(*next.record == *r3);
}

TEST_CASE("the record carries the language picked at Start") {
    const State en = step(State{}, start_msg(std::nullopt, t0, false, "en")).state;
    CHECK(en.lang == "en");
    const std::optional<Record> w = written(step(en, msg::DeclineAll{t1}));
    REQUIRE(w.has_value());
    CHECK(w->lang == "en");
}

TEST_CASE("revoking then granting again loads again; granting twice loads once") {
    const State d = decided_dialog();
    const Transition declined = step(d, msg::DeclineAll{t1});
    CHECK(declined.state.loaded.empty());
    const Transition regranted = step(declined.state, msg::Grant{"analytics", t1 + 10});
    const Record r = make_record(old_id, t0 - 10 * day, t1 + 10, true, false, Method::Custom);
    CHECK(effects_of(regranted) == effects({write(r), proof(r), emit_change, load("analytics"), restart_beacon}));
    CHECK(regranted.state.loaded == std::vector<std::string>{"analytics"});

    const Transition all = step(regranted.state, msg::OpenSettings{msg::Opener::Icon});
    const Transition accepted = step(all.state, msg::AcceptAll{t1 + 20});
    CHECK(count<fx::LoadCategory>(accepted.effects) == 1);  // only external
    CHECK(sorted_loaded(accepted.state) == std::vector<std::string>{"analytics", "external"});
}

TEST_CASE("a config that failed validation never grants anything (fail closed)") {
    Config disabled = make_config();
    disabled.loading_disabled = true;
    const State u = started(std::nullopt, t0, false, disabled);
    const Transition t = step(u, msg::AcceptAll{t1}, disabled);
    CHECK(count<fx::WriteRecord>(t.effects) == 1);
    CHECK(count<fx::LoadCategory>(t.effects) == 0);
    CHECK(count<fx::InjectBeacon>(t.effects) == 0);
    CHECK(t.state.loaded.empty());
    CHECK(t.state.granted == granted(false, false));  // nothing is in force
    const std::optional<Record> w = written(t, disabled);
    REQUIRE(w.has_value());
    CHECK(w->choices.at("analytics"));  // but the visitor's choice is recorded as made
    CHECK_FALSE(t.state.is_granted("analytics"));
    CHECK(t.state.is_granted("necessary"));
    // Asking again for what is already recorded, with nothing shown, records nothing.
    CHECK(effects_of(step(t.state, msg::AcceptAll{t1 + 5}, disabled)) == effects());

    const Record all = make_record(old_id, t0 - day, t0 - day, true, true, Method::AcceptAll);
    const Transition s = step(State{}, start_msg(encode(all, disabled)), disabled);
    CHECK(effects_of(s) == effects({stop("analytics"), stop("external"), emit_change, load_necessary, show_icon}));
    CHECK(s.state.granted == granted(false, false));
}

TEST_CASE("no SendProof without a consent log endpoint") {
    Config no_log = make_config();
    no_log.consent_log_endpoint.clear();
    const State u = started(std::nullopt, t0, false, no_log);
    const Transition t = step(u, msg::AcceptAll{t1}, no_log);
    const std::optional<Record> w = written(t, no_log);
    REQUIRE(w.has_value());
    CHECK(effects_of(t) == effects({write(*w), hide_banner, focus_icon_if_lost, emit_change, load("analytics"), inject_beacon,
                                    load("external")}));
    const Transition g = step(State{}, start_msg(std::nullopt, t0, true), no_log);
    CHECK(count<fx::SendProof>(g.effects) == 0);
    CHECK(count<fx::WriteRecord>(g.effects) == 1);
}

// ---- Dialog and Close ---------------------------------------------------------------

TEST_CASE("focus returns to what opened the dialog") {
    // From the footer icon: back to the icon, on Close and after a decision.
    const State from_icon = step(decided(), msg::OpenSettings{msg::Opener::Icon}).state;
    CHECK(effects_of(step(from_icon, msg::Close{})) == effects({hide_dialog, focus_icon}));
    CHECK(count_focus(step(from_icon, msg::DeclineAll{t1}).effects, focus_icon) == 1);

    // From the banner: its settings button while the banner stays, the icon once it is gone.
    const State from_banner = step(undecided(), msg::OpenSettings{msg::Opener::Banner}).state;
    CHECK(effects_of(step(from_banner, msg::Close{})) == effects({hide_dialog, focus_settings}));
    CHECK(count_focus(step(from_banner, msg::AcceptAll{t1}).effects, focus_icon) == 1);

    // From the page's own control (Kjeks.showSettings()): back to it.
    for (const State& before : {undecided(), decided()}) {
        const State from_api = step(before, msg::OpenSettings{msg::Opener::Api}).state;
        CHECK(effects_of(step(from_api, msg::Close{})) == effects({hide_dialog, focus_previous}));
        CHECK(count_focus(step(from_api, msg::Save{t1}).effects, focus_previous) == 1);
    }

    // A decision from the banner itself: the icon takes focus only if it was lost with the banner.
    CHECK(count_focus(step(undecided(), msg::DeclineAll{t1}).effects, focus_icon_if_lost) == 1);
}

TEST_CASE("Close is never a decision; the banner stays") {
    const Transition t = step(undecided_dialog(), msg::Close{});
    CHECK(effects_of(t) == effects({hide_dialog, focus_settings}));
    CHECK(t.state.phase == Phase::Undecided);
    CHECK(t.state.banner_visible);
    CHECK_FALSE(t.state.record.has_value());
    CHECK(t.state.granted == granted(false, false));

    // Toggles then Close: nothing applies, and reopening starts from granted.
    State s = step(undecided_dialog(), msg::Toggle{"analytics", true}).state;
    s = step(s, msg::Close{}).state;
    CHECK(s.granted == granted(false, false));
    const Transition reopened = step(s, msg::OpenSettings{msg::Opener::Icon});
    CHECK(reopened.state.draft == granted(false, false));
    CHECK(reopened.state.opener == msg::Opener::Icon);
}

TEST_CASE("messages before Start decide nothing") {
    State s{};
    for (const Msg& m : {Msg{msg::AcceptAll{t0}}, Msg{msg::Grant{"analytics", t0}},
                         Msg{msg::OpenSettings{msg::Opener::Api}}, Msg{msg::Save{t0}}}) {
        const Transition t = step(s, m);
        CHECK(effects_of(t) == effects());
        s = t.state;
    }
    const Transition started_t = step(s, start_msg(std::nullopt));
    CHECK(effects_of(started_t) == effects({show_icon, stop("analytics"), stop("external"), show_banner, load_necessary}));
    CHECK(started_t.state.phase == Phase::Undecided);
    CHECK(started_t.state.granted == granted(false, false));
}

// ---- Another tab ---------------------------------------------------------------------

TEST_CASE("StorageChanged adopts a different valid record") {
    const Record e_only = make_record(other_id, t0 - day, t1 - 10, false, true, Method::Custom);
    const Transition t = step(decided(), msg::StorageChanged{encode(e_only), t1});
    CHECK(effects_of(t) == effects({stop_beacon, stop("analytics"), emit_change, load("external")}));
    CHECK(t.state.phase == Phase::Decided);
    REQUIRE(t.state.record.has_value());
    CHECK(*t.state.record == e_only);
    CHECK(t.state.granted == granted(false, true));
    CHECK(t.state.loaded == std::vector<std::string>{"external"});
    CHECK(count<fx::WriteRecord>(t.effects) == 0);
    CHECK(count<fx::SendProof>(t.effects) == 0);

    // Same choices, new record (re-decided elsewhere): adopted, nothing to load.
    Record same_choices = decided_record();
    same_choices.updated_ms = t1 - 5;
    const Transition same = step(decided(), msg::StorageChanged{encode(same_choices), t1});
    CHECK(effects_of(same) == effects({emit_change}));
    CHECK(*same.state.record == same_choices);
}

TEST_CASE("StorageChanged with an identical record does nothing") {
    const State d = decided();
    const Transition t = step(d, msg::StorageChanged{encode(decided_record()), t1});
    CHECK(effects_of(t) == effects());
    CHECK(same_state(t.state, d));
}

TEST_CASE("StorageChanged without a valid record withdraws") {
    Record expired = decided_record();
    expired.updated_ms = t1 - 182 * day;
    expired.given_ms = expired.updated_ms;
    const std::vector<std::optional<std::string>> texts = {std::nullopt, std::string("garbage"),
                                                           std::string("{\"v\":1}"), encode(expired)};
    for (const auto& text : texts) {
        INFO(text.value_or("<removed>"));
        const Transition t = step(decided(), msg::StorageChanged{text, t1});
        CHECK(effects_of(t) == effects({stop_beacon, stop("analytics"), show_banner, emit_change}));
        CHECK(t.state.phase == Phase::Undecided);
        CHECK(t.state.banner_visible);
        CHECK_FALSE(t.state.record.has_value());
        CHECK(t.state.granted == granted(false, false));
        CHECK(t.state.loaded.empty());
        CHECK(count<fx::WriteRecord>(t.effects) == 0);

        // While undecided, nothing to withdraw.
        const State u = undecided();
        const Transition tu = step(u, msg::StorageChanged{text, t1});
        CHECK(effects_of(tu) == effects());
        CHECK(same_state(tu.state, u));
    }

    // Withdrawn with the dialog open: the dialog stays, the banner returns.
    const Transition open = step(decided_dialog(), msg::StorageChanged{std::nullopt, t1});
    CHECK(effects_of(open) == effects({stop_beacon, stop("analytics"), show_banner, emit_change}));
    CHECK(open.state.dialog_open);

    // Afterwards a decision starts a new record.
    const std::optional<Record> w = written(step(open.state, msg::AcceptAll{t1 + 1}));
    REQUIRE(w.has_value());
    CHECK(w->id == fresh);
    CHECK(w->given_ms == t1 + 1);
}

TEST_CASE("StorageChanged adopting a record keeps later decisions on its id") {
    const Transition adopted = step(undecided(), msg::StorageChanged{encode(other_record()), t1});
    const State s = step(adopted.state, msg::OpenSettings{msg::Opener::Icon}).state;
    const std::optional<Record> w = written(step(s, msg::DeclineAll{t1 + 100}));
    REQUIRE(w.has_value());
    CHECK(w->id == other_id);
    CHECK(w->given_ms == other_record().given_ms);
    CHECK(w->updated_ms == t1 + 100);
}

// ---- Effect equality, printing, is_granted -------------------------------------------

TEST_CASE("operator== on effects compares the kind and every field") {
    CHECK((Effect{fx::ShowIcon{}} == Effect{fx::ShowIcon{}}));
    CHECK_FALSE((Effect{fx::ShowIcon{}} == Effect{fx::ShowBanner{}}));
    CHECK((Effect{fx::LoadCategory{"analytics"}} == Effect{fx::LoadCategory{"analytics"}}));
    CHECK_FALSE((Effect{fx::LoadCategory{"analytics"}} == Effect{fx::LoadCategory{"external"}}));
    CHECK_FALSE((Effect{fx::LoadCategory{"analytics"}} == Effect{fx::StopCategory{"analytics"}}));
    CHECK((Effect{fx::WriteRecord{"x"}} == Effect{fx::WriteRecord{"x"}}));
    CHECK_FALSE((Effect{fx::WriteRecord{"x"}} == Effect{fx::WriteRecord{"y"}}));
    CHECK((Effect{fx::SendProof{"/a", "{}"}} == Effect{fx::SendProof{"/a", "{}"}}));
    CHECK_FALSE((Effect{fx::SendProof{"/a", "{}"}} == Effect{fx::SendProof{"/b", "{}"}}));
    CHECK_FALSE((Effect{fx::SendProof{"/a", "{}"}} == Effect{fx::SendProof{"/a", "[]"}}));
    CHECK((Effect{fx::MoveFocus{fx::Focus::Icon}} == Effect{fx::MoveFocus{fx::Focus::Icon}}));
    CHECK_FALSE((Effect{fx::MoveFocus{fx::Focus::Icon}} == Effect{fx::MoveFocus{fx::Focus::Dialog}}));
    CHECK_FALSE((Effect{fx::MoveFocus{fx::Focus::Icon}} == Effect{fx::MoveFocus{fx::Focus::Icon, true}}));
    CHECK_FALSE((Effect{fx::InjectBeacon{}} == Effect{fx::RestartBeacon{}}));
    CHECK_FALSE((Effect{fx::StopBeacon{}} == Effect{fx::EmitChange{}}));
}

TEST_CASE("messages print on one line") {
    CHECK(kjeks::to_string(Msg{msg::AcceptAll{1700000000000}}) == "AcceptAll{now_ms=1700000000000}");
    CHECK(kjeks::to_string(Msg{msg::DeclineAll{5}}) == "DeclineAll{now_ms=5}");
    CHECK(kjeks::to_string(Msg{msg::OpenSettings{msg::Opener::Banner}}) == "OpenSettings{opener=Banner}");
    CHECK(kjeks::to_string(Msg{msg::Toggle{"analytics", true}}) == "Toggle{analytics, on=true}");
    CHECK(kjeks::to_string(Msg{msg::Save{7}}) == "Save{now_ms=7}");
    CHECK(kjeks::to_string(Msg{msg::Close{}}) == "Close{}");
    CHECK(kjeks::to_string(Msg{msg::Grant{"external", 8}}) == "Grant{external, now_ms=8}");
    CHECK(kjeks::to_string(Msg{msg::StorageChanged{std::nullopt, 9}}) == "StorageChanged{stored=none, now_ms=9}");
    CHECK(kjeks::to_string(Msg{msg::StorageChanged{std::string("a\"b\n"), 9}}) ==
          "StorageChanged{stored=\"a\\\"b\\n\", now_ms=9}");
    CHECK(kjeks::to_string(Msg{msg::TimePassed{10}}) == "TimePassed{now_ms=10}");
    CHECK(kjeks::to_string(Msg{msg::TimePassed{10, "cd"}}) == "TimePassed{now_ms=10, fresh_id=cd}");
    CHECK(kjeks::to_string(Msg{msg::StorageChanged{std::nullopt, 9, "ef"}}) ==
          "StorageChanged{stored=none, now_ms=9, fresh_id=ef}");
    CHECK(kjeks::to_string(Msg{start_msg(std::string("{}"), 11, true, "en", "ab")}) ==
          "Start{stored=\"{}\", now_ms=11, gpc=true, lang=en, fresh_id=ab}");
}

TEST_CASE("effects print on one line") {
    CHECK(kjeks::to_string(Effect{fx::ShowIcon{}}) == "ShowIcon{}");
    CHECK(kjeks::to_string(Effect{fx::ShowBanner{}}) == "ShowBanner{}");
    CHECK(kjeks::to_string(Effect{fx::HideBanner{}}) == "HideBanner{}");
    CHECK(kjeks::to_string(Effect{fx::ShowDialog{}}) == "ShowDialog{}");
    CHECK(kjeks::to_string(Effect{fx::HideDialog{}}) == "HideDialog{}");
    CHECK(kjeks::to_string(Effect{fx::WriteRecord{"{\"v\":1}"}}) == "WriteRecord{text=\"{\\\"v\\\":1}\"}");
    CHECK(kjeks::to_string(Effect{fx::LoadCategory{"analytics"}}) == "LoadCategory{analytics}");
    CHECK(kjeks::to_string(Effect{fx::StopCategory{"external"}}) == "StopCategory{external}");
    CHECK(kjeks::to_string(Effect{fx::SendProof{"/log", "{}"}}) == "SendProof{endpoint=/log, json=\"{}\"}");
    CHECK(kjeks::to_string(Effect{fx::EmitChange{}}) == "EmitChange{}");
    CHECK(kjeks::to_string(Effect{fx::MoveFocus{fx::Focus::Dialog}}) == "MoveFocus{Dialog}");
    CHECK(kjeks::to_string(Effect{fx::MoveFocus{fx::Focus::Previous}}) == "MoveFocus{Previous}");
    CHECK(kjeks::to_string(Effect{fx::MoveFocus{fx::Focus::BannerSettings}}) == "MoveFocus{BannerSettings}");
    CHECK(kjeks::to_string(Effect{fx::MoveFocus{fx::Focus::Icon, true}}) == "MoveFocus{Icon, only_if_lost}");
    CHECK(kjeks::to_string(Effect{fx::InjectBeacon{}}) == "InjectBeacon{}");
    CHECK(kjeks::to_string(Effect{fx::RestartBeacon{}}) == "RestartBeacon{}");
    CHECK(kjeks::to_string(Effect{fx::StopBeacon{}}) == "StopBeacon{}");
    CHECK(kjeks::to_string(Effect{fx::WriteRecord{std::string("a\x01\tb")}}) == "WriteRecord{text=\"a\\x01\\tb\"}");

    std::ostringstream os;
    kjeks::operator<<(os, Effect{fx::LoadCategory{"analytics"}}) << ' ';
    kjeks::operator<<(os, Msg{msg::Close{}});
    CHECK(os.str() == "LoadCategory{analytics} Close{}");

    CHECK(doctest::toString(effects({show_icon, load("analytics")})) == "[ShowIcon{}, LoadCategory{analytics}]");
}

TEST_CASE("State::is_granted") {
    const State d = decided();
    CHECK(d.is_granted("analytics"));
    CHECK_FALSE(d.is_granted("external"));
    CHECK_FALSE(d.is_granted("marketing"));
    CHECK(d.is_granted("necessary"));
    CHECK_FALSE(State{}.is_granted("analytics"));
}

// ---- Services -----------------------------------------------------------------------

const Config& svc_cfg() {
    static const Config config = fixtures::services_config();
    return config;
}

Effect load_service(const std::string& id) { return fx::LoadService{id}; }
Effect stop_service(const std::string& id) { return fx::StopService{id}; }
const Effect sync_toggles = fx::SyncToggles{};

// A first visit with the dialog opened from the banner.
State svc_dialog() {
    return step(started(std::nullopt, t0, false, svc_cfg()), msg::OpenSettings{msg::Opener::Banner}, svc_cfg()).state;
}

Record with_services(Record r, bool booking, bool chat) {
    r.services = {{"booking", booking}, {"chat", chat}};
    return r;
}

// Decided with the given services; external is on when one of them is.
State svc_decided(bool booking, bool chat) {
    const Record r = with_services(
        make_record(old_id, t0 - 10 * day, t0 - 5 * day, false, booking || chat, Method::Custom), booking, chat);
    return started(encode(r, svc_cfg()), t0, false, svc_cfg());
}

TEST_CASE("services: a first visit stops every service with its category") {
    const Transition t = step(State{}, start_msg(std::nullopt), svc_cfg());
    CHECK(effects_of(t) == effects({show_icon, stop("analytics"), stop_service("booking"), stop_service("chat"),
                                    stop("external"), show_banner, load_necessary}));
    CHECK(t.state.services == std::map<std::string, bool>{{"booking", false}, {"chat", false}});
}

TEST_CASE("services: the category switch sets all of its services") {
    State s = svc_dialog();
    Transition t = step(s, msg::Toggle{"external", true}, svc_cfg());
    CHECK(effects_of(t) == effects({sync_toggles}));
    CHECK(t.state.draft.at("external"));
    CHECK(t.state.draft_services == std::map<std::string, bool>{{"booking", true}, {"chat", true}});

    t = step(t.state, msg::Toggle{"external", false}, svc_cfg());
    CHECK(t.state.draft_services == std::map<std::string, bool>{{"booking", false}, {"chat", false}});
    CHECK_FALSE(t.state.draft.at("external"));

    // A category without services changes nothing else and needs no sync.
    t = step(t.state, msg::Toggle{"analytics", true}, svc_cfg());
    CHECK(effects_of(t) == effects());
    CHECK(t.state.draft_services == std::map<std::string, bool>{{"booking", false}, {"chat", false}});
}

TEST_CASE("services: a service switch updates its category (on while any service is)") {
    State s = svc_dialog();
    Transition t = step(s, msg::ToggleService{"booking", true}, svc_cfg());
    CHECK(effects_of(t) == effects({sync_toggles}));
    CHECK(t.state.draft.at("external"));
    CHECK(t.state.draft_services == std::map<std::string, bool>{{"booking", true}, {"chat", false}});
    t = step(t.state, msg::ToggleService{"chat", true}, svc_cfg());
    CHECK(t.state.draft.at("external"));
    t = step(t.state, msg::ToggleService{"booking", false}, svc_cfg());
    CHECK(t.state.draft.at("external"));
    t = step(t.state, msg::ToggleService{"chat", false}, svc_cfg());
    CHECK_FALSE(t.state.draft.at("external"));

    // Not without the dialog, and not for an unknown service.
    CHECK(effects_of(step(svc_decided(true, false), msg::ToggleService{"chat", true}, svc_cfg())) == effects());
    CHECK(effects_of(step(s, msg::ToggleService{"video", true}, svc_cfg())) == effects());
}

TEST_CASE("services: saving one service records it and loads only it") {
    State s = svc_dialog();
    s = step(s, msg::ToggleService{"booking", true}, svc_cfg()).state;
    const Transition t = step(s, msg::Save{t1}, svc_cfg());
    const Record r = with_services(make_record(fresh, t1, t1, false, true, Method::Custom), true, false);
    CHECK(effects_of(t) == effects({fx::WriteRecord{encode(r, svc_cfg())}, hide_banner, hide_dialog, focus_icon,
                                    proof(r), emit_change, load("external"), load_service("booking")}));
    CHECK(t.state.services == std::map<std::string, bool>{{"booking", true}, {"chat", false}});
    CHECK(t.state.is_granted("external"));
    CHECK(t.state.is_service_granted("booking"));
    CHECK_FALSE(t.state.is_service_granted("chat"));
}

TEST_CASE("services: GrantService grants one service, recorded as custom, with proof") {
    // Undecided: the banner goes, the category and the service load.
    Transition t = step(started(std::nullopt, t0, false, svc_cfg()), msg::GrantService{"chat", t1}, svc_cfg());
    Record r = with_services(make_record(fresh, t1, t1, false, true, Method::Custom), false, true);
    CHECK(effects_of(t) == effects({fx::WriteRecord{encode(r, svc_cfg())}, hide_banner, focus_icon_if_lost, proof(r),
                                    emit_change, load("external"), load_service("chat")}));

    // Decided with booking: only chat loads; the category is loaded already.
    t = step(svc_decided(true, false), msg::GrantService{"chat", t1}, svc_cfg());
    r = with_services(make_record(old_id, t0 - 10 * day, t1, false, true, Method::Custom), true, true);
    CHECK(effects_of(t) == effects({fx::WriteRecord{encode(r, svc_cfg())}, proof(r), emit_change,
                                    load_service("chat")}));

    // Granted already: no new record. Unknown: nothing.
    CHECK(effects_of(step(t.state, msg::GrantService{"chat", t1 + 1}, svc_cfg())) == effects());
    CHECK(effects_of(step(svc_decided(true, false), msg::GrantService{"external", t1}, svc_cfg())) == effects());

    // Fail closed: recorded, nothing loads.
    Config disabled = fixtures::services_config();
    disabled.loading_disabled = true;
    t = step(started(std::nullopt, t0, false, disabled), msg::GrantService{"chat", t1}, disabled);
    CHECK(count<fx::LoadService>(t.effects) == 0);
    CHECK(count<fx::LoadCategory>(t.effects) == 0);
    CHECK_FALSE(t.state.is_service_granted("chat"));
    REQUIRE(written(t, disabled).has_value());
    CHECK(written(t, disabled)->services.at("chat"));
}

TEST_CASE("services: Grant of a category and AcceptAll grant every service") {
    Transition t = step(started(std::nullopt, t0, false, svc_cfg()), msg::Grant{"external", t1}, svc_cfg());
    CHECK(t.state.services == std::map<std::string, bool>{{"booking", true}, {"chat", true}});
    CHECK(count<fx::LoadService>(t.effects) == 2);
    t = step(started(std::nullopt, t0, false, svc_cfg()), msg::AcceptAll{t1}, svc_cfg());
    REQUIRE(written(t, svc_cfg()).has_value());
    CHECK(written(t, svc_cfg())->services == std::map<std::string, bool>{{"booking", true}, {"chat", true}});
}

TEST_CASE("services: withdrawing one service stops only it") {
    State s = step(svc_decided(true, true), msg::OpenSettings{msg::Opener::Icon}, svc_cfg()).state;
    s = step(s, msg::ToggleService{"chat", false}, svc_cfg()).state;
    Transition t = step(s, msg::Save{t1}, svc_cfg());
    const Record r = with_services(make_record(old_id, t0 - 10 * day, t1, false, true, Method::Custom), true, false);
    CHECK(effects_of(t) == effects({fx::WriteRecord{encode(r, svc_cfg())}, stop_service("chat"), hide_dialog,
                                    focus_icon, proof(r), emit_change}));
    CHECK(t.state.is_granted("external"));
    CHECK(sorted_loaded(t.state) == std::vector<std::string>{"booking", "external"});

    // The last one: the category stops with all its services.
    s = step(t.state, msg::OpenSettings{msg::Opener::Icon}, svc_cfg()).state;
    s = step(s, msg::ToggleService{"booking", false}, svc_cfg()).state;
    t = step(s, msg::Save{t1 + 1}, svc_cfg());
    CHECK(count<fx::StopCategory>(t.effects) == 1);
    CHECK(count<fx::StopService>(t.effects) == 2);
    CHECK(t.state.loaded.empty());

    // Another tab withdrew one service.
    const Record other = with_services(make_record(old_id, t0 - 10 * day, t1, false, true, Method::Custom), false, true);
    t = step(svc_decided(true, true), msg::StorageChanged{encode(other, svc_cfg()), t1}, svc_cfg());
    CHECK(effects_of(t) == effects({stop_service("booking"), emit_change}));
}

TEST_CASE("services: a current record at the start stops the services it does not grant") {
    const State s = svc_decided(true, false);
    const Transition t = step(State{}, start_msg(encode(*s.record, svc_cfg())), svc_cfg());
    CHECK(effects_of(t) == effects({stop("analytics"), stop_service("chat"), emit_change, load_necessary,
                                    load("external"), load_service("booking"), show_icon}));
}

TEST_CASE("services: a record from before services still holds, each service taking its category's choice") {
    const Record before = make_record(old_id, t0 - 10 * day, t0 - 5 * day, false, true, Method::Custom);
    REQUIRE(before.services.empty());
    CHECK(record_is_current(svc_cfg(), before, t0));
    const State s = started(encode(before, svc_cfg()), t0, false, svc_cfg());
    CHECK(s.phase == Phase::Decided);
    CHECK(s.services == std::map<std::string, bool>{{"booking", true}, {"chat", true}});
    CHECK(s.record == before);  // kept as it is until the next decision

    const Record declined = make_record(old_id, t0 - 10 * day, t0 - 5 * day, true, false, Method::Custom);
    CHECK(started(encode(declined, svc_cfg()), t0, false, svc_cfg()).services ==
          std::map<std::string, bool>{{"booking", false}, {"chat", false}});

    // The revision still decides.
    Record old_revision = before;
    old_revision.revision = "2023-12";
    CHECK(started(encode(old_revision, svc_cfg()), t0, false, svc_cfg()).phase == Phase::Undecided);
}

TEST_CASE("services: record_is_current asks again for another set of services or an inconsistent choice") {
    const Record base = make_record(old_id, t0 - 10 * day, t0 - 5 * day, false, true, Method::Custom);
    CHECK(record_is_current(svc_cfg(), with_services(base, true, false), t0));

    // The same number of services, not the same ones.
    Record swapped = with_services(base, true, false);
    swapped.services.erase("chat");
    swapped.services["video"] = false;
    REQUIRE(swapped.services.size() == svc_cfg().service_ids().size());
    CHECK_FALSE(record_is_current(svc_cfg(), swapped, t0));
    CHECK(started(encode(swapped, svc_cfg()), t0, false, svc_cfg()).phase == Phase::Undecided);

    Record missing = with_services(base, true, false);
    missing.services.erase("chat");
    CHECK_FALSE(record_is_current(svc_cfg(), missing, t0));
    Record extra = with_services(base, true, false);
    extra.services["video"] = false;
    CHECK_FALSE(record_is_current(svc_cfg(), extra, t0));

    // The category must be on exactly while one of its services is.
    Record on_without_service = with_services(base, false, false);
    CHECK_FALSE(record_is_current(svc_cfg(), on_without_service, t0));
    Record service_without_category = with_services(base, true, false);
    service_without_category.choices["external"] = false;
    CHECK_FALSE(record_is_current(svc_cfg(), service_without_category, t0));

    // Services while the config has none.
    CHECK_FALSE(record_is_current(cfg(), with_services(base, true, false), t0));
}

TEST_CASE("services: messages and effects print") {
    CHECK(kjeks::to_string(Msg{msg::ToggleService{"chat", true}}) == "ToggleService{chat, on=true}");
    CHECK(kjeks::to_string(Msg{msg::GrantService{"chat", 5}}) == "GrantService{chat, now_ms=5}");
    CHECK(kjeks::to_string(load_service("chat")) == "LoadService{chat}");
    CHECK(kjeks::to_string(stop_service("chat")) == "StopService{chat}");
    CHECK(kjeks::to_string(sync_toggles) == "SyncToggles{}");
    CHECK_FALSE(kjeks::operator==(load_service("chat"), load_service("booking")));
}

}  // namespace machine_test
