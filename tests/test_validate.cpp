// The rules for single fields: tokens, language tags, e-mail, phone, storage names, SRI.
#include "kjeks/validate.hpp"

#include <doctest/doctest.h>

#include <string>

#include "fixtures.hpp"

using kjeks::fixtures::repeat;

TEST_CASE("tokens") {
    CHECK(kjeks::is_valid_token("2026-04"));
    CHECK(kjeks::is_valid_token("a.b_c-D9"));
    CHECK(kjeks::is_valid_token(std::string(64, 'x')));
    CHECK_FALSE(kjeks::is_valid_token(std::string(65, 'x')));
    CHECK_FALSE(kjeks::is_valid_token(""));
    CHECK_FALSE(kjeks::is_valid_token("2026 04"));
    CHECK_FALSE(kjeks::is_valid_token("r\xc3\xb8"));
    CHECK_FALSE(kjeks::is_valid_token("a/b"));
    for (const char c : std::string("AZaz09._-")) CHECK(kjeks::is_token_char(c));
    for (const char c : std::string(" +/:@\"\\\x7f\x80")) CHECK_FALSE(kjeks::is_token_char(c));
}

TEST_CASE("language tags") {
    for (const char* good : {"nb", "nn", "en", "se", "sma", "smj"}) {
        CAPTURE(good);
        CHECK(kjeks::is_language_tag(good));
    }
    for (const char* bad : {"", "n", "nbno", "NB", "Nn", "nb-NO", "nb_NO", "n1", "12", " nb", "nb ", "n\xc3\xb8",
                            "*", "x-"}) {
        CAPTURE(bad);
        CHECK_FALSE(kjeks::is_language_tag(bad));
    }
    CHECK_FALSE(kjeks::is_language_tag(std::string("n\0", 2)));
}

TEST_CASE("e-mail addresses") {
    for (const char* good : {"info@nordleads.no", "a@b.no", "first.last+tag@sub.example.com", "a_b-c@x-y.no"}) {
        CAPTURE(good);
        CHECK(kjeks::is_email(good));
    }
    for (const char* bad : {"", "info at acme", "@b.no", "a@", "a@b", "a@@b.no", "a@b@c.no", "a@b.no?subject=x",
                            "a b@c.no", "a@b_c.no", "a@.b.no", "a@b.no.", "a@-b.no", "a@b.no-", "a@b..no",
                            "\xc3\xb8@b.no", "a@b.n\xc3\xb8"}) {
        CAPTURE(bad);
        CHECK_FALSE(kjeks::is_email(bad));
    }
    CHECK(kjeks::is_email(repeat("a", 249) + "@b.no"));  // 254 characters
    CHECK_FALSE(kjeks::is_email(repeat("a", 250) + "@b.no"));
}

TEST_CASE("phone numbers") {
    for (const char* good : {"+47 22 00 00 00", "93610188", "(+47) 936-10.188", "1"}) {
        CAPTURE(good);
        CHECK(kjeks::is_phone(good));
    }
    for (const char* bad : {"", "call us", "+47\t1", "+ - ( ) .", "1234/5678", "tel:123"}) {
        CAPTURE(bad);
        CHECK_FALSE(kjeks::is_phone(bad));
    }
    CHECK(kjeks::is_phone(std::string(32, '1')));
    CHECK_FALSE(kjeks::is_phone(std::string(33, '1')));
}

TEST_CASE("storage names") {
    for (const char* good : {"kjeks.consent", "_nl_id", "__Host-x", "a!#$%&'()*+-./:<>?@[]^_`{|}~"}) {
        CAPTURE(good);
        CHECK(kjeks::is_storage_name(good));
    }
    for (const char* bad : {"", "a b", "a;b", "a,b", "a=b", "a\"b", "a\\b", "a\tb", "a\x7f", "\xc3\xb8"}) {
        CAPTURE(bad);
        CHECK_FALSE(kjeks::is_storage_name(bad));
    }
    CHECK(kjeks::is_storage_name(std::string(128, 'x')));
    CHECK_FALSE(kjeks::is_storage_name(std::string(129, 'x')));
}

TEST_CASE("Subresource Integrity values") {
    // 32, 48 and 64 bytes: 44 (one '='), 64 (none) and 88 (two '=') base64 characters.
    CHECK(kjeks::is_integrity("sha256-" + repeat("A", 43) + "="));
    CHECK(kjeks::is_integrity("sha384-" + repeat("A", 64)));
    CHECK(kjeks::is_integrity("sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"));
    CHECK(kjeks::is_integrity("sha512-" + repeat("A", 86) + "=="));
    CHECK_FALSE(kjeks::is_integrity("sha256-" + repeat("A", 44)));       // padding missing
    CHECK_FALSE(kjeks::is_integrity("sha256-" + repeat("A", 42) + "=="));  // padding in the wrong place
    CHECK_FALSE(kjeks::is_integrity("sha384-" + repeat("A", 63)));
    CHECK_FALSE(kjeks::is_integrity("sha384-" + repeat("A", 65)));
    CHECK_FALSE(kjeks::is_integrity("sha384-" + repeat("A", 63) + "-"));  // base64url is not SRI
    CHECK_FALSE(kjeks::is_integrity("sha384-" + repeat("A", 64) + "?opt"));
    CHECK_FALSE(kjeks::is_integrity("sha384-" + repeat("A", 64) + " sha384-" + repeat("A", 64)));
    CHECK_FALSE(kjeks::is_integrity("md5-" + repeat("A", 24)));
    CHECK_FALSE(kjeks::is_integrity("SHA384-" + repeat("A", 64)));
    CHECK_FALSE(kjeks::is_integrity(""));
    CHECK_FALSE(kjeks::is_integrity("sha384-"));
}
