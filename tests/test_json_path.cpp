// Paths into a JSON document, as config errors name them.
#include "kjeks/json_path.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("token keys join with a dot, indices in brackets") {
    CHECK(kjeks::join_key("", "categories") == "categories");
    CHECK(kjeks::join_key("categories[1]", "storage") == "categories[1].storage");
    CHECK(kjeks::join_key("texts.nb", "banner.title") == "texts.nb.banner.title");
    CHECK(kjeks::join_index("categories", 0) == "categories[0]");
    CHECK(kjeks::join_index("categories[1].storage", 12) == "categories[1].storage[12]");
    CHECK(kjeks::join_index("", 3) == "[3]");
}

TEST_CASE("other keys are quoted and escaped") {
    CHECK(kjeks::join_key("", "") == "[\"\"]");
    CHECK(kjeks::join_key("", "a b") == "[\"a b\"]");
    CHECK(kjeks::join_key("texts", "a b") == "texts[\"a b\"]");
    CHECK(kjeks::join_key("", "a b\x01\"") == R"(["a b\u0001\""])");
    CHECK(kjeks::join_key("", "back\\slash") == R"(["back\\slash"])");
    CHECK(kjeks::join_key("", "\x7f\x1f\n") == R"(["\u007f\u001f\u000a"])");
    CHECK(kjeks::join_key("", "\xc3\xb8") == "[\"\xc3\xb8\"]");  // UTF-8 stays as is
}

TEST_CASE("long keys are cut to 64 bytes, never inside a UTF-8 sequence") {
    CHECK(kjeks::join_key("", std::string(64, 'a')) == std::string(64, 'a'));  // still a token
    CHECK(kjeks::join_key("", std::string(65, 'a')) == "[\"" + std::string(64, 'a') + "...\"]");
    CHECK(kjeks::join_key("", std::string(64, ' ')) == "[\"" + std::string(64, ' ') + "\"]");
    // 63 bytes, then a two-byte sequence across the cut: it goes as a whole.
    const std::string key = std::string(63, 'a') + "\xc3\xb8" + "b";
    CHECK(kjeks::join_key("", key) == "[\"" + std::string(63, 'a') + "...\"]");
}
