// Small JSON text helpers shared by the core, written by hand so that the
// WebAssembly build needs neither nlohmann's serializer nor printf.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace kjeks {

// Appends `text` as a JSON string literal (quotes included), exactly as
// nlohmann::json's dump(-1, ' ', false, error_handler_t::replace) writes it:
// \" \\ \b \f \n \r \t, other control characters as \u00xx, everything else
// as is, and each ill-formed UTF-8 sequence replaced by U+FFFD.
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

// Parses JSON text (strict: one value, nothing after it, no comments) into
// `out`, nesting at most 32 levels. False on any syntax error. Shares the one
// parser instantiation of the config reader (src/config.cpp).
bool parse_json(std::string_view text, nlohmann::json& out);

}  // namespace kjeks
