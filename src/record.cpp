// The consent record kept in localStorage: encoding and strict decoding.
//
// Stored format (schema 1), compact JSON with this fixed key order:
//
//   {"v":1,"id":"<32 hex>","given":<ms>,"updated":<ms>,"rev":"2026-04","lang":"nb",
//    "choices":{"analytics":false,"necessary":true},"services":{"booking":true},
//    "method":"decline_all","gpc":false,"sum":"<16 hex>"}
//
// "choices" is sorted by category id. "services" (every service of the config,
// sorted by id) is written only when there are any: a config without services,
// and a record stored before services existed, have ten keys. "sum" is FNV-1a 64
// (16 lowercase hex digits) over the canonical encoding of the record without "sum"
// (the same JSON, ending at "gpc") followed by "|" and the storage key.
//
// The checksum is NOT cryptographic and is no security boundary: anyone who can
// run script on the page can write a valid record. It only makes a hand-edited
// record, a truncated or mangled one, or one copied from another storage key (another
// Kjeks site sharing the origin) decode to "no decision", which is the fail-closed
// answer.
//
// Decoding is strict: the text must parse, have exactly the ten keys (or eleven,
// with a non-empty "services" of at most max_services) with the right
// types and ranges, carry the right checksum for this storage key, and re-encode to
// exactly the same bytes. The last check rejects duplicate keys (nlohmann keeps the
// last value), whitespace, a BOM, escapes and any other non-canonical spelling, so a
// value can never be smuggled past the checksum.
//
// Built for WebAssembly too: no iostreams or printf, and compiles under
// JSON_NOEXCEPTION / JSON_NO_IO (nothing here may throw: types are checked before
// every access and the string writer replaces invalid UTF-8 instead of throwing).

#include "kjeks/record.hpp"

#include <nlohmann/json.hpp>

#include "kjeks/fnv1a.hpp"
#include "kjeks/json_document.hpp"
#include "kjeks/json_text.hpp"
#include "kjeks/validate.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kjeks {
namespace {

using json = nlohmann::json;

constexpr std::size_t consent_id_length = 32;
constexpr std::size_t sum_length = 16;

// The keys of a stored record, in their fixed order.
constexpr std::array<std::string_view, 10> record_keys = {
    "v", "id", "given", "updated", "rev", "lang", "choices", "method", "gpc", "sum"};

// Token ids to booleans, at least one and at most `max`; false when anything else.
bool read_choices(const json& object, std::size_t max, std::map<std::string, bool>& out) {
    if (!object.is_object() || object.empty() || object.size() > max) return false;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!is_valid_token(it.key()) || !it.value().is_boolean()) return false;
        out.emplace(it.key(), it.value().get<bool>());
    }
    return true;
}

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool is_lower_hex_string(std::string_view text, std::size_t length) {
    if (text.size() != length) return false;
    for (char c : text) {
        if (!is_lower_hex(c)) return false;
    }
    return true;
}

bool is_valid_timestamp(std::int64_t ms) { return ms > 0 && ms < record_timestamp_limit_ms; }

std::string hex16(std::uint64_t value) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(sum_length, '0');
    for (std::size_t i = sum_length; i-- > 0;) {
        out[i] = digits[value & 0xF];
        value >>= 4;
    }
    return out;
}

void append_int(std::string& out, std::int64_t value) {
    std::array<char, 24> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    out.append(buffer.data(), result.ptr);
}

// A JSON string literal with nlohmann's escaping. Invalid UTF-8 is replaced
// (U+FFFD) rather than thrown on; such a record never decodes anyway.
void append_string(std::string& out, std::string_view text) {
    append_json_string(out, text);
}

void append_key(std::string& out, std::string_view key) {
    append_string(out, key);
    out += ':';
}

void append_bool(std::string& out, bool value) { out += value ? "true" : "false"; }

void append_choices(std::string& out, const std::map<std::string, bool>& choices) {
    out += '{';
    bool first = true;
    for (const auto& [id, on] : choices) {
        if (!first) out += ',';
        first = false;
        append_key(out, id);
        append_bool(out, on);
    }
    out += '}';
}

// Field names of the stored record (short) and of the proof sent to the
// consent log (readable); both are written by encode_fields in the same order.
struct FieldNames {
    const char* schema;
    const char* id;
    const char* given;
    const char* updated;
    const char* revision;
    const char* lang;
};
constexpr FieldNames stored_names{"v", "id", "given", "updated", "rev", "lang"};
constexpr FieldNames proof_names{"schema", "consentId", "givenAt", "updatedAt", "revision", "language"};

std::string encode_fields(const Record& record, const FieldNames& names) {
    std::string out;
    out.reserve(224);
    out += '{';
    append_key(out, names.schema);
    append_int(out, record.schema);
    out += ',';
    append_key(out, names.id);
    append_string(out, record.id);
    out += ',';
    append_key(out, names.given);
    append_int(out, record.given_ms);
    out += ',';
    append_key(out, names.updated);
    append_int(out, record.updated_ms);
    out += ',';
    append_key(out, names.revision);
    append_string(out, record.revision);
    out += ',';
    append_key(out, names.lang);
    append_string(out, record.lang);
    out += ',';
    append_key(out, "choices");
    append_choices(out, record.choices);
    out += ',';
    if (!record.services.empty()) {
        append_key(out, "services");
        append_choices(out, record.services);
        out += ',';
    }
    append_key(out, "method");
    append_string(out, to_string(record.method));
    out += ',';
    append_key(out, "gpc");
    append_bool(out, record.gpc);
    out += '}';
    return out;
}

// The canonical encoding of everything but "sum": `{"v":1,...,"gpc":false}`.
std::string encode_body(const Record& record) { return encode_fields(record, stored_names); }

// The stored text: the body with "sum" appended as its last member.
std::string seal(std::string body, std::string_view sum) {
    body.pop_back();  // the body's closing '}'
    body += ",\"sum\":\"";
    body += sum;
    body += "\"}";
    return body;
}

std::string checksum(const std::string& body, std::string_view storage_key) {
    std::string input;
    input.reserve(body.size() + 1 + storage_key.size());
    input += body;
    input += '|';
    input += storage_key;
    return hex16(fnv1a64(input));
}

// A JSON integer (never a float) that fits an int64_t.
std::optional<std::int64_t> get_int(const json& value) {
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
            return std::nullopt;
        }
        return static_cast<std::int64_t>(u);
    }
    if (value.is_number_integer()) return value.get<std::int64_t>();
    return std::nullopt;
}

const std::string* get_string(const json& object, std::string_view key) {
    const json* value = member(object, key);
    if (value == nullptr || !value->is_string()) return nullptr;
    return value->get_ptr<const json::string_t*>();
}

}  // namespace

std::string_view to_string(Method method) {
    switch (method) {
        case Method::AcceptAll: return "accept_all";
        case Method::DeclineAll: return "decline_all";
        case Method::Custom: return "custom";
        case Method::BrowserSignal: return "browser_signal";
    }
    return "decline_all";  // unreachable for valid enum values
}

std::optional<Method> method_from_string(std::string_view text) {
    if (text == "accept_all") return Method::AcceptAll;
    if (text == "decline_all") return Method::DeclineAll;
    if (text == "custom") return Method::Custom;
    if (text == "browser_signal") return Method::BrowserSignal;
    return std::nullopt;
}

bool Record::granted(std::string_view category) const {
    const auto it = choices.find(std::string(category));
    return it != choices.end() && it->second;
}

bool Record::operator==(const Record& other) const {
    return schema == other.schema && id == other.id && given_ms == other.given_ms &&
           updated_ms == other.updated_ms && revision == other.revision && lang == other.lang &&
           choices == other.choices && services == other.services && method == other.method &&
           gpc == other.gpc;
}

bool is_valid_consent_id(std::string_view id) { return is_lower_hex_string(id, consent_id_length); }

std::string encode_record(const Record& record, std::string_view storage_key) {
    std::string body = encode_body(record);
    const std::string sum = checksum(body, storage_key);
    return seal(std::move(body), sum);
}

std::optional<Record> decode_record(std::string_view text, std::string_view storage_key) {
    if (text.empty() || text.size() > max_record_bytes) return std::nullopt;

    json doc;
    if (!parse_json(text, doc) || !doc.is_object()) return std::nullopt;

    // Exactly the known keys (and "services" or not): with the size equal,
    // none can be unknown.
    const json* services = member(doc, "services");
    if (doc.size() != record_keys.size() + (services != nullptr ? 1 : 0)) return std::nullopt;
    for (std::string_view key : record_keys) {
        if (member(doc, key) == nullptr) return std::nullopt;
    }

    Record record;

    const std::optional<std::int64_t> schema = get_int(*member(doc, "v"));
    if (!schema || *schema != record_schema) return std::nullopt;
    record.schema = record_schema;

    const std::string* id = get_string(doc, "id");
    if (id == nullptr || !is_valid_consent_id(*id)) return std::nullopt;
    record.id = *id;

    const std::optional<std::int64_t> given = get_int(*member(doc, "given"));
    const std::optional<std::int64_t> updated = get_int(*member(doc, "updated"));
    if (!given || !updated) return std::nullopt;
    if (!is_valid_timestamp(*given) || !is_valid_timestamp(*updated) || *given > *updated) {
        return std::nullopt;
    }
    record.given_ms = *given;
    record.updated_ms = *updated;

    const std::string* revision = get_string(doc, "rev");
    if (revision == nullptr || !is_valid_token(*revision)) return std::nullopt;
    record.revision = *revision;

    const std::string* lang = get_string(doc, "lang");
    if (lang == nullptr || !is_language_tag(*lang)) return std::nullopt;
    record.lang = *lang;

    if (!read_choices(*member(doc, "choices"), max_record_categories, record.choices)) return std::nullopt;
    if (!record.granted("necessary")) return std::nullopt;
    if (services != nullptr && !read_choices(*services, max_services, record.services)) return std::nullopt;

    const std::string* method_text = get_string(doc, "method");
    if (method_text == nullptr) return std::nullopt;
    const std::optional<Method> method = method_from_string(*method_text);
    if (!method) return std::nullopt;
    record.method = *method;

    const json& gpc = *member(doc, "gpc");
    if (!gpc.is_boolean()) return std::nullopt;
    record.gpc = gpc.get<bool>();

    const std::string* sum = get_string(doc, "sum");
    if (sum == nullptr || !is_lower_hex_string(*sum, sum_length)) return std::nullopt;

    // The checksum of the decoded values, re-encoded canonically, for this key.
    std::string body = encode_body(record);
    const std::string expected_sum = checksum(body, storage_key);
    if (*sum != expected_sum) return std::nullopt;
    // Byte-for-byte canonical: no duplicate keys, whitespace, BOM, escapes, reordering.
    if (text != seal(std::move(body), expected_sum)) return std::nullopt;

    return record;
}

std::string proof_json(const Record& record) { return encode_fields(record, proof_names); }

}  // namespace kjeks
