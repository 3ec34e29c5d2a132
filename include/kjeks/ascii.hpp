// ASCII character classes and comparison, independent of the C locale.
#pragma once

#include <cstddef>
#include <string_view>

namespace kjeks {

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }

constexpr bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_ascii_digit(c);
}

constexpr char to_ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ASCII case-insensitive comparison with an all-lowercase word.
bool equals_ascii_lowercase(std::string_view text, std::string_view lower);

}  // namespace kjeks
