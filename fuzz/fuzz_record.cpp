// Fuzzes the stored consent record decoder with arbitrary bytes (whatever
// localStorage may hold) and checks the fail-closed guarantees:
// - decode_record never crashes, leaks or hits undefined behaviour;
// - the heap-free scanner, decode_record (built on it) and the reference
//   decoder (the former JSON-DOM decoder, an independent parser) accept
//   exactly the same texts, and decode_record's record is the reference's:
//   on the input as it is, and on the input taken as a record body and
//   resealed with a correct checksum (so the structure, not the checksum,
//   decides);
// - a text that decodes is canonical: re-encoding gives the same bytes, so
//   nothing can be smuggled past the checksum;
// - the same text never decodes under another storage key;
// - starting the state machine on the text loads a category only when the
//   text decodes to a current record that grants it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "kjeks/config.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/record.hpp"
#include "kjeks/record_scan.hpp"

#include "../tests/reference_record_decoder.hpp"
#include "invariant.hpp"
#include "sealed_record.hpp"

namespace {

using kjeks::fuzz::check;
using kjeks::fuzz::sealed;

constexpr std::int64_t now_ms = 1767225600000;  // 2026-01-01

// `{...}` as a record without "sum" -> the same with a correct "sum" for `key`.
// The scanner, decode_record and the reference decoder agree on `text`.
std::optional<kjeks::Record> decode_checked(std::string_view text, std::string_view key) {
    const std::optional<kjeks::Record> record = kjeks::decode_record(text, key);
    const std::optional<kjeks::Record> reference = kjeks::testing::reference_decode_record(text, key);
    kjeks::ScannedRecord scanned;
    const bool scanned_ok = kjeks::scan_record(text, key, scanned);
    check(record.has_value() == reference.has_value(), "decode_record and the reference decoder agree");
    check(scanned_ok == reference.has_value(), "the scanner and the reference decoder agree");
    if (record && reference) check(*record == *reference, "decode_record gives the reference's record");
    return record;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const kjeks::Config& config = kjeks::default_config();

    const std::optional<kjeks::Record> record = decode_checked(input, config.storage_key);
    decode_checked(sealed(input, config.storage_key), config.storage_key);
    if (record) {
        check(kjeks::encode_record(*record, config.storage_key) == input, "decoded records are canonical");
        check(record->granted("necessary"), "necessary is always granted");
        check(kjeks::is_valid_consent_id(record->id), "the consent id is 32 hex digits");
        check(record->given_ms <= record->updated_ms, "given is not after updated");
    }
    check(!kjeks::decode_record(input, "fuzz.another-key").has_value(), "a record from another key is no decision");

    kjeks::msg::Start start;
    start.stored = std::string(input);
    start.now_ms = now_ms;
    start.lang = "nb";
    start.fresh_id = "0123456789abcdef0123456789abcdef";
    const kjeks::Transition t = kjeks::update(config, kjeks::State{}, start);
    const bool current = record && kjeks::record_is_current(config, *record, now_ms);
    for (const kjeks::Effect& effect : t.effects) {
        if (const auto* load = std::get_if<kjeks::fx::LoadCategory>(&effect)) {
            check(load->category == "necessary" || (current && record->granted(load->category)),
                  "loads only what is strictly necessary or what a current record grants");
        }
        if (std::holds_alternative<kjeks::fx::InjectBeacon>(effect)) {
            check(current, "the beacon only with a current record");
        }
        if (std::holds_alternative<kjeks::fx::ShowBanner>(effect)) {
            check(!current, "the banner is shown only without a current record");
        }
    }
    if (!current) {
        check(t.state.phase == kjeks::Phase::Undecided, "no current record is no decision");
        for (const auto& [id, on] : t.state.granted) check(!on, "nothing is granted without a decision");
    }
    return 0;
}
