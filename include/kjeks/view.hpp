// View building: the banner, the settings dialog and the footer icon as plain
// node trees. The browser layer creates exactly these nodes and nothing else.
// Config texts always end up as text nodes or attribute values, never HTML.
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
                            // "toggle", "save", "close", "grant"
    std::string category;   // for toggle and grant
    bool checked = false;   // for toggle
    std::string source;     // data-kjeks-view of the control's view: "banner", "dialog", "icon", "api"
};
std::optional<Msg> action_to_msg(const Action& action, std::int64_t now_ms);

Node build_banner(const Config& config, const State& state);
Node build_dialog(const Config& config, const State& state);
Node build_icon(const Config& config, const State& state);

// JSON for the browser layer: an element is ["tag", {"attr": "value"}, child...],
// a text node is a string.
std::string to_json(const Node& node);

}  // namespace kjeks
