// The former JSON-DOM decoder of the stored consent record, kept for tests
// and fuzzing only as an independent oracle for the heap-free scanner
// (record_scan.hpp) that decode_record is now built on. It parses the text
// with nlohmann/json and checks the fields one by one, then demands that the
// record re-encodes to exactly the same bytes, so it shares no parsing code
// with the scanner: when the two agree, neither has a blind spot the other
// lacks. Keep its behaviour as it is; it pins what decode_record accepts.
#pragma once

#include <optional>
#include <string_view>

#include "kjeks/record.hpp"

namespace kjeks::testing {

std::optional<Record> reference_decode_record(std::string_view text, std::string_view storage_key);

}  // namespace kjeks::testing
