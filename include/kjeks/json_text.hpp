// Small JSON text helpers shared by the core, written by hand so that the
// WebAssembly build needs neither nlohmann's serializer nor printf.
#pragma once

#include <string>
#include <string_view>

namespace kjeks {

// Appends `text` as a JSON string literal (quotes included), exactly as
// nlohmann::json's dump(-1, ' ', false, error_handler_t::replace) writes it:
// \" \\ \b \f \n \r \t, other control characters as \u00xx, everything else
// as is, and each ill-formed UTF-8 sequence replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

}  // namespace kjeks
