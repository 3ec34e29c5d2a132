// The first-visit path against the full core: for many configs, stored
// records, languages and GPC, first_visit() must give exactly the banner
// and beacon commands and the consent that update(Start) gives.
#include "kjeks/first_visit.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "kjeks/bridge_protocol.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/first_visit_blob_writer.hpp"
#include "kjeks/i18n.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/record.hpp"
#include "kjeks/record_time.hpp"

using namespace kjeks;

namespace {

constexpr std::int64_t now = 1772323200000;  // 2026-03-01T00:00:00Z

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::string current;
    for (char c : list) {
        if (c == ',') {
            if (!current.empty()) out.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) out.push_back(current);
    return out;
}

bool shown_first(const Effect& effect) {
    return std::holds_alternative<fx::ShowBanner>(effect) || std::holds_alternative<fx::InjectBeacon>(effect);
}

struct Case {
    std::optional<std::string> stored;
    bool gpc = false;
    std::string page_lang;
    std::string browser_langs;
};

// What update(Start) shows first and the consent it leaves, in first_visit()'s form.
std::string expected(const Config& config, const Case& c) {
    msg::Start start;
    start.stored = c.stored;
    start.now_ms = now;
    start.gpc = c.gpc;
    start.lang = pick_language(c.page_lang, split(c.browser_langs), config);
    start.fresh_id = "ffffffffffffffffffffffffffffffff";
    const Transition t = update(config, State{}, start);
    std::vector<Effect> first;
    for (const Effect& effect : t.effects) {
        if (shown_first(effect)) first.push_back(effect);
    }
    return "{\"lang\":\"" + start.lang + "\",\"consent\":" + consent_json(config, t.state) + ",\"commands\":" + effects_to_json(config, t.state, first) +
           "}";
}

std::string actual(const std::string& blob, const Case& c) {
    FirstVisitInput input;
    input.blob = blob;
    input.has_stored = c.stored.has_value();
    input.stored = c.stored ? std::string_view(*c.stored) : std::string_view();
    input.now_ms = now;
    input.gpc = c.gpc;
    input.page_lang = c.page_lang;
    input.browser_langs = c.browser_langs;
    static char out[65536];
    const std::size_t size = first_visit(input, out, sizeof out);
    return std::string(out, size);
}

Record record_for(const Config& config, bool on, std::int64_t updated = now - ms_per_day) {
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    r.given_ms = updated - ms_per_day;
    r.updated_ms = updated;
    r.revision = config.revision;
    r.lang = "nb";
    for (const Category& category : config.categories) r.choices[category.id] = category.required || on;
    r.method = on ? Method::AcceptAll : Method::DeclineAll;
    return r;
}

// Stored texts that hold, that do not, and that are not records at all.
std::vector<std::optional<std::string>> stored_texts(const Config& config) {
    const std::string& key = config.storage_key;
    std::vector<std::optional<std::string>> out = {std::nullopt, std::string(), std::string("{}"),
                                                   std::string("not json")};
    out.push_back(encode_record(record_for(config, true), key));
    out.push_back(encode_record(record_for(config, false), key));
    Record partial = record_for(config, true);
    for (auto& [id, on] : partial.choices) {
        if (id != "necessary") {
            on = false;
            break;
        }
    }
    out.push_back(encode_record(partial, key));
    out.push_back(encode_record(record_for(config, true), "another.key"));
    out.push_back(encode_record(record_for(config, true, now - 400 * ms_per_day), key));  // expired
    out.push_back(encode_record(record_for(config, true, now + 3 * ms_per_day), key));    // from the future
    Record old_revision = record_for(config, true);
    old_revision.revision = "1999-01";
    out.push_back(encode_record(old_revision, key));
    Record swapped = record_for(config, true);  // the same count, another set
    swapped.choices.erase(swapped.choices.rbegin()->first == "necessary" ? swapped.choices.begin()->first
                                                                          : swapped.choices.rbegin()->first);
    swapped.choices["zzz"] = true;
    out.push_back(encode_record(swapped, key));
    Record extra = record_for(config, true);
    extra.choices["zzz"] = true;
    out.push_back(encode_record(extra, key));
    // With per-service choices: all on, all off, one service of a category,
    // a swapped service, a category that disagrees with its services, and
    // services where the config has none.
    const auto with_services = [&](bool on, const std::string& only = "") {
        Record r = record_for(config, on);
        for (const Category& category : config.categories) {
            bool any = false;
            for (const Service& service : category.services) {
                const bool granted = only.empty() ? on : service.id == only;
                r.services[service.id] = granted;
                any = any || granted;
            }
            if (!category.services.empty()) r.choices[category.id] = any;
        }
        if (r.services.empty()) r.services["zzz"] = on;
        return r;
    };
    out.push_back(encode_record(with_services(true), key));
    out.push_back(encode_record(with_services(false), key));
    const std::vector<std::string> service_ids = config.service_ids();
    if (!service_ids.empty()) {
        out.push_back(encode_record(with_services(false, service_ids.front()), key));
        Record swapped_service = with_services(true);
        swapped_service.services.erase(service_ids.front());
        swapped_service.services["zzz"] = true;
        out.push_back(encode_record(swapped_service, key));
        Record disagreeing = with_services(false);
        for (const Category& category : config.categories) {
            if (!category.services.empty()) disagreeing.choices[category.id] = true;
        }
        out.push_back(encode_record(disagreeing, key));
    }
    std::string corrupt = encode_record(record_for(config, true), key);
    corrupt[corrupt.size() / 2] ^= 1;
    out.push_back(corrupt);
    return out;
}

void check_all(const Config& config) {
    const BlobWriteResult blob = write_first_visit_blob(config);
    REQUIRE(blob.error.empty());
    for (const auto& stored : stored_texts(config)) {
        for (bool gpc : {false, true}) {
            for (const char* page : {"nb", "nn-NO", "en-GB", "no", "", "de", " EN ", "se", "nb-"}) {
                for (const char* browser : {"", "en-US,nb", "de,fr", "nn,,en"}) {
                    const Case c{stored, gpc, page, browser};
                    CAPTURE(stored.value_or("(none)"));
                    CAPTURE(gpc);
                    CAPTURE(page);
                    CAPTURE(browser);
                    CHECK(actual(blob.blob, c) == expected(config, c));
                }
            }
        }
    }
}

}  // namespace

TEST_CASE("first_visit decides and shows as update(Start) does: the default config") {
    check_all(default_config());
}

TEST_CASE("first_visit decides and shows as update(Start) does: other configs") {
    Config bridge = fixtures::bridge_config();
    SUBCASE("a beacon with an integrity value, two languages with placeholder texts") { check_all(bridge); }
    SUBCASE("no policy link, no corner icon, GPC not respected") {
        bridge.policy_url.clear();
        bridge.ui.corner_icon_fallback = false;
        bridge.respect_gpc = false;
        check_all(bridge);
    }
    SUBCASE("an unsafe policy link shows no link") {
        bridge.policy_url = fixtures::L("javascript:alert(1)", "/en/privacy");
        check_all(bridge);
    }
    SUBCASE("no beacon, or one gated on a category that is not optional") {
        bridge.has_beacon = false;
        check_all(bridge);
        bridge.has_beacon = true;
        bridge.beacon.category = "necessary";
        check_all(bridge);
    }
    SUBCASE("texts that need escaping, and a language the site added") {
        bridge.texts["nb"]["banner.title"] = "\"Kjeks\" \\ <b>&amp;</b>\ttab\nnew line \x01 \xE2\x80\xA8";
        bridge.texts["se"] = bridge.texts["en"];
        bridge.texts["se"]["banner.accept"] = "Dohkket buot";
        bridge.default_language = "en";
        check_all(bridge);
    }
    SUBCASE("one category only") {
        bridge.categories.resize(1);
        bridge.has_beacon = false;
        check_all(bridge);
    }
}

TEST_CASE("first_visit does nothing without a blob it can read, or room for its answer") {
    const std::string blob = write_first_visit_blob(fixtures::bridge_config()).blob;
    FirstVisitInput input;
    input.blob = blob;
    char small[64];
    CHECK(first_visit(input, small, sizeof small) == 0);
    static char out[65536];
    CHECK(first_visit(input, out, sizeof out) > 0);
    input.blob = std::string_view(blob).substr(0, blob.size() - 1);
    CHECK(first_visit(input, out, sizeof out) == 0);
    input.blob = "";
    CHECK(first_visit(input, out, sizeof out) == 0);
}
