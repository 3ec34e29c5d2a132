// View building: banner, settings dialog, footer icon and embed placeholder,
// written straight into the JSON form the browser layer reads
// (view_writer.hpp). Config texts only ever become text nodes or attribute
// values; links only come from validated URLs.
#include "kjeks/view.hpp"

#include <algorithm>

#include "kjeks/texts.hpp"
#include "kjeks/url.hpp"
#include "kjeks/view_writer.hpp"

namespace kjeks {

namespace {

const std::string& view_lang(const Config& config, const State& state) {
    return state.lang.empty() ? config.default_language : state.lang;
}

// <a> when the URL is safe, plain text otherwise.
void link_or_text(ViewWriter& w, const std::string& href, const std::string& label) {
    if (!href.empty() && is_safe_link_url(href)) {
        w.open("a").attr("href", href).text(label).close();
    } else {
        w.text(label);
    }
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

void storage_block(ViewWriter& w, const Config& config, const std::string& lang, const std::vector<StorageItem>& storage) {
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };
    if (storage.empty()) {
        w.leaf("p", "kjeks-storage__none", t("dialog.no_storage"));
        return;
    }
    w.open("table").attr("class", "kjeks-storage");
    w.leaf("caption", "kjeks-storage__caption", t("dialog.storage_caption"));
    w.open("thead").open("tr");
    for (const char* key : {"table.name", "table.purpose", "table.duration", "table.kind"}) {
        w.open("th").attr("scope", "col").text(t(key)).close();
    }
    w.close().close();
    w.open("tbody");
    for (const StorageItem& item : storage) {
        // data-label: the column name, shown by the CSS when a narrow screen
        // stacks the cells (the table keeps its headers for screen readers).
        w.open("tr");
        w.open("td").open("code").text(item.name).close().close();
        w.open("td").text(localized(item.purpose, lang)).close();
        w.open("td").attr("data-label", t("table.duration")).text(localized(item.duration, lang)).close();
        w.open("td").attr("data-label", t("table.kind")).text(t("kind." + std::string(to_string(item.kind)))).close();
        w.close();
    }
    w.close().close();
}

// A switch: a native checkbox with role="switch" inside its label, reporting
// `action` for the category or service `data` names, described by desc_id.
// The caller adds the input's state attributes, then end_switch() names it.
void open_switch(ViewWriter& w, const std::string& id, const char* action, const char* data, const std::string& data_id,
                 const std::string& desc_id) {
    w.open("label").attr("class", "kjeks-switch").attr("for", id);
    w.open("input")
        .attr("type", "checkbox")
        .attr("role", "switch")
        .attr("class", "kjeks-switch__input")
        .attr("id", id)
        .attr("data-kjeks-action", action)
        .attr(data, data_id)
        .attr("aria-describedby", desc_id);
}

// The switch's name: for screen readers only unless `visible`.
void end_switch(ViewWriter& w, const std::string& label, bool visible) {
    w.close();
    w.leaf("span", visible ? "kjeks-switch__label" : "kjeks-switch__label kjeks-sr-only", label);
    w.close();
}

// A labelled detail line of a service: "<b>Provider:</b> NordChat AS".
void service_detail(ViewWriter& w, const std::string& label, const std::string& value) {
    w.open("p").attr("class", "kjeks-service__detail");
    w.leaf("span", "kjeks-service__label", label + ": ");
    w.text(value).close();
}

void service_block(ViewWriter& w, const Config& config, const State& state, const std::string& lang, const Service& service) {
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };
    const std::string& id = service.id;
    const std::string title_id = "kjeks-service-" + id + "-title";
    const std::string desc_id = "kjeks-service-" + id + "-desc";
    const std::string& name = localized(service.name, lang);
    const std::string& provider = localized(service.provider, lang);

    w.open("section").attr("class", "kjeks-service").attr("aria-labelledby", title_id);
    w.open("div").attr("class", "kjeks-service__head");
    w.open("h4").attr("class", "kjeks-service__title").attr("id", title_id).text(name).close();
    open_switch(w, "kjeks-service-toggle-" + id, "toggle_service", "data-kjeks-service", id, desc_id);
    if (service_shown_checked(state, service)) w.attr("checked", "");
    end_switch(w, name, false);
    w.close();

    w.open("div").attr("id", desc_id);
    service_detail(w, t("service.provider"), provider);
    service_detail(w, t("service.purpose"), localized(service.purpose, lang));
    if (service.transfer && service.transfer->outside_eea) {
        w.leaf("p", "kjeks-service__transfer", t("service.transfer") + " " + localized(service.transfer->basis, lang));
    }
    w.close();
    const std::string& terms = localized(service.policy_url, lang);
    if (!terms.empty() && is_safe_link_url(terms)) {
        w.open("p").attr("class", "kjeks-service__terms");
        w.open("a").attr("class", "kjeks-link").attr("href", terms).text(with_provider(t("service.terms"), provider)).close();
        w.close();
    }
    storage_block(w, config, lang, service.storage);
    w.close();
}

void category_section(ViewWriter& w, const Config& config, const State& state, const std::string& lang,
                      const Category& category) {
    const std::string& id = category.id;
    const std::string title_id = "kjeks-cat-" + id + "-title";
    const std::string desc_id = "kjeks-cat-" + id + "-desc";
    const std::string& title = localized(category.title, lang);

    w.open("section").attr("class", "kjeks-category").attr("aria-labelledby", title_id);
    w.open("div").attr("class", "kjeks-category__head");
    w.open("h3").attr("class", "kjeks-category__title").attr("id", title_id).text(title).close();
    open_switch(w, "kjeks-toggle-" + id, "toggle", "data-kjeks-category", id, desc_id);
    // Partly on: neither checked nor unchecked (the bridge makes the
    // checkbox indeterminate to match); a click turns every service on.
    if (shown_mixed(state, category)) w.attr("aria-checked", "mixed");
    else if (shown_checked(state, category)) w.attr("checked", "");
    if (category.required) w.attr("disabled", "");
    // An optional category's switch is named by its title, which the heading
    // already shows, so that label is for screen readers only; the locked
    // switch shows "Always on".
    end_switch(w, category.required ? text(config, lang, "dialog.always_on") : title, category.required);
    w.close();

    w.open("p").attr("class", "kjeks-category__desc").attr("id", desc_id).text(localized(category.description, lang)).close();
    // A category with services and no storage of its own: the services list theirs.
    if (!category.storage.empty() || category.services.empty()) {
        storage_block(w, config, lang, category.storage);
    }
    for (const Service& service : category.services) {
        service_block(w, config, state, lang, service);
    }
    w.close();
}

void controller_paragraph(ViewWriter& w, const Config& config, const std::string& lang) {
    const Controller& controller = config.controller;
    w.open("p").attr("class", "kjeks-dialog__controller");
    w.text(text(config, lang, "dialog.controller") + ": " + controller.name);
    if (!controller.email.empty()) {
        w.text(" \u00b7 ");
        link_or_text(w, "mailto:" + controller.email, controller.email);
    }
    if (!controller.phone.empty()) {
        w.text(" \u00b7 ");
        link_or_text(w, "tel:" + without_spaces(controller.phone), controller.phone);
    }
    w.close();
}

// A 24 px icon drawn by one stroked path; the caller closes the svg.
void open_svg_icon(ViewWriter& w, const char* class_name, const char* path) {
    w.open("svg")
        .attr("class", class_name)
        .attr("viewBox", "0 0 24 24")
        .attr("width", "24")
        .attr("height", "24")
        .attr("aria-hidden", "true")
        .attr("focusable", "false");
    w.open("path")
        .attr("d", path)
        .attr("fill", "none")
        .attr("stroke", "currentColor")
        .attr("stroke-width", "2")
        .attr("stroke-linecap", "round");
}

// A button of the banner, dialog or placeholder; the caller adds attributes
// and then its label.
ViewWriter& open_button(ViewWriter& w, const char* modifier, const char* action) {
    return w.open("button")
        .attr("type", "button")
        .attr("class", std::string("kjeks-btn ") + modifier)
        .attr("data-kjeks-action", action);
}

void button(ViewWriter& w, const char* modifier, const char* action, const std::string& label) {
    open_button(w, modifier, action).text(label).close();
}

}  // namespace

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

std::string banner_json(const Config& config, const State& state) {
    const std::string& lang = view_lang(config, state);
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };
    std::string out;
    ViewWriter w(out);
    w.open("section")
        .attr("class", "kjeks kjeks-banner")
        .attr("data-kjeks-view", "banner")
        .attr("lang", lang)
        .attr("aria-labelledby", "kjeks-banner-title");
    w.open("div").attr("class", "kjeks-banner__inner");
    w.open("h2").attr("class", "kjeks-banner__title").attr("id", "kjeks-banner-title").text(t("banner.title")).close();
    w.open("p").attr("class", "kjeks-banner__body");
    const std::string& policy = localized(config.policy_url, lang);
    if (!policy.empty() && is_safe_link_url(policy)) {
        w.text(t("banner.body") + " ");
        w.open("a").attr("class", "kjeks-link").attr("href", policy).text(t("banner.policy_link")).close();
    } else {
        w.text(t("banner.body"));
    }
    w.close();
    w.open("div").attr("class", "kjeks-banner__actions");
    button(w, "kjeks-btn--choice", "accept_all", t("banner.accept"));
    button(w, "kjeks-btn--choice", "decline_all", t("banner.decline"));
    open_button(w, "kjeks-btn--settings", "open_settings").attr("aria-haspopup", "dialog").text(t("banner.settings")).close();
    w.close().close().close();
    return out;
}

std::string dialog_json(const Config& config, const State& state) {
    const std::string& lang = view_lang(config, state);
    auto t = [&](std::string_view key) -> const std::string& { return text(config, lang, key); };
    std::string out;
    ViewWriter w(out);
    w.open("div").attr("class", "kjeks kjeks-overlay").attr("data-kjeks-view", "dialog").attr("lang", lang);
    w.open("div")
        .attr("class", "kjeks-dialog")
        .attr("role", "dialog")
        .attr("aria-modal", "true")
        .attr("aria-labelledby", "kjeks-dialog-title")
        .attr("aria-describedby", "kjeks-dialog-intro");

    w.open("div").attr("class", "kjeks-dialog__header");
    w.open("h2").attr("class", "kjeks-dialog__title").attr("id", "kjeks-dialog-title").text(t("dialog.title")).close();
    w.open("button")
        .attr("type", "button")
        .attr("class", "kjeks-close")
        .attr("data-kjeks-action", "close")
        .attr("aria-label", t("dialog.close"));
    open_svg_icon(w, "kjeks-close__icon", "M6 6L18 18M18 6L6 18");
    w.close().close().close().close();

    w.open("div").attr("class", "kjeks-dialog__body");
    w.open("p").attr("id", "kjeks-dialog-intro").text(t("dialog.intro")).close();
    controller_paragraph(w, config, lang);
    w.leaf("p", "kjeks-dialog__withdraw", t("dialog.withdraw"));
    if (state.gpc) w.leaf("p", "kjeks-dialog__gpc", t("dialog.gpc"));
    for (const Category& category : config.categories) {
        category_section(w, config, state, lang, category);
    }
    if (state.record) {
        w.open("p").attr("class", "kjeks-dialog__id").text(t("dialog.consent_id") + ": ");
        w.open("code").text(state.record->id).close().close();
    }
    w.close();

    w.open("div").attr("class", "kjeks-dialog__actions");
    button(w, "kjeks-btn--choice", "decline_all", t("dialog.decline_all"));
    button(w, "kjeks-btn--choice", "accept_all", t("dialog.accept_all"));
    button(w, "kjeks-btn--save", "save", t("dialog.save"));
    w.close().close().close();
    return out;
}

std::string icon_json(const Config& config, const State& state) {
    const std::string& lang = view_lang(config, state);
    const std::string& label = text(config, lang, "icon.label");
    // A cookie with a bite out of its upper right edge and four chips (the
    // chips are zero-length segments drawn as dots by the round line caps).
    static const char* const cookie_path =
        "M12 2.5A9.5 9.5 0 1 0 21.5 12A3.5 3.5 0 0 1 17 7A3.5 3.5 0 0 1 12 2.5Z"
        "M8 8.5h.01M13 12.5h.01M8.5 15.5h.01M15.5 16.5h.01";
    std::string out;
    ViewWriter w(out);
    w.open("button")
        .attr("type", "button")
        .attr("class", "kjeks kjeks-icon")
        .attr("data-kjeks-view", "icon")
        .attr("data-kjeks-action", "open_settings")
        .attr("aria-label", label)
        .attr("title", label)
        .attr("aria-haspopup", "dialog")
        .attr("lang", lang);
    open_svg_icon(w, "kjeks-icon__svg", cookie_path);
    w.attr("stroke-linejoin", "round");
    w.close().close().close();
    return out;
}

std::string placeholder_json(const Config& config, const State& state, std::string_view provider,
                             std::string_view gate, std::string_view terms_url) {
    const std::string& lang = view_lang(config, state);
    const Service* service = config.find_service(gate);
    // An embed gated on a service names the provider and terms the config gives.
    const std::string name = clean_provider(service != nullptr ? localized(service->provider, lang) : provider);
    const std::string terms(service != nullptr ? localized(service->policy_url, lang) : terms_url);

    std::string out;
    ViewWriter w(out);
    w.open("div")
        .attr("class", "kjeks kjeks-embed")
        .attr("data-kjeks-view", "embed")
        .attr("lang", lang)
        .attr("role", "group")
        .attr("aria-label", name);
    w.leaf("p", "kjeks-embed__text", with_provider(text(config, lang, "embed.text"), name));
    if (!terms.empty() && terms.size() <= 2048 && is_safe_link_url(terms)) {
        w.open("p").attr("class", "kjeks-embed__terms");
        w.open("a")
            .attr("class", "kjeks-link")
            .attr("href", terms)
            .text(with_provider(text(config, lang, "embed.terms"), name))
            .close();
        w.close();
    }
    const std::vector<std::string> optional = config.optional_category_ids();
    const std::string id(gate);
    if (service != nullptr) {
        open_button(w, "kjeks-btn--choice", "grant_service").attr("data-kjeks-service", id).text(text(config, lang, "embed.load")).close();
    } else if (std::find(optional.begin(), optional.end(), id) != optional.end()) {
        open_button(w, "kjeks-btn--choice", "grant").attr("data-kjeks-category", id).text(text(config, lang, "embed.load")).close();
    }
    w.close();
    return out;
}

}  // namespace kjeks
