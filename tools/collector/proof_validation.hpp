// A proof of consent as POSTed to /api/consent, checked against the site config.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kjeks/config.hpp"
#include "kjeks/record.hpp"

namespace kjeks::collector {

// A proof may be stamped at most this far ahead of the server's clock.
inline constexpr std::int64_t max_clock_skew_ms = 86'400'000;

struct ProofCheck {
    Record record;       // valid only when error is empty
    std::string error;   // one line, for the 400 body
    bool ok() const { return error.empty(); }
};

// Strict: exactly the keys proof_json writes, with the right types; no
// duplicate keys; the config's revision, one of its languages and exactly its
// category ids; necessary true; optionally "services" with exactly its
// service ids, each category with services true exactly when one of them is;
// times positive, givenAt <= updatedAt and updatedAt at most
// max_clock_skew_ms after now_ms.
ProofCheck validate_proof(std::string_view body, const Config& config, std::int64_t now_ms);

}  // namespace kjeks::collector
