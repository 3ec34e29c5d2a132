// A pageview as web/beacon.js sends it to /api/collect.
#pragma once

#include <string>
#include <string_view>

namespace kjeks::collector {

inline constexpr std::size_t max_path_length = 512;
inline constexpr std::size_t max_pageview_bytes = 2048;

struct Pageview {
    std::string path;      // location.pathname: '/' and printable ASCII
    std::string referrer;  // "" or an http(s) origin
    std::string screen;    // xs s m l xl
    std::string visitor;   // 32 lowercase hex digits
};

struct PageviewCheck {
    Pageview pageview;   // valid only when error is empty
    std::string error;   // one line, for the 400 body
    bool ok() const { return error.empty(); }
};

// Exactly {type:"pageview", path, referrer, screen, id}, no other key, no duplicate.
PageviewCheck validate_pageview(std::string_view body);

// "" or scheme://host[:port] with scheme http or https and nothing after it,
// as URL.origin writes it (lowercase host, IPv6 in brackets).
bool is_referrer_origin(std::string_view text);

}  // namespace kjeks::collector
