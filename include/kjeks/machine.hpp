// The consent state machine: update(config, state, msg) -> (state, effects).
// Messages and effects are closed sets of plain data; nothing here touches
// the browser. Time and randomness arrive inside messages.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/record.hpp"

namespace kjeks {

// ---- Messages ---------------------------------------------------------------

namespace msg {
struct Start {
    std::optional<std::string> stored;  // raw localStorage text, if any
    std::int64_t now_ms = 0;
    bool gpc = false;                    // navigator.globalPrivacyControl
    std::string lang;                    // already picked (i18n.hpp)
    std::string fresh_id;                // random id for a new record
    // The first-visit start (first_visit.hpp) already added the beacon for
    // the stored decision: it is not added again, and it stops if the
    // decision does not grant it after all.
    bool beacon_present = false;
};
struct AcceptAll { std::int64_t now_ms = 0; };
struct DeclineAll { std::int64_t now_ms = 0; };
enum class Opener { Banner, Icon, Api };
struct OpenSettings { Opener opener = Opener::Icon; };
// A category's switch sets all of its services.
struct Toggle { std::string category; bool on = false; };
struct ToggleService { std::string service; bool on = false; };
struct Save { std::int64_t now_ms = 0; };
struct Close {};  // Escape, the close button, the backdrop: never a decision
// Grant one category only (an embed's "Load content"): all of its services, recorded as custom.
struct Grant { std::string category; std::int64_t now_ms = 0; };
// Grant one service only (an embed's "Load content", a page's own
// data-kjeks-load button): recorded as custom.
struct GrantService { std::string service; std::int64_t now_ms = 0; };
// The record changed in another tab (the storage event). Like TimePassed it
// may end the decision in force, so it brings a random id for the next new
// record (empty: keep the current one).
struct StorageChanged {
    std::optional<std::string> stored;
    std::int64_t now_ms = 0;
    std::string fresh_id = {};
};
struct TimePassed { std::int64_t now_ms = 0; std::string fresh_id = {}; };
}  // namespace msg

using Msg = std::variant<msg::Start, msg::AcceptAll, msg::DeclineAll, msg::OpenSettings,
                         msg::Toggle, msg::ToggleService, msg::Save, msg::Close, msg::Grant,
                         msg::GrantService, msg::StorageChanged, msg::TimePassed>;

// ---- Effects ----------------------------------------------------------------

// The browser layer runs effects in the order update() returns them. Loads
// come last in every transition, so what they run sees the whole decision
// (the banner gone, the change already announced).
namespace fx {
struct ShowIcon {};     // render the footer cookie icon
struct ShowBanner {};
struct HideBanner {};
struct ShowDialog {};   // render the dialog from the current state
struct HideDialog {};
struct WriteRecord { std::string text; };   // encoded record for localStorage
struct LoadCategory { std::string category; };   // run its gated scripts and embeds
// Stop them, delete its storage. Each of its services gets a StopService
// right before it.
struct StopCategory { std::string category; };
struct LoadService { std::string service; };     // run the scripts and embeds gated on it
struct StopService { std::string service; };     // stop them, delete its storage
// The dialog's switches take the draft's states: a category's switch and
// its services' switches change together.
struct SyncToggles {};
struct InjectBeacon {};    // add the beacon script (once per page view)
struct RestartBeacon {};   // the beacon script is there: let it send again
struct StopBeacon {};      // stop it sending and delete its identifiers
struct SendProof { std::string endpoint; std::string json; };
struct EmitChange {};   // kjeks:change with the current consent
// Where focus goes: into the dialog, to the footer icon, to the banner's
// settings button, or back to what had it before the dialog opened (the
// page's own control, for Kjeks.showSettings()). only_if_lost: only when
// nothing has focus any more (the focused control was just removed).
enum class Focus { Dialog, Icon, BannerSettings, Previous };
struct MoveFocus {
    Focus target = Focus::Dialog;
    bool only_if_lost = false;
};
}  // namespace fx

using Effect = std::variant<fx::ShowIcon, fx::ShowBanner, fx::HideBanner, fx::ShowDialog, fx::HideDialog,
                            fx::WriteRecord, fx::LoadCategory, fx::StopCategory, fx::InjectBeacon,
                            fx::RestartBeacon, fx::StopBeacon, fx::SendProof, fx::EmitChange,
                            fx::MoveFocus, fx::LoadService, fx::StopService, fx::SyncToggles>;

// ---- State ------------------------------------------------------------------

enum class Phase { Starting, Undecided, Decided };

struct State {
    Phase phase = Phase::Starting;
    std::optional<Record> record;           // the decision in force, if any
    // Every optional category: on only when granted and the config may load
    // anything (a config that failed validation never grants: fail closed).
    std::map<std::string, bool> granted;
    // Every service, the same way. A category with services is granted
    // exactly while at least one of them is.
    std::map<std::string, bool> services;
    std::map<std::string, bool> draft;      // dialog toggles, while open
    std::map<std::string, bool> draft_services;
    bool banner_visible = false;
    bool dialog_open = false;
    msg::Opener opener = msg::Opener::Icon;  // what opened the dialog: where focus returns
    std::string lang = "nb";
    bool gpc = false;
    std::string fresh_id;
    std::vector<std::string> loaded;        // categories and services loaded and not stopped since
    bool beacon_injected = false;           // the beacon script is in the page

    bool is_granted(const std::string& category) const;
    bool is_service_granted(const std::string& service) const;
};

struct Transition {
    State state;
    std::vector<Effect> effects;
};

Transition update(const Config& config, State state, const Msg& msg);

// True while a record still holds: same revision, not expired, not from the
// future, covering exactly the configured categories, and either without
// services (a record from before them: each service takes its category's
// choice) or with exactly the configured services, each category with
// services granted exactly when one of them is.
bool record_is_current(const Config& config, const Record& record, std::int64_t now_ms);

std::ostream& operator<<(std::ostream& os, const Msg& msg);
std::ostream& operator<<(std::ostream& os, const Effect& effect);
std::string to_string(const Msg& msg);
std::string to_string(const Effect& effect);
bool operator==(const Effect& a, const Effect& b);

}  // namespace kjeks
