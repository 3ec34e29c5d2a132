// The consent state machine. Pure: time and randomness arrive in messages,
// every outside change leaves as an effect. See docs/architecture.md,
// "State machine", for the rules and the order of effects.
#include "kjeks/machine.hpp"

#include "kjeks/record_time.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <type_traits>
#include <utility>

namespace kjeks {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

bool lookup(const std::map<std::string, bool>& map, const std::string& key) {
    auto it = map.find(key);
    return it != map.end() && it->second;
}

// One run of update(): the state being changed and the effects so far.
class Machine {
public:
    Machine(const Config& config, State state)
        : config_(config), state_(std::move(state)), optional_(config.optional_category_ids()) {}

    Transition finish() && { return Transition{std::move(state_), std::move(effects_)}; }

    bool starting() const { return state_.phase == Phase::Starting; }

    void operator()(const msg::Start& m) {
        if (!starting()) return;  // a second Start is ignored
        if (!m.lang.empty()) state_.lang = m.lang;
        state_.gpc = m.gpc;
        state_.fresh_id = m.fresh_id;
        state_.record.reset();
        state_.granted = all(false);
        state_.draft.clear();
        state_.loaded.clear();
        state_.beacon_injected = m.beacon_present;
        state_.banner_visible = false;
        state_.dialog_open = false;

        std::optional<Record> stored;
        if (m.stored) stored = decode_record(*m.stored, config_.storage_key);
        if (stored && record_is_current(config_, *stored, m.now_ms)) {
            state_.phase = Phase::Decided;
            state_.granted = in_force(choices_of(*stored));
            state_.record = std::move(stored);
            emit(fx::ShowIcon{});
            for (const std::string& id : optional_) {
                if (!lookup(state_.granted, id)) stop(id);
            }
            emit(fx::EmitChange{});
            stop_unwanted_beacon();
            load_necessary();
            load_granted();
            return;
        }

        if (m.gpc && config_.respect_gpc) {
            Record record = new_record(all(false), Method::BrowserSignal, m.now_ms);
            state_.phase = Phase::Decided;
            emit(fx::ShowIcon{});
            emit(fx::WriteRecord{encode_record(record, config_.storage_key)});
            for (const std::string& id : optional_) stop(id);
            send_proof(record);
            state_.record = std::move(record);
            emit(fx::EmitChange{});
            stop_unwanted_beacon();
            load_necessary();
            return;
        }

        state_.phase = Phase::Undecided;
        emit(fx::ShowIcon{});
        for (const std::string& id : optional_) stop(id);
        state_.banner_visible = true;
        emit(fx::ShowBanner{});
        stop_unwanted_beacon();
        load_necessary();
    }

    void operator()(const msg::AcceptAll& m) { decide(all(true), Method::AcceptAll, m.now_ms); }

    void operator()(const msg::DeclineAll& m) { decide(all(false), Method::DeclineAll, m.now_ms); }

    void operator()(const msg::OpenSettings& m) {
        if (state_.dialog_open) return;
        state_.draft = state_.granted;
        state_.dialog_open = true;
        state_.opener = m.opener;
        emit(fx::ShowDialog{});
        emit(fx::MoveFocus{fx::Focus::Dialog});
    }

    void operator()(const msg::Toggle& m) {
        if (!state_.dialog_open || !contains(optional_, m.category)) return;
        state_.draft[m.category] = m.on;
    }

    void operator()(const msg::Save& m) {
        // Save comes from the dialog; without an open dialog there is no
        // draft to save, and saving the current choices would turn a stray
        // message into a recorded decline.
        if (!state_.dialog_open) return;
        std::map<std::string, bool> next = all(false);
        for (const std::string& id : optional_) next[id] = lookup(state_.draft, id);
        decide(std::move(next), Method::Custom, m.now_ms);
    }

    void operator()(const msg::Close&) {
        if (!state_.dialog_open) return;
        close_dialog();
    }

    void operator()(const msg::Grant& m) {
        if (!contains(optional_, m.category)) return;
        std::map<std::string, bool> next = state_.granted;
        next[m.category] = true;
        decide(std::move(next), Method::Custom, m.now_ms);
    }

    void operator()(const msg::StorageChanged& m) {
        take_fresh_id(m.fresh_id);
        std::optional<Record> record;
        if (m.stored) record = decode_record(*m.stored, config_.storage_key);
        if (record && !record_is_current(config_, *record, m.now_ms)) record.reset();

        if (!record) {
            if (state_.phase == Phase::Decided) withdraw();
            return;
        }
        if (state_.record && *state_.record == *record) return;  // nothing new

        const std::map<std::string, bool> before = take_granted(choices_of(*record));
        stop_revoked(before);
        state_.phase = Phase::Decided;
        state_.record = std::move(record);
        hide_ui();
        emit(fx::EmitChange{});
        load_granted();
    }

    void operator()(const msg::TimePassed& m) {
        take_fresh_id(m.fresh_id);
        if (state_.phase != Phase::Decided) return;
        if (state_.record && record_is_current(config_, *state_.record, m.now_ms)) return;
        withdraw();
    }

private:
    // A new record after an expiry or a withdrawal in another tab must not
    // reuse the id of the one that ended; fresh_id is only read for new records.
    void take_fresh_id(const std::string& id) {
        if (!id.empty()) state_.fresh_id = id;
    }

    template <class E>
    void emit(E effect) {
        effects_.emplace_back(std::move(effect));
    }

    bool gates_beacon(const std::string& id) const {
        return config_.has_beacon && config_.beacon.category == id;
    }

    // A beacon the first-visit start added that the decision does not grant.
    void stop_unwanted_beacon() {
        if (!state_.beacon_injected) return;
        if (config_.has_beacon && lookup(state_.granted, config_.beacon.category)) return;
        // It stays in the page, stopped: a later grant restarts it.
        emit(fx::StopBeacon{});
    }

    // Strictly necessary scripts run on every page view once Kjeks runs.
    void load_necessary() { emit(fx::LoadCategory{"necessary"}); }

    // Every granted category not loaded yet, with the beacon it gates.
    void load_granted() {
        for (const std::string& id : optional_) {
            if (!lookup(state_.granted, id) || contains(state_.loaded, id)) continue;
            state_.loaded.push_back(id);
            emit(fx::LoadCategory{id});
            if (!gates_beacon(id)) continue;
            if (state_.beacon_injected) {
                emit(fx::RestartBeacon{});
            } else {
                state_.beacon_injected = true;
                emit(fx::InjectBeacon{});
            }
        }
    }

    void stop(const std::string& id) {
        const bool was_loaded = contains(state_.loaded, id);
        state_.loaded.erase(std::remove(state_.loaded.begin(), state_.loaded.end(), id),
                            state_.loaded.end());
        if (was_loaded && gates_beacon(id) && state_.beacon_injected) emit(fx::StopBeacon{});
        emit(fx::StopCategory{id});
    }

    // What may be in force of a choice: nothing when the config failed
    // validation (fail closed), whatever the visitor chose.
    std::map<std::string, bool> in_force(std::map<std::string, bool> choice) const {
        if (config_.loading_disabled) return all(false);
        return choice;
    }

    std::map<std::string, bool> all(bool on) const {
        std::map<std::string, bool> out;
        for (const std::string& id : optional_) out[id] = on;
        return out;
    }

    std::map<std::string, bool> choices_of(const Record& record) const {
        std::map<std::string, bool> out;
        for (const std::string& id : optional_) out[id] = lookup(record.choices, id);
        return out;
    }

    Record new_record(const std::map<std::string, bool>& granted, Method method,
                      std::int64_t now_ms) const {
        Record record;
        if (state_.record && record_is_current(config_, *state_.record, now_ms)) {
            record.id = state_.record->id;
            // A record given "in the future" (clock skew) must not end up
            // with given after updated, which would not decode.
            record.given_ms = std::min(state_.record->given_ms, now_ms);
        } else {
            record.id = state_.fresh_id;
            record.given_ms = now_ms;
        }
        record.updated_ms = now_ms;
        record.revision = config_.revision;
        record.lang = state_.lang;
        for (const Category& category : config_.categories) {
            record.choices[category.id] =
                contains(optional_, category.id) ? lookup(granted, category.id) : true;
        }
        record.method = method;
        record.gpc = state_.gpc;
        return record;
    }

    void send_proof(const Record& record) {
        if (config_.consent_log_endpoint.empty()) return;
        emit(fx::SendProof{config_.consent_log_endpoint, proof_json(record)});
    }

    // Makes what may be in force of `next` the granted set; returns the one before.
    std::map<std::string, bool> take_granted(const std::map<std::string, bool>& next) {
        std::map<std::string, bool> before = std::move(state_.granted);
        state_.granted = in_force(next);
        return before;
    }

    void stop_revoked(const std::map<std::string, bool>& before) {
        for (const std::string& id : optional_) {
            if (lookup(before, id) && !lookup(state_.granted, id)) stop(id);
        }
    }

    // Where focus goes when the dialog closes: back to what opened it. The
    // banner's settings button only while the banner is still there.
    fx::Focus focus_after_dialog() const {
        switch (state_.opener) {
            case msg::Opener::Icon: return fx::Focus::Icon;
            case msg::Opener::Banner:
                return state_.banner_visible ? fx::Focus::BannerSettings : fx::Focus::Icon;
            case msg::Opener::Api: return fx::Focus::Previous;
        }
        return fx::Focus::Icon;
    }

    void close_dialog() {
        state_.dialog_open = false;
        state_.draft.clear();
        emit(fx::HideDialog{});
        emit(fx::MoveFocus{focus_after_dialog()});
    }

    // A decision or another tab's change closes the banner and the dialog.
    // A control in the banner that had focus is gone with it: focus goes
    // to the footer icon, so a keyboard visitor is not sent back to the
    // top of the page.
    void hide_ui() {
        if (state_.banner_visible) {
            state_.banner_visible = false;
            emit(fx::HideBanner{});
            if (!state_.dialog_open) emit(fx::MoveFocus{fx::Focus::Icon, true});
        }
        if (state_.dialog_open) close_dialog();
    }

    void decide(std::map<std::string, bool> next, Method method, std::int64_t now_ms) {
        const bool ui_shown = state_.banner_visible || state_.dialog_open;
        const bool unchanged = state_.phase == Phase::Decided && state_.record &&
                               record_is_current(config_, *state_.record, now_ms) &&
                               next == choices_of(*state_.record);
        if (unchanged && !ui_shown) return;  // double clicks make no duplicate records

        Record record = new_record(next, method, now_ms);
        emit(fx::WriteRecord{encode_record(record, config_.storage_key)});
        stop_revoked(take_granted(next));
        hide_ui();
        send_proof(record);
        state_.phase = Phase::Decided;
        state_.record = std::move(record);
        emit(fx::EmitChange{});
        load_granted();
    }

    // Back to Undecided: the record no longer holds (withdrawn in another
    // tab, or expired). The dialog, if open, stays open.
    void withdraw() {
        for (const std::string& id : optional_) {
            if (lookup(state_.granted, id)) stop(id);
        }
        state_.granted = all(false);
        state_.record.reset();
        state_.phase = Phase::Undecided;
        state_.banner_visible = true;
        emit(fx::ShowBanner{});
        emit(fx::EmitChange{});
    }

    const Config& config_;
    State state_;
    std::vector<std::string> optional_;
    std::vector<Effect> effects_;
};

// Field views for operator==: every effect as a tuple of its fields.
auto fields(const fx::ShowIcon&) { return std::tie(); }
auto fields(const fx::ShowBanner&) { return std::tie(); }
auto fields(const fx::HideBanner&) { return std::tie(); }
auto fields(const fx::ShowDialog&) { return std::tie(); }
auto fields(const fx::HideDialog&) { return std::tie(); }
auto fields(const fx::WriteRecord& e) { return std::tie(e.text); }
auto fields(const fx::LoadCategory& e) { return std::tie(e.category); }
auto fields(const fx::StopCategory& e) { return std::tie(e.category); }
auto fields(const fx::InjectBeacon&) { return std::tie(); }
auto fields(const fx::RestartBeacon&) { return std::tie(); }
auto fields(const fx::StopBeacon&) { return std::tie(); }
auto fields(const fx::SendProof& e) { return std::tie(e.endpoint, e.json); }
auto fields(const fx::EmitChange&) { return std::tie(); }
auto fields(const fx::MoveFocus& e) { return std::tie(e.target, e.only_if_lost); }

}  // namespace

bool State::is_granted(const std::string& category) const {
    if (category == "necessary") return true;
    return lookup(granted, category);
}

bool record_is_current(const Config& config, const Record& record, std::int64_t now_ms) {
    if (record.revision != config.revision) return false;

    if (!record_times_current(record.given_ms, record.updated_ms, config.expiry_days, now_ms)) return false;

    if (record.choices.size() != config.categories.size()) return false;
    for (const Category& category : config.categories) {
        if (record.choices.find(category.id) == record.choices.end()) return false;
    }
    return lookup(record.choices, "necessary");
}

Transition update(const Config& config, State state, const Msg& msg) {
    // Before Start nothing is known (no stored record, no language): every
    // other message is ignored, so a click cannot decide anything.
    if (state.phase == Phase::Starting && !std::holds_alternative<msg::Start>(msg)) {
        return Transition{std::move(state), {}};
    }
    Machine machine(config, std::move(state));
    std::visit(machine, msg);
    return std::move(machine).finish();
}

bool operator==(const Effect& a, const Effect& b) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&b](const auto& left) {
            using T = std::decay_t<decltype(left)>;
            return fields(left) == fields(*std::get_if<T>(&b));
        },
        a);
}

}  // namespace kjeks
