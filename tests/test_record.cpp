#include "kjeks/record.hpp"

#include <doctest/doctest.h>

#include "record_rejections.hpp"
#include "record_texts.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using kjeks::decode_record;
using kjeks::encode_record;
using kjeks::Method;
using kjeks::Record;
using kjeks::record_rejections::Case;
using kjeks::record_rejections::key;
using kjeks::record_rejections::replace_once;
using kjeks::record_rejections::sample;
using kjeks::record_rejections::services_body;
using kjeks::record_rejections::valid_body;
using kjeks::record_rejections::with_services;
using kjeks::record_rejections::year_2200_ms;
using kjeks::record_texts::body_of;
using kjeks::record_texts::fnv_hex;
using kjeks::record_texts::seal;

TEST_CASE("encode_record writes the documented compact format") {
    const std::string text = encode_record(sample(), key);
    CHECK(text == seal(valid_body));
    CHECK(text.rfind(valid_body.substr(0, valid_body.size() - 1), 0) == 0);
    CHECK(text.size() == valid_body.size() + std::string(",\"sum\":\"0123456789abcdef\"").size());
    // Golden value: changing it breaks every stored record.
    CHECK(text == valid_body.substr(0, valid_body.size() - 1) + R"(,"sum":")" +
                      fnv_hex(valid_body + "|kjeks.consent") + R"("})");
    CHECK(body_of(text) == valid_body);
    // Deterministic, and the key is part of the sum only.
    CHECK(encode_record(sample(), key) == text);
    const std::string other = encode_record(sample(), "other.key");
    CHECK(other != text);
    CHECK(body_of(other) == valid_body);
}

TEST_CASE("records round trip") {
    const std::vector<Method> methods = {Method::AcceptAll, Method::DeclineAll, Method::Custom,
                                         Method::BrowserSignal};
    for (Method method : methods) {
        for (bool gpc : {false, true}) {
            for (const char* lang : {"nb", "nn", "en", "se", "sma"}) {
                CAPTURE(kjeks::to_string(method));
                CAPTURE(gpc);
                CAPTURE(lang);
                Record r = sample(method, gpc);
                r.lang = lang;
                r.choices["analytics"] = method == Method::AcceptAll;
                const std::string text = encode_record(r, key);
                const std::optional<Record> back = decode_record(text, key);
                REQUIRE(back.has_value());
                CHECK(*back == r);
                CHECK(encode_record(*back, key) == text);
                CHECK(text.find(std::string("\"method\":\"") + std::string(kjeks::to_string(method)) +
                                "\"") != std::string::npos);
                CHECK(text.find(gpc ? "\"gpc\":true" : "\"gpc\":false") != std::string::npos);
            }
        }
    }

    SUBCASE("only necessary") {
        Record r = sample();
        r.choices = {{"necessary", true}};
        CHECK(decode_record(encode_record(r, key), key) == r);
    }
    SUBCASE("any category id a config may have (the token rule)") {
        Record r = sample(Method::Custom);
        r.choices = {{"necessary", true}, {"chat", true}, {"Chat.v2", false}, {"1st-party_x", true},
                     {std::string(64, 'z'), false}};
        CHECK(decode_record(encode_record(r, key), key) == r);
    }
    SUBCASE("ten categories with long ids") {
        Record r = sample(Method::Custom);
        r.choices = {{"necessary", true}};
        for (int i = 0; i < 9; ++i) {
            r.choices[std::string(30, 'a') + "_" + std::to_string(i)] = i % 2 == 0;
        }
        REQUIRE(r.choices.size() == 10);
        CHECK(decode_record(encode_record(r, key), key) == r);
    }
    SUBCASE("all five configured categories") {
        Record r = sample(Method::Custom, true);
        r.choices = {{"necessary", true},
                     {"analytics", true},
                     {"external", false},
                     {"preferences", true},
                     {"marketing", false}};
        const std::string text = encode_record(r, key);
        CHECK(text.find(R"("choices":{"analytics":true,"external":false,"marketing":false,)"
                        R"("necessary":true,"preferences":true})") != std::string::npos);
        CHECK(decode_record(text, key) == r);
    }
    SUBCASE("extreme valid values") {
        Record r = sample();
        r.given_ms = 1;
        r.updated_ms = year_2200_ms - 1;
        r.revision = std::string(32, 'A') + std::string(16, '9') + "._-" + std::string(13, 'z');
        REQUIRE(r.revision.size() == 64);
        r.id = "ffffffffffffffffffffffffffffffff";
        CHECK(decode_record(encode_record(r, key), key) == r);
    }
    SUBCASE("given equal to updated") {
        Record r = sample();
        r.updated_ms = r.given_ms;
        CHECK(decode_record(encode_record(r, key), key) == r);
    }
    SUBCASE("other storage keys") {
        for (const char* k : {"a", "site-2.consent", "", "kjeks.consent|x"}) {
            CAPTURE(k);
            CHECK(decode_record(encode_record(sample(), k), k) == sample());
        }
    }
}

TEST_CASE("corrupt, tampered, foreign, future and truncated records decode to nothing") {
    const std::string valid = encode_record(sample(), key);
    REQUIRE(decode_record(valid, key).has_value());
    Record analytics_on = sample(Method::AcceptAll);
    analytics_on.choices["analytics"] = true;
    const std::string valid_on = encode_record(analytics_on, key);

    const std::vector<Case> cases = kjeks::record_rejections::rejected_records();
    REQUIRE(cases.size() >= 25);

    for (const Case& c : cases) {
        SUBCASE(c.name.c_str()) {
            CAPTURE(c.text.size() < 300 ? c.text : c.text.substr(0, 300));
            CHECK_FALSE(decode_record(c.text, key).has_value());
        }
    }

    SUBCASE("every prefix truncation") {
        for (const std::string& text : {valid, valid_on}) {
            for (std::size_t n = 0; n < text.size(); ++n) {
                CAPTURE(n);
                CHECK_FALSE(decode_record(std::string_view(text).substr(0, n), key).has_value());
            }
        }
    }
    SUBCASE("every single-byte deletion") {
        for (std::size_t n = 0; n < valid.size(); ++n) {
            CAPTURE(n);
            std::string text = valid;
            text.erase(n, 1);
            CHECK_FALSE(decode_record(text, key).has_value());
        }
    }
    SUBCASE("every single-bit flip") {
        for (std::size_t n = 0; n < valid.size(); ++n) {
            for (int bit = 0; bit < 8; ++bit) {
                std::string text = valid;
                text[n] = static_cast<char>(text[n] ^ (1 << bit));
                CAPTURE(n);
                CAPTURE(bit);
                CHECK_FALSE(decode_record(text, key).has_value());
            }
        }
    }
    SUBCASE("valid record under another key") {
        CHECK_FALSE(decode_record(valid, "other.consent").has_value());
        CHECK_FALSE(decode_record(valid, "").has_value());
        CHECK_FALSE(decode_record(valid, "kjeks.consent ").has_value());
    }
}

TEST_CASE("the checksum rules are what reject resealed texts") {
    // The helpers that build the corrupt cases must produce decodable text when
    // nothing is wrong, or the table above would prove nothing.
    CHECK(decode_record(seal(valid_body), key) == sample());
    CHECK(decode_record(seal(replace_once(valid_body, "\"gpc\":false", "\"gpc\":true")), key)
              .has_value());
    CHECK_FALSE(decode_record(seal(valid_body, "other"), key).has_value());
    CHECK(decode_record(seal(valid_body, "other"), "other") == sample());
}

TEST_CASE("encoding odd values never crashes") {
    Record r = sample();
    r.revision = std::string("\xFF\xFE\x00\"\\", 5);
    r.lang = "\n";
    r.choices = {{"\x01\xC3", true}};
    const std::string text = encode_record(r, key);
    CHECK_FALSE(text.empty());
    CHECK_FALSE(decode_record(text, key).has_value());
    CHECK_FALSE(proof_json(r).empty());
}

TEST_CASE("proof_json") {
    SUBCASE("exact content, no checksum") {
        Record r = sample(Method::Custom, true);
        r.choices["analytics"] = true;
        CHECK(kjeks::proof_json(r) ==
              R"({"schema":1,"consentId":"0123456789abcdef0123456789abcdef",)"
              R"("givenAt":1767225600000,"updatedAt":1769904000000,"revision":"2026-04",)"
              R"("language":"nb","choices":{"analytics":true,"necessary":true},)"
              R"("method":"custom","gpc":true})");
        CHECK(kjeks::proof_json(r).find("sum") == std::string::npos);
    }
    SUBCASE("every method") {
        for (Method m : {Method::AcceptAll, Method::DeclineAll, Method::Custom, Method::BrowserSignal}) {
            const std::string proof = kjeks::proof_json(sample(m));
            CHECK(proof.find("\"method\":\"" + std::string(kjeks::to_string(m)) + "\"") !=
                  std::string::npos);
            CHECK(proof.find("\"gpc\":false}") != std::string::npos);
        }
    }
    SUBCASE("does not depend on the storage key and is no stored record") {
        const std::string proof = kjeks::proof_json(sample());
        CHECK_FALSE(decode_record(proof, key).has_value());
        CHECK(proof.find("\"language\":\"nb\"") != std::string::npos);
    }
}

TEST_CASE("methods as text") {
    const std::vector<std::pair<Method, std::string_view>> table = {
        {Method::AcceptAll, "accept_all"},
        {Method::DeclineAll, "decline_all"},
        {Method::Custom, "custom"},
        {Method::BrowserSignal, "browser_signal"},
    };
    for (const auto& entry : table) {
        CAPTURE(entry.second);
        CHECK(kjeks::to_string(entry.first) == entry.second);
        CHECK(kjeks::method_from_string(entry.second) == entry.first);
    }
    for (std::string_view bad : {"", "Accept_all", "ACCEPT_ALL", "accept_all ", " custom", "accept",
                                 "browser-signal", "decline all", "gpc"}) {
        CAPTURE(bad);
        CHECK_FALSE(kjeks::method_from_string(bad).has_value());
    }
}

TEST_CASE("is_valid_consent_id") {
    CHECK(kjeks::is_valid_consent_id("0123456789abcdef0123456789abcdef"));
    CHECK(kjeks::is_valid_consent_id("00000000000000000000000000000000"));
    CHECK(kjeks::is_valid_consent_id("ffffffffffffffffffffffffffffffff"));
    for (std::string_view bad : {"", "0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0",
                                 "0123456789ABCDEF0123456789ABCDEF", "0123456789abcdeg0123456789abcdef",
                                 "01234567-89ab-cdef-0123-456789abcdef", " 123456789abcdef0123456789abcdef",
                                 "0123456789abcdef0123456789abcde\n"}) {
        CAPTURE(bad);
        CHECK_FALSE(kjeks::is_valid_consent_id(bad));
    }
    CHECK_FALSE(kjeks::is_valid_consent_id(std::string_view("0123456789abcdef\0" "123456789abcdef", 32)));
}

TEST_CASE("Record::granted and equality") {
    Record r = sample();
    r.choices["external"] = true;
    CHECK(r.granted("necessary"));
    CHECK(r.granted("external"));
    CHECK_FALSE(r.granted("analytics"));
    CHECK_FALSE(r.granted("marketing"));
    CHECK_FALSE(r.granted(""));

    const Record base = sample();
    CHECK(base == sample());
    CHECK_FALSE(base != sample());
    std::vector<Record> changed(9, base);
    changed[0].schema = 2;
    changed[1].id[0] = '1';
    changed[2].given_ms += 1;
    changed[3].updated_ms += 1;
    changed[4].revision = "2026-05";
    changed[5].lang = "en";
    changed[6].choices["analytics"] = true;
    changed[7].method = Method::AcceptAll;
    changed[8].gpc = true;
    for (std::size_t i = 0; i < changed.size(); ++i) {
        CAPTURE(i);
        CHECK(changed[i] != base);
        CHECK_FALSE(changed[i] == base);
    }
}

// ---- Services ---------------------------------------------------------------------


TEST_CASE("services: written sorted after choices, covered by the checksum, and decoded") {
    const std::string text = encode_record(with_services(), key);
    CHECK(text == seal(services_body));
    const std::optional<Record> back = decode_record(text, key);
    REQUIRE(back.has_value());
    CHECK(*back == with_services());
    CHECK(back->services == std::map<std::string, bool>{{"booking", true}, {"chat", false}});

    // No services: the ten keys as before, and a record from before services decodes as it did.
    CHECK(encode_record(sample(), key).find("services") == std::string::npos);
    REQUIRE(decode_record(seal(valid_body), key).has_value());
    CHECK(decode_record(seal(valid_body), key)->services.empty());

    // Equality sees the services.
    Record other = with_services();
    other.services["chat"] = true;
    CHECK(other != with_services());
    CHECK(encode_record(other, key) != text);
}

TEST_CASE("services: malformed, out of place or tampered decode to nothing") {
    REQUIRE(decode_record(encode_record(with_services(), key), key).has_value());
    // The limit itself decodes.
    const std::string most = kjeks::record_rejections::services_of(kjeks::max_services);
    CHECK(decode_record(seal(replace_once(services_body, kjeks::record_rejections::services_member,
                                          "\"services\":" + most)),
                        key)
              .has_value());

    for (const auto& [name, bad] : kjeks::record_rejections::rejected_service_records()) {
        CAPTURE(name);
        CHECK_FALSE(decode_record(bad, key).has_value());
    }
}

TEST_CASE("services: proof_json carries them after choices, when there are any") {
    CHECK(kjeks::proof_json(with_services()) ==
          R"({"schema":1,"consentId":"0123456789abcdef0123456789abcdef",)"
          R"("givenAt":1767225600000,"updatedAt":1769904000000,"revision":"2026-04",)"
          R"("language":"nb","choices":{"analytics":false,"external":true,"necessary":true},)"
          R"("services":{"booking":true,"chat":false},"method":"custom","gpc":false})");
    CHECK(kjeks::proof_json(sample()).find("services") == std::string::npos);
}
