// The JSON node-tree writer of the views (see view_writer.hpp).
#include "kjeks/view_writer.hpp"

#include "kjeks/ascii.hpp"
#include "kjeks/json_text.hpp"
#include "kjeks/url.hpp"

namespace kjeks {

bool view_attribute_allowed(std::string_view name, std::string_view value) {
    if (name.empty()) return false;
    if (name.size() >= 2 && equals_ascii_lowercase(name.substr(0, 2), "on")) return false;
    if (equals_ascii_lowercase(name, "style") || equals_ascii_lowercase(name, "srcdoc")) return false;
    if ((equals_ascii_lowercase(name, "href") || equals_ascii_lowercase(name, "src") || equals_ascii_lowercase(name, "action") ||
         equals_ascii_lowercase(name, "formaction") || equals_ascii_lowercase(name, "xlink:href")) &&
        !is_safe_link_url(value)) {
        return false;
    }
    return true;
}

void ViewWriter::begin_child() {
    if (in_attrs_) {
        out_ += '}';
        in_attrs_ = false;
    }
    // Every child follows its parent's attributes object.
    if (depth_ > 0) out_ += ',';
}

ViewWriter& ViewWriter::open(std::string_view tag) {
    begin_child();
    out_ += '[';
    append_json_string(out_, tag);
    out_ += ",{";
    ++depth_;
    in_attrs_ = true;
    first_attr_ = true;
    return *this;
}

ViewWriter& ViewWriter::attr(std::string_view name, std::string_view value) {
    if (!in_attrs_ || !view_attribute_allowed(name, value)) return *this;
    if (!first_attr_) out_ += ',';
    first_attr_ = false;
    append_json_string(out_, name);
    out_ += ':';
    append_json_string(out_, value);
    return *this;
}

ViewWriter& ViewWriter::text(std::string_view text) {
    begin_child();
    append_json_string(out_, text);
    return *this;
}

ViewWriter& ViewWriter::close() {
    if (in_attrs_) {
        out_ += '}';
        in_attrs_ = false;
    }
    if (depth_ > 0) {
        out_ += ']';
        --depth_;
    }
    return *this;
}

ViewWriter& ViewWriter::leaf(std::string_view tag, std::string_view class_name, std::string_view text) {
    return open(tag).attr("class", class_name).text(text).close();
}

}  // namespace kjeks
