// URL allow-lists: links shown to the visitor and resources Kjeks fetches.
#pragma once

#include <string_view>

namespace kjeks {

// True for http:, https:, mailto:, tel: and relative URLs without control
// characters, whitespace or backslashes. Never javascript:, data: etc.
bool is_safe_link_url(std::string_view url);
// True for https:, http: or relative URLs (what a script or endpoint may use).
bool is_safe_fetch_url(std::string_view url);

}  // namespace kjeks
