// The first visit's fast path: from the compiled config (first_visit_blob.hpp)
// and the stored record, the same decision update(Start) makes, and the
// commands that show it first: the banner, or the beacon for a returning
// visitor who accepted. The icon, which no visitor needs before the banner's
// frame, comes with the full core. Heap-free and without nlohmann, so that it
// compiles to a module of a few kilobytes that kjeks.js carries; the full
// core loads after the banner, takes over with the same Start and does the
// rest (tests/test_first_visit.cpp checks the two decide alike).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kjeks {

struct FirstVisitInput {
    std::string_view blob;
    bool has_stored = false;          // localStorage held a record text
    std::string_view stored;
    std::int64_t now_ms = 0;
    bool gpc = false;                 // navigator.globalPrivacyControl
    std::string_view page_lang;       // <html lang>
    std::string_view browser_langs;   // navigator.languages, comma-separated
};

// Writes {"lang":L,"consent":{...},"commands":[...]} into out: the language
// picked (i18n.hpp's pick_language), the consent in force (as
// Kjeks.consent() tells it) and the banner and beacon commands of
// update(Start), in the bridge protocol's form and order. Returns its size,
// or 0 when the blob cannot be read or out is too small: then the full core
// decides alone.
std::size_t first_visit(const FirstVisitInput& input, char* out, std::size_t capacity);

}  // namespace kjeks
