// The URL allow-lists for links and fetched resources.
#include "kjeks/url.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fixtures.hpp"

using kjeks::fixtures::repeat;

TEST_CASE("URL validators") {
    struct UrlCase {
        std::string url;
        bool link;
        bool fetch;
    };
    const std::vector<UrlCase> cases = {
        // good
        {"https://nordleads.no/informasjonskapsler/", true, true},
        {"http://example.com", true, true},
        {"HTTPS://EXAMPLE.COM/A", true, true},
        {"https://example.com:8443/p?x=1&y=2#top", true, true},
        {"https://[2001:db8::1]/x", true, true},
        {"/informasjonskapsler/", true, true},
        {"/en/cookies/", true, true},
        {"beacon.js", true, true},
        {"./beacon.js", true, true},
        {"../lib/beacon.js", true, true},
        {"/a:b", true, true},
        {"?page=2", true, true},
        {"#cookies", true, true},
        {"%2Fx", true, true},
        {"//cdn.example.com/beacon.js", true, true},  // protocol-relative = http(s)
        {"mailto:info@nordleads.no", true, false},
        {"MAILTO:info@nordleads.no?subject=Cookies", true, false},
        {"tel:+4793610188", true, false},
        {"tel:+47-93-61-01-88", true, false},
        // bad
        {"", false, false},
        {"javascript:alert(1)", false, false},
        {"JavaScript:alert(1)", false, false},
        {" javascript:alert(1)", false, false},
        {"java\tscript:alert(1)", false, false},
        {"java\nscript:alert(1)", false, false},
        {"data:text/html,<script>alert(1)</script>", false, false},
        {"data:text/javascript,alert(1)", false, false},
        {"vbscript:msgbox", false, false},
        {"blob:https://example.com/uuid", false, false},
        {"file:///etc/passwd", false, false},
        {"ftp://example.com/x", false, false},
        {"https://exa mple.com/", false, false},
        {"https://example.com/\x7f", false, false},
        {"https://example.com/\x01", false, false},
        {"/\\evil.com", false, false},
        {"\\\\evil.com", false, false},
        {"https:\\\\evil.com", false, false},
        {"https:evil.com", false, false},
        {"https:/evil.com", false, false},
        {"https://", false, false},
        {"https:///evil.com", false, false},
        {"//", false, false},
        {"///evil.com", false, false},
        {"//@evil.com", false, false},
        {"https://user:pass@evil.com/", false, false},
        {"a:b", false, false},
        {":foo", false, false},
        {"/x\"onmouseover=\"y", false, false},
        {"/<script>", false, false},
        {"/personvernerkl\xc3\xa6ring", false, false},  // non-ASCII: percent-encode it
        {"mailto:", false, false},
        {"mailto:nobody", false, false},
        {"tel:", false, false},
        {"tel:call-us", false, false},
        {"https://example.com/" + repeat("a", 2048), false, false},
    };
    for (const UrlCase& c : cases) {
        CAPTURE(c.url);
        CHECK(kjeks::is_safe_link_url(c.url) == c.link);
        CHECK(kjeks::is_safe_fetch_url(c.url) == c.fetch);
    }
    CHECK(kjeks::is_safe_fetch_url("/" + repeat("a", 2047)));
    CHECK_FALSE(kjeks::is_safe_fetch_url("/" + repeat("a", 2048)));
}

