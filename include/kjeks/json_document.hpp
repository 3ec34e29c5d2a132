// JSON text to an nlohmann::json document, strictly: one value, nothing after
// it, no comments, nesting at most 32 levels. Keys given twice are reported
// (nlohmann keeps the last value silently).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace kjeks {

inline constexpr std::size_t max_json_depth = 32;

struct JsonParse {
    enum class Status { Ok, SyntaxError, TooDeep };
    Status status = Status::Ok;
    // For a syntax error: the 1-based offset of the byte where it was found
    // (an unexpected end of the text is its last byte).
    std::size_t error_byte = 0;
    std::vector<std::string> duplicate_keys;  // paths, as json_path.hpp writes them
    bool ok() const { return status == Status::Ok; }
};

JsonParse parse_json_document(std::string_view text, nlohmann::json& out);
// parse_json_document(...).ok(), for callers that need no details.
bool parse_json(std::string_view text, nlohmann::json& out);

// The member `key` of an object, or null when it has none. Never throws.
const nlohmann::json* member(const nlohmann::json& object, std::string_view key);

}  // namespace kjeks
