// URL allow-lists for links (policy page) and fetched resources (beacon
// script, endpoints).
//
// Rules shared by both:
// - 1 to 2048 characters of printable ASCII: no whitespace, no control
//   characters (browsers drop tabs and newlines inside URLs, so "java\tscript:"
//   would become "javascript:"), no backslash (browsers read it as "/"), no
//   " < > ` and no non-ASCII (percent-encode it).
// - A ':' before the first '/', '?' or '#' means a scheme; only the listed
//   schemes pass (case-insensitive). Everything else, including javascript:,
//   data:, vbscript:, blob: and file:, is refused.
// - http(s) needs "//" and a host; userinfo ("user@host") is refused.
// - A protocol-relative "//host/path" is the same as http(s) for both kinds
//   and needs a host too ("///x" is refused).
// - Other relative URLs ("/path", "beacon.js", "../x", "?q", "#f") pass.
#include "kjeks/url.hpp"

#include <cstddef>
#include <string_view>

#include "kjeks/ascii.hpp"

namespace kjeks {
namespace {

constexpr std::size_t kMaxUrlLength = 2048;

bool has_only_safe_chars(std::string_view url) {
    for (const char ch : url) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7F) return false;
        if (c == '\\' || c == '"' || c == '<' || c == '>' || c == '`') return false;
    }
    return true;
}

// `rest` starts right after the scheme's ':' (or is the whole URL for a
// protocol-relative one): "//" then a host without userinfo.
bool has_network_host(std::string_view rest) {
    if (rest.substr(0, 2) != "//") return false;
    const std::string_view after = rest.substr(2);
    const std::string_view authority = after.substr(0, after.find_first_of("/?#"));
    if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
    return is_ascii_alnum(authority.front()) || authority.front() == '[';
}

bool is_tel(std::string_view number) {
    bool digit = false;
    for (const char c : number) {
        if (c >= '0' && c <= '9') digit = true;
        else if (c != '+' && c != '-' && c != '.' && c != '(' && c != ')') return false;
    }
    return digit;
}

enum class Kind { Link, Fetch };

bool is_safe_url(std::string_view url, Kind kind) {
    if (url.empty() || url.size() > kMaxUrlLength || !has_only_safe_chars(url)) return false;
    const std::size_t mark = url.find_first_of(":/?#");
    if (mark == std::string_view::npos || url[mark] != ':') {
        // Relative; "//host" is a network path and needs a host.
        return url.substr(0, 2) != "//" || has_network_host(url);
    }
    const std::string_view scheme = url.substr(0, mark);
    const std::string_view rest = url.substr(mark + 1);
    if (equals_ascii_lowercase(scheme, "https") || equals_ascii_lowercase(scheme, "http")) return has_network_host(rest);
    if (kind == Kind::Fetch) return false;
    if (equals_ascii_lowercase(scheme, "mailto")) return !rest.empty() && rest.find('@') != std::string_view::npos;
    if (equals_ascii_lowercase(scheme, "tel")) return is_tel(rest);
    return false;
}

}  // namespace

bool is_safe_link_url(std::string_view url) { return is_safe_url(url, Kind::Link); }

bool is_safe_fetch_url(std::string_view url) { return is_safe_url(url, Kind::Fetch); }

}  // namespace kjeks
