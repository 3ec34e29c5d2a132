// Comparing a secret without leaking, through timing, how much of it matched.
#pragma once

#include <string_view>

namespace kjeks::collector {

// Time depends on the lengths only, never on where the texts differ.
inline bool constant_time_equal(std::string_view given, std::string_view secret) {
    unsigned char difference = given.size() == secret.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i) {
        const char expected = secret.empty() ? '\0' : secret[i % secret.size()];
        difference |= static_cast<unsigned char>(given[i] ^ expected);
    }
    return difference == 0 && !secret.empty();
}

}  // namespace kjeks::collector
