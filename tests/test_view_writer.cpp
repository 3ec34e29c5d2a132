// The views' JSON writer: the node-tree shape, escaping, and the attribute
// guard that holds whatever a builder asks for.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "kjeks/view_writer.hpp"

using namespace kjeks;

namespace {

template <class Write>
std::string written(Write&& write) {
    std::string out;
    ViewWriter w(out);
    write(w);
    return out;
}

}  // namespace

TEST_CASE("elements, attributes in call order, children after them") {
    CHECK(written([](ViewWriter& w) { w.open("p").close(); }) == R"(["p",{}])");
    CHECK(written([](ViewWriter& w) { w.text("hi"); }) == R"("hi")");
    CHECK(written([](ViewWriter& w) { w.open("a").attr("z", "1").attr("class", "k").text("t").close(); }) ==
          R"(["a",{"z":"1","class":"k"},"t"])");
    CHECK(written([](ViewWriter& w) {
              w.open("div").attr("id", "a");
              w.open("span").attr("class", "b").text("x").close();
              w.text("y").text("").close();
          }) == R"(["div",{"id":"a"},["span",{"class":"b"},"x"],"y",""])");
    CHECK(written([](ViewWriter& w) { w.open("input").attr("checked", "").close(); }) == R"(["input",{"checked":""}])");
    CHECK(written([](ViewWriter& w) { w.leaf("h2", "kjeks-title", "Hei"); }) == R"(["h2",{"class":"kjeks-title"},"Hei"])");
    CHECK(written([](ViewWriter& w) { w.open("ul").open("li").close().open("li").close().close(); }) ==
          R"(["ul",{},["li",{}],["li",{}]])");
}

TEST_CASE("an attribute after a child, or a close too many, writes nothing") {
    CHECK(written([](ViewWriter& w) { w.open("p").text("t").attr("id", "late").close(); }) == R"(["p",{},"t"])");
    CHECK(written([](ViewWriter& w) { w.open("p").close().close().attr("id", "x"); }) == R"(["p",{}])");
}

TEST_CASE("texts and values are escaped JSON strings") {
    const std::string tricky = "a\"b\\c\nd\te\x01 \u00e6\u00f8\u00e5 </script>";
    const std::string json = written([&](ViewWriter& w) { w.open("p").attr("title", tricky).text(tricky).close(); });
    CHECK(json.find('\n') == std::string::npos);
    const auto parsed = nlohmann::json::parse(json);
    CHECK(parsed[1]["title"] == tricky);
    CHECK(parsed[2] == tricky);
    // Ill-formed UTF-8 is replaced, never passed on.
    CHECK(nlohmann::json::parse(written([](ViewWriter& w) { w.text(std::string("x\xff") + "y"); })) == "x\uFFFDy");
}

TEST_CASE("the attribute guard drops handlers, style, srcdoc and unsafe links") {
    const std::string json = written([](ViewWriter& w) {
        w.open("a")
            .attr("class", "k")
            .attr("onclick", "alert(1)")
            .attr("OnError", "alert(1)")
            .attr("style", "color:red")
            .attr("SrcDoc", "<script>")
            .attr("href", "javascript:alert(1)")
            .attr("src", "data:text/html,x")
            .attr("formaction", "javascript:x")
            .attr("xlink:href", "javascript:x")
            .attr("", "x")
            .attr("title", "ok")
            .text("t")
            .close();
    });
    CHECK(json == R"(["a",{"class":"k","title":"ok"},"t"])");
    for (const char* url : {"https://example.com/a?b=c", "/relative", "mailto:a@b.no", "tel:+4712345678"}) {
        CAPTURE(url);
        CHECK(view_attribute_allowed("href", url));
    }
    CHECK_FALSE(view_attribute_allowed("HREF", "javascript:alert(1)"));
    CHECK(view_attribute_allowed("data-kjeks-action", "accept_all"));
    CHECK(view_attribute_allowed("one", "x") == false);  // "on" prefix: treated as a handler
}
