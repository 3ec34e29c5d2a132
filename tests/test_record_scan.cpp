#include "kjeks/record_scan.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kjeks/record.hpp"
#include "record_texts.hpp"

using kjeks::decode_record;
using kjeks::encode_record;
using kjeks::Method;
using kjeks::Record;
using kjeks::scan_record;
using kjeks::ScannedRecord;
using kjeks::record_texts::body_of;
using kjeks::record_texts::seal;

namespace {

constexpr std::string_view key = "kjeks.consent";

Record sample() {
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    r.given_ms = 1767225600000;
    r.updated_ms = 1769904000000;
    r.revision = "2026-04";
    r.lang = "nb";
    r.choices = {{"necessary", true}, {"analytics", true}, {"external", false}};
    r.method = Method::Custom;
    return r;
}

// The scanner and decode_record agree on `text`: both give nothing, or both
// give the same values.
void check_agrees(const std::string& text) {
    CAPTURE(text);
    ScannedRecord scanned;
    const bool ok = scan_record(text, key, scanned);
    const std::optional<Record> decoded = decode_record(text, key);
    REQUIRE(ok == decoded.has_value());
    if (!ok) return;
    CHECK(scanned.id == decoded->id);
    CHECK(scanned.given_ms == decoded->given_ms);
    CHECK(scanned.updated_ms == decoded->updated_ms);
    CHECK(scanned.revision == decoded->revision);
    CHECK(scanned.lang == decoded->lang);
    CHECK(scanned.method == kjeks::to_string(decoded->method));
    CHECK(scanned.gpc == decoded->gpc);
    REQUIRE(scanned.choice_count == decoded->choices.size());
    std::size_t i = 0;
    for (const auto& [id, on] : decoded->choices) {
        CHECK(scanned.choices[i].id == id);
        CHECK(scanned.choices[i].on == on);
        ++i;
    }
    REQUIRE(scanned.service_count == decoded->services.size());
    CHECK(scanned.has_services == !decoded->services.empty());
    i = 0;
    for (const auto& [id, on] : decoded->services) {
        CHECK(scanned.services[i].id == id);
        CHECK(scanned.services[i].on == on);
        ++i;
    }
}

std::vector<Record> samples() {
    std::vector<Record> out;
    out.push_back(sample());
    Record decline = sample();
    decline.method = Method::DeclineAll;
    decline.choices = {{"necessary", true}};
    decline.gpc = true;
    out.push_back(decline);
    Record many = sample();
    many.method = Method::AcceptAll;
    many.lang = "nn";
    for (const char* id : {"a", "b.c", "d_e", "f-g", "h9", "Zed", "x"}) many.choices[id] = true;
    out.push_back(many);
    Record services = sample();
    services.choices["external"] = true;
    services.services = {{"booking", true}, {"chat", false}, {"portal-diagnostics", false}};
    out.push_back(services);
    return out;
}

}  // namespace

TEST_CASE("the scanner reads what encode_record writes") {
    for (const Record& r : samples()) {
        const std::string text = encode_record(r, key);
        ScannedRecord scanned;
        REQUIRE(scan_record(text, key, scanned));
        check_agrees(text);
        CHECK(scanned.has_services == !r.services.empty());
        CHECK_FALSE(scan_record(text, "other.key", scanned));
    }
}

TEST_CASE("the scanner rejects exactly what decode_record rejects, for every one-byte change of a body") {
    // Each body is changed and then resealed, so that its checksum is right
    // and the structural checks must do the rejecting.
    const std::string replacements = "019af\"',{}: \\-.tnA\x01\xc3";
    for (const Record& r : samples()) {
        const std::string body = body_of(encode_record(r, key));
        for (std::size_t at = 0; at < body.size(); ++at) {
            std::string removed = body;
            removed.erase(at, 1);
            check_agrees(seal(removed));
            for (char c : replacements) {
                std::string replaced = body;
                replaced[at] = c;
                check_agrees(seal(replaced));
                std::string inserted = body;
                inserted.insert(at, 1, c);
                check_agrees(seal(inserted));
            }
        }
    }
}

TEST_CASE("the scanner rejects hand-made texts as decode_record does") {
    const std::vector<std::string> bodies = {
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":1,"updated":1,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":7258118399999,"updated":7258118399999,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":7258118400000,"updated":7258118400000,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":0,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":6,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":05,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":false},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true,"analytics":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"analytics":true,"analytics":true,"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nbx","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r\u0041","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"maybe","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":0})",
        R"({"v":1,"id":"0123456789ABCDEF0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":2,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"a":true,"b":true,"c":true,"d":true,"e":true,"f":true,"g":true,"h":true,"i":true,"necessary":true},"method":"custom","gpc":false})",
        R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":5,"updated":5,"rev":"r","lang":"nb","choices":{"a":true,"b":true,"c":true,"d":true,"e":true,"f":true,"g":true,"h":true,"i":true,"j":true,"necessary":true},"method":"custom","gpc":false})",
    };
    for (const std::string& body : bodies) check_agrees(seal(body));
    check_agrees("");
    check_agrees(std::string(5000, ' '));
    check_agrees(seal(bodies[0]) + " ");
    check_agrees("\xEF\xBB\xBF" + seal(bodies[0]));
}
