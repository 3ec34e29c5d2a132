#include "kjeks/i18n.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

using kjeks::normalize_language;
using kjeks::pick_language;

TEST_CASE("normalize_language maps Norwegian tags to nb") {
    for (std::string_view tag :
         {"nb", "nn", "no", "nb-NO", "no-NO", "nn-NO", "NB", "Nn", "NO", "NB_no", "nb_NO", "nn_no",
          "no_NO", "nb-no", "NB-NO", "nb-Latn-NO", "no-bok", "nn-x-private", "nb-NO-u-ca-gregory",
          " nb ", "\tnb-NO\n"}) {
        CAPTURE(tag);
        CHECK(normalize_language(tag) == "nb");
    }
}

TEST_CASE("normalize_language maps English tags to en") {
    for (std::string_view tag : {"en", "EN", "En", "en-US", "en-GB", "en_GB", "EN-us", "en-AU",
                                 "en-Latn-US", "en-US-x-twain", "en-001", " en"}) {
        CAPTURE(tag);
        CHECK(normalize_language(tag) == "en");
    }
}

TEST_CASE("normalize_language rejects everything else") {
    for (std::string_view tag :
         {"", " ", "e", "n", "sv", "da", "de-NO", "fi", "se", "smi", "english", "norsk", "bokmal",
          "nbx", "nob", "nno", "nor", "eng", "enx", "x-nb", "i-default", "*", "-", "_", "nb-",
          "nb_", "-nb", "_en", "en--US", "en-_US", "nb NO", "en.US", "en-US.UTF-8", "nb,en",
          "en;q=0.9", "nb-verylongsubtag", "n\xC3\xB8", "\xEF\xBB\xBF" "nb"}) {
        CAPTURE(tag);
        CHECK(normalize_language(tag).empty());
    }
    CHECK(normalize_language(std::string_view("nb\0", 3)).empty());
    CHECK(normalize_language(std::string_view("en\0-US", 6)).empty());
}

TEST_CASE("pick_language") {
    struct Case {
        const char* name;
        std::string page;
        std::vector<std::string> browser;
        std::string default_lang;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"page nb wins over browser en", "nb", {"en-US", "en"}, "en", "nb"},
        {"page en wins over browser nb", "en", {"nb-NO", "nb"}, "nb", "en"},
        {"page region tag", "nb-NO", {"en"}, "en", "nb"},
        {"page nn maps to nb", "nn", {"en"}, "en", "nb"},
        {"page upper case", "EN-GB", {"nb"}, "nb", "en"},
        {"unsupported page falls back to browser", "sv", {"en-US", "nb"}, "nb", "en"},
        {"empty page falls back to browser", "", {"nb-NO"}, "en", "nb"},
        {"browser order matters", "", {"en", "nb"}, "nb", "en"},
        {"browser order matters, other way", "", {"no", "en"}, "en", "nb"},
        {"unsupported browser languages are skipped", "", {"sv-SE", "da", "de", "en-GB", "nb"},
         "nb", "en"},
        {"malformed browser entries are skipped", "", {"", "*", "english", "nb_NO"}, "en", "nb"},
        {"no browser languages: default", "", {}, "en", "en"},
        {"nothing supported: default en", "fr", {"sv", "de"}, "en", "en"},
        {"nothing supported: default nb", "fr", {"sv", "de"}, "nb", "nb"},
        {"default is normalized", "", {}, "EN-us", "en"},
        {"default nn is nb", "", {}, "nn-NO", "nb"},
        {"unsupported default gives nb", "", {"sv"}, "sv", "nb"},
        {"empty default gives nb", "", {}, "", "nb"},
        {"garbage default gives nb", "de", {"fr"}, "english", "nb"},
        {"page wins over default", "en", {}, "nb", "en"},
        {"browser wins over default", "", {"en"}, "nb", "en"},
        {"page with whitespace", " en ", {"nb"}, "nb", "en"},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            CHECK(pick_language(c.page, c.browser, c.default_lang) == c.expected);
        }
    }
}

TEST_CASE("pick_language always returns a supported language") {
    const std::vector<std::string> tags = {"", "nb", "en", "sv", "NO", "en-GB", "x", "nbx"};
    for (const std::string& page : tags) {
        for (const std::string& browser : tags) {
            for (const std::string& default_lang : tags) {
                const std::string lang = pick_language(page, {browser}, default_lang);
                CAPTURE(page);
                CAPTURE(browser);
                CAPTURE(default_lang);
                CHECK((lang == "nb" || lang == "en"));
                CHECK(normalize_language(lang) == lang);
            }
        }
    }
}
