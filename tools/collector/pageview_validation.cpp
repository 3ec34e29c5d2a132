#include "pageview_validation.hpp"

#include <array>

#include <nlohmann/json.hpp>

#include "kjeks/json_document.hpp"
#include "kjeks/record.hpp"

namespace kjeks::collector {
namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 5> pageview_keys = {"type", "path", "referrer", "screen", "id"};
constexpr std::array<std::string_view, 5> screens = {"xs", "s", "m", "l", "xl"};
constexpr std::size_t max_host_length = 253;

PageviewCheck fail(std::string reason) {
    PageviewCheck check;
    check.error = std::move(reason);
    return check;
}

// location.pathname is percent-encoded, so a real one is printable ASCII.
bool is_path(std::string_view text) {
    if (text.empty() || text.size() > max_path_length || text[0] != '/') return false;
    for (char c : text) {
        if (c <= 0x20 || c >= 0x7f) return false;
    }
    return true;
}

bool is_host(std::string_view host) {
    if (host.empty() || host.size() > max_host_length) return false;
    if (host.front() == '[') {
        if (host.size() < 3 || host.back() != ']') return false;
        for (char c : host.substr(1, host.size() - 2)) {
            const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.';
            if (!ok) return false;
        }
        return true;
    }
    if (host.front() == '.' || host.front() == '-' || host.back() == '.') return false;
    for (char c : host) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        if (!ok) return false;
    }
    return true;
}

bool is_port(std::string_view port) {
    if (port.empty() || port.size() > 5 || port[0] == '0') return false;
    unsigned value = 0;
    for (char c : port) {
        if (c < '0' || c > '9') return false;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    return value <= 65535;
}

}  // namespace

bool is_referrer_origin(std::string_view text) {
    if (text.empty()) return true;
    std::string_view rest;
    if (text.substr(0, 7) == "http://") rest = text.substr(7);
    else if (text.substr(0, 8) == "https://") rest = text.substr(8);
    else return false;
    const std::size_t bracket = rest.rfind(']');
    const std::size_t colon = rest.rfind(':');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
        return is_host(rest.substr(0, colon)) && is_port(rest.substr(colon + 1));
    }
    return is_host(rest);
}

PageviewCheck validate_pageview(std::string_view body) {
    if (body.empty()) return fail("empty body");
    if (body.size() > max_pageview_bytes) return fail("body too large");
    json doc;
    const JsonParse parse = parse_json_document(body, doc);
    if (!parse.ok()) return fail("not JSON (or invalid UTF-8)");
    if (!parse.duplicate_keys.empty()) return fail("duplicate key " + parse.duplicate_keys.front());
    if (!doc.is_object()) return fail("expected a JSON object");
    if (doc.size() != pageview_keys.size()) return fail("expected exactly type, path, referrer, screen and id");
    for (std::string_view key : pageview_keys) {
        const json* value = member(doc, key);
        if (value == nullptr) return fail("expected exactly type, path, referrer, screen and id");
        if (!value->is_string()) return fail(std::string(key) + " must be a string");
    }
    const auto text = [&](std::string_view key) -> const std::string& {
        return member(doc, key)->get_ref<const std::string&>();
    };
    if (text("type") != "pageview") return fail("type must be pageview");

    PageviewCheck check;
    Pageview& pageview = check.pageview;
    pageview.path = text("path");
    if (!is_path(pageview.path)) return fail("path must start with / and be at most 512 printable ASCII characters");
    pageview.referrer = text("referrer");
    if (!is_referrer_origin(pageview.referrer)) return fail("referrer must be empty or an http(s) origin");
    pageview.screen = text("screen");
    bool known_screen = false;
    for (std::string_view screen : screens) known_screen = known_screen || pageview.screen == screen;
    if (!known_screen) return fail("screen must be xs, s, m, l or xl");
    pageview.visitor = text("id");
    if (!is_valid_consent_id(pageview.visitor)) return fail("id must be 32 lowercase hex digits");
    return check;
}

}  // namespace kjeks::collector
