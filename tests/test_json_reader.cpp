// The typed readers of config values: each records its error at the value's
// path, and text errors are told apart from structural ones.
#include "kjeks/json_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fixtures.hpp"

using kjeks::Localized;
using kjeks::ReadErrors;
using kjeks::fixtures::repeat;
using nlohmann::json;

namespace {

std::vector<std::string> lines(const ReadErrors& errors) {
    std::vector<std::string> out;
    for (const kjeks::ConfigError& error : errors.list) out.push_back(error.to_string());
    return out;
}

}  // namespace

TEST_CASE("errors under texts, or marked so, are text errors; the rest are structural") {
    ReadErrors texts;
    texts.add("texts", "expected an object");
    texts.add("texts.nb.banner.title", "must not be empty");
    texts.add("texts[\"odd\"]", "unknown key");
    texts.add("categories[1].title.en", "missing", /*text_error=*/true);
    CHECK_FALSE(texts.structural);
    CHECK(texts.list.size() == 4);

    for (const char* path : {"revision", "textsx", "(root)", "categories[0].texts", ""}) {
        CAPTURE(path);
        ReadErrors errors;
        errors.add(path, "x");
        CHECK(errors.structural);
    }
}

TEST_CASE("check_keys names every unknown key, quoted when it is odd") {
    ReadErrors errors;
    kjeks::check_keys(errors, json::parse(R"({"name": 1, "fax": 2, "a b": 3})"), "controller", {"name", "email"});
    CHECK(lines(errors) == std::vector<std::string>{"controller[\"a b\"]: unknown key", "controller.fax: unknown key"});
    ReadErrors none;
    kjeks::check_keys(none, json::parse(R"({"name": 1})"), "", {"name"});
    kjeks::check_keys(none, json::object(), "", {});
    CHECK(none.list.empty());
}

TEST_CASE("expect_object, expect_array and expect_string check the type") {
    ReadErrors errors;
    CHECK(kjeks::expect_object(errors, json::object(), "a"));
    CHECK_FALSE(kjeks::expect_object(errors, json::array(), "b"));
    CHECK(kjeks::expect_array(errors, json::array(), "c"));
    CHECK_FALSE(kjeks::expect_array(errors, json::object(), "d"));
    const json text = "x";
    REQUIRE(kjeks::expect_string(errors, text, "e") != nullptr);
    CHECK(*kjeks::expect_string(errors, text, "e") == "x");
    CHECK(kjeks::expect_string(errors, json(5), "f") == nullptr);
    CHECK(kjeks::expect_string(errors, json(nullptr), "g") == nullptr);
    CHECK(lines(errors) == std::vector<std::string>{"b: expected an object", "d: expected an array",
                                                    "f: expected a string", "g: expected a string"});
}

TEST_CASE("read_bool leaves the default when the key is absent") {
    ReadErrors errors;
    bool on = true;
    kjeks::read_bool(errors, json::object(), "gpc", "respect", on);
    CHECK(on);
    kjeks::read_bool(errors, json::parse(R"({"respect": false})"), "gpc", "respect", on);
    CHECK_FALSE(on);
    kjeks::read_bool(errors, json::parse(R"({"respect": 1})"), "gpc", "respect", on);
    CHECK_FALSE(on);
    CHECK(lines(errors) == std::vector<std::string>{"gpc.respect: expected a boolean"});
}

TEST_CASE("check_text counts characters, not bytes") {
    ReadErrors errors;
    CHECK(kjeks::check_text(errors, repeat("\xc3\xb8", kjeks::max_text_chars), "a"));
    CHECK_FALSE(kjeks::check_text(errors, repeat("x", kjeks::max_text_chars + 1), "b"));
    CHECK(kjeks::check_text(errors, "abc", "c", 3));
    CHECK_FALSE(kjeks::check_text(errors, "abcd", "d", 3));
    CHECK_FALSE(kjeks::check_text(errors, "", "e"));
    CHECK(lines(errors) == std::vector<std::string>{"b: too long (max 2000 characters)",
                                                    "d: too long (max 3 characters)", "e: must not be empty"});
}

TEST_CASE("read_token and read_fetch_url keep the value only when it is valid") {
    ReadErrors errors;
    std::string token = "before";
    kjeks::read_token(errors, json("2026-05"), "revision", token);
    CHECK(token == "2026-05");
    kjeks::read_token(errors, json("a b"), "revision", token);
    kjeks::read_token(errors, json(7), "revision", token);
    CHECK(token == "2026-05");
    std::string url = "beacon.js";
    kjeks::read_fetch_url(errors, json("https://cdn.example.com/b.js"), "beacon.src", url);
    CHECK(url == "https://cdn.example.com/b.js");
    kjeks::read_fetch_url(errors, json("mailto:a@b.no"), "beacon.src", url);
    kjeks::read_fetch_url(errors, json(false), "beacon.src", url);
    CHECK(url == "https://cdn.example.com/b.js");
    CHECK(lines(errors) == std::vector<std::string>{
                               "revision: expected 1-64 characters of A-Z a-z 0-9 . _ -",
                               "revision: expected a string",
                               "beacon.src: not a safe URL",
                               "beacon.src: expected a string",
                           });
    CHECK(errors.structural);
}

const std::vector<std::string> languages = {"nb", "nn", "en", "se"};

TEST_CASE("read_localized: one text for all languages, or one per language") {
    SUBCASE("a string is every language's text") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json("Hei"), "title", languages, out);
        CHECK(out == Localized{{"nb", "Hei"}, {"nn", "Hei"}, {"en", "Hei"}, {"se", "Hei"}});
        CHECK(errors.list.empty());
    }
    SUBCASE("an object gives each language") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json::parse(R"({"nb": "Hei", "nn": "Hei på deg", "en": "Hello", "se": "Bures"})"),
                              "title", languages, out);
        CHECK(out == Localized{{"nb", "Hei"}, {"nn", "Hei på deg"}, {"en", "Hello"}, {"se", "Bures"}});
        CHECK(errors.list.empty());
    }
    SUBCASE("Nynorsk and added languages may be left out") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json::parse(R"({"nb": "Hei", "en": "Hello"})"), "title", languages, out);
        CHECK(out == Localized{{"nb", "Hei"}, {"en", "Hello"}});
        CHECK(errors.list.empty());
    }
    SUBCASE("Bokmål or English missing next to another is a text error, filled from it") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json::parse(R"({"en": "Hello"})"), "title", languages, out);
        CHECK(out == Localized{{"nb", "Hello"}, {"en", "Hello"}});
        CHECK(lines(errors) == std::vector<std::string>{"title.nb: missing"});
        CHECK_FALSE(errors.structural);

        ReadErrors only_nn;
        Localized nn;
        kjeks::read_localized(only_nn, json::parse(R"({"nn": "Hei"})"), "title", languages, nn);
        CHECK(nn == Localized{{"nb", "Hei"}, {"nn", "Hei"}, {"en", "Hei"}});
        CHECK(lines(only_nn) == std::vector<std::string>{"title.nb: missing", "title.en: missing"});
        CHECK_FALSE(only_nn.structural);
    }
    SUBCASE("no language at all is structural") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json::object(), "title", languages, out);
        CHECK(out.empty());
        CHECK(lines(errors) == std::vector<std::string>{"title.nb: missing", "title.en: missing"});
        CHECK(errors.structural);
    }
    SUBCASE("languages the config does not have, wrong types and empty texts") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json::parse(R"({"nb": 1, "en": "", "de": "Hallo"})"), "title", languages, out);
        CHECK(out.empty());
        CHECK(lines(errors) == std::vector<std::string>{"title.de: unknown key", "title.en: must not be empty",
                                                        "title.nb: expected a string"});
        CHECK(errors.structural);
        ReadErrors array;
        kjeks::read_localized(array, json::array({"x"}), "title", languages, out);
        CHECK(lines(array) == std::vector<std::string>{"title: expected a string"});
    }
    SUBCASE("URLs must be safe links") {
        ReadErrors errors;
        Localized out;
        kjeks::read_localized(errors, json::parse(R"j({"nb": "/kaker", "en": "javascript:alert(1)"})j"), "policyUrl",
                              languages, out, /*is_url=*/true);
        CHECK(out == Localized{{"nb", "/kaker"}});
        CHECK(lines(errors) == std::vector<std::string>{"policyUrl.en: not a safe URL"});
    }
}

TEST_CASE("read_required_localized reports a missing key") {
    ReadErrors errors;
    Localized out;
    kjeks::read_required_localized(errors, json::parse(R"({"title": "T"})"), "categories[0]", "title", {"nb", "en"},
                                   out);
    CHECK(out == Localized{{"nb", "T"}, {"en", "T"}});
    kjeks::read_required_localized(errors, json::object(), "categories[0]", "description", {"nb", "en"}, out);
    CHECK(lines(errors) == std::vector<std::string>{"categories[0].description: missing"});
    CHECK(errors.structural);
}
