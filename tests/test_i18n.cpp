#include "kjeks/i18n.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kjeks/config.hpp"

using kjeks::Config;
using kjeks::normalize_language;
using kjeks::pick_language;

namespace {

// A config offering `languages` (texts for each, contents irrelevant here).
Config offering(const std::vector<std::string>& languages, const std::string& default_lang) {
    Config config;
    for (const std::string& lang : languages) config.texts[lang]["banner.title"] = lang;
    config.default_language = default_lang;
    return config;
}

}  // namespace

TEST_CASE("normalize_language: Bokmål, and plain Norwegian, is nb") {
    for (std::string_view tag : {"nb", "no", "nb-NO", "no-NO", "NB", "NO", "NB_no", "nb_NO", "no_NO", "nb-no",
                                 "NB-NO", "nb-Latn-NO", "no-bok", "nb-NO-u-ca-gregory", " nb ", "\tnb-NO\n"}) {
        CAPTURE(tag);
        CHECK(normalize_language(tag) == "nb");
    }
}

TEST_CASE("normalize_language: Nynorsk is nn") {
    for (std::string_view tag : {"nn", "nn-NO", "NN", "Nn", "nn_no", "nn-x-private", "NN-no", " nn-NO "}) {
        CAPTURE(tag);
        CHECK(normalize_language(tag) == "nn");
    }
}

TEST_CASE("normalize_language: other languages by their primary subtag") {
    for (std::string_view tag : {"en", "EN", "En", "en-US", "en-GB", "en_GB", "EN-us", "en-AU", "en-Latn-US",
                                 "en-US-x-twain", "en-001", " en"}) {
        CAPTURE(tag);
        CHECK(normalize_language(tag) == "en");
    }
    CHECK(normalize_language("se-NO") == "se");
    CHECK(normalize_language("SMA") == "sma");
    CHECK(normalize_language("de-NO") == "de");
    CHECK(normalize_language("nob") == "nob");  // a language tag, just not one Kjeks has
}

TEST_CASE("normalize_language rejects malformed tags and long primary subtags") {
    for (std::string_view tag :
         {"", " ", "e", "n", "english", "norsk", "bokmal", "x-nb", "i-default", "*", "-", "_", "nb-", "nb_", "-nb",
          "_en", "en--US", "en-_US", "nb NO", "en.US", "en-US.UTF-8", "nb,en", "en;q=0.9", "nb-verylongsubtag",
          "n\xC3\xB8", "\xEF\xBB\xBF" "nb", "n1", "12", "1nb"}) {
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
        {"page nn is Nynorsk", "nn", {"en"}, "en", "nn"},
        {"page nn-NO is Nynorsk", "nn-NO", {"nb"}, "nb", "nn"},
        {"page no is Bokmål", "no", {"nn"}, "en", "nb"},
        {"page no-NO is Bokmål", "no-NO", {"en"}, "en", "nb"},
        {"page upper case", "EN-GB", {"nb"}, "nb", "en"},
        {"unsupported page falls back to browser", "sv", {"en-US", "nb"}, "nb", "en"},
        {"empty page falls back to browser", "", {"nb-NO"}, "en", "nb"},
        {"browser nn", "", {"nn-NO", "nb"}, "en", "nn"},
        {"browser no is Bokmål", "", {"no", "en"}, "en", "nb"},
        {"browser order matters", "", {"en", "nb"}, "nb", "en"},
        {"unsupported browser languages are skipped", "", {"sv-SE", "da", "de", "en-GB", "nb"}, "nb", "en"},
        {"malformed browser entries are skipped", "", {"", "*", "english", "nb_NO"}, "en", "nb"},
        {"no browser languages: default", "", {}, "en", "en"},
        {"nothing supported: default en", "fr", {"sv", "de"}, "en", "en"},
        {"nothing supported: default nb", "fr", {"sv", "de"}, "nb", "nb"},
        {"nothing supported: default nn", "fr", {"sv", "de"}, "nn", "nn"},
        {"page wins over default", "en", {}, "nb", "en"},
        {"browser wins over default", "", {"en"}, "nb", "en"},
        {"page with whitespace", " en ", {"nb"}, "nb", "en"},
    };
    const Config built_in = offering({"nb", "nn", "en"}, "nb");
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            Config config = built_in;
            config.default_language = c.default_lang;
            CHECK(pick_language(c.page, c.browser, config) == c.expected);
        }
    }
}

TEST_CASE("pick_language offers only the config's languages") {
    const Config with_sami = offering({"nb", "nn", "en", "se"}, "se");
    CHECK(pick_language("se-NO", {"nb"}, with_sami) == "se");
    CHECK(pick_language("", {"se"}, with_sami) == "se");
    CHECK(pick_language("fr", {}, with_sami) == "se");
    // A language whose texts were left out (incomplete) is never picked.
    const Config without_sami = offering({"nb", "nn", "en"}, "nb");
    CHECK(pick_language("se", {"se-NO", "en"}, without_sami) == "en");
    CHECK(pick_language("se", {}, without_sami) == "nb");
}

TEST_CASE("pick_language always returns an offered language") {
    const Config config = offering({"nb", "nn", "en"}, "nn");
    const std::vector<std::string> tags = {"", "nb", "nn", "no", "en", "sv", "NO", "en-GB", "x", "nbx"};
    for (const std::string& page : tags) {
        for (const std::string& browser : tags) {
            const std::string lang = pick_language(page, {browser}, config);
            CAPTURE(page);
            CAPTURE(browser);
            CHECK(config.texts.count(lang) == 1);
            CHECK(normalize_language(lang) == lang);
        }
    }
}
