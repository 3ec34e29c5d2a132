// The consent record kept in localStorage: encoding and strict decoding.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kjeks {

enum class Method { AcceptAll, DeclineAll, Custom, BrowserSignal };

std::string_view to_string(Method method);  // "accept_all", "decline_all", "custom", "browser_signal"
std::optional<Method> method_from_string(std::string_view text);

inline constexpr int record_schema = 1;
inline constexpr std::size_t max_record_bytes = 4096;
inline constexpr std::size_t max_record_categories = 10;
// 2200-01-01T00:00:00Z in ms since the epoch: timestamps must be before it.
inline constexpr std::int64_t record_timestamp_limit_ms = 7258118400000;
// A config lists at most this many services (all categories together).
inline constexpr std::size_t max_services = 32;

struct Record {
    int schema = record_schema;
    std::string id;                    // 32 lowercase hex digits, random
    std::int64_t given_ms = 0;         // first decision, ms since the epoch
    std::int64_t updated_ms = 0;       // latest decision
    std::string revision;              // policy revision decided on
    std::string lang;                  // a language tag (validate.hpp), e.g. "nn"
    std::map<std::string, bool> choices;  // every category; "necessary" is true
    // Every service of the config (none: a config without services, or a
    // record from before services, in which each service takes its
    // category's choice).
    std::map<std::string, bool> services;
    Method method = Method::DeclineAll;
    bool gpc = false;                  // Global Privacy Control was on

    bool granted(std::string_view category) const;
    bool operator==(const Record& other) const;
    bool operator!=(const Record& other) const { return !(*this == other); }
};

// Compact JSON with a checksum over the content and the storage key, so a
// hand-edited record or one copied from another key decodes to nothing.
std::string encode_record(const Record& record, std::string_view storage_key);

// Strict: anything missing, unknown, of the wrong type, out of range,
// truncated, over max_record_bytes, from another schema or with a wrong
// checksum gives std::nullopt ("no decision").
std::optional<Record> decode_record(std::string_view text, std::string_view storage_key);

// The record as sent to the proof-of-consent endpoint (no checksum).
std::string proof_json(const Record& record);

bool is_valid_consent_id(std::string_view id);

}  // namespace kjeks
