// The JSON-DOM record decoder (reference_record_decoder.hpp). Nothing here
// may throw: the shipped test suites compile it with JSON_NOEXCEPTION and
// -fno-exceptions, so types are checked before every access.
#include "reference_record_decoder.hpp"

#include <nlohmann/json.hpp>

#include "kjeks/json_document.hpp"
#include "kjeks/validate.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kjeks::testing {
namespace {

using json = nlohmann::json;

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

std::optional<Record> reference_decode_record(std::string_view text, std::string_view storage_key) {
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

    // The canonical encoding of the decoded values for this key: it ends with
    // `"sum":"<16 hex>"}`, the checksum to compare.
    const std::string canonical = encode_record(record, storage_key);
    const std::string_view expected_sum =
        std::string_view(canonical).substr(canonical.size() - 2 - sum_length, sum_length);
    if (*sum != expected_sum) return std::nullopt;
    // Byte-for-byte canonical: no duplicate keys, whitespace, BOM, escapes, reordering.
    if (text != canonical) return std::nullopt;

    return record;
}

}  // namespace kjeks::testing
