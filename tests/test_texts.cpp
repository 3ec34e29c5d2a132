// Languages, text keys, and text lookup with its fallbacks.
#include "kjeks/texts.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/default_config.hpp"

using kjeks::Config;
using kjeks::Localized;

TEST_CASE("the supported languages and the text keys") {
    CHECK(kjeks::built_in_languages() == std::vector<std::string>{"nb", "nn", "en"});
    CHECK(kjeks::text_keys().size() == 30);
    CHECK(kjeks::text_keys().front() == "banner.title");
    CHECK(kjeks::text_keys().back() == "embed.terms");
    // The view names a storage kind by the text "kind.<name>".
    for (const kjeks::StorageKind kind :
         {kjeks::StorageKind::Cookie, kjeks::StorageKind::LocalStorage, kjeks::StorageKind::SessionStorage}) {
        const std::string key = "kind." + std::string(kjeks::to_string(kind));
        CAPTURE(key);
        CHECK(std::find(kjeks::text_keys().begin(), kjeks::text_keys().end(), key) != kjeks::text_keys().end());
    }
}

TEST_CASE("text() falls back to English, then to the key") {
    Config c;
    c.texts["nb"]["banner.title"] = "Tittel";
    c.texts["en"]["banner.title"] = "Title";
    c.texts["en"]["banner.body"] = "Body";
    CHECK(kjeks::text(c, "nb", "banner.title") == "Tittel");
    CHECK(kjeks::text(c, "en", "banner.title") == "Title");
    CHECK(kjeks::text(c, "de", "banner.title") == "Title");
    CHECK(kjeks::text(c, "nb", "banner.body") == "Body");
    CHECK(kjeks::text(c, "nb", "dialog.save") == "dialog.save");
    CHECK(kjeks::text(c, "nb", "no.such.key") == "no.such.key");
    // The returned reference stays valid.
    const std::string& a = kjeks::text(c, "nb", "no.such.key");
    const std::string& b = kjeks::text(c, "en", "no.such.key");
    CHECK(&a == &b);
    CHECK(kjeks::text(Config{}, "nb", "icon.label") == "icon.label");
    CHECK(kjeks::text(kjeks::default_config(), "en", "icon.label") == "Cookie settings");
}

TEST_CASE("localized() falls back to English, then Norwegian, then empty") {
    const Localized both{{"nb", "hei"}, {"en", "hello"}};
    CHECK(kjeks::localized(both, "nb") == "hei");
    CHECK(kjeks::localized(both, "en") == "hello");
    CHECK(kjeks::localized(both, "sv") == "hello");
    CHECK(kjeks::localized(both, "se") == "hello");
    CHECK(kjeks::localized(Localized{{"nb", "hei"}}, "en") == "hei");
    CHECK(kjeks::localized(Localized{{"se", "bures"}}, "nb") == "bures");
    CHECK(kjeks::localized(Localized{}, "nb") == "");
    CHECK(kjeks::localized(both, "") == "hello");
}

TEST_CASE("localized() gives a Nynorsk reader Bokmål before English") {
    const Localized three{{"nb", "hei"}, {"nn", "hei du"}, {"en", "hello"}};
    CHECK(kjeks::localized(three, "nn") == "hei du");
    const Localized both{{"nb", "hei"}, {"en", "hello"}};
    CHECK(kjeks::localized(both, "nn") == "hei");
    CHECK(kjeks::localized(Localized{{"en", "hello"}}, "nn") == "hello");
    // Only Nynorsk borrows from Bokmål.
    CHECK(kjeks::localized(both, "se") == "hello");
}

