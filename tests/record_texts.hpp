// Stored record texts made by hand, for the record codec's and the record
// scanner's tests.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace kjeks::record_texts {

// An independent FNV-1a 64 so the tests pin the documented format, and can
// give hand-made texts a correct checksum (to prove a check other than the
// checksum rejects them).
inline std::string fnv_hex(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    std::string out;
    for (int shift = 60; shift >= 0; shift -= 4) out += "0123456789abcdef"[(h >> shift) & 0xF];
    return out;
}

// `{...}` without "sum" -> the same with a correct "sum" for `storage_key`.
inline std::string seal(const std::string& body, std::string_view storage_key = "kjeks.consent") {
    std::string sum = fnv_hex(body + "|" + std::string(storage_key));
    return body.substr(0, body.size() - 1) + ",\"sum\":\"" + sum + "\"}";
}

// The stored text without its "sum" member.
inline std::string body_of(const std::string& stored) {
    const std::size_t at = stored.rfind(",\"sum\":");
    REQUIRE(at != std::string::npos);
    return stored.substr(0, at) + "}";
}

}  // namespace kjeks::record_texts
