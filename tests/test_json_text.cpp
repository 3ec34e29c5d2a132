// The hand-written JSON string writer must write exactly what nlohmann's
// dump(-1, ' ', false, error_handler_t::replace) writes, for any bytes.
#include "kjeks/json_text.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace {

std::string reference(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("json_string escapes like nlohmann for chosen strings") {
    const std::string cases[] = {
        "",
        "plain",
        "a\"b\\c\nd\te\x01 \x1f\x7f </script>",
        "\b\f\r",
        std::string("nul\0byte", 8),
        "\u00e6\u00f8\u00e5 \u20ac \U0001F36A",
        "x\xff" "y",
        "\xC3",                      // truncated at the end
        "\xC3\x28",                  // bad continuation
        "\xE0\x80\x80",              // overlong
        "\xED\xA0\x80",              // surrogate
        "\xF4\x90\x80\x80",          // above U+10FFFF
        "\xF0\x9F\x8D",              // truncated 4-byte
        "\xF0\x9F\x8D" "a",          // broken 4-byte, then ASCII
        "\xC0\xAF",                  // C0 lead
        "\x80\x80\xBF",              // lone continuations
        "\xE2\x82\xAC\xE2\x82",      // good then truncated
    };
    for (const std::string& text : cases) {
        CAPTURE(text);
        CHECK(kjeks::json_string(text) == reference(text));
    }
}

TEST_CASE("json_string escapes like nlohmann for random bytes") {
    std::mt19937 rng(20260501);
    // Bytes biased towards UTF-8 lead and continuation bytes and controls.
    const unsigned char pool[] = {0x00, 0x08, 0x0A, 0x1F, 0x22, 0x5C, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                  0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const int length = static_cast<int>(rng() % 12);
        for (int i = 0; i < length; ++i) {
            text += static_cast<char>(rng() % 3 == 0 ? rng() % 256 : pool[rng() % sizeof pool]);
        }
        CAPTURE(text);
        REQUIRE(kjeks::json_string(text) == reference(text));
    }
}
