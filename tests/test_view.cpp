// View trees: structure (the CSS/ARIA contract), texts, toggles, storage
// tables, injection safety, actions and the JSON form.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "kjeks/config.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/machine.hpp"
#include "kjeks/record.hpp"
#include "kjeks/texts.hpp"
#include "kjeks/url.hpp"
#include "kjeks/view.hpp"

#include "fixtures.hpp"

using namespace kjeks;

namespace {


using fixtures::L;

Config make_config() { return fixtures::view_config(); }

State make_state(const std::string& lang = "nb") { return fixtures::undecided_state(lang); }

using Pred = std::function<bool(const Node&)>;

void collect(const Node& node, const Pred& pred, std::vector<const Node*>& out) {
    if (pred(node)) out.push_back(&node);
    for (const Node& child : node.children) collect(child, pred, out);
}

std::vector<const Node*> find_all(const Node& root, const Pred& pred) {
    std::vector<const Node*> out;
    collect(root, pred, out);
    return out;
}

std::vector<const Node*> by_attr(const Node& root, const std::string& name, const std::string& value) {
    return find_all(root, [&](const Node& n) {
        const std::string* v = n.attr(name);
        return v && *v == value;
    });
}

std::vector<const Node*> by_tag(const Node& root, const std::string& tag) {
    return find_all(root, [&](const Node& n) { return n.tag == tag; });
}

bool has_class(const Node& n, const std::string& cls) {
    const std::string* v = n.attr("class");
    if (!v) return false;
    std::string padded = " " + *v + " ";
    return padded.find(" " + cls + " ") != std::string::npos;
}

std::vector<const Node*> by_class(const Node& root, const std::string& cls) {
    return find_all(root, [&](const Node& n) { return has_class(n, cls); });
}

const Node& one(const std::vector<const Node*>& nodes) {
    REQUIRE(nodes.size() == 1);
    return *nodes[0];
}

const Node& by_id(const Node& root, const std::string& id) { return one(by_attr(root, "id", id)); }

std::string text_of(const Node& node) {
    if (node.tag.empty()) return node.text;
    std::string out;
    for (const Node& child : node.children) out += text_of(child);
    return out;
}

std::string attr_or(const Node& n, const std::string& name, const std::string& fallback = "<none>") {
    const std::string* v = n.attr(name);
    return v ? *v : fallback;
}

const Node& toggle_for(const Node& dialog, const std::string& id) { return by_id(dialog, "kjeks-toggle-" + id); }

bool is_checked(const Node& input) { return input.attr("checked") != nullptr; }

// Rebuilds a Node from to_json's output, to check that it round-trips.
Node from_json(const nlohmann::ordered_json& j) {
    if (j.is_string()) return Node::text_node(j.get<std::string>());
    REQUIRE(j.is_array());
    REQUIRE(j.size() >= 2);
    REQUIRE(j[0].is_string());
    REQUIRE(j[1].is_object());
    Node n = Node::element(j[0].get<std::string>());
    for (auto it = j[1].begin(); it != j[1].end(); ++it) {
        REQUIRE(it.value().is_string());
        n.attrs.emplace_back(it.key(), it.value().get<std::string>());
    }
    for (std::size_t i = 2; i < j.size(); ++i) n.children.push_back(from_json(j[i]));
    return n;
}

bool same(const Node& a, const Node& b) {
    if (a.tag != b.tag || a.attrs != b.attrs || a.children.size() != b.children.size()) return false;
    if (a.tag.empty() && a.text != b.text) return false;
    for (std::size_t i = 0; i < a.children.size(); ++i) {
        if (!same(a.children[i], b.children[i])) return false;
    }
    return true;
}

const std::set<std::string> allowed_tags = {"section", "div",    "h2",   "h3",    "h4", "p",  "a",     "button",
                                            "svg",     "path",   "label", "input", "span", "table", "caption",
                                            "thead",   "tbody",  "tr",   "th",    "td", "code"};

// Every element: a known tag, no event handler / style / srcdoc attribute,
// every href a safe link URL, every ARIA/label reference to an existing id.
void check_safe_tree(const Node& root) {
    std::set<std::string> ids;
    for (const Node* n : find_all(root, [](const Node& x) { return !x.tag.empty(); })) {
        CHECK_MESSAGE(allowed_tags.count(n->tag) == 1, n->tag);
        CHECK(n->text.empty());
        for (const auto& attribute : n->attrs) {
            const std::string& name = attribute.first;
            const std::string& value = attribute.second;
            std::string lower;
            for (char ch : name) lower += static_cast<char>((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
            CHECK_MESSAGE(lower.rfind("on", 0) != 0, name);
            CHECK(lower != "style");
            CHECK(lower != "srcdoc");
            if (lower == "href") CHECK_MESSAGE(is_safe_link_url(value), value);
            if (lower == "id") CHECK_MESSAGE(ids.insert(value).second, "duplicate id " << value);
        }
    }
    for (const Node* n : find_all(root, [](const Node& x) { return !x.tag.empty(); })) {
        for (const char* ref : {"aria-labelledby", "aria-describedby", "for"}) {
            if (const std::string* v = n->attr(ref)) CHECK_MESSAGE(ids.count(*v) == 1, ref << "=" << *v);
        }
    }
    for (const Node* n : find_all(root, [](const Node& x) { return x.tag.empty(); })) {
        CHECK(n->attrs.empty());
        CHECK(n->children.empty());
    }
}

}  // namespace

TEST_CASE("banner structure") {
    Config c = make_config();
    Node b = build_banner(c, make_state("nb"));
    check_safe_tree(b);

    CHECK(b.tag == "section");
    CHECK(attr_or(b, "class") == "kjeks kjeks-banner");
    CHECK(attr_or(b, "data-kjeks-view") == "banner");
    CHECK(attr_or(b, "lang") == "nb");
    CHECK(attr_or(b, "aria-labelledby") == "kjeks-banner-title");
    CHECK(b.attr("role") == nullptr);        // a labelled region, not modal
    CHECK(b.attr("aria-modal") == nullptr);

    REQUIRE(b.children.size() == 1);
    const Node& inner = b.children[0];
    CHECK(attr_or(inner, "class") == "kjeks-banner__inner");
    REQUIRE(inner.children.size() == 3);

    const Node& title = inner.children[0];
    CHECK(title.tag == "h2");
    CHECK(attr_or(title, "class") == "kjeks-banner__title");
    CHECK(attr_or(title, "id") == "kjeks-banner-title");
    CHECK(text_of(title) == "nb:banner.title");

    const Node& body = inner.children[1];
    CHECK(body.tag == "p");
    CHECK(attr_or(body, "class") == "kjeks-banner__body");
    REQUIRE(body.children.size() == 2);
    CHECK(body.children[0].text == "nb:banner.body ");
    const Node& link = body.children[1];
    CHECK(link.tag == "a");
    CHECK(attr_or(link, "class") == "kjeks-link");
    CHECK(attr_or(link, "href") == "/personvern");
    CHECK(text_of(link) == "nb:banner.policy_link");

    const Node& actions = inner.children[2];
    CHECK(attr_or(actions, "class") == "kjeks-banner__actions");
    REQUIRE(actions.children.size() == 3);
    const Node& accept = actions.children[0];
    const Node& decline = actions.children[1];
    const Node& settings = actions.children[2];
    for (const Node* button : {&accept, &decline, &settings}) {
        CHECK(button->tag == "button");
        CHECK(attr_or(*button, "type") == "button");
    }
    CHECK(attr_or(accept, "data-kjeks-action") == "accept_all");
    CHECK(attr_or(decline, "data-kjeks-action") == "decline_all");
    CHECK(attr_or(settings, "data-kjeks-action") == "open_settings");
    CHECK(text_of(accept) == "Godta alle");
    CHECK(text_of(decline) == "Avvis alle");
    CHECK(text_of(settings) == "nb:banner.settings");
    CHECK(attr_or(settings, "aria-haspopup") == "dialog");
    CHECK(attr_or(settings, "class") == "kjeks-btn kjeks-btn--settings");
}

TEST_CASE("banner: accept and decline are equal buttons") {
    Config c = make_config();
    Node b = build_banner(c, make_state());
    const Node& accept = one(by_attr(b, "data-kjeks-action", "accept_all"));
    const Node& decline = one(by_attr(b, "data-kjeks-action", "decline_all"));
    CHECK(accept.tag == "button");
    CHECK(decline.tag == "button");
    CHECK(attr_or(accept, "class") == "kjeks-btn kjeks-btn--choice");
    CHECK(attr_or(decline, "class") == attr_or(accept, "class"));
    CHECK(accept.attrs.size() == decline.attrs.size());
    CHECK(by_tag(b, "a").size() == 1);  // only the policy link; decline is no link
}

TEST_CASE("banner: nb and en texts and policy URLs") {
    Config c = make_config();
    Node en = build_banner(c, make_state("en"));
    CHECK(attr_or(en, "lang") == "en");
    CHECK(text_of(by_id(en, "kjeks-banner-title")) == "en:banner.title");
    CHECK(text_of(one(by_attr(en, "data-kjeks-action", "accept_all"))) == "Accept all");
    CHECK(text_of(one(by_attr(en, "data-kjeks-action", "decline_all"))) == "Decline all");
    CHECK(attr_or(one(by_tag(en, "a")), "href") == "/en/privacy");

    Node nb = build_banner(c, make_state("nb"));
    CHECK(text_of(one(by_attr(nb, "data-kjeks-action", "accept_all"))) == "Godta alle");
    CHECK(attr_or(one(by_tag(nb, "a")), "href") == "/personvern");
}

TEST_CASE("banner: unsafe or missing policy URL gives no link") {
    Config c = make_config();
    for (const char* url : {"javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                            "data:text/html,<script>alert(1)</script>", "vbscript:x", ""}) {
        CAPTURE(url);
        c.policy_url = {{"nb", url}, {"en", url}};
        Node b = build_banner(c, make_state());
        check_safe_tree(b);
        CHECK(by_tag(b, "a").empty());
        const Node& body = one(by_class(b, "kjeks-banner__body"));
        CHECK(text_of(body) == "nb:banner.body");
    }
    c.policy_url.clear();
    CHECK(by_tag(build_banner(c, make_state()), "a").empty());

    c.policy_url = {{"nb", "https://nordleads.no/personvern"}, {"en", "javascript:alert(1)"}};
    CHECK(by_tag(build_banner(c, make_state("nb")), "a").size() == 1);
    CHECK(by_tag(build_banner(c, make_state("en")), "a").empty());
}

TEST_CASE("dialog structure") {
    Config c = make_config();
    State s = make_state("nb");
    s.dialog_open = true;
    s.draft = s.granted;
    Node d = build_dialog(c, s);
    check_safe_tree(d);

    CHECK(d.tag == "div");
    CHECK(attr_or(d, "class") == "kjeks kjeks-overlay");
    CHECK(attr_or(d, "data-kjeks-view") == "dialog");
    CHECK(attr_or(d, "lang") == "nb");
    REQUIRE(d.children.size() == 1);

    const Node& dialog = d.children[0];
    CHECK(attr_or(dialog, "class") == "kjeks-dialog");
    CHECK(attr_or(dialog, "role") == "dialog");
    CHECK(attr_or(dialog, "aria-modal") == "true");
    CHECK(attr_or(dialog, "aria-labelledby") == "kjeks-dialog-title");
    CHECK(attr_or(dialog, "aria-describedby") == "kjeks-dialog-intro");
    REQUIRE(dialog.children.size() == 3);

    const Node& header = dialog.children[0];
    CHECK(attr_or(header, "class") == "kjeks-dialog__header");
    REQUIRE(header.children.size() == 2);
    CHECK(header.children[0].tag == "h2");
    CHECK(attr_or(header.children[0], "class") == "kjeks-dialog__title");
    CHECK(attr_or(header.children[0], "id") == "kjeks-dialog-title");
    CHECK(text_of(header.children[0]) == "nb:dialog.title");
    const Node& close = header.children[1];
    CHECK(close.tag == "button");
    CHECK(attr_or(close, "type") == "button");
    CHECK(attr_or(close, "class") == "kjeks-close");
    CHECK(attr_or(close, "data-kjeks-action") == "close");
    CHECK(attr_or(close, "aria-label") == "nb:dialog.close");
    const Node& svg = one(by_tag(close, "svg"));
    CHECK(attr_or(svg, "aria-hidden") == "true");
    CHECK(attr_or(svg, "focusable") == "false");
    CHECK(by_tag(svg, "path").size() == 1);
    CHECK(text_of(close).empty());

    const Node& body = dialog.children[1];
    CHECK(attr_or(body, "class") == "kjeks-dialog__body");
    CHECK(body.children[0].tag == "p");
    CHECK(attr_or(body.children[0], "id") == "kjeks-dialog-intro");
    CHECK(text_of(body.children[0]) == "nb:dialog.intro");
    CHECK(has_class(body.children[1], "kjeks-dialog__controller"));
    CHECK(has_class(body.children[2], "kjeks-dialog__withdraw"));
    CHECK(text_of(body.children[2]) == "nb:dialog.withdraw");
    // Categories follow, in config order.
    REQUIRE(body.children.size() == 3 + c.categories.size());
    for (std::size_t i = 0; i < c.categories.size(); ++i) {
        const Node& section = body.children[3 + i];
        const std::string& id = c.categories[i].id;
        CHECK(section.tag == "section");
        CHECK(attr_or(section, "class") == "kjeks-category");
        CHECK(attr_or(section, "aria-labelledby") == "kjeks-cat-" + id + "-title");
        REQUIRE(section.children.size() == 3);
        const Node& head = section.children[0];
        CHECK(attr_or(head, "class") == "kjeks-category__head");
        REQUIRE(head.children.size() == 2);
        CHECK(head.children[0].tag == "h3");
        CHECK(attr_or(head.children[0], "class") == "kjeks-category__title");
        CHECK(attr_or(head.children[0], "id") == "kjeks-cat-" + id + "-title");
        CHECK(text_of(head.children[0]) == localized(c.categories[i].title, "nb"));
        const Node& label = head.children[1];
        CHECK(label.tag == "label");
        CHECK(attr_or(label, "class") == "kjeks-switch");
        CHECK(attr_or(label, "for") == "kjeks-toggle-" + id);
        REQUIRE(label.children.size() == 2);
        const Node& input = label.children[0];
        CHECK(input.tag == "input");
        CHECK(input.children.empty());
        CHECK(attr_or(input, "type") == "checkbox");
        CHECK(attr_or(input, "role") == "switch");
        CHECK(attr_or(input, "class") == "kjeks-switch__input");
        CHECK(attr_or(input, "id") == "kjeks-toggle-" + id);
        CHECK(attr_or(input, "data-kjeks-action") == "toggle");
        CHECK(attr_or(input, "data-kjeks-category") == id);
        CHECK(attr_or(input, "aria-describedby") == "kjeks-cat-" + id + "-desc");
        CHECK(label.children[1].tag == "span");
        // The locked switch shows "Always on"; an optional one is named by its
        // title, which the heading shows, so its label is for screen readers.
        CHECK(attr_or(label.children[1], "class") ==
              (c.categories[i].required ? "kjeks-switch__label" : "kjeks-switch__label kjeks-sr-only"));
        const Node& desc = section.children[1];
        CHECK(desc.tag == "p");
        CHECK(attr_or(desc, "class") == "kjeks-category__desc");
        CHECK(attr_or(desc, "id") == "kjeks-cat-" + id + "-desc");
        CHECK(text_of(desc) == localized(c.categories[i].description, "nb"));
    }

    const Node& actions = dialog.children[2];
    CHECK(attr_or(actions, "class") == "kjeks-dialog__actions");
    REQUIRE(actions.children.size() == 3);
    CHECK(attr_or(actions.children[0], "data-kjeks-action") == "decline_all");
    CHECK(attr_or(actions.children[1], "data-kjeks-action") == "accept_all");
    CHECK(attr_or(actions.children[2], "data-kjeks-action") == "save");
    CHECK(attr_or(actions.children[0], "class") == "kjeks-btn kjeks-btn--choice");
    CHECK(attr_or(actions.children[1], "class") == "kjeks-btn kjeks-btn--choice");
    CHECK(attr_or(actions.children[2], "class") == "kjeks-btn kjeks-btn--save");
    CHECK(text_of(actions.children[0]) == "nb:dialog.decline_all");
    CHECK(text_of(actions.children[1]) == "nb:dialog.accept_all");
    CHECK(text_of(actions.children[2]) == "nb:dialog.save");
    for (const Node& b : actions.children) CHECK(attr_or(b, "type") == "button");
}

TEST_CASE("dialog: controller line") {
    Config c = make_config();
    {
        Node d = build_dialog(c, make_state("nb"));
        const Node& p = one(by_class(d, "kjeks-dialog__controller"));
        CHECK(text_of(p) == "Behandlingsansvarlig: NordLeads AS \u00b7 personvern@nordleads.no \u00b7 +47 22 33 44 55");
        auto links = by_tag(p, "a");
        REQUIRE(links.size() == 2);
        CHECK(attr_or(*links[0], "href") == "mailto:personvern@nordleads.no");
        CHECK(text_of(*links[0]) == "personvern@nordleads.no");
        CHECK(attr_or(*links[1], "href") == "tel:+4722334455");
        CHECK(text_of(*links[1]) == "+47 22 33 44 55");
        Node en = build_dialog(c, make_state("en"));
        CHECK(text_of(one(by_class(en, "kjeks-dialog__controller"))).rfind("Controller: NordLeads AS", 0) == 0);
    }
    SUBCASE("no email or phone") {
        c.controller.email.clear();
        c.controller.phone.clear();
        Node d = build_dialog(c, make_state("nb"));
        const Node& p = one(by_class(d, "kjeks-dialog__controller"));
        CHECK(text_of(p) == "Behandlingsansvarlig: NordLeads AS");
        CHECK(by_tag(p, "a").empty());
    }
    SUBCASE("phone only") {
        c.controller.email.clear();
        Node d = build_dialog(c, make_state("nb"));
        const Node& p = one(by_class(d, "kjeks-dialog__controller"));
        CHECK(text_of(p) == "Behandlingsansvarlig: NordLeads AS \u00b7 +47 22 33 44 55");
        CHECK(attr_or(one(by_tag(p, "a")), "href") == "tel:+4722334455");
    }
    SUBCASE("values that make no safe URL are shown as text only") {
        c.controller.email = "a b@example.com";
        c.controller.phone = "+47\t1";
        Node d = build_dialog(c, make_state("nb"));
        check_safe_tree(d);
        const Node& p = one(by_class(d, "kjeks-dialog__controller"));
        CHECK(by_tag(p, "a").empty());
        CHECK(text_of(p) == "Behandlingsansvarlig: NordLeads AS \u00b7 a b@example.com \u00b7 +47\t1");
    }
}

TEST_CASE("dialog: necessary is on and locked, nothing optional pre-ticked") {
    Config c = make_config();
    State s = make_state("nb");
    Node d = build_dialog(c, s);

    const Node& necessary = toggle_for(d, "necessary");
    CHECK(is_checked(necessary));
    CHECK(necessary.attr("disabled") != nullptr);
    CHECK(*necessary.attr("checked") == "");
    CHECK(*necessary.attr("disabled") == "");
    const Node& necessary_label = one(by_attr(d, "for", "kjeks-toggle-necessary"));
    CHECK(text_of(necessary_label) == "nb:dialog.always_on");

    for (const char* id : {"analytics", "external"}) {
        CAPTURE(id);
        const Node& input = toggle_for(d, id);
        CHECK_FALSE(is_checked(input));
        CHECK(input.attr("disabled") == nullptr);
    }
    CHECK(text_of(one(by_attr(d, "for", "kjeks-toggle-analytics"))) == "Statistikk");

    // Fresh State: nothing at all in granted or draft.
    State empty;
    Node d2 = build_dialog(c, empty);
    CHECK(is_checked(toggle_for(d2, "necessary")));
    CHECK_FALSE(is_checked(toggle_for(d2, "analytics")));
    CHECK_FALSE(is_checked(toggle_for(d2, "external")));
    State empty_open;
    empty_open.dialog_open = true;
    Node d3 = build_dialog(c, empty_open);
    CHECK_FALSE(is_checked(toggle_for(d3, "analytics")));
    CHECK_FALSE(is_checked(toggle_for(d3, "external")));
}

TEST_CASE("dialog: toggles follow granted, or the draft while open") {
    Config c = make_config();
    State s = make_state("nb");
    s.granted = {{"analytics", true}, {"external", false}};
    s.draft = {{"analytics", false}, {"external", true}};

    s.dialog_open = false;
    Node closed = build_dialog(c, s);
    CHECK(is_checked(toggle_for(closed, "analytics")));
    CHECK_FALSE(is_checked(toggle_for(closed, "external")));

    s.dialog_open = true;
    Node open = build_dialog(c, s);
    CHECK_FALSE(is_checked(toggle_for(open, "analytics")));
    CHECK(is_checked(toggle_for(open, "external")));
    CHECK(is_checked(toggle_for(open, "necessary")));

    // A required category stays on even when the maps say otherwise.
    s.draft["necessary"] = false;
    s.granted["necessary"] = false;
    CHECK(is_checked(toggle_for(build_dialog(c, s), "necessary")));
}

TEST_CASE("dialog: storage table per category") {
    Config c = make_config();
    c.categories[2].storage.push_back({"ext_pref", StorageKind::LocalStorage, L("Valg", "Choice"), L("1 år", "1 year")});
    c.categories[2].storage.push_back({"ext_tmp", StorageKind::SessionStorage, L("Midlertidig", "Temporary"), L("Økten", "Session")});
    c.categories[2].storage.push_back({"ext_c", StorageKind::Cookie, L("Cookie", "Cookie"), L("1 dag", "1 day")});
    Node d = build_dialog(c, make_state("nb"));

    for (const Category& category : c.categories) {
        CAPTURE(category.id);
        const Node& section = one(by_attr(d, "aria-labelledby", "kjeks-cat-" + category.id + "-title"));
        const Node& table = one(by_tag(section, "table"));
        CHECK(attr_or(table, "class") == "kjeks-storage");
        REQUIRE(table.children.size() == 3);
        CHECK(table.children[0].tag == "caption");
        CHECK(attr_or(table.children[0], "class") == "kjeks-storage__caption");
        CHECK(text_of(table.children[0]) == "nb:dialog.storage_caption");
        CHECK(table.children[1].tag == "thead");
        auto ths = by_tag(table.children[1], "th");
        REQUIRE(ths.size() == 4);
        CHECK(text_of(*ths[0]) == "nb:table.name");
        CHECK(text_of(*ths[1]) == "nb:table.purpose");
        CHECK(text_of(*ths[2]) == "nb:table.duration");
        CHECK(text_of(*ths[3]) == "nb:table.kind");
        for (const Node* th : ths) CHECK(attr_or(*th, "scope") == "col");
        CHECK(table.children[2].tag == "tbody");
        const auto& rows = table.children[2].children;
        REQUIRE(rows.size() == category.storage.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Node& row = rows[i];
            const StorageItem& item = category.storage[i];
            CHECK(row.tag == "tr");
            REQUIRE(row.children.size() == 4);
            for (const Node& td : row.children) CHECK(td.tag == "td");
            CHECK(row.children[0].children.size() == 1);
            CHECK(row.children[0].children[0].tag == "code");
            CHECK(text_of(row.children[0]) == item.name);
            CHECK(text_of(row.children[1]) == localized(item.purpose, "nb"));
            CHECK(text_of(row.children[2]) == localized(item.duration, "nb"));
            const char* kind = item.kind == StorageKind::Cookie         ? "nb:kind.cookie"
                               : item.kind == StorageKind::LocalStorage ? "nb:kind.localStorage"
                                                                        : "nb:kind.sessionStorage";
            CHECK(text_of(row.children[3]) == kind);
            // Stacked on narrow screens, duration and kind carry their column name.
            CHECK(row.children[0].attr("data-label") == nullptr);
            CHECK(row.children[1].attr("data-label") == nullptr);
            CHECK(attr_or(row.children[2], "data-label") == "nb:table.duration");
            CHECK(attr_or(row.children[3], "data-label") == "nb:table.kind");
        }
        CHECK(by_class(section, "kjeks-storage__none").empty());
    }

    const Node& analytics = one(by_attr(d, "aria-labelledby", "kjeks-cat-analytics-title"));
    auto cells = by_tag(analytics, "td");
    REQUIRE(cells.size() == 8);
    CHECK(text_of(*cells[0]) == "_nl_id");
    CHECK(text_of(*cells[3]) == "nb:kind.cookie");
    CHECK(text_of(*cells[4]) == "nl_session");
    CHECK(text_of(*cells[7]) == "nb:kind.sessionStorage");

    Node en = build_dialog(c, make_state("en"));
    const Node& en_analytics = one(by_attr(en, "aria-labelledby", "kjeks-cat-analytics-title"));
    auto en_cells = by_tag(en_analytics, "td");
    REQUIRE(en_cells.size() == 8);
    CHECK(text_of(*en_cells[1]) == "Tells visitors apart");
    CHECK(text_of(*en_cells[2]) == "13 months");
    CHECK(text_of(*en_cells[3]) == "en:kind.cookie");
    CHECK(attr_or(*en_cells[2], "data-label") == "en:table.duration");
    CHECK(attr_or(*en_cells[3], "data-label") == "en:table.kind");
}

TEST_CASE("dialog: a category without storage says so") {
    Config c = make_config();
    Node d = build_dialog(c, make_state("en"));
    const Node& external = one(by_attr(d, "aria-labelledby", "kjeks-cat-external-title"));
    CHECK(by_tag(external, "table").empty());
    const Node& none = one(by_class(external, "kjeks-storage__none"));
    CHECK(none.tag == "p");
    CHECK(text_of(none) == "en:dialog.no_storage");
    CHECK(by_class(d, "kjeks-storage__none").size() == 1);
}

TEST_CASE("dialog: GPC note and consent id only when they apply") {
    Config c = make_config();
    State s = make_state("nb");
    Node d = build_dialog(c, s);
    CHECK(by_class(d, "kjeks-dialog__gpc").empty());
    CHECK(by_class(d, "kjeks-dialog__id").empty());
    CHECK(by_tag(d, "code").size() == 3);  // storage names only

    s.gpc = true;
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    s.record = r;
    d = build_dialog(c, s);
    check_safe_tree(d);
    const Node& gpc = one(by_class(d, "kjeks-dialog__gpc"));
    CHECK(gpc.tag == "p");
    CHECK(text_of(gpc) == "nb:dialog.gpc");
    const Node& id = one(by_class(d, "kjeks-dialog__id"));
    CHECK(id.tag == "p");
    REQUIRE(id.children.size() == 2);
    CHECK(id.children[0].text == "nb:dialog.consent_id: ");
    CHECK(id.children[1].tag == "code");
    CHECK(text_of(id.children[1]) == r.id);

    // GPC note after the withdraw text, consent id after the categories.
    const Node& body = one(by_class(d, "kjeks-dialog__body"));
    CHECK(has_class(body.children[2], "kjeks-dialog__withdraw"));
    CHECK(has_class(body.children[3], "kjeks-dialog__gpc"));
    CHECK(has_class(body.children.back(), "kjeks-dialog__id"));
}

TEST_CASE("icon structure") {
    Config c = make_config();
    Node i = build_icon(c, make_state("en"));
    check_safe_tree(i);
    CHECK(i.tag == "button");
    CHECK(attr_or(i, "type") == "button");
    CHECK(attr_or(i, "class") == "kjeks kjeks-icon");
    CHECK(attr_or(i, "data-kjeks-view") == "icon");
    CHECK(attr_or(i, "data-kjeks-action") == "open_settings");
    CHECK(attr_or(i, "aria-label") == "en:icon.label");
    CHECK(attr_or(i, "title") == "en:icon.label");
    CHECK(attr_or(i, "aria-haspopup") == "dialog");
    CHECK(attr_or(i, "lang") == "en");
    CHECK(text_of(i).empty());
    REQUIRE(i.children.size() == 1);
    const Node& svg = i.children[0];
    CHECK(svg.tag == "svg");
    CHECK(attr_or(svg, "class") == "kjeks-icon__svg");
    CHECK(attr_or(svg, "viewBox") == "0 0 24 24");
    CHECK(attr_or(svg, "width") == "24");
    CHECK(attr_or(svg, "height") == "24");
    CHECK(attr_or(svg, "aria-hidden") == "true");
    CHECK(attr_or(svg, "focusable") == "false");
    REQUIRE(svg.children.size() == 1);
    const Node& path = svg.children[0];
    CHECK(path.tag == "path");
    CHECK_FALSE(attr_or(path, "d", "").empty());
    CHECK((attr_or(path, "fill") == "currentColor" || attr_or(path, "stroke") == "currentColor"));

    CHECK(attr_or(build_icon(c, make_state("nb")), "aria-label") == "nb:icon.label");
}

TEST_CASE("views fall back to the config's default language when the state has none") {
    Config c = make_config();
    c.default_language = "en";
    State s;
    s.lang.clear();
    CHECK(attr_or(build_banner(c, s), "lang") == "en");
    CHECK(attr_or(build_dialog(c, s), "lang") == "en");
    CHECK(attr_or(build_icon(c, s), "lang") == "en");
}

TEST_CASE("config texts are text, never markup") {
    const std::string img = "<img src=x onerror=alert(1)>";
    const std::string script = "\"><script>alert(1)</script>";
    Config c = make_config();
    for (auto& [lang, texts] : c.texts) {
        for (auto& [key, value] : texts) value = (key.size() % 2 ? img : script) + key;
    }
    c.texts["nb"]["banner.title"] = img;
    c.texts["nb"]["banner.accept"] = script;
    c.texts["nb"]["dialog.close"] = script;
    c.texts["nb"]["icon.label"] = img;
    c.controller.name = img;
    c.controller.email = "x@y.no\"><script>";
    c.categories[1].title = {{"nb", script}, {"en", script}};
    c.categories[1].description = {{"nb", img}, {"en", img}};
    c.categories[1].storage[0].name = img;
    c.categories[1].storage[0].purpose = {{"nb", script}, {"en", script}};
    c.policy_url = {{"nb", "javascript:alert(1)"}, {"en", "javascript:alert(1)"}};

    State s = make_state("nb");
    s.gpc = true;
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    s.record = r;

    Node banner = build_banner(c, s);
    Node dialog = build_dialog(c, s);
    Node icon = build_icon(c, s);
    for (const Node* root : {&banner, &dialog, &icon}) {
        check_safe_tree(*root);
        // Only the fixed tags: the markup in the texts created no element.
        CHECK(by_tag(*root, "img").empty());
        CHECK(by_tag(*root, "script").empty());
        // The JSON form round-trips to the same tree.
        std::string json = to_json(*root);
        auto parsed = nlohmann::ordered_json::parse(json);
        CHECK(same(from_json(parsed), *root));
    }

    CHECK(text_of(by_id(banner, "kjeks-banner-title")) == img);
    CHECK(text_of(one(by_attr(banner, "data-kjeks-action", "accept_all"))) == script);
    CHECK(by_tag(banner, "a").empty());
    CHECK(attr_or(one(by_attr(dialog, "data-kjeks-action", "close")), "aria-label") == script);
    CHECK(attr_or(icon, "aria-label") == img);
    CHECK(attr_or(icon, "title") == img);
    CHECK(text_of(by_id(dialog, "kjeks-cat-analytics-title")) == script);
    CHECK(text_of(by_id(dialog, "kjeks-cat-analytics-desc")) == img);
    CHECK(text_of(one(by_class(dialog, "kjeks-dialog__controller"))).find(img) != std::string::npos);
    // The email is a text node, and a mailto: link only if that URL is safe
    // (then verbatim as an attribute value).
    const Node& controller = one(by_class(dialog, "kjeks-dialog__controller"));
    CHECK(text_of(controller).find("x@y.no\"><script>") != std::string::npos);
    auto mailto = find_all(controller, [](const Node& n) {
        const std::string* href = n.attr("href");
        return href && href->rfind("mailto:", 0) == 0;
    });
    if (is_safe_link_url("mailto:x@y.no\"><script>")) {
        REQUIRE(mailto.size() == 1);
        CHECK(*mailto[0]->attr("href") == "mailto:x@y.no\"><script>");
    } else {
        CHECK(mailto.empty());
    }

    // In the JSON the markup is a JSON string value, escaped as such.
    std::string json = to_json(banner);
    CHECK(json.find("\"<img src=x onerror=alert(1)>\"") != std::string::npos);
    CHECK(json.find("\"\\\"><script>alert(1)</script>\"") != std::string::npos);
    CHECK(json.find("javascript:") == std::string::npos);
    std::string icon_json = to_json(icon);
    CHECK(icon_json.find("\"aria-label\":\"<img src=x onerror=alert(1)>\"") != std::string::npos);
}

TEST_CASE("no event handler, style or srcdoc attribute in any view") {
    Config c = make_config();
    State s = make_state("en");
    s.gpc = true;
    s.dialog_open = true;
    s.draft = {{"analytics", true}};
    Record r;
    r.id = "0123456789abcdef0123456789abcdef";
    s.record = r;
    for (const Node& root : {build_banner(c, s), build_dialog(c, s), build_icon(c, s)}) {
        check_safe_tree(root);
        std::string json = to_json(root);
        CHECK(json.find("\"on") == std::string::npos);
        CHECK(json.find("\"style\"") == std::string::npos);
        CHECK(json.find("srcdoc") == std::string::npos);
    }
}

TEST_CASE("action_to_msg") {
    const std::int64_t now = 1'700'000'000'000;
    auto msg_for = [&](std::string name, std::string category = "", bool checked = false, std::string source = "") {
        Action a;
        a.name = std::move(name);
        a.category = std::move(category);
        a.checked = checked;
        a.source = std::move(source);
        return action_to_msg(a, now);
    };

    auto accept = msg_for("accept_all", "", false, "banner");
    REQUIRE(accept);
    REQUIRE(std::holds_alternative<msg::AcceptAll>(*accept));
    CHECK(std::get<msg::AcceptAll>(*accept).now_ms == now);

    auto decline = msg_for("decline_all", "", false, "dialog");
    REQUIRE(decline);
    REQUIRE(std::holds_alternative<msg::DeclineAll>(*decline));
    CHECK(std::get<msg::DeclineAll>(*decline).now_ms == now);

    auto save = msg_for("save");
    REQUIRE(save);
    REQUIRE(std::holds_alternative<msg::Save>(*save));
    CHECK(std::get<msg::Save>(*save).now_ms == now);

    auto close = msg_for("close");
    REQUIRE(close);
    CHECK(std::holds_alternative<msg::Close>(*close));

    struct OpenCase {
        const char* source;
        msg::Opener opener;
    };
    for (OpenCase oc : {OpenCase{"icon", msg::Opener::Icon}, OpenCase{"banner", msg::Opener::Banner},
                        OpenCase{"api", msg::Opener::Api}, OpenCase{"dialog", msg::Opener::Api},
                        OpenCase{"", msg::Opener::Api}, OpenCase{"ICON", msg::Opener::Api}}) {
        CAPTURE(oc.source);
        auto open = msg_for("open_settings", "", false, oc.source);
        REQUIRE(open);
        REQUIRE(std::holds_alternative<msg::OpenSettings>(*open));
        CHECK(std::get<msg::OpenSettings>(*open).opener == oc.opener);
    }

    for (bool checked : {true, false}) {
        auto toggle = msg_for("toggle", "analytics", checked, "dialog");
        REQUIRE(toggle);
        REQUIRE(std::holds_alternative<msg::Toggle>(*toggle));
        CHECK(std::get<msg::Toggle>(*toggle).category == "analytics");
        CHECK(std::get<msg::Toggle>(*toggle).on == checked);
    }

    auto grant = msg_for("grant", "external", false, "api");
    REQUIRE(grant);
    REQUIRE(std::holds_alternative<msg::Grant>(*grant));
    CHECK(std::get<msg::Grant>(*grant).category == "external");
    CHECK(std::get<msg::Grant>(*grant).now_ms == now);

    CHECK_FALSE(msg_for("toggle", "", true));
    CHECK_FALSE(msg_for("grant", ""));
    for (const char* unknown : {"", "ACCEPT_ALL", "accept", "accept_all ", "start", "storage_changed",
                                "time_passed", "onclick"}) {
        CAPTURE(unknown);
        CHECK_FALSE(msg_for(unknown));
    }
}

TEST_CASE("action names in the views all map to messages") {
    Config c = make_config();
    State s = make_state();
    for (const Node& root : {build_banner(c, s), build_dialog(c, s), build_icon(c, s)}) {
        for (const Node* n : find_all(root, [](const Node& x) { return x.attr("data-kjeks-action") != nullptr; })) {
            Action a;
            a.name = *n->attr("data-kjeks-action");
            if (const std::string* cat = n->attr("data-kjeks-category")) a.category = *cat;
            CAPTURE(a.name);
            CHECK(action_to_msg(a, 1).has_value());
        }
    }
}

TEST_CASE("views from the embedded default config") {
    const Config& c = default_config();
    REQUIRE_FALSE(c.categories.empty());
    for (const char* lang : {"nb", "en"}) {
        CAPTURE(lang);
        State s = make_state(lang);
        s.gpc = true;
        Node banner = build_banner(c, s);
        Node dialog = build_dialog(c, s);
        Node icon = build_icon(c, s);
        for (const Node* root : {&banner, &dialog, &icon}) {
            check_safe_tree(*root);
            CHECK(attr_or(*root, "lang") == lang);
            // Every text is there: no text node or label shows a bare key.
            std::string bare_key;
            for (const Node* n : find_all(*root, [](const Node& x) { return x.tag.empty(); })) {
                for (const std::string& key : text_keys()) {
                    if (n->text.find(key) != std::string::npos) bare_key = key;
                }
            }
            CHECK_MESSAGE(bare_key.empty(), bare_key);
            for (const char* a : {"aria-label", "title"}) {
                if (const std::string* v = root->attr(a)) CHECK_FALSE(v->empty());
            }
            auto parsed = nlohmann::ordered_json::parse(to_json(*root));
            CHECK(same(from_json(parsed), *root));
        }
        CHECK(by_tag(banner, "a").size() == (is_safe_link_url(localized(c.policy_url, lang)) ? 1u : 0u));
        CHECK(by_class(dialog, "kjeks-category").size() == c.categories.size());
        CHECK(is_checked(toggle_for(dialog, "necessary")));
        for (const std::string& id : c.optional_category_ids()) CHECK_FALSE(is_checked(toggle_for(dialog, id)));
    }
}

// ---- Embed placeholder --------------------------------------

TEST_CASE("placeholder: names the provider, links its terms, grants just its category") {
    Config c = make_config();
    c.texts["nb"]["embed.text"] = "Innhold fra {provider}. Samtykke kreves for {provider}.";
    c.texts["nb"]["embed.terms"] = "Vilkår for {provider}";
    c.texts["nb"]["embed.load"] = "Last inn innhold";
    Node p = build_placeholder(c, make_state("nb"), "Timebok AS", "external", "https://timebok.example/personvern");
    check_safe_tree(p);
    CHECK(p.tag == "div");
    CHECK(has_class(p, "kjeks"));
    CHECK(has_class(p, "kjeks-embed"));
    CHECK(attr_or(p, "data-kjeks-view") == "embed");
    CHECK(attr_or(p, "role") == "group");
    CHECK(attr_or(p, "aria-label") == "Timebok AS");
    CHECK(attr_or(p, "lang") == "nb");
    CHECK(text_of(one(by_class(p, "kjeks-embed__text"))) == "Innhold fra Timebok AS. Samtykke kreves for Timebok AS.");

    const Node& link = one(by_tag(p, "a"));
    CHECK(attr_or(link, "href") == "https://timebok.example/personvern");
    CHECK(text_of(link) == "Vilkår for Timebok AS");

    const Node& load = one(by_tag(p, "button"));
    CHECK(attr_or(load, "type") == "button");
    CHECK(attr_or(load, "data-kjeks-action") == "grant");
    CHECK(attr_or(load, "data-kjeks-category") == "external");
    CHECK(text_of(load) == "Last inn innhold");
    Action a{"grant", "external", false, "embed"};
    auto m = action_to_msg(a, 5);
    REQUIRE(m.has_value());
    REQUIRE(std::holds_alternative<msg::Grant>(*m));
    CHECK(std::get<msg::Grant>(*m).category == "external");

    // English follows the state's language.
    Node en = build_placeholder(c, make_state("en"), "Timebok AS", "analytics");
    CHECK(attr_or(en, "lang") == "en");
    CHECK(text_of(one(by_class(en, "kjeks-embed__text"))) == "en:embed.text");
    CHECK(attr_or(one(by_tag(en, "button")), "data-kjeks-category") == "analytics");
}

TEST_CASE("placeholder: terms only from a safe URL, a button only for an optional configured category") {
    Config c = make_config();
    State s = make_state("en");
    for (const char* bad : {"javascript:alert(1)", "data:text/html,x", " javascript:alert(1)", "vbscript:x",
                            "https://a.example/\nx"}) {
        CAPTURE(bad);
        Node p = build_placeholder(c, s, "P", "external", bad);
        CHECK(by_tag(p, "a").empty());
        CHECK(to_json(p).find("script:") == std::string::npos);
    }
    CHECK(by_tag(build_placeholder(c, s, "P", "external", ""), "a").empty());
    CHECK(by_tag(build_placeholder(c, s, "P", "external", "https://x.example/" + std::string(3000, 'a')), "a").empty());
    CHECK(by_tag(build_placeholder(c, s, "P", "external", "/privacy"), "a").size() == 1);

    for (const char* category : {"necessary", "marketing", "", "external\"", "EXTERNAL"}) {
        CAPTURE(category);
        Node p = build_placeholder(c, s, "P", category);
        CHECK(by_tag(p, "button").empty());
        CHECK(by_class(p, "kjeks-embed__text").size() == 1);
    }
}

TEST_CASE("placeholder: the provider name is text only, cleaned and capped") {
    Config c = make_config();
    c.texts["en"]["embed.text"] = "By {provider}.";
    State s = make_state("en");
    const std::string evil = "<img src=x onerror=alert(1)>\"'";
    Node p = build_placeholder(c, s, evil, "external", "/terms");
    check_safe_tree(p);
    CHECK(by_tag(p, "img").empty());
    CHECK(text_of(one(by_class(p, "kjeks-embed__text"))) == "By " + evil + ".");
    CHECK(attr_or(p, "aria-label") == evil);
    auto parsed = nlohmann::ordered_json::parse(to_json(p));
    CHECK(same(from_json(parsed), p));

    CHECK(attr_or(build_placeholder(c, s, "  Timebok\n\tAS \x7f", "external"), "aria-label") == "Timebok  AS");
    // At most 80 bytes, never cutting a UTF-8 character in half.
    std::string long_name;
    for (int i = 0; i < 60; ++i) long_name += "\u00e6";  // 2 bytes each
    const std::string kept = attr_or(build_placeholder(c, s, "x" + long_name, "external"), "aria-label");
    CHECK(kept.size() == 79);
    CHECK(kept == "x" + long_name.substr(0, 78));
    CHECK(nlohmann::json::parse(to_json(build_placeholder(c, s, "x" + long_name, "external"))).is_array());
}

TEST_CASE("placeholder from the embedded default config has every text") {
    const Config& c = default_config();
    for (const char* lang : {"nb", "en"}) {
        CAPTURE(lang);
        Node p = build_placeholder(c, make_state(lang), "Timebok", "external", "https://timebok.example/terms");
        check_safe_tree(p);
        const std::string all = text_of(p);
        CHECK(all.find("Timebok") != std::string::npos);
        CHECK(all.find("{provider}") == std::string::npos);
        CHECK(all.find("embed.") == std::string::npos);
        CHECK(by_tag(p, "a").size() == 1);
        CHECK(by_tag(p, "button").size() == 1);
    }
}

// ---- Services ---------------------------------------------------------------------

namespace {

// view_config() with booking (in the EU/EEA) and chat (outside it) under external.
Config services_view_config() {
    Config c = make_config();
    c.texts["nb"]["service.provider"] = "Leverandør";
    c.texts["nb"]["service.purpose"] = "Formål";
    c.texts["nb"]["service.terms"] = "Vilkår hos {provider}";
    c.texts["nb"]["service.transfer"] = "Behandles utenfor EU/EØS. Grunnlag:";
    kjeks::Service booking = fixtures::service("booking");
    booking.name = L("Nettbooking", "Online booking");
    kjeks::Service chat = fixtures::service("chat");
    chat.name = L("Chat", "Chat");
    chat.transfer = kjeks::Transfer{true, L("Standardkontraktsklausuler", "Standard Contractual Clauses")};
    chat.policy_url = L("javascript:alert(1)", "javascript:alert(1)");  // never a link
    c.categories[2].services = {booking, chat};
    return c;
}

State services_state(bool booking, bool chat) {
    State s = make_state();
    s.granted["external"] = booking || chat;
    s.services = {{"booking", booking}, {"chat", chat}};
    return s;
}

}  // namespace

TEST_CASE("dialog: each service has its own switch, named by it, under its category") {
    const Config c = services_view_config();
    const Node dialog = build_dialog(c, services_state(true, false));
    const Node& booking = by_id(dialog, "kjeks-service-toggle-booking");
    CHECK(*booking.attr("type") == "checkbox");
    CHECK(*booking.attr("role") == "switch");
    CHECK(*booking.attr("data-kjeks-action") == "toggle_service");
    CHECK(*booking.attr("data-kjeks-service") == "booking");
    CHECK(booking.attr("checked") != nullptr);
    CHECK(*booking.attr("aria-describedby") == "kjeks-service-booking-desc");
    const Node& chat = by_id(dialog, "kjeks-service-toggle-chat");
    CHECK(chat.attr("checked") == nullptr);

    // The label names the switch: for="…" and the service's name.
    const Node& label = one(by_attr(dialog, "for", "kjeks-service-toggle-booking"));
    CHECK(text_of(label) == "Nettbooking");
    CHECK(text_of(by_id(dialog, "kjeks-service-booking-title")) == "Nettbooking");

    // Inside the external category's section, after its description.
    const std::vector<const Node*> sections = by_class(dialog, "kjeks-category");
    REQUIRE(sections.size() == 3);
    CHECK(by_class(*sections[2], "kjeks-service").size() == 2);
    CHECK(by_class(*sections[1], "kjeks-service").empty());
}

TEST_CASE("dialog: a service shows its provider, purpose, storage, terms and transfer") {
    const Config c = services_view_config();
    const Node dialog = build_dialog(c, services_state(false, false));
    const std::vector<const Node*> services = by_class(dialog, "kjeks-service");
    REQUIRE(services.size() == 2);
    const Node& booking = *services[0];
    const std::string details = text_of(by_id(booking, "kjeks-service-booking-desc"));
    CHECK(details.find("Leverandør: booking AS") != std::string::npos);
    CHECK(details.find("Formål: nb:booking") != std::string::npos);
    const Node& terms = one(by_tag(booking, "a"));
    CHECK(*terms.attr("href") == "https://booking.example/vilkar");
    CHECK(text_of(terms) == "Vilkår hos booking AS");
    const Node& table = one(by_class(booking, "kjeks-storage"));
    CHECK(text_of(table).find("booking_id") != std::string::npos);
    CHECK(by_class(booking, "kjeks-service__transfer").empty());

    // Outside the EU/EEA: said, with the basis, as part of the switch's description.
    const Node& chat = *services[1];
    const Node& transfer = one(by_class(chat, "kjeks-service__transfer"));
    CHECK(text_of(transfer) == "Behandles utenfor EU/EØS. Grunnlag: Standardkontraktsklausuler");
    CHECK(text_of(by_id(chat, "kjeks-service-chat-desc")).find("Standardkontraktsklausuler") != std::string::npos);
    // An unsafe terms URL gives no link.
    CHECK(by_tag(chat, "a").empty());

    // English.
    const Node en = build_dialog(c, fixtures::undecided_state("en"));
    CHECK(text_of(by_id(en, "kjeks-service-booking-title")) == "Online booking");

    // The category has no storage of its own: no "no storage" note beside its services'.
    CHECK(by_class(*by_class(dialog, "kjeks-category")[2], "kjeks-storage__none").empty());
}

TEST_CASE("dialog: the category switch is mixed while its services differ") {
    const Config c = services_view_config();
    auto external = [&](const State& s) { return by_id(build_dialog(c, s), "kjeks-toggle-external"); };
    const Node mixed = external(services_state(true, false));
    REQUIRE(mixed.attr("aria-checked") != nullptr);
    CHECK(*mixed.attr("aria-checked") == "mixed");
    CHECK(mixed.attr("checked") == nullptr);

    const Node on = external(services_state(true, true));
    CHECK(on.attr("aria-checked") == nullptr);
    CHECK(on.attr("checked") != nullptr);
    const Node off = external(services_state(false, false));
    CHECK(off.attr("aria-checked") == nullptr);
    CHECK(off.attr("checked") == nullptr);

    // While the dialog is open, the draft decides.
    State open = services_state(true, true);
    open.dialog_open = true;
    open.draft = {{"analytics", false}, {"external", true}};
    open.draft_services = {{"booking", false}, {"chat", true}};
    CHECK(*external(open).attr("aria-checked") == "mixed");
    CHECK(by_id(build_dialog(c, open), "kjeks-service-toggle-booking").attr("checked") == nullptr);
}

TEST_CASE("placeholder: an embed gated on a service grants just that service") {
    const Config c = services_view_config();
    const Node p = build_placeholder(c, make_state(), "page's name", "booking", "https://page.example/terms");
    const Node& button = one(by_tag(p, "button"));
    CHECK(*button.attr("data-kjeks-action") == "grant_service");
    CHECK(*button.attr("data-kjeks-service") == "booking");
    CHECK(button.attr("data-kjeks-category") == nullptr);
    // The config's provider and terms, not the page's.
    CHECK(*p.attr("aria-label") == "booking AS");
    CHECK(*one(by_tag(p, "a")).attr("href") == "https://booking.example/vilkar");
    // A category still grants the category.
    const Node by_category = build_placeholder(c, make_state(), "X", "external");
    CHECK(*one(by_tag(by_category, "button")).attr("data-kjeks-action") == "grant");
}

TEST_CASE("action_to_msg: the services' actions") {
    const std::optional<Msg> toggle = action_to_msg(Action{"toggle_service", "chat", true, "dialog"}, 5);
    REQUIRE(toggle.has_value());
    REQUIRE(std::holds_alternative<msg::ToggleService>(*toggle));
    CHECK(std::get<msg::ToggleService>(*toggle).service == "chat");
    CHECK(std::get<msg::ToggleService>(*toggle).on);
    const std::optional<Msg> grant = action_to_msg(Action{"grant_service", "chat", false, "page"}, 5);
    REQUIRE(grant.has_value());
    REQUIRE(std::holds_alternative<msg::GrantService>(*grant));
    CHECK(std::get<msg::GrantService>(*grant).service == "chat");
    CHECK(std::get<msg::GrantService>(*grant).now_ms == 5);
    CHECK_FALSE(action_to_msg(Action{"toggle_service", "", true, "dialog"}, 5).has_value());
    CHECK_FALSE(action_to_msg(Action{"grant_service", "", false, "page"}, 5).has_value());

    // Every action of the services' dialog maps to a message.
    const Config c = services_view_config();
    const Node dialog = build_dialog(c, make_state());
    for (const Node* n : find_all(dialog, [](const Node& x) { return x.attr("data-kjeks-action") != nullptr; })) {
        Action a;
        a.name = *n->attr("data-kjeks-action");
        if (const std::string* id = n->attr("data-kjeks-category")) a.category = *id;
        if (const std::string* id = n->attr("data-kjeks-service")) a.category = *id;
        CAPTURE(a.name);
        CHECK(action_to_msg(a, 1).has_value());
    }
}
