// Whole files as text, for the command-line tools.
#pragma once

#include <string>

namespace kjeks::tools {

bool read_file(const std::string& path, std::string& out);
bool write_file(const std::string& path, const std::string& text);

}  // namespace kjeks::tools
