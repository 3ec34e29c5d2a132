// The stored consent record read without a heap, for the first-visit
// module: a scanner for the one canonical spelling that record.hpp's
// encode_record writes. decode_record is built on it; both accept exactly
// the texts the former JSON-DOM decoder accepts (tests/test_record_scan.cpp
// and the fuzz targets check them against it, kept as a test oracle), and
// what it reads points into the text.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kjeks/record.hpp"

namespace kjeks {

struct ScannedChoice {
    std::string_view id;
    bool on = false;
};

struct ScannedRecord {
    std::string_view id;
    std::int64_t given_ms = 0;
    std::int64_t updated_ms = 0;
    std::string_view revision;
    std::string_view lang;
    std::array<ScannedChoice, max_record_categories> choices{};  // sorted by id
    std::size_t choice_count = 0;
    bool has_services = false;  // false for a record from before services
    std::array<ScannedChoice, max_services> services{};   // sorted by id
    std::size_t service_count = 0;
    std::string_view method;
    bool gpc = false;

    // The choice for an id, or nullptr.
    const ScannedChoice* choice(std::string_view category) const;
    const ScannedChoice* service(std::string_view id) const;
};

// False for anything decode_record(text, storage_key) gives no record for.
bool scan_record(std::string_view text, std::string_view storage_key, ScannedRecord& out);

}  // namespace kjeks
