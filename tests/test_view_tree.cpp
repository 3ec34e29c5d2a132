// The views as trees: Node, its JSON, and a view's JSON read back.
#include <doctest/doctest.h>

#include <string>

#include "kjeks/default_config.hpp"
#include "kjeks/view.hpp"

#include "fixtures.hpp"

using namespace kjeks;

TEST_CASE("Node helpers") {
    Node n = Node::element("p", {{"class", "x"}, {"id", "y"}}, {Node::text_node("hi")});
    CHECK(n.tag == "p");
    REQUIRE(n.attr("class") != nullptr);
    CHECK(*n.attr("class") == "x");
    CHECK(*n.attr("id") == "y");
    CHECK(n.attr("title") == nullptr);
    REQUIRE(n.children.size() == 1);
    CHECK(n.children[0].tag.empty());
    CHECK(n.children[0].text == "hi");
}

TEST_CASE("to_json writes a tree through the views' writer, guard included") {
    CHECK(to_json(Node::text_node("hi")) == R"("hi")");
    CHECK(to_json(Node::element("p", {}, {Node::text_node("a"), Node::text_node("b")})) == R"(["p",{},"a","b"])");
    Node n = Node::element("a", {{"class", "k"}, {"onclick", "alert(1)"}, {"href", "javascript:alert(1)"}, {"title", "ok"}},
                           {Node::text_node("t")});
    CHECK(to_json(n) == R"(["a",{"class":"k","title":"ok"},"t"])");
}

TEST_CASE("parse_view reads a view back, and only a view") {
    const std::optional<Node> node = parse_view(R"(["div",{"id":"a","class":"b"},["span",{},"x"],"y"])");
    REQUIRE(node);
    CHECK(node->tag == "div");
    REQUIRE(node->attrs.size() == 2);
    CHECK(node->attrs[0].first == "id");  // in the written order
    CHECK(node->children[0].tag == "span");
    CHECK(node->children[1].text == "y");
    for (const char* bad : {"", "[", "42", "[]", R"(["p"])", R"(["",{}])", R"([1,{}])", R"(["p",[]])",
                            R"(["p",{"id":1}])", R"(["p",{},["q"]])", R"(["p",{},7])", R"(["p",{}]x)"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_view(bad));
    }
}

TEST_CASE("every view reads back into the tree it was written from") {
    const Config configs[] = {default_config(), fixtures::view_config(), fixtures::services_config()};
    for (const Config& c : configs) {
        for (const char* lang : {"nb", "nn", "en"}) {
            CAPTURE(lang);
            State s = fixtures::undecided_state(lang);
            s.gpc = true;
            for (const std::string& json :
                 {banner_json(c, s), dialog_json(c, s), icon_json(c, s), placeholder_json(c, s, "Acme", "analytics", "/t")}) {
                const std::optional<Node> node = parse_view(json);
                REQUIRE(node);
                CHECK(to_json(*node) == json);
            }
            CHECK(to_json(build_dialog(c, s)) == dialog_json(c, s));
            CHECK(to_json(build_placeholder(c, s, "Acme", "booking")) == placeholder_json(c, s, "Acme", "booking"));
        }
    }
}
