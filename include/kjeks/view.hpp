// View building: the banner, the settings dialog, the footer icon and the
// embed placeholder as node trees, written straight into the JSON form the
// browser layer reads: an element is ["tag", {"attr": "value"}, child...], a
// text node is a string. The browser layer creates exactly these nodes and
// nothing else. Config texts always end up as text nodes or attribute
// values, never HTML.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/machine.hpp"

namespace kjeks {

struct Node {
    std::string tag;    // element name; empty for a text node
    std::string text;   // for text nodes
    std::vector<std::pair<std::string, std::string>> attrs;
    std::vector<Node> children;

    static Node element(std::string tag, std::vector<std::pair<std::string, std::string>> attrs = {},
                        std::vector<Node> children = {});
    static Node text_node(std::string text);
    const std::string* attr(std::string_view name) const;
};

// Controls carry data-kjeks-action (and data-kjeks-category for toggles and
// grants); the browser layer reports them back as an Action.
struct Action {
    std::string name;       // "accept_all", "decline_all", "open_settings",
                            // "toggle", "toggle_service", "save", "close",
                            // "grant", "grant_service"
    // For toggle and grant; the service for toggle_service and grant_service
    // (service ids are distinct from category ids).
    std::string category;
    bool checked = false;   // for toggle
    std::string source;     // data-kjeks-view of the control's view: "banner", "dialog", "icon", "api"
};
std::optional<Msg> action_to_msg(const Action& action, std::int64_t now_ms);

std::string banner_json(const Config& config, const State& state);
std::string dialog_json(const Config& config, const State& state);
std::string icon_json(const Config& config, const State& state);

// The placeholder shown instead of an embed (an iframe marked with
// data-kjeks-category) until its category is granted: the provider's name,
// a link to the provider's own privacy terms (only when terms_url is a safe
// link URL) and a "Load content" button that grants just that category
// (action "grant"; only when it is an optional configured category).
// provider and terms_url come from the page's attributes: the provider is
// text only, control characters become spaces, at most 80 bytes are kept.
// When `gate` is a service id (the embed's data-kjeks-service), the button
// grants just that service (action "grant_service") and the provider and
// terms link are the service's own from the config.
std::string placeholder_json(const Config& config, const State& state, std::string_view provider,
                             std::string_view gate, std::string_view terms_url = {});

// The same views read back into trees (view_tree.cpp), for the tests and
// tools that look inside them.
Node build_banner(const Config& config, const State& state);
Node build_dialog(const Config& config, const State& state);
Node build_icon(const Config& config, const State& state);
Node build_placeholder(const Config& config, const State& state, std::string_view provider,
                       std::string_view gate, std::string_view terms_url = {});
// A view's JSON read back into a tree; nullopt when it is not one.
std::optional<Node> parse_view(std::string_view json);

// A tree as the views' JSON, through the same writer (view_writer.hpp).
std::string to_json(const Node& node);

}  // namespace kjeks
