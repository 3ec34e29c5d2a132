// The cookie declaration of a config, for a site's cookie-policy page.
#pragma once

#include <string>

#include "kjeks/config.hpp"

namespace kjeks::tools {

std::string declaration_markdown(const Config& config, const std::string& lang);
// An HTML fragment; every config text is escaped.
std::string declaration_html(const Config& config, const std::string& lang);

}  // namespace kjeks::tools
