// Paths into a JSON document as config errors name them:
// categories[1].storage[0].duration, texts.nb["odd key"].
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kjeks {

// parent.key for a token key (validate.hpp); any other key as parent["key"],
// escaped and cut to 64 bytes (whole UTF-8 sequences, then "..."), so that
// an error message never carries raw control characters.
std::string join_key(const std::string& parent, std::string_view key);
// parent[index]
std::string join_index(const std::string& parent, std::size_t index);

}  // namespace kjeks
