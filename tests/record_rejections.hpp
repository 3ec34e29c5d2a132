// The stored record texts that must decode to nothing, shared by the codec's
// tests (decode_record rejects each) and the scanner's (scan_record and the
// reference decoder reject each too), with the sample records they are made
// from.
#pragma once

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kjeks/record.hpp"
#include "record_texts.hpp"

namespace kjeks::record_rejections {

using kjeks::record_texts::seal;

inline constexpr std::string_view key = "kjeks.consent";
inline constexpr std::int64_t t_given = 1767225600000;    // 2026-01-01T00:00:00Z
inline constexpr std::int64_t t_updated = 1769904000000;  // 2026-02-01T00:00:00Z
inline constexpr std::int64_t year_2200_ms = 7258118400000;

inline Record sample(Method method = Method::DeclineAll, bool gpc = false) {
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

inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

// encode_record(sample(), key) without its "sum".
inline const std::string valid_body =
    R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":1767225600000,)"
    R"("updated":1769904000000,"rev":"2026-04","lang":"nb",)"
    R"("choices":{"analytics":false,"necessary":true},"method":"decline_all","gpc":false})";

struct Case {
    std::string name;
    std::string text;
};

// Texts made from sample() that are no record for `key`.
inline std::vector<Case> rejected_records() {
    const std::string valid = encode_record(sample(), key);

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

    return {
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
}

inline Record with_services() {
    Record r = sample(Method::Custom);
    r.choices["external"] = true;
    r.services = {{"chat", false}, {"booking", true}};
    return r;
}

// encode_record(with_services(), key) without its "sum".
inline const std::string services_body =
    R"({"v":1,"id":"0123456789abcdef0123456789abcdef","given":1767225600000,)"
    R"("updated":1769904000000,"rev":"2026-04","lang":"nb",)"
    R"("choices":{"analytics":false,"external":true,"necessary":true},)"
    R"("services":{"booking":true,"chat":false},"method":"custom","gpc":false})";
inline constexpr std::string_view services_member = R"("services":{"booking":true,"chat":false})";

// n services "s10", "s11", ... (sorted as written).
inline std::string services_of(std::size_t n) {
    std::string out = "{";
    for (std::size_t i = 0; i < n; ++i) out += "\"s" + std::to_string(10 + i) + "\":false,";
    out.back() = '}';
    return out;
}

// Texts made from with_services() that are no record for `key`.
inline std::vector<Case> rejected_service_records() {
    const std::string text = encode_record(with_services(), key);
    auto resealed = [](std::string_view from, std::string_view to) {
        return seal(replace_once(services_body, from, to));
    };
    const std::string many = services_of(kjeks::max_services + 1);
    const std::string services(services_member);
    return {
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
}

}  // namespace kjeks::record_rejections
