// What the core tells the browser layer: effects as JSON commands, and the
// consent snapshot the JS API returns.
#pragma once

#include <string>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"

namespace kjeks {

// A JSON array of commands, one per effect, in the order given; the browser
// layer runs them in that order:
//   {"op":"icon","node":N,"corner":bool}   {"op":"banner","node":N}   {"op":"hideBanner"}
//   {"op":"dialog","node":N}      {"op":"hideDialog"}
//   {"op":"store","key":K,"text":T}
//   {"op":"load","category":C}
//   {"op":"stop","category":C,"storage":[{"name","kind"}]}
//   {"op":"loadService","service":S}   {"op":"stopService","service":S,"storage":[{"name","kind"}]}
//   {"op":"toggles","states":{ID:bool|"mixed"}}   (the dialog's switches of categories
//    with services and of their services, by element id)
//   {"op":"beacon","src":S,"endpoint":E,"integrity":I?}   {"op":"restartBeacon"}   {"op":"stopBeacon"}
//   {"op":"proof","endpoint":E,"body":B}
//   {"op":"change","consent":{C:bool},"method":M,"id":I,"decided":bool,"gpc":bool,
//    "consentMode":{T:"granted"|"denied"}?}   (consentMode only when enabled)
//   {"op":"focus","target":"dialog"|"icon"|"bannerSettings"|"previous","onlyIfLost":true?}
// N is a node tree as view.hpp's to_json writes it. "corner": the icon may
// stand in the page's corner when the page has no place for it.
std::string effects_to_json(const Config& config, const State& state,
                            const std::vector<Effect>& effects);

// {"necessary":true,"analytics":false,...} for every configured category,
// and "services":{"booking":true,...} for every service when there are any.
std::string consent_json(const Config& config, const State& state);

// Google Consent Mode v2. A category grants the types config.consent_mode.types
// lists for it; without a list: analytics -> analytics_storage, marketing ->
// ad_storage ad_user_data ad_personalization, preferences ->
// functionality_storage personalization_storage. Every known type appears.
// The default: {T:"denied" (or "granted" for the necessary category's types),
// ..., "wait_for_update":500}. The update: T is "granted" when a granted
// category (or necessary) grants it. Both "" when consent mode is off.
std::string consent_mode_default_json(const Config& config);
std::string consent_mode_update_json(const Config& config, const State& state);

// What the browser layer does once, after configuring and before the first
// message: {"consentDefault":{...}?,"consentLog":E?}. consentDefault goes to
// dataLayer before anything is loaded; consentLog is where proofs that could
// not be delivered on an earlier page view are sent again.
std::string setup_json(const Config& config);

}  // namespace kjeks
