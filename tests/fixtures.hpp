// Configs built by hand for the core's tests, so that only the tests of the
// embedded default (test_default_config.cpp) depend on it.
#pragma once

#include <cstddef>
#include <string>

#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/texts.hpp"

namespace kjeks::fixtures {

inline Localized L(const std::string& nb, const std::string& en) { return {{"nb", nb}, {"en", en}}; }

// A category titled by its id in both languages, and nothing else.
inline Category category(const std::string& id, bool required = false) {
    Category c;
    c.id = id;
    c.required = required;
    c.title = L(id, id);
    return c;
}

// Every text key in both languages as "nb:<key>" and "en:<key>", so that a
// test sees which key, in which language, a shown text comes from.
inline TextMap placeholder_texts() {
    TextMap texts;
    for (const std::string& key : text_keys()) {
        texts["nb"][key] = "nb:" + key;
        texts["en"][key] = "en:" + key;
    }
    return texts;
}

// What the state machine reads and nothing more: necessary, analytics and
// external titled by their ids, no texts; revision 2024-01, storage key
// kjeks.test, proofs of consent to /api/consent.
inline Config machine_config() {
    Config config;
    config.revision = "2024-01";
    config.expiry_days = 182;
    config.storage_key = "kjeks.test";
    config.categories = {category("necessary", true), category("analytics"), category("external")};
    config.consent_log_endpoint = "/api/consent";
    config.respect_gpc = true;
    return config;
}

// A service named by its id, provided by "<id> AS", with one cookie "<id>_id".
inline Service service(const std::string& id) {
    Service s;
    s.id = id;
    s.name = L(id, id);
    s.provider = L(id + " AS", id + " AS");
    s.purpose = L("nb:" + id, "en:" + id);
    s.storage.push_back({id + "_id", StorageKind::Cookie, L("Id", "Id"), L("1 år", "1 year")});
    s.policy_url = L("https://" + id + ".example/vilkar", "https://" + id + ".example/terms");
    return s;
}

// machine_config() with two services under external: booking and chat.
inline Config services_config() {
    Config config = machine_config();
    config.categories[2].services = {service("booking"), service("chat")};
    return config;
}

// NordLeads AS with its privacy page, revision 2025-01 and placeholder texts,
// without categories: what the view and bridge configs share.
inline Config nordleads_site() {
    Config c;
    c.revision = "2025-01";
    c.texts = placeholder_texts();
    c.policy_url = L("/personvern", "/en/privacy");
    c.controller = {"NordLeads AS", "personvern@nordleads.no", "+47 22 33 44 55"};
    return c;
}

// nordleads_site() with real texts for the banner's buttons and the
// controller line, and necessary, analytics and external with descriptions
// and storage tables (external has none).
inline Config view_config() {
    Config c = nordleads_site();
    c.texts["nb"]["banner.accept"] = "Godta alle";
    c.texts["en"]["banner.accept"] = "Accept all";
    c.texts["nb"]["banner.decline"] = "Avvis alle";
    c.texts["en"]["banner.decline"] = "Decline all";
    c.texts["nb"]["dialog.controller"] = "Behandlingsansvarlig";
    c.texts["en"]["dialog.controller"] = "Controller";

    Category necessary;
    necessary.id = "necessary";
    necessary.required = true;
    necessary.title = L("Strengt nødvendige", "Strictly necessary");
    necessary.description = L("Trengs for at nettstedet virker.", "Needed for the site to work.");
    necessary.storage.push_back({"kjeks.consent", StorageKind::LocalStorage, L("Ditt samtykkevalg", "Your consent choice"),
                                 L("6 måneder", "6 months")});

    Category analytics;
    analytics.id = "analytics";
    analytics.title = L("Statistikk", "Analytics");
    analytics.description = L("Anonym besøksstatistikk.", "Anonymous visit statistics.");
    analytics.storage.push_back({"_nl_id", StorageKind::Cookie, L("Skiller besøkende", "Tells visitors apart"),
                                 L("13 måneder", "13 months")});
    analytics.storage.push_back({"nl_session", StorageKind::SessionStorage, L("Økt", "Session"),
                                 L("Økten", "The session")});

    Category external;
    external.id = "external";
    external.title = L("Eksternt innhold", "External content");
    external.description = L("Bookingwidget.", "Booking widget.");

    c.categories = {necessary, analytics, external};
    return c;
}

// nordleads_site() with a storage item of every kind under analytics, the
// beacon (with an integrity value) gated by analytics, and a consent log.
inline Config bridge_config() {
    Config c = nordleads_site();
    c.storage_key = "kjeks.consent";

    Category necessary;
    necessary.id = "necessary";
    necessary.required = true;
    necessary.title = L("Nødvendige", "Necessary");
    necessary.storage.push_back({"kjeks.consent", StorageKind::LocalStorage, L("Valg", "Choice"), L("6 mnd", "6 mo")});

    Category analytics;
    analytics.id = "analytics";
    analytics.title = L("Statistikk", "Analytics");
    analytics.storage.push_back({"_nl_id", StorageKind::Cookie, L("Id", "Id"), L("13 mnd", "13 mo")});
    analytics.storage.push_back({"nl_last", StorageKind::LocalStorage, L("Sist", "Last"), L("13 mnd", "13 mo")});
    analytics.storage.push_back({"nl_session", StorageKind::SessionStorage, L("Økt", "Session"), L("Økt", "Session")});

    Category external;
    external.id = "external";
    external.title = L("Eksternt", "External");

    c.categories = {necessary, analytics, external};
    c.beacon.src = "beacon.js";
    c.beacon.endpoint = "/api/collect";
    c.beacon.integrity = "sha384-abc";
    c.beacon.category = "analytics";
    c.has_beacon = true;
    c.consent_log_endpoint = "/api/consent";
    return c;
}

// `s`, n times.
// Undecided, nothing granted: the state the view and bridge suites render.
inline State undecided_state(const std::string& lang = "nb") {
    State s;
    s.phase = Phase::Undecided;
    s.lang = lang;
    s.granted = {{"analytics", false}, {"external", false}};
    return s;
}

inline std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

// Every error of a parse, one "path: message" line each.
inline std::string errors_of(const ConfigResult& result) {
    std::string out;
    for (const ConfigError& error : result.errors) {
        out += error.to_string();
        out += '\n';
    }
    return out;
}

}  // namespace kjeks::fixtures
