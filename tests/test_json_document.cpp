// JSON text to a document: strict, depth-limited, duplicate keys reported,
// and member lookup.
#include "kjeks/json_document.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

using kjeks::JsonParse;

TEST_CASE("parse_json accepts and rejects like json::parse") {
    const char* const cases[] = {
        "{}", "[]", "1", "\"s\"", "{\"a\":[1,2,{\"b\":null}],\"c\":true}", " {\"a\":1} ",
        "", "{", "{\"a\":1,}", "[1 2]", "{\"a\":1} x", "/* c */ {}", "1e400", "-1e400", "1e308",
        "99999999999999999999999", "\"\\u12\"", "\"\x01\"", "nul", "{\"a\":1,\"a\":2}",
    };
    for (const char* text : cases) {
        CAPTURE(text);
        nlohmann::json ours;
        const bool ok = kjeks::parse_json(text, ours);
        const nlohmann::json theirs = nlohmann::json::parse(text, nullptr, false);
        CHECK(ok == !theirs.is_discarded());
        if (ok) CHECK(ours == theirs);
    }
    nlohmann::json deep;
    CHECK_FALSE(kjeks::parse_json(std::string(40, '[') + std::string(40, ']'), deep));
}

TEST_CASE("nesting is bounded at 32 levels") {
    nlohmann::json out;
    const auto nested = [](std::size_t levels) { return std::string(levels, '[') + std::string(levels, ']'); };
    CHECK(kjeks::parse_json_document(nested(kjeks::max_json_depth), out).ok());
    const JsonParse deep = kjeks::parse_json_document(nested(kjeks::max_json_depth + 1), out);
    CHECK(deep.status == JsonParse::Status::TooDeep);
    CHECK(deep.error_byte == 0);
    // Objects count like arrays.
    std::string objects;
    for (std::size_t i = 0; i <= kjeks::max_json_depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(kjeks::max_json_depth + 1, '}');
    CHECK(kjeks::parse_json_document(objects, out).status == JsonParse::Status::TooDeep);
}

TEST_CASE("a syntax error names its byte, 1-based") {
    struct Case {
        const char* text;
        std::size_t byte;
    };
    for (const Case& c : {Case{R"({"revision": })", 14}, Case{"{} x", 4}, Case{R"({"revision")", 11},
                          Case{"// hi\n{}", 1}, Case{"{\"revision\": \"\xff\"}", 15}, Case{"", 0}, Case{"[1,", 3}}) {
        CAPTURE(c.text);
        nlohmann::json out;
        const JsonParse parsed = kjeks::parse_json_document(c.text, out);
        CHECK(parsed.status == JsonParse::Status::SyntaxError);
        CHECK(parsed.error_byte == c.byte);
    }
}

TEST_CASE("keys given twice are reported by path; the last value is kept") {
    nlohmann::json out;
    const JsonParse parsed = kjeks::parse_json_document(
        R"({"a": 1, "a": 2, "list": [{"x": 0}, {"y": 1, "y": 2, "odd key": 0, "odd key": 1}], "b": {"c": {"d": 0, "d": 1}}})",
        out);
    CHECK(parsed.ok());
    CHECK(parsed.duplicate_keys == std::vector<std::string>{"a", "list[1].y", "list[1][\"odd key\"]", "b.c.d"});
    CHECK(out["a"] == 2);
    CHECK(out["list"][1]["y"] == 2);
    CHECK(out["b"]["c"]["d"] == 1);
    CHECK(kjeks::parse_json_document(R"({"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]})", out).duplicate_keys.empty());
}

TEST_CASE("member finds a key of an object, and nothing in anything else") {
    const nlohmann::json object = nlohmann::json::parse(R"({"a": 1, "": null, "b": {"a": 2}})");
    REQUIRE(kjeks::member(object, "a") != nullptr);
    CHECK(*kjeks::member(object, "a") == 1);
    REQUIRE(kjeks::member(object, "") != nullptr);
    CHECK(kjeks::member(object, "")->is_null());
    CHECK(kjeks::member(object, "c") == nullptr);
    CHECK(kjeks::member(object, "A") == nullptr);
    CHECK(kjeks::member(object["b"], "a") != nullptr);
    CHECK(kjeks::member(nlohmann::json::array({"a"}), "a") == nullptr);
    CHECK(kjeks::member(nlohmann::json("a"), "a") == nullptr);
    CHECK(kjeks::member(nlohmann::json(), "a") == nullptr);
}
