#include "kjeks/record.hpp"

#include <doctest/doctest.h>

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
using kjeks::record_texts::body_of;
using kjeks::record_texts::fnv_hex;
using kjeks::record_texts::seal;

namespace {

constexpr std::string_view key = "kjeks.consent";
constexpr std::int64_t t_given = 1767225600000;    // 2026-01-01T00:00:00Z
constexpr std::int64_t t_updated = 1769904000000;  // 2026-02-01T00:00:00Z
constexpr std::int64_t year_2200_ms = 7258118400000;

Record sample(Method method = Method::DeclineAll, bool gpc = false) {
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    r.given_ms = t_given;
    r.updated_ms = t_updated;
    r.revision = "2026-04";
    r.lang = "nb";
    r.choices = {{"necessary", true}, {"analytics", false}};
    r.method = method;
    r.gpc = gpc;
    return r;
}

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

const std::string valid_body =
    R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":1767225600000,)"
    R"("updated":1769904000000,"rev":"2026-04","lang":"nb",)"
    R"("choices":{"analytics":false,"necessary":true},"method":"decline_all","gpc":false})";

}  // namespace

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

    auto encoded = [](auto change) {
        Record r = sample();
        change(r);
        return encode_record(r, key);
    };
    // Replace a part of the body and give the result a correct checksum, so
    // only the rule under test can reject it.
    auto resealed = [](std::string_view from, std::string_view to) {
        return seal(replace_once(valid_body, from, to));
    };

    std::string deep_within_limit = "{\"v\":";
    deep_within_limit += std::string(1500, '[') + std::string(1500, ']') + "}";
    REQUIRE(deep_within_limit.size() <= kjeks::max_record_bytes);

    Record analytics_on = sample(Method::AcceptAll);
    analytics_on.choices["analytics"] = true;
    const std::string valid_on = encode_record(analytics_on, key);
    const std::string on_choices = R"("choices":{"analytics":true,"necessary":true})";
    const std::string off_choices = R"("choices":{"analytics":false,"necessary":true})";

    std::string eleven_body = valid_body;
    {
        std::string extra;
        for (int i = 0; i < 10; ++i) extra += "\"c" + std::to_string(i) + "\":false,";
        eleven_body = replace_once(valid_body, "\"choices\":{", "\"choices\":{" + extra);
    }

    std::string sum_upper = valid;
    for (std::size_t i = sum_upper.size() - 18; i < sum_upper.size() - 2; ++i) {
        if (sum_upper[i] >= 'a' && sum_upper[i] <= 'f') sum_upper[i] = static_cast<char>(sum_upper[i] - 'a' + 'A');
    }
    REQUIRE(sum_upper != valid);  // the sample's sum has a letter

    std::string as_json_string = "\"";
    for (char c : valid) {
        if (c == '"') as_json_string += '\\';
        as_json_string += c;
    }
    as_json_string += '"';

    struct Case {
        std::string name;
        std::string text;
    };
    const std::vector<Case> cases = {
        // Not a record at all.
        {"empty string", ""},
        {"null", "null"},
        {"array", "[]"},
        {"true", "true"},
        {"number", "5"},
        {"string", "\"kjeks\""},
        {"empty object", "{}"},
        {"not JSON", "decline_all"},
        {"invalid JSON", "{\"v\":1,}"},
        {"comment", "/**/" + valid},
        {"5 MB string", "\"" + std::string(5 * 1024 * 1024, 'a') + "\""},
        {"valid record padded to 5 MB", valid + std::string(5 * 1024 * 1024, ' ')},
        {"one byte over the limit", valid + std::string(kjeks::max_record_bytes + 1 - valid.size(), ' ')},
        {"nested huge value", "{\"v\":" + std::string(1000000, '[') + std::string(1000000, ']') + "}"},
        {"deeply nested value within the limit", deep_within_limit},
        {"huge string value within the limit",
         resealed("\"rev\":\"2026-04\"", "\"rev\":\"" + std::string(3000, 'x') + "\"")},
        // Framing.
        {"UTF-8 BOM", "\xEF\xBB\xBF" + valid},
        {"trailing garbage", valid + "x"},
        {"trailing brace", valid + "}"},
        {"second record appended", valid + valid},
        {"trailing newline", valid + "\n"},
        {"leading space", " " + valid},
        {"trailing NUL", valid + std::string(1, '\0')},
        {"pretty printed", replace_once(valid, "\"v\":1,", "\n  \"v\": 1,\n  ")},
        {"keys reordered", seal(R"({"id":"0123456789abcdef0123456789abcdef","v":1,"given":1767225600000,)"
                                R"("updated":1769904000000,"rev":"2026-04","lang":"nb",)"
                                R"("choices":{"analytics":false,"necessary":true},"method":"decline_all","gpc":false})")},
        {"escaped but equal value", resealed("\"lang\":\"nb\"", "\"lang\":\"\\u006eb\"")},
        {"invalid UTF-8", replace_once(valid, "2026-04", "2026-\xC3\x28")},
        // Checksum.
        {"choice flipped without updating sum", replace_once(valid, "\"analytics\":false", "\"analytics\":true")},
        {"method changed without updating sum", replace_once(valid, "decline_all", "accept_all")},
        {"timestamp edited", replace_once(valid, "1769904000000", "1769904000001")},
        {"sum for another key", encode_record(sample(), "other.consent")},
        {"sum for a key with a suffix", encode_record(sample(), "kjeks.consent2")},
        {"sum for the empty key", encode_record(sample(), "")},
        {"sum missing", valid_body},
        {"sum one digit off", valid.substr(0, valid.size() - 3) +
                                  (valid[valid.size() - 3] == '0' ? "1" : "0") + "\"}"},
        {"sum uppercase", sum_upper},
        {"sum too short", replace_once(valid, valid.substr(valid.size() - 18, 16),
                                       valid.substr(valid.size() - 18, 15))},
        {"sum as number", valid_body.substr(0, valid_body.size() - 1) + ",\"sum\":12345}"},
        {"sum null", valid_body.substr(0, valid_body.size() - 1) + ",\"sum\":null}"},
        // Duplicate keys: nlohmann keeps the last value.
        {"duplicate key smuggles an earlier value", "{" + off_choices + "," + valid_on.substr(1)},
        {"duplicate key after the sum", valid.substr(0, valid.size() - 1) + "," + on_choices + "}"},
        {"duplicate choice", replace_once(valid_on, "\"analytics\":true",
                                          "\"analytics\":false,\"analytics\":true")},
        {"duplicate key with equal value", replace_once(valid, "\"v\":1,", "\"v\":1,\"v\":1,")},
        // Schema.
        {"schema 0", encoded([](Record& r) { r.schema = 0; })},
        {"schema 2", encoded([](Record& r) { r.schema = 2; })},
        {"schema -1", encoded([](Record& r) { r.schema = -1; })},
        {"schema as string", resealed("\"v\":1", "\"v\":\"1\"")},
        {"schema as float", resealed("\"v\":1", "\"v\":1.0")},
        {"schema as true", resealed("\"v\":1", "\"v\":true")},
        // Keys.
        {"unknown extra key", resealed("\"gpc\":false", "\"gpc\":false,\"ip\":\"10.0.0.1\"")},
        {"unknown extra key, sum unchanged", replace_once(valid, "\"gpc\":false", "\"gpc\":false,\"x\":1")},
        {"missing gpc", resealed(",\"gpc\":false", "")},
        {"missing id", resealed("\"id\":\"0123456789abcdef0123456789abcdef\",", "")},
        {"missing choices", resealed(off_choices + ",", "")},
        {"key with different case", resealed("\"lang\"", "\"Lang\"")},
        // Id.
        {"uppercase id", encoded([](Record& r) { r.id = "0123456789ABCDEF0123456789ABCDEF"; })},
        {"31-char id", encoded([](Record& r) { r.id.pop_back(); })},
        {"33-char id", encoded([](Record& r) { r.id += "0"; })},
        {"empty id", encoded([](Record& r) { r.id.clear(); })},
        {"non-hex id", encoded([](Record& r) { r.id[5] = 'g'; })},
        {"uuid with dashes", encoded([](Record& r) { r.id = "01234567-89ab-cdef-0123-456789abcdef"; })},
        {"id as number", resealed("\"0123456789abcdef0123456789abcdef\"", "12345678901234567890")},
        // Timestamps.
        {"float timestamp", resealed("1767225600000", "1767225600000.0")},
        {"exponent timestamp", resealed("1767225600000", "1.7672256e12")},
        {"timestamp as string", resealed("1767225600000", "\"1767225600000\"")},
        {"timestamp null", resealed("1767225600000", "null")},
        {"negative timestamps", encoded([](Record& r) { r.given_ms = -5; r.updated_ms = -1; })},
        {"negative given", encoded([](Record& r) { r.given_ms = -1767225600000; })},
        {"zero given", encoded([](Record& r) { r.given_ms = 0; })},
        {"given after updated", encoded([](Record& r) { r.given_ms = r.updated_ms + 1; })},
        {"updated in year 2200", encoded([](Record& r) { r.updated_ms = year_2200_ms; })},
        {"updated at int64 max", encoded([](Record& r) { r.updated_ms = INT64_MAX; })},
        {"timestamp over uint64", resealed("1769904000000", "99999999999999999999999")},
        {"timestamp uint64 max", resealed("1769904000000", "18446744073709551615")},
        {"timestamp just over int64", resealed("1769904000000", "9223372036854775808")},
        {"timestamp huge exponent", resealed("1769904000000", "1e999")},
        // Revision and language.
        {"empty revision", encoded([](Record& r) { r.revision.clear(); })},
        {"65-char revision", encoded([](Record& r) { r.revision = std::string(65, 'r'); })},
        {"revision with a space", encoded([](Record& r) { r.revision = "2026 04"; })},
        {"revision with a slash", encoded([](Record& r) { r.revision = "2026/04"; })},
        {"revision with non-ASCII", encoded([](Record& r) { r.revision = "2026-\xC3\xB8"; })},
        {"revision as number", resealed("\"rev\":\"2026-04\"", "\"rev\":202604")},
        {"lang deutsch", encoded([](Record& r) { r.lang = "deutsch"; })},
        {"lang of one letter", encoded([](Record& r) { r.lang = "n"; })},
        {"lang with a digit", encoded([](Record& r) { r.lang = "n1"; })},
        {"lang non-ASCII", encoded([](Record& r) { r.lang = "n\xC3\xB8"; })},
        {"lang NB", encoded([](Record& r) { r.lang = "NB"; })},
        {"lang nb-NO", encoded([](Record& r) { r.lang = "nb-NO"; })},
        {"lang empty", encoded([](Record& r) { r.lang.clear(); })},
        // Choices.
        {"necessary false", encoded([](Record& r) { r.choices["necessary"] = false; })},
        {"necessary missing", encoded([](Record& r) { r.choices.erase("necessary"); })},
        {"choices empty", encoded([](Record& r) { r.choices.clear(); })},
        {"eleven categories", seal(eleven_body)},
        {"eleven categories via encode", encoded([](Record& r) {
             for (int i = 0; i < 9; ++i) r.choices["c" + std::to_string(i)] = false;
         })},
        {"65-char category id", encoded([](Record& r) { r.choices[std::string(65, 'a')] = false; })},
        {"empty category id", encoded([](Record& r) { r.choices[""] = false; })},
        {"category id with a space", encoded([](Record& r) { r.choices["a b"] = false; })},
        {"category id with a slash", encoded([](Record& r) { r.choices["a/b"] = false; })},
        {"category id non-ASCII", encoded([](Record& r) { r.choices["k\xC3\xB8"] = false; })},
        {"choice as number", resealed("\"analytics\":false", "\"analytics\":0")},
        {"choice as string", resealed("\"analytics\":false", "\"analytics\":\"false\"")},
        {"choice null", resealed("\"analytics\":false", "\"analytics\":null")},
        {"choices as array", resealed(off_choices, "\"choices\":[\"necessary\"]")},
        {"choices null", resealed(off_choices, "\"choices\":null")},
        {"nested choices", resealed("\"analytics\":false", "\"analytics\":{\"on\":false}")},
        // Method and gpc.
        {"unknown method", resealed("decline_all", "reject_all")},
        {"method uppercase", resealed("decline_all", "DECLINE_ALL")},
        {"method empty", resealed("\"decline_all\"", "\"\"")},
        {"method as number", resealed("\"decline_all\"", "1")},
        {"gpc as number", resealed("\"gpc\":false", "\"gpc\":0")},
        {"gpc as string", resealed("\"gpc\":false", "\"gpc\":\"false\"")},
        {"gpc null", resealed("\"gpc\":false", "\"gpc\":null")},
        // Not an object at the top.
        {"record inside an array", "[" + valid + "]"},
        {"record as a JSON string", as_json_string},
    };
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

namespace {

Record with_services() {
    Record r = sample(Method::Custom);
    r.choices["external"] = true;
    r.services = {{"chat", false}, {"booking", true}};
    return r;
}

const std::string services_body =
    R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":1767225600000,)"
    R"("updated":1769904000000,"rev":"2026-04","lang":"nb",)"
    R"("choices":{"analytics":false,"external":true,"necessary":true},)"
    R"("services":{"booking":true,"chat":false},"method":"custom","gpc":false})";

}  // namespace

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
    const std::string text = encode_record(with_services(), key);
    REQUIRE(decode_record(text, key).has_value());
    auto resealed = [](std::string_view from, std::string_view to) {
        return seal(replace_once(services_body, from, to));
    };
    // n services "s10", "s11", ... (sorted as written).
    auto services_of = [](std::size_t n) {
        std::string out = "{";
        for (std::size_t i = 0; i < n; ++i) out += "\"s" + std::to_string(10 + i) + "\":false,";
        out.back() = '}';
        return out;
    };
    const std::string many = services_of(kjeks::max_services + 1);
    const std::string most = services_of(kjeks::max_services);
    const std::string services = R"("services":{"booking":true,"chat":false})";

    // The limit itself decodes.
    CHECK(decode_record(resealed(services, "\"services\":" + most), key).has_value());

    const std::vector<std::pair<const char*, std::string>> cases = {
        {"empty services", resealed(services, R"("services":{})")},
        {"services not an object", resealed(services, R"("services":["booking"])")},
        {"services null", resealed(services, R"("services":null)")},
        {"a non-boolean choice", resealed(services, R"("services":{"booking":1,"chat":false})")},
        {"an id that is no token", resealed(services, R"("services":{"book ing":true,"chat":false})")},
        {"too many services", resealed(services, "\"services\":" + many)},
        {"unsorted (not canonical)", resealed(services, R"("services":{"chat":false,"booking":true})")},
        {"before choices (not canonical)",
         seal(replace_once(replace_once(services_body, services + ",", ""), R"("choices")", services + R"(,"choices")"))},
        {"a twelfth key", resealed(services, services + R"(,"extra":true)")},
        {"services in place of another key", resealed(R"("gpc":false)", R"("servicez":false)")},
        {"a service flipped after sealing", replace_once(text, R"("booking":true)", R"("booking":false)")},
        {"services dropped after sealing", replace_once(text, services + ",", "")},
        {"services added after sealing", replace_once(encode_record(sample(), key), R"(,"method")",
                                                      R"(,"services":{"booking":true},"method")")},
        {"duplicate services key", resealed(services, services + "," + services)},
    };
    for (const auto& [name, bad] : cases) {
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
