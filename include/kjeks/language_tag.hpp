// BCP 47 language tags as pages and browsers give them, matched against the
// languages a config offers. Heap-free: the first-visit module uses it too.
#pragma once

#include <string_view>

namespace kjeks {

// The primary subtag of a well-formed tag ("nb" of " nb-NO "), as written;
// empty when the tag is malformed. Subtags are separated by '-' or '_' and
// are 1-8 ASCII letters or digits; surrounding ASCII whitespace is ignored.
std::string_view primary_subtag(std::string_view tag);

// True when the tag names `lang` (a config's language: 2-3 lowercase
// letters): its primary subtag equals it case-insensitively, and plain "no"
// (Norwegian) names "nb", which most Norwegians write.
bool tag_names_language(std::string_view tag, std::string_view lang);

}  // namespace kjeks
