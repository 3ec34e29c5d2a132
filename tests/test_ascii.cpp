// ASCII character classes and case-insensitive comparison.
#include "kjeks/ascii.hpp"

#include <doctest/doctest.h>

TEST_CASE("character classes are ASCII only") {
    for (int i = 0; i < 256; ++i) {
        const char c = static_cast<char>(i);
        const bool digit = i >= '0' && i <= '9';
        const bool alpha = (i >= 'a' && i <= 'z') || (i >= 'A' && i <= 'Z');
        CAPTURE(i);
        CHECK(kjeks::is_ascii_digit(c) == digit);
        CHECK(kjeks::is_ascii_alnum(c) == (digit || alpha));
        CHECK(kjeks::is_ascii_lower(c) == (i >= 'a' && i <= 'z'));
        CHECK(kjeks::to_ascii_lower(c) == ((i >= 'A' && i <= 'Z') ? static_cast<char>(i + 32) : c));
    }
}

TEST_CASE("equals_ascii_lowercase") {
    CHECK(kjeks::equals_ascii_lowercase("JavaScript", "javascript"));
    CHECK(kjeks::equals_ascii_lowercase("on", "on"));
    CHECK(kjeks::equals_ascii_lowercase("", ""));
    CHECK_FALSE(kjeks::equals_ascii_lowercase("javascript:", "javascript"));
    CHECK_FALSE(kjeks::equals_ascii_lowercase("href", "HREF"));  // the second is the lowercase word
    CHECK_FALSE(kjeks::equals_ascii_lowercase("\xC3\x85", "\xC3\xA5"));  // Å is not å: ASCII only
}
