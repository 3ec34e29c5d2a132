// View building: banner, settings dialog and footer icon as node trees, and
// their JSON form for the browser layer. Config texts only ever become text
// nodes or attribute values; links only come from validated URLs.
#include "kjeks/view.hpp"

#include <algorithm>

#include "kjeks/ascii.hpp"
#include "kjeks/json_text.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/url.hpp"

namespace kjeks {

namespace {

using Attrs = std::vector<std::pair<std::string, std::string>>;
using Nodes = std::vector<Node>;

Node el(std::string tag, Attrs attrs = {}, Nodes children = {}) {
    return Node::element(std::move(tag), std::move(attrs), std::move(children));
}

Node txt(std::string text) { return Node::text_node(std::move(text)); }

const std::string& view_lang(const Config& config, const State& state) {
    return state.lang.empty() ? config.default_language : state.lang;
}

// Defence in depth: the builders never produce these, and the JSON writer
// refuses to pass them on even if a future builder did.
bool attribute_allowed(const std::string& name, const std::string& value) {
    if (name.empty()) return false;
    if (name.size() >= 2 && equals_ascii_lowercase(std::string_view(name).substr(0, 2), "on")) return false;
    if (equals_ascii_lowercase(name, "style") || equals_ascii_lowercase(name, "srcdoc")) return false;
    if ((equals_ascii_lowercase(name, "href") || equals_ascii_lowercase(name, "src") || equals_ascii_lowercase(name, "action") ||
         equals_ascii_lowercase(name, "formaction") || equals_ascii_lowercase(name, "xlink:href")) &&
        !is_safe_link_url(value)) {
        return false;
    }
    return true;
}

void write_json(const Node& node, std::string& out) {
    if (node.tag.empty()) {
        append_json_string(out, node.text);
        return;
    }
    out += '[';
    append_json_string(out, node.tag);
    out += ",{";
    bool first = true;
    for (const auto& [name, value] : node.attrs) {
        if (!attribute_allowed(name, value)) continue;
        if (!first) out += ',';
        first = false;
        append_json_string(out, name);
        out += ':';
        append_json_string(out, value);
    }
    out += '}';
    for (const Node& child : node.children) {
        out += ',';
        write_json(child, out);
    }
    out += ']';
}

// <a> when the URL is safe, plain text otherwise (or nothing for an empty label).
Node link_or_text(const std::string& href, const std::string& label) {
    if (!href.empty() && is_safe_link_url(href)) return el("a", {{"href", href}}, {txt(label)});
    return txt(label);
}

std::string without_spaces(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c != ' ') out += c;
    }
    return out;
}

// A provider name from a page attribute: control characters become spaces,
// outer spaces go, and at most 80 bytes are kept (cut on a UTF-8 boundary).
std::string clean_provider(std::string_view provider) {
    std::string out;
    for (char c : provider) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
    const auto first = out.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    out = out.substr(first, out.find_last_not_of(' ') - first + 1);
    constexpr std::size_t max_bytes = 80;
    if (out.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
        out.resize(cut);
    }
    return out;
}

// The text with every "{provider}" replaced by the name.
std::string with_provider(const std::string& text, const std::string& name) {
    static const std::string marker = "{provider}";
    std::string out;
    std::size_t from = 0;
    for (std::size_t at = text.find(marker); at != std::string::npos; at = text.find(marker, from)) {
        out.append(text, from, at - from);
        out += name;
        from = at + marker.size();
    }
    out.append(text, from, std::string::npos);
    return out;
}

bool on_in(const std::map<std::string, bool>& map, const std::string& id) {
    auto it = map.find(id);
    return it != map.end() && it->second;
}

bool shown_checked(const State& state, const Category& category) {
    if (category.required) return true;
    return on_in(state.dialog_open ? state.draft : state.granted, category.id);
}

bool service_shown_checked(const State& state, const Service& service) {
    return on_in(state.dialog_open ? state.draft_services : state.services, service.id);
}

// A category whose services are partly on: its switch shows "mixed".
bool shown_mixed(const State& state, const Category& category) {
    bool on = false;
    bool off = false;
    for (const Service& service : category.services) {
        (service_shown_checked(state, service) ? on : off) = true;
    }
    return on && off;
}

Node storage_block(const Config& config, const std::string& lang, const std::vector<StorageItem>& storage) {
    auto t = [&](std::string_view key) { return text(config, lang, key); };
    if (storage.empty()) {
        return el("p", {{"class", "kjeks-storage__none"}}, {txt(t("dialog.no_storage"))});
    }
    Nodes head_cells;
    for (const char* key : {"table.name", "table.purpose", "table.duration", "table.kind"}) {
        head_cells.push_back(el("th", {{"scope", "col"}}, {txt(t(key))}));
    }
    Nodes rows;
    for (const StorageItem& item : storage) {
        // data-label: the column name, shown by the CSS when a narrow screen
        // stacks the cells (the table keeps its headers for screen readers).
        rows.push_back(el("tr", {},
                          {el("td", {}, {el("code", {}, {txt(item.name)})}),
                           el("td", {}, {txt(localized(item.purpose, lang))}),
                           el("td", {{"data-label", t("table.duration")}}, {txt(localized(item.duration, lang))}),
                           el("td", {{"data-label", t("table.kind")}}, {txt(t("kind." + std::string(to_string(item.kind))))})}));
    }
    return el("table", {{"class", "kjeks-storage"}},
              {el("caption", {{"class", "kjeks-storage__caption"}}, {txt(t("dialog.storage_caption"))}),
               el("thead", {}, {el("tr", {}, std::move(head_cells))}),
               el("tbody", {}, std::move(rows))});
}

// A switch's input: a native checkbox with role="switch" that reports
// `action` for the category or service `data` names, described by desc_id.
Attrs switch_input(const std::string& id, const char* action, std::pair<std::string, std::string> data,
                   const std::string& desc_id) {
    return {{"type", "checkbox"},       {"role", "switch"},          {"class", "kjeks-switch__input"},
            {"id", id},                 {"data-kjeks-action", action}, std::move(data),
            {"aria-describedby", desc_id}};
}

// A switch named by `label` (for screen readers only unless `visible`).
Node switch_control(const std::string& id, Attrs input_attrs, const std::string& label, bool visible) {
    return el("label", {{"class", "kjeks-switch"}, {"for", id}},
              {el("input", std::move(input_attrs)),
               el("span", {{"class", visible ? "kjeks-switch__label" : "kjeks-switch__label kjeks-sr-only"}},
                  {txt(label)})});
}

// A labelled detail line of a service: "<b>Provider:</b> NordChat AS".
Node service_detail(const std::string& label, Nodes value) {
    Nodes parts;
    parts.push_back(el("span", {{"class", "kjeks-service__label"}}, {txt(label + ": ")}));
    for (Node& node : value) parts.push_back(std::move(node));
    return el("p", {{"class", "kjeks-service__detail"}}, std::move(parts));
}

Node service_block(const Config& config, const State& state, const std::string& lang, const Service& service) {
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };
    const std::string& id = service.id;
    const std::string title_id = "kjeks-service-" + id + "-title";
    const std::string desc_id = "kjeks-service-" + id + "-desc";
    const std::string& name = localized(service.name, lang);
    const std::string& provider = localized(service.provider, lang);

    const std::string toggle_id = "kjeks-service-toggle-" + id;
    Attrs input_attrs = switch_input(toggle_id, "toggle_service", {"data-kjeks-service", id}, desc_id);
    if (service_shown_checked(state, service)) input_attrs.emplace_back("checked", "");

    Nodes children;
    children.push_back(el("div", {{"class", "kjeks-service__head"}},
                          {el("h4", {{"class", "kjeks-service__title"}, {"id", title_id}}, {txt(name)}),
                           switch_control(toggle_id, std::move(input_attrs), name, false)}));
    Nodes details;
    details.push_back(service_detail(t("service.provider"), {txt(provider)}));
    details.push_back(service_detail(t("service.purpose"), {txt(localized(service.purpose, lang))}));
    if (service.transfer && service.transfer->outside_eea) {
        details.push_back(el("p", {{"class", "kjeks-service__transfer"}},
                             {txt(t("service.transfer") + " " + localized(service.transfer->basis, lang))}));
    }
    children.push_back(el("div", {{"id", desc_id}}, std::move(details)));
    const std::string& terms = localized(service.policy_url, lang);
    if (!terms.empty() && is_safe_link_url(terms)) {
        children.push_back(el("p", {{"class", "kjeks-service__terms"}},
                              {el("a", {{"class", "kjeks-link"}, {"href", terms}},
                                  {txt(with_provider(t("service.terms"), provider))})}));
    }
    children.push_back(storage_block(config, lang, service.storage));
    return el("section", {{"class", "kjeks-service"}, {"aria-labelledby", title_id}}, std::move(children));
}

Node category_section(const Config& config, const State& state, const std::string& lang,
                      const Category& category) {
    const std::string& id = category.id;
    const std::string title_id = "kjeks-cat-" + id + "-title";
    const std::string desc_id = "kjeks-cat-" + id + "-desc";
    const std::string toggle_id = "kjeks-toggle-" + id;
    const std::string& title = localized(category.title, lang);

    Attrs input_attrs = switch_input(toggle_id, "toggle", {"data-kjeks-category", id}, desc_id);
    // Partly on: neither checked nor unchecked (the bridge makes the
    // checkbox indeterminate to match); a click turns every service on.
    if (shown_mixed(state, category)) input_attrs.emplace_back("aria-checked", "mixed");
    else if (shown_checked(state, category)) input_attrs.emplace_back("checked", "");
    if (category.required) input_attrs.emplace_back("disabled", "");

    // An optional category's switch is named by its title, which the heading
    // already shows, so that label is for screen readers only; the locked
    // switch shows "Always on".
    const std::string& label = category.required ? text(config, lang, "dialog.always_on") : title;

    Nodes children;
    children.push_back(el("div", {{"class", "kjeks-category__head"}},
                          {el("h3", {{"class", "kjeks-category__title"}, {"id", title_id}}, {txt(title)}),
                           switch_control(toggle_id, std::move(input_attrs), label, category.required)}));
    children.push_back(el("p", {{"class", "kjeks-category__desc"}, {"id", desc_id}},
                          {txt(localized(category.description, lang))}));
    // A category with services and no storage of its own: the services list theirs.
    if (!category.storage.empty() || category.services.empty()) {
        children.push_back(storage_block(config, lang, category.storage));
    }
    for (const Service& service : category.services) {
        children.push_back(service_block(config, state, lang, service));
    }
    return el("section", {{"class", "kjeks-category"}, {"aria-labelledby", title_id}}, std::move(children));
}

Node controller_paragraph(const Config& config, const std::string& lang) {
    const Controller& controller = config.controller;
    Nodes parts;
    parts.push_back(txt(text(config, lang, "dialog.controller") + ": " + controller.name));
    if (!controller.email.empty()) {
        parts.push_back(txt(" \u00b7 "));
        parts.push_back(link_or_text("mailto:" + controller.email, controller.email));
    }
    if (!controller.phone.empty()) {
        parts.push_back(txt(" \u00b7 "));
        parts.push_back(link_or_text("tel:" + without_spaces(controller.phone), controller.phone));
    }
    return el("p", {{"class", "kjeks-dialog__controller"}}, std::move(parts));
}

Node close_icon() {
    return el("svg",
              {{"class", "kjeks-close__icon"},
               {"viewBox", "0 0 24 24"},
               {"width", "24"},
               {"height", "24"},
               {"aria-hidden", "true"},
               {"focusable", "false"}},
              {el("path", {{"d", "M6 6L18 18M18 6L6 18"},
                           {"fill", "none"},
                           {"stroke", "currentColor"},
                           {"stroke-width", "2"},
                           {"stroke-linecap", "round"}})});
}

Node button(const char* modifier, const char* action, const std::string& label) {
    return el("button",
              {{"type", "button"}, {"class", std::string("kjeks-btn ") + modifier}, {"data-kjeks-action", action}},
              {txt(label)});
}

}  // namespace

// ---- Node -------------------------------------------------------------------

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

// ---- Actions ----------------------------------------------------------------

std::optional<Msg> action_to_msg(const Action& action, std::int64_t now_ms) {
    const std::string& name = action.name;
    if (name == "accept_all") return Msg{msg::AcceptAll{now_ms}};
    if (name == "decline_all") return Msg{msg::DeclineAll{now_ms}};
    if (name == "save") return Msg{msg::Save{now_ms}};
    if (name == "close") return Msg{msg::Close{}};
    if (name == "open_settings") {
        msg::Opener opener = msg::Opener::Api;
        if (action.source == "icon") opener = msg::Opener::Icon;
        else if (action.source == "banner") opener = msg::Opener::Banner;
        return Msg{msg::OpenSettings{opener}};
    }
    // The rest name a category or a service.
    const std::string& id = action.category;
    if (id.empty()) return std::nullopt;
    if (name == "toggle") return Msg{msg::Toggle{id, action.checked}};
    if (name == "grant") return Msg{msg::Grant{id, now_ms}};
    if (name == "toggle_service") return Msg{msg::ToggleService{id, action.checked}};
    if (name == "grant_service") return Msg{msg::GrantService{id, now_ms}};
    return std::nullopt;
}

// ---- Views ------------------------------------------------------------------

Node build_banner(const Config& config, const State& state) {
    const std::string& lang = view_lang(config, state);
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };

    Nodes body;
    const std::string& policy = localized(config.policy_url, lang);
    if (!policy.empty() && is_safe_link_url(policy)) {
        body.push_back(txt(t("banner.body") + " "));
        body.push_back(el("a", {{"class", "kjeks-link"}, {"href", policy}}, {txt(t("banner.policy_link"))}));
    } else {
        body.push_back(txt(t("banner.body")));
    }

    Node settings = button("kjeks-btn--settings", "open_settings", t("banner.settings"));
    settings.attrs.emplace_back("aria-haspopup", "dialog");

    return el("section",
              {{"class", "kjeks kjeks-banner"},
               {"data-kjeks-view", "banner"},
               {"lang", lang},
               {"aria-labelledby", "kjeks-banner-title"}},
              {el("div", {{"class", "kjeks-banner__inner"}},
                  {el("h2", {{"class", "kjeks-banner__title"}, {"id", "kjeks-banner-title"}},
                      {txt(t("banner.title"))}),
                   el("p", {{"class", "kjeks-banner__body"}}, std::move(body)),
                   el("div", {{"class", "kjeks-banner__actions"}},
                      {button("kjeks-btn--choice", "accept_all", t("banner.accept")),
                       button("kjeks-btn--choice", "decline_all", t("banner.decline")),
                       std::move(settings)})})});
}

Node build_dialog(const Config& config, const State& state) {
    const std::string& lang = view_lang(config, state);
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };

    Nodes body;
    body.push_back(el("p", {{"id", "kjeks-dialog-intro"}}, {txt(t("dialog.intro"))}));
    body.push_back(controller_paragraph(config, lang));
    body.push_back(el("p", {{"class", "kjeks-dialog__withdraw"}}, {txt(t("dialog.withdraw"))}));
    if (state.gpc) body.push_back(el("p", {{"class", "kjeks-dialog__gpc"}}, {txt(t("dialog.gpc"))}));
    for (const Category& category : config.categories) {
        body.push_back(category_section(config, state, lang, category));
    }
    if (state.record) {
        body.push_back(el("p", {{"class", "kjeks-dialog__id"}},
                          {txt(t("dialog.consent_id") + ": "), el("code", {}, {txt(state.record->id)})}));
    }

    Node close = el("button",
                    {{"type", "button"},
                     {"class", "kjeks-close"},
                     {"data-kjeks-action", "close"},
                     {"aria-label", t("dialog.close")}},
                    {close_icon()});

    return el("div", {{"class", "kjeks kjeks-overlay"}, {"data-kjeks-view", "dialog"}, {"lang", lang}},
              {el("div",
                  {{"class", "kjeks-dialog"},
                   {"role", "dialog"},
                   {"aria-modal", "true"},
                   {"aria-labelledby", "kjeks-dialog-title"},
                   {"aria-describedby", "kjeks-dialog-intro"}},
                  {el("div", {{"class", "kjeks-dialog__header"}},
                      {el("h2", {{"class", "kjeks-dialog__title"}, {"id", "kjeks-dialog-title"}},
                          {txt(t("dialog.title"))}),
                       std::move(close)}),
                   el("div", {{"class", "kjeks-dialog__body"}}, std::move(body)),
                   el("div", {{"class", "kjeks-dialog__actions"}},
                      {button("kjeks-btn--choice", "decline_all", t("dialog.decline_all")),
                       button("kjeks-btn--choice", "accept_all", t("dialog.accept_all")),
                       button("kjeks-btn--save", "save", t("dialog.save"))})})});
}

Node build_icon(const Config& config, const State& state) {
    const std::string& lang = view_lang(config, state);
    const std::string& label = text(config, lang, "icon.label");
    // A cookie with a bite out of its upper right edge and four chips (the
    // chips are zero-length segments drawn as dots by the round line caps).
    static const char* const cookie_path =
        "M12 2.5A9.5 9.5 0 1 0 21.5 12A3.5 3.5 0 0 1 17 7A3.5 3.5 0 0 1 12 2.5Z"
        "M8 8.5h.01M13 12.5h.01M8.5 15.5h.01M15.5 16.5h.01";
    return el("button",
              {{"type", "button"},
               {"class", "kjeks kjeks-icon"},
               {"data-kjeks-view", "icon"},
               {"data-kjeks-action", "open_settings"},
               {"aria-label", label},
               {"title", label},
               {"aria-haspopup", "dialog"},
               {"lang", lang}},
              {el("svg",
                  {{"class", "kjeks-icon__svg"},
                   {"viewBox", "0 0 24 24"},
                   {"width", "24"},
                   {"height", "24"},
                   {"aria-hidden", "true"},
                   {"focusable", "false"}},
                  {el("path", {{"d", cookie_path},
                               {"fill", "none"},
                               {"stroke", "currentColor"},
                               {"stroke-width", "2"},
                               {"stroke-linecap", "round"},
                               {"stroke-linejoin", "round"}})})});
}

Node build_placeholder(const Config& config, const State& state, std::string_view provider,
                       std::string_view gate, std::string_view terms_url) {
    const std::string& lang = view_lang(config, state);
    const Service* service = config.find_service(gate);
    // An embed gated on a service names the provider and terms the config gives.
    const std::string name = clean_provider(service != nullptr ? localized(service->provider, lang) : provider);
    const std::string terms(service != nullptr ? localized(service->policy_url, lang) : terms_url);

    Nodes children;
    children.push_back(el("p", {{"class", "kjeks-embed__text"}},
                          {txt(with_provider(text(config, lang, "embed.text"), name))}));
    if (!terms.empty() && terms.size() <= 2048 && is_safe_link_url(terms)) {
        children.push_back(el("p", {{"class", "kjeks-embed__terms"}},
                              {el("a", {{"class", "kjeks-link"}, {"href", terms}},
                                  {txt(with_provider(text(config, lang, "embed.terms"), name))})}));
    }
    const std::vector<std::string> optional = config.optional_category_ids();
    const std::string id(gate);
    if (service != nullptr) {
        Node load = button("kjeks-btn--choice", "grant_service", text(config, lang, "embed.load"));
        load.attrs.emplace_back("data-kjeks-service", id);
        children.push_back(std::move(load));
    } else if (std::find(optional.begin(), optional.end(), id) != optional.end()) {
        Node load = button("kjeks-btn--choice", "grant", text(config, lang, "embed.load"));
        load.attrs.emplace_back("data-kjeks-category", id);
        children.push_back(std::move(load));
    }
    return el("div",
              {{"class", "kjeks kjeks-embed"},
               {"data-kjeks-view", "embed"},
               {"lang", lang},
               {"role", "group"},
               {"aria-label", name}},
              std::move(children));
}

// ---- JSON -------------------------------------------------------------------

std::string to_json(const Node& node) {
    std::string out;
    write_json(node, out);
    return out;
}

}  // namespace kjeks
