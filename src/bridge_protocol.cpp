// Effects as JSON commands for the browser layer (see bridge_protocol.hpp).
// The JSON is written directly (keys in a fixed order, "op" first); strings
// are escaped as nlohmann::json dumps them (json_text.hpp), node trees come from view.hpp's to_json.
#include "kjeks/bridge_protocol.hpp"

#include <algorithm>
#include <map>

#include "kjeks/json_text.hpp"

#include "kjeks/record.hpp"
#include "kjeks/view.hpp"

namespace kjeks {

namespace {

// Writes one JSON object, member by member, in call order.
class Object {
public:
    explicit Object(std::string& out) : out_(out) { out_ += '{'; }
    ~Object() { out_ += '}'; }
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    Object& str(std::string_view key, std::string_view value) {
        return raw(key, json_string(value));
    }
    Object& boolean(std::string_view key, bool value) { return raw(key, value ? "true" : "false"); }
    Object& raw(std::string_view key, std::string_view json) {
        if (!first_) out_ += ',';
        first_ = false;
        append_json_string(out_, key);
        out_ += ':';
        out_ += json;
        return *this;
    }

private:
    std::string& out_;
    bool first_ = true;
};

bool lookup(const std::map<std::string, bool>& map, const std::string& key) {
    const auto it = map.find(key);
    return it != map.end() && it->second;
}

// [{"name","kind"}] of the items (none for null).
std::string storage_json(const std::vector<StorageItem>* items) {
    std::string out = "[";
    if (items != nullptr) {
        bool first = true;
        for (const StorageItem& item : *items) {
            if (!first) out += ',';
            first = false;
            Object(out).str("name", item.name).str("kind", to_string(item.kind));
        }
    }
    out += ']';
    return out;
}

// {"op":name,key:id,"storage":[...]}: what to stop, and the storage items to delete.
std::string stop_command(std::string_view name, std::string_view key, std::string_view id,
                         const std::vector<StorageItem>* items) {
    std::string out;
    Object(out).str("op", name).str(key, id).raw("storage", storage_json(items));
    return out;
}

std::string op(std::string_view name) {
    std::string out;
    Object(out).str("op", name);
    return out;
}

std::string op_node(std::string_view name, const std::string& node_json) {
    std::string out;
    Object(out).str("op", name).raw("node", node_json);
    return out;
}

// Whether a category that counts as granted grants `type`: by the config's
// own table, or else by the defaults of the known categories it has.
template <class Granted>
bool type_granted(const Config& config, const std::string& type, Granted granted) {
    if (!config.consent_mode.types.empty()) {
        for (const auto& [category, types] : config.consent_mode.types) {
            if (granted(category) && std::find(types.begin(), types.end(), type) != types.end()) return true;
        }
        return false;
    }
    static constexpr std::pair<std::string_view, std::string_view> defaults[] = {
        {"analytics", "analytics_storage"},       {"marketing", "ad_storage"},
        {"marketing", "ad_user_data"},            {"marketing", "ad_personalization"},
        {"preferences", "functionality_storage"}, {"preferences", "personalization_storage"},
    };
    for (const auto& [category, default_type] : defaults) {
        if (default_type == type && config.find_category(category) != nullptr && granted(std::string(category))) {
            return true;
        }
    }
    return false;
}

// Every known consent type -> granted, given which categories count as granted.
template <class Granted>
std::string consent_mode_object(const Config& config, Granted granted, bool wait_for_update) {
    std::string out;
    {
        Object object(out);
        for (const std::string& type : known_consent_types()) {
            object.str(type, type_granted(config, type, granted) ? "granted" : "denied");
        }
        if (wait_for_update) object.raw("wait_for_update", "500");
    }
    return out;
}

std::string_view focus_name(fx::Focus focus) {
    switch (focus) {
        case fx::Focus::Dialog: return "dialog";
        case fx::Focus::Icon: return "icon";
        case fx::Focus::BannerSettings: return "bannerSettings";
        case fx::Focus::Previous: return "previous";
    }
    return "icon";
}

// The command for one effect.
struct Command {
    const Config& config;
    const State& state;

    std::string operator()(const fx::ShowIcon&) const {
        std::string out;
        Object(out)
            .str("op", "icon")
            .raw("node", icon_json(config, state))
            .boolean("corner", config.ui.corner_icon_fallback);
        return out;
    }
    std::string operator()(const fx::ShowBanner&) const {
        return op_node("banner", banner_json(config, state));
    }
    std::string operator()(const fx::HideBanner&) const { return op("hideBanner"); }
    std::string operator()(const fx::ShowDialog&) const {
        return op_node("dialog", dialog_json(config, state));
    }
    std::string operator()(const fx::HideDialog&) const { return op("hideDialog"); }
    std::string operator()(const fx::WriteRecord& e) const {
        std::string out;
        Object(out).str("op", "store").str("key", config.storage_key).str("text", e.text);
        return out;
    }
    std::string operator()(const fx::LoadCategory& e) const {
        std::string out;
        Object(out).str("op", "load").str("category", e.category);
        return out;
    }
    std::string operator()(const fx::InjectBeacon&) const {
        std::string out;
        {
            Object command(out);
            command.str("op", "beacon").str("src", config.beacon.src).str("endpoint", config.beacon.endpoint);
            if (!config.beacon.integrity.empty()) command.str("integrity", config.beacon.integrity);
        }
        return out;
    }
    std::string operator()(const fx::RestartBeacon&) const { return op("restartBeacon"); }
    std::string operator()(const fx::StopBeacon&) const { return op("stopBeacon"); }
    std::string operator()(const fx::StopCategory& e) const {
        const Category* category = config.find_category(e.category);
        return stop_command("stop", "category", e.category, category != nullptr ? &category->storage : nullptr);
    }
    std::string operator()(const fx::LoadService& e) const {
        std::string out;
        Object(out).str("op", "loadService").str("service", e.service);
        return out;
    }
    std::string operator()(const fx::StopService& e) const {
        const Service* service = config.find_service(e.service);
        return stop_command("stopService", "service", e.service, service != nullptr ? &service->storage : nullptr);
    }
    // Every switch of a category with services, and of each of its services.
    std::string operator()(const fx::SyncToggles&) const {
        std::string states;
        {
            Object object(states);
            for (const Category& category : config.categories) {
                if (category.services.empty()) continue;
                bool on = false;
                bool off = false;
                for (const Service& service : category.services) {
                    const bool checked = lookup(state.draft_services, service.id);
                    (checked ? on : off) = true;
                    object.boolean("kjeks-service-toggle-" + service.id, checked);
                }
                const std::string id = "kjeks-toggle-" + category.id;
                if (on && off) object.str(id, "mixed");
                else object.boolean(id, on);
            }
        }
        std::string out;
        Object(out).str("op", "toggles").raw("states", states);
        return out;
    }
    std::string operator()(const fx::SendProof& e) const {
        std::string out;
        Object(out).str("op", "proof").str("endpoint", e.endpoint).str("body", e.json);
        return out;
    }
    std::string operator()(const fx::EmitChange&) const {
        std::string out;
        {
            Object command(out);
            command.str("op", "change").raw("consent", consent_json(config, state));
            if (state.record) {
                command.str("method", to_string(state.record->method)).str("id", state.record->id);
            } else {
                command.raw("method", "null").raw("id", "null");
            }
            command.boolean("decided", state.phase == Phase::Decided).boolean("gpc", state.gpc);
            if (config.consent_mode.enabled) {
                command.raw("consentMode", consent_mode_update_json(config, state));
            }
        }
        return out;
    }
    std::string operator()(const fx::MoveFocus& e) const {
        std::string out;
        {
            Object command(out);
            command.str("op", "focus").str("target", focus_name(e.target));
            if (e.only_if_lost) command.boolean("onlyIfLost", true);
        }
        return out;
    }
};

}  // namespace

std::string effects_to_json(const Config& config, const State& state, const std::vector<Effect>& effects) {
    std::string out = "[";
    bool first = true;
    const Command command{config, state};
    for (const Effect& effect : effects) {
        if (!first) out += ',';
        first = false;
        out += std::visit(command, effect);
    }
    out += ']';
    return out;
}

std::string consent_mode_default_json(const Config& config) {
    if (!config.consent_mode.enabled) return {};
    return consent_mode_object(
        config, [](const std::string& category) { return category == "necessary"; }, true);
}

std::string consent_mode_update_json(const Config& config, const State& state) {
    if (!config.consent_mode.enabled) return {};
    return consent_mode_object(
        config, [&state](const std::string& category) { return state.is_granted(category); }, false);
}

std::string setup_json(const Config& config) {
    std::string out;
    {
        Object setup(out);
        if (config.consent_mode.enabled) setup.raw("consentDefault", consent_mode_default_json(config));
        if (!config.consent_log_endpoint.empty()) setup.str("consentLog", config.consent_log_endpoint);
    }
    return out;
}

std::string consent_json(const Config& config, const State& state) {
    std::string out;
    {
        Object consent(out);
        consent.boolean("necessary", true);
        for (const Category& category : config.categories) {
            if (category.required || category.id == "necessary") continue;
            consent.boolean(category.id, state.is_granted(category.id));
        }
        const std::vector<std::string> services = config.service_ids();
        if (!services.empty()) {
            std::string by_service;
            {
                Object object(by_service);
                for (const std::string& id : services) object.boolean(id, state.is_service_granted(id));
            }
            consent.raw("services", by_service);
        }
    }
    return out;
}

}  // namespace kjeks
