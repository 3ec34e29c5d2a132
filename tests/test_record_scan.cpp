#include "kjeks/record_scan.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kjeks/record.hpp"
#include "record_rejections.hpp"
#include "record_texts.hpp"
#include "reference_record_decoder.hpp"

using kjeks::decode_record;
using kjeks::encode_record;
using kjeks::Method;
using kjeks::Record;
using kjeks::scan_record;
using kjeks::ScannedRecord;
using kjeks::testing::reference_decode_record;
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

// The scanner and decode_record agree with the reference decoder (the former
// JSON-DOM decoder) on `text`: all three give nothing, or all give the same
// values. decode_record is built on the scanner, so the reference is what
// keeps them honest.
void check_agrees(const std::string& text) {
    CAPTURE(text.size() < 300 ? text : text.substr(0, 300));
    const std::optional<Record> expected = reference_decode_record(text, key);
    ScannedRecord scanned;
    const bool ok = scan_record(text, key, scanned);
    const std::optional<Record> decoded = decode_record(text, key);
    REQUIRE(ok == expected.has_value());
    REQUIRE(decoded.has_value() == expected.has_value());
    if (!ok) return;
    CHECK(*decoded == *expected);
    CHECK(scanned.id == expected->id);
    CHECK(scanned.given_ms == expected->given_ms);
    CHECK(scanned.updated_ms == expected->updated_ms);
    CHECK(scanned.revision == expected->revision);
    CHECK(scanned.lang == expected->lang);
    CHECK(scanned.method == kjeks::to_string(expected->method));
    CHECK(scanned.gpc == expected->gpc);
    REQUIRE(scanned.choice_count == expected->choices.size());
    std::size_t i = 0;
    for (const auto& [id, on] : expected->choices) {
        CHECK(scanned.choices[i].id == id);
        CHECK(scanned.choices[i].on == on);
        ++i;
    }
    REQUIRE(scanned.service_count == expected->services.size());
    CHECK(scanned.has_services == !expected->services.empty());
    i = 0;
    for (const auto& [id, on] : expected->services) {
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

TEST_CASE("the scanner and decode_record reject exactly what the reference rejects, for every one-byte change of a body") {
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

TEST_CASE("the scanner and decode_record treat hand-made texts as the reference does") {
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

TEST_CASE("every bit flip of a stored text is judged alike by all three") {
    // Not resealed: the checksum, or the structure, must catch each flip.
    for (const Record& r : samples()) {
        const std::string text = encode_record(r, key);
        check_agrees(text);
        for (std::size_t at = 0; at < text.size(); ++at) {
            for (int bit = 0; bit < 8; ++bit) {
                std::string flipped = text;
                flipped[at] = static_cast<char>(flipped[at] ^ (1 << bit));
                check_agrees(flipped);
            }
            check_agrees(text.substr(0, at));
        }
    }
}

TEST_CASE("the reference decoder, the scanner and decode_record reject the codec's rejection tables") {
    namespace rejections = kjeks::record_rejections;
    std::vector<rejections::Case> cases = rejections::rejected_records();
    const std::vector<rejections::Case> service_cases = rejections::rejected_service_records();
    cases.insert(cases.end(), service_cases.begin(), service_cases.end());
    REQUIRE(cases.size() >= 25);
    for (const rejections::Case& c : cases) {
        CAPTURE(c.name);
        CHECK_FALSE(reference_decode_record(c.text, rejections::key).has_value());
        check_agrees(c.text);
    }
    // The tables are built from texts that the reference accepts.
    CHECK(reference_decode_record(seal(rejections::valid_body), rejections::key) == rejections::sample());
    CHECK(reference_decode_record(seal(rejections::services_body), rejections::key) == rejections::with_services());
}

TEST_CASE("decode_record and the reference read back what encode_record writes: every method, gpc, services") {
    for (Method method : {Method::AcceptAll, Method::DeclineAll, Method::Custom, Method::BrowserSignal}) {
        for (bool gpc : {false, true}) {
            for (bool with_services : {false, true}) {
                CAPTURE(kjeks::to_string(method));
                CAPTURE(gpc);
                CAPTURE(with_services);
                Record r = sample();
                r.method = method;
                r.gpc = gpc;
                if (with_services) r.services = {{"booking", method != Method::DeclineAll}, {"chat", gpc}};
                const std::string text = encode_record(r, key);
                const std::optional<Record> decoded = decode_record(text, key);
                REQUIRE(decoded.has_value());
                CHECK(*decoded == r);
                CHECK(decoded->services.empty() == !with_services);
                CHECK(reference_decode_record(text, key) == r);
                check_agrees(text);
                CHECK_FALSE(decode_record(text, "other.key").has_value());
                CHECK_FALSE(reference_decode_record(text, "other.key").has_value());
            }
        }
    }
}
