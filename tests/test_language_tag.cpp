#include "kjeks/language_tag.hpp"

#include <doctest/doctest.h>

using kjeks::primary_subtag;
using kjeks::tag_names_language;

TEST_CASE("primary_subtag") {
    CHECK(primary_subtag("nb") == "nb");
    CHECK(primary_subtag(" nb-NO ") == "nb");
    CHECK(primary_subtag("NB_no") == "NB");
    CHECK(primary_subtag("nb-Latn-NO") == "nb");
    CHECK(primary_subtag("english") == "english");
    CHECK(primary_subtag("en-").empty());
    CHECK(primary_subtag("en--US").empty());
    CHECK(primary_subtag("-en").empty());
    CHECK(primary_subtag("en-abcdefghi").empty());
    CHECK(primary_subtag("e n").empty());
    CHECK(primary_subtag("").empty());
}

TEST_CASE("tag_names_language") {
    CHECK(tag_names_language("nb-NO", "nb"));
    CHECK(tag_names_language("EN-gb", "en"));
    CHECK(tag_names_language("no", "nb"));
    CHECK(tag_names_language("No-no", "nb"));
    CHECK_FALSE(tag_names_language("no", "no"));
    CHECK(tag_names_language("nn", "nn"));
    CHECK_FALSE(tag_names_language("nn", "nb"));
    CHECK_FALSE(tag_names_language("english", "en"));
    CHECK_FALSE(tag_names_language("en-", "en"));
    CHECK_FALSE(tag_names_language("nb", "NB"));
    CHECK_FALSE(tag_names_language("", ""));
    CHECK(tag_names_language("sma", "sma"));
}
