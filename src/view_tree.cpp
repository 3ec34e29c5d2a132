// The views as trees: Node, its JSON through the views' writer, and a view's
// JSON read back (for the tests and tools that look inside a view).
#include <nlohmann/json.hpp>

#include "kjeks/view.hpp"
#include "kjeks/view_writer.hpp"

namespace kjeks {

namespace {

void write_node(ViewWriter& w, const Node& node) {
    if (node.tag.empty()) {
        w.text(node.text);
        return;
    }
    w.open(node.tag);
    for (const auto& [name, value] : node.attrs) w.attr(name, value);
    for (const Node& child : node.children) write_node(w, child);
    w.close();
}

std::optional<Node> read_node(const nlohmann::ordered_json& j) {
    if (j.is_string()) return Node::text_node(j.get<std::string>());
    if (!j.is_array() || j.size() < 2 || !j[0].is_string() || j[0].get_ref<const std::string&>().empty() ||
        !j[1].is_object()) {
        return std::nullopt;
    }
    Node node = Node::element(j[0].get<std::string>());
    for (auto it = j[1].begin(); it != j[1].end(); ++it) {
        if (!it.value().is_string()) return std::nullopt;
        node.attrs.emplace_back(it.key(), it.value().get<std::string>());
    }
    for (std::size_t i = 2; i < j.size(); ++i) {
        std::optional<Node> child = read_node(j[i]);
        if (!child) return std::nullopt;
        node.children.push_back(std::move(*child));
    }
    return node;
}

Node read_view(const std::string& json) {
    std::optional<Node> node = parse_view(json);
    return node ? std::move(*node) : Node{};
}

}  // namespace

Node Node::element(std::string tag, std::vector<std::pair<std::string, std::string>> attrs,
                   std::vector<Node> children) {
    Node node;
    node.tag = std::move(tag);
    node.attrs = std::move(attrs);
    node.children = std::move(children);
    return node;
}

Node Node::text_node(std::string text) {
    Node node;
    node.text = std::move(text);
    return node;
}

const std::string* Node::attr(std::string_view name) const {
    for (const auto& [key, value] : attrs) {
        if (key == name) return &value;
    }
    return nullptr;
}

std::string to_json(const Node& node) {
    std::string out;
    ViewWriter w(out);
    write_node(w, node);
    return out;
}

std::optional<Node> parse_view(std::string_view json) {
    const auto j = nlohmann::ordered_json::parse(json, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    return read_node(j);
}

Node build_banner(const Config& config, const State& state) { return read_view(banner_json(config, state)); }

Node build_dialog(const Config& config, const State& state) { return read_view(dialog_json(config, state)); }

Node build_icon(const Config& config, const State& state) { return read_view(icon_json(config, state)); }

Node build_placeholder(const Config& config, const State& state, std::string_view provider, std::string_view gate,
                       std::string_view terms_url) {
    return read_view(placeholder_json(config, state, provider, gate, terms_url));
}

}  // namespace kjeks
