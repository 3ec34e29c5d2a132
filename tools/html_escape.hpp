// Text for HTML: the five characters that could end a text or an attribute
// value, as entities. Shared by kjeks-check's declaration and the collector's
// stats page.
#pragma once

#include <string>
#include <string_view>

namespace kjeks::tools {

std::string escape_html(std::string_view text);

}  // namespace kjeks::tools
