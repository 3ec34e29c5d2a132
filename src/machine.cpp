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

// What is chosen: every optional category and every service. A category
// with services is on exactly while one of them is (Machine::consistent).
struct Choice {
    std::map<std::string, bool> categories;
    std::map<std::string, bool> services;

    bool operator==(const Choice& other) const {
        return categories == other.categories && services == other.services;
    }
};

// One run of update(): the state being changed and the effects so far.
class Machine {
public:
    Machine(const Config& config, State state)
        : config_(config),
          state_(std::move(state)),
          optional_(config.optional_category_ids()),
          services_(config.service_ids()) {}

    Transition finish() && { return Transition{std::move(state_), std::move(effects_)}; }

    bool starting() const { return state_.phase == Phase::Starting; }

    void operator()(const msg::Start& m) {
        if (!starting()) return;  // a second Start is ignored
        if (!m.lang.empty()) state_.lang = m.lang;
        state_.gpc = m.gpc;
        state_.fresh_id = m.fresh_id;
        state_.record.reset();
        set_granted(all(false));
        state_.draft.clear();
        state_.draft_services.clear();
        state_.loaded.clear();
        state_.beacon_injected = m.beacon_present;
        state_.banner_visible = false;
        state_.dialog_open = false;

        std::optional<Record> stored;
        if (m.stored) stored = decode_record(*m.stored, config_.storage_key);
        if (stored && record_is_current(config_, *stored, m.now_ms)) {
            state_.phase = Phase::Decided;
            set_granted(in_force(choices_of(*stored)));
            state_.record = std::move(stored);
            for (const std::string& id : optional_) {
                if (!lookup(state_.granted, id)) {
                    stop_category(id);
                    continue;
                }
                for (const Service& service : services_of(id)) {
                    if (!lookup(state_.services, service.id)) stop_service(service.id);
                }
            }
            emit(fx::EmitChange{});
            stop_unwanted_beacon();
            load_necessary();
            load_granted();
            // After what was granted: the beacon waits for no element.
            emit(fx::ShowIcon{});
            return;
        }

        if (m.gpc && config_.respect_gpc) {
            Record record = new_record(all(false), Method::BrowserSignal, m.now_ms);
            state_.phase = Phase::Decided;
            emit(fx::ShowIcon{});
            emit(fx::WriteRecord{encode_record(record, config_.storage_key)});
            for (const std::string& id : optional_) stop_category(id);
            send_proof(record);
            state_.record = std::move(record);
            emit(fx::EmitChange{});
            stop_unwanted_beacon();
            load_necessary();
            return;
        }

        state_.phase = Phase::Undecided;
        emit(fx::ShowIcon{});
        for (const std::string& id : optional_) stop_category(id);
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
        state_.draft_services = state_.services;
        state_.dialog_open = true;
        state_.opener = m.opener;
        emit(fx::ShowDialog{});
        emit(fx::MoveFocus{fx::Focus::Dialog});
    }

    void operator()(const msg::Toggle& m) {
        if (!state_.dialog_open || !contains(optional_, m.category)) return;
        state_.draft[m.category] = m.on;
        const std::vector<Service>& services = services_of(m.category);
        for (const Service& service : services) state_.draft_services[service.id] = m.on;
        if (!services.empty()) emit(fx::SyncToggles{});
    }

    void operator()(const msg::ToggleService& m) {
        if (!state_.dialog_open || !contains(services_, m.service)) return;
        Choice draft{state_.draft, state_.draft_services};
        draft.services[m.service] = m.on;
        draft = consistent(std::move(draft));
        state_.draft = std::move(draft.categories);
        state_.draft_services = std::move(draft.services);
        emit(fx::SyncToggles{});
    }

    void operator()(const msg::Save& m) {
        // Save comes from the dialog; without an open dialog there is no
        // draft to save, and saving the current choices would turn a stray
        // message into a recorded decline.
        if (!state_.dialog_open) return;
        Choice next = all(false);
        for (const std::string& id : optional_) next.categories[id] = lookup(state_.draft, id);
        for (const std::string& id : services_) next.services[id] = lookup(state_.draft_services, id);
        decide(consistent(std::move(next)), Method::Custom, m.now_ms);
    }

    void operator()(const msg::Close&) {
        if (!state_.dialog_open) return;
        close_dialog();
    }

    void operator()(const msg::Grant& m) {
        if (!contains(optional_, m.category)) return;
        Choice next = granted();
        next.categories[m.category] = true;
        for (const Service& service : services_of(m.category)) next.services[service.id] = true;
        decide(std::move(next), Method::Custom, m.now_ms);
    }

    void operator()(const msg::GrantService& m) {
        if (!contains(services_, m.service)) return;
        Choice next = granted();
        next.services[m.service] = true;
        decide(consistent(std::move(next)), Method::Custom, m.now_ms);
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

        const Choice before = take_granted(choices_of(*record));
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

    const std::vector<Service>& services_of(const std::string& category) const {
        static const std::vector<Service> none;
        const Category* found = config_.find_category(category);
        return found != nullptr ? found->services : none;
    }

    // Each category with services on exactly while one of them is.
    Choice consistent(Choice choice) const {
        for (const std::string& id : optional_) {
            const std::vector<Service>& services = services_of(id);
            if (services.empty()) continue;
            choice.categories[id] = std::any_of(services.begin(), services.end(), [&](const Service& service) {
                return lookup(choice.services, service.id);
            });
        }
        return choice;
    }

    // Strictly necessary scripts run on every page view once Kjeks runs.
    void load_necessary() { emit(fx::LoadCategory{"necessary"}); }

    // Marks `id` (a category or a service) loaded; false when it already was.
    bool mark_loaded(const std::string& id) {
        if (contains(state_.loaded, id)) return false;
        state_.loaded.push_back(id);
        return true;
    }

    // Every granted category and service not loaded yet, with the beacon
    // the category gates; a category's services right after it.
    void load_granted() {
        for (const std::string& id : optional_) {
            if (!lookup(state_.granted, id)) continue;
            if (mark_loaded(id)) {
                emit(fx::LoadCategory{id});
                if (gates_beacon(id)) {
                    if (state_.beacon_injected) {
                        emit(fx::RestartBeacon{});
                    } else {
                        state_.beacon_injected = true;
                        emit(fx::InjectBeacon{});
                    }
                }
            }
            for (const Service& service : services_of(id)) {
                if (lookup(state_.services, service.id) && mark_loaded(service.id)) {
                    emit(fx::LoadService{service.id});
                }
            }
        }
    }

    // Forgets that `id` (a category or a service) was loaded; returns whether it was.
    bool unmark_loaded(const std::string& id) {
        const bool was_loaded = contains(state_.loaded, id);
        state_.loaded.erase(std::remove(state_.loaded.begin(), state_.loaded.end(), id),
                            state_.loaded.end());
        return was_loaded;
    }

    void stop_service(const std::string& id) {
        unmark_loaded(id);
        emit(fx::StopService{id});
    }

    // The category and everything of it: each of its services first.
    void stop_category(const std::string& id) {
        for (const Service& service : services_of(id)) stop_service(service.id);
        const bool was_loaded = unmark_loaded(id);
        if (was_loaded && gates_beacon(id) && state_.beacon_injected) emit(fx::StopBeacon{});
        emit(fx::StopCategory{id});
    }

    // What may be in force of a choice: nothing when the config failed
    // validation (fail closed), whatever the visitor chose.
    Choice in_force(Choice choice) const {
        if (config_.loading_disabled) return all(false);
        return choice;
    }

    Choice all(bool on) const {
        Choice out;
        for (const std::string& id : optional_) out.categories[id] = on;
        for (const std::string& id : services_) out.services[id] = on;
        return out;
    }

    Choice granted() const { return Choice{state_.granted, state_.services}; }

    void set_granted(Choice choice) {
        state_.granted = std::move(choice.categories);
        state_.services = std::move(choice.services);
    }

    // A record from before services: each service takes its category's choice.
    Choice choices_of(const Record& record) const {
        Choice out;
        for (const std::string& id : optional_) {
            out.categories[id] = lookup(record.choices, id);
            for (const Service& service : services_of(id)) {
                out.services[service.id] =
                    record.services.empty() ? out.categories[id] : lookup(record.services, service.id);
            }
        }
        return out;
    }

    Record new_record(const Choice& choice, Method method, std::int64_t now_ms) const {
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
                contains(optional_, category.id) ? lookup(choice.categories, category.id) : true;
        }
        for (const std::string& id : services_) record.services[id] = lookup(choice.services, id);
        record.method = method;
        record.gpc = state_.gpc;
        return record;
    }

    void send_proof(const Record& record) {
        if (config_.consent_log_endpoint.empty()) return;
        emit(fx::SendProof{config_.consent_log_endpoint, proof_json(record)});
    }

    // Makes what may be in force of `next` the granted set; returns the one before.
    Choice take_granted(const Choice& next) {
        Choice before = granted();
        set_granted(in_force(next));
        return before;
    }

    // A revoked category stops with all its services; a revoked service of a
    // category still granted stops alone.
    void stop_revoked(const Choice& before) {
        for (const std::string& id : optional_) {
            if (lookup(before.categories, id) && !lookup(state_.granted, id)) {
                stop_category(id);
                continue;
            }
            for (const Service& service : services_of(id)) {
                if (lookup(before.services, service.id) && !lookup(state_.services, service.id)) {
                    stop_service(service.id);
                }
            }
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
        state_.draft_services.clear();
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

    void decide(Choice next, Method method, std::int64_t now_ms) {
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
            if (lookup(state_.granted, id)) stop_category(id);
        }
        set_granted(all(false));
        state_.record.reset();
        state_.phase = Phase::Undecided;
        state_.banner_visible = true;
        emit(fx::ShowBanner{});
        emit(fx::EmitChange{});
    }

    const Config& config_;
    State state_;
    std::vector<std::string> optional_;
    std::vector<std::string> services_;
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
auto fields(const fx::LoadService& e) { return std::tie(e.service); }
auto fields(const fx::StopService& e) { return std::tie(e.service); }
auto fields(const fx::SyncToggles&) { return std::tie(); }

}  // namespace

bool State::is_granted(const std::string& category) const {
    if (category == "necessary") return true;
    return lookup(granted, category);
}

bool State::is_service_granted(const std::string& service) const { return lookup(services, service); }

bool record_is_current(const Config& config, const Record& record, std::int64_t now_ms) {
    if (record.revision != config.revision) return false;

    if (!record_times_current(record.given_ms, record.updated_ms, config.expiry_days, now_ms)) return false;

    if (record.choices.size() != config.categories.size()) return false;
    for (const Category& category : config.categories) {
        if (record.choices.find(category.id) == record.choices.end()) return false;
    }
    if (!lookup(record.choices, "necessary")) return false;

    // A record from before services holds; each service takes its category's choice.
    if (record.services.empty()) return true;
    std::size_t services = 0;
    for (const Category& category : config.categories) {
        bool any = false;
        for (const Service& service : category.services) {
            const auto it = record.services.find(service.id);
            if (it == record.services.end()) return false;
            any = any || it->second;
            ++services;
        }
        if (!category.services.empty() && lookup(record.choices, category.id) != any) return false;
    }
    return services == record.services.size();
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
