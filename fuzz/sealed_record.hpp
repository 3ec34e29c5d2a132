// A record body sealed with a correct checksum, so that a fuzz target's
// input reaches the record readers' structure checks, not only the
// checksum's.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kjeks/fnv1a.hpp"

namespace kjeks::fuzz {

// `{...}` as a record without "sum" -> the same with a correct "sum" for `key`
// (anything else unchanged).
inline std::string sealed(std::string_view body, std::string_view key) {
    std::string text(body);
    if (text.empty() || text.back() != '}') return text;
    const std::uint64_t hash = fnv1a64(key, fnv1a64("|", fnv1a64(text)));
    std::string sum(16, '0');
    for (int i = 0; i < 16; ++i) sum[15 - i] = "0123456789abcdef"[(hash >> (4 * i)) & 0xF];
    text.pop_back();
    return text + ",\"sum\":\"" + sum + "\"}";
}

}  // namespace kjeks::fuzz
