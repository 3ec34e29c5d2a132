// Writes a view's node tree as the JSON the browser layer reads, while the
// builders walk it (view.hpp): an element is ["tag",{"name":"value",...},
// child,...], a text node is a string. No tree is built on the way.
#pragma once

#include <string>
#include <string_view>

namespace kjeks {

class ViewWriter {
public:
    explicit ViewWriter(std::string& out) : out_(out) {}

    // Opens an element. Its attributes follow, then its children, then close().
    ViewWriter& open(std::string_view tag);
    // An attribute of the element just opened. Defence in depth: event
    // handlers, style, srcdoc and link attributes whose value is not a safe
    // link URL are left out, whatever a builder asks for.
    ViewWriter& attr(std::string_view name, std::string_view value);
    ViewWriter& text(std::string_view text);
    ViewWriter& close();
    // open(tag), the class attribute, the text and close() in one.
    ViewWriter& leaf(std::string_view tag, std::string_view class_name, std::string_view text);

private:
    void begin_child();

    std::string& out_;
    int depth_ = 0;
    bool in_attrs_ = false;
    bool first_attr_ = true;
};

// Whether ViewWriter passes an attribute on.
bool view_attribute_allowed(std::string_view name, std::string_view value);

}  // namespace kjeks
