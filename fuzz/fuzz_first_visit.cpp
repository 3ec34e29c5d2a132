// Fuzzes the first-visit path's two readers of untrusted bytes, against the
// full core where there is one:
// - input starting with 'R': the rest is a record body, resealed with a
//   correct checksum (so the structure, not the checksum, decides); the
//   heap-free scanner and the reference decoder (the former JSON-DOM
//   decoder, tests/reference_record_decoder.hpp) must accept exactly the
//   same texts;
// - anything else is a compiled config: read_first_visit_blob and
//   first_visit() never crash, and what first_visit() writes is JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kjeks/first_visit.hpp"
#include "kjeks/record.hpp"
#include "kjeks/record_scan.hpp"

#include "../tests/reference_record_decoder.hpp"
#include "invariant.hpp"
#include "sealed_record.hpp"

namespace {

using kjeks::fuzz::check;
using kjeks::fuzz::sealed;

constexpr std::string_view key = "kjeks.consent";

void check_record(std::string_view body) {
    const std::string text = sealed(body, key);
    kjeks::ScannedRecord scanned;
    const bool ok = kjeks::scan_record(text, key, scanned);
    check(ok == kjeks::testing::reference_decode_record(text, key).has_value(), "the scanner and the reference decoder agree");
}

void check_blob(std::string_view blob) {
    static char out[65536];
    kjeks::FirstVisitInput input;
    input.blob = blob;
    input.has_stored = true;
    input.stored = "{}";
    input.page_lang = "nb";
    for (bool gpc : {false, true}) {
        input.gpc = gpc;
        const std::size_t size = kjeks::first_visit(input, out, sizeof out);
        if (size == 0) continue;
        check(nlohmann::json::accept(std::string_view(out, size)), "the first visit's answer is JSON");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (!input.empty() && input[0] == 'R') {
        check_record(input.substr(1));
    } else {
        check_blob(input);
    }
    return 0;
}
