// FNV-1a, 64 bit: the stored record's checksum (record.cpp). Incremental, so
// that a checksum over pieces needs no copy.
#pragma once

#include <cstdint>
#include <string_view>

namespace kjeks {

inline constexpr std::uint64_t fnv1a64_basis = 14695981039346656037ULL;

constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = fnv1a64_basis) {
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

}  // namespace kjeks
