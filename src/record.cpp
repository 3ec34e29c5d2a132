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
// Decoding is strict: only the one canonical spelling that encode_record writes
// is accepted, with exactly the ten keys (or eleven, with a non-empty "services"
// of at most max_services), the right types and ranges, and the right checksum
// for this storage key. Accepting nothing but the canonical bytes rejects
// duplicate keys, whitespace, a BOM, escapes and any other spelling, so a value
// can never be smuggled past the checksum. decode_record reads the text with
// scan_record (record_scan.hpp), which expects each canonical byte in turn, so
// no JSON parser is needed; the tests and the fuzzer hold it to an independent
// JSON-DOM decoder (tests/reference_record_decoder.hpp).
//
// Built for WebAssembly too: no iostreams or printf, and nothing here throws
// (the string writer replaces invalid UTF-8 instead of throwing).

#include "kjeks/record.hpp"

#include "kjeks/fnv1a.hpp"
#include "kjeks/json_text.hpp"
#include "kjeks/record_scan.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kjeks {
namespace {

constexpr std::size_t consent_id_length = 32;
constexpr std::size_t sum_length = 16;

bool is_lower_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

bool is_lower_hex_string(std::string_view text, std::size_t length) {
    if (text.size() != length) return false;
    for (char c : text) {
        if (!is_lower_hex(c)) return false;
    }
    return true;
}

std::string hex16(std::uint64_t value) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(sum_length, '0');
    for (std::size_t i = sum_length; i-- > 0;) {
        out[i] = digits[value & 0xF];
        value >>= 4;
    }
    return out;
}

// Decimal digits by hand: std::to_chars brings a table-driven formatter of
// its own into the wasm module.
void append_int(std::string& out, std::int64_t value) {
    char digits[20];
    std::size_t count = 0;
    std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    do {
        digits[count++] = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0) out += '-';
    while (count > 0) out += digits[--count];
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

// Scanned id/boolean pairs, which point into the text, as a map that owns its
// ids. The scanner has them in ascending order, so each goes at the end.
std::map<std::string, bool> to_map(const ScannedChoice* list, std::size_t count) {
    std::map<std::string, bool> out;
    for (std::size_t i = 0; i < count; ++i) out.emplace_hint(out.end(), std::string(list[i].id), list[i].on);
    return out;
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
    ScannedRecord scanned;
    if (!scan_record(text, storage_key, scanned)) return std::nullopt;
    // scan_record accepts only the four method names, so this never fails;
    // checking keeps the access to the optional defined all the same.
    const std::optional<Method> method = method_from_string(scanned.method);
    if (!method) return std::nullopt;

    Record record;
    record.schema = record_schema;
    record.id = std::string(scanned.id);
    record.given_ms = scanned.given_ms;
    record.updated_ms = scanned.updated_ms;
    record.revision = std::string(scanned.revision);
    record.lang = std::string(scanned.lang);
    record.choices = to_map(scanned.choices.data(), scanned.choice_count);
    if (scanned.has_services) record.services = to_map(scanned.services.data(), scanned.service_count);
    record.method = *method;
    record.gpc = scanned.gpc;
    return record;
}

std::string proof_json(const Record& record) { return encode_fields(record, proof_names); }

}  // namespace kjeks
