#include "declaration.hpp"

#include <string_view>
#include <utility>
#include <vector>

#include "html_escape.hpp"
#include "kjeks/texts.hpp"

namespace kjeks::tools {
namespace {

// Markdown table cells: no line breaks or pipes, and no HTML either.
std::string escape_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += "\\|";
        else if (c == '\n' || c == '\r') out += ' ';
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

std::string kind_text(const Config& config, const std::string& lang, StorageKind kind) {
    return text(config, lang, "kind." + std::string(to_string(kind)));
}

// The storage items as a Markdown table, or the "no storage" line.
std::string storage_markdown(const Config& config, const std::string& lang, const std::vector<StorageItem>& storage) {
    if (storage.empty()) return escape_cell(text(config, lang, "dialog.no_storage")) + "\n\n";
    std::string out = "| " + escape_cell(text(config, lang, "table.name")) + " | " +
                      escape_cell(text(config, lang, "table.purpose")) + " | " +
                      escape_cell(text(config, lang, "table.duration")) + " | " +
                      escape_cell(text(config, lang, "table.kind")) + " |\n|---|---|---|---|\n";
    for (const StorageItem& item : storage) {
        out += "| `" + escape_cell(item.name) + "` | " + escape_cell(localized(item.purpose, lang)) + " | " +
               escape_cell(localized(item.duration, lang)) + " | " + escape_cell(kind_text(config, lang, item.kind)) +
               " |\n";
    }
    return out + "\n";
}

std::string storage_html(const Config& config, const std::string& lang, const std::vector<StorageItem>& storage) {
    if (storage.empty()) return "<p>" + escape_html(text(config, lang, "dialog.no_storage")) + "</p>\n";
    std::string out = "<table>\n<thead><tr><th scope=\"col\">" + escape_html(text(config, lang, "table.name")) +
                      "</th><th scope=\"col\">" + escape_html(text(config, lang, "table.purpose")) +
                      "</th><th scope=\"col\">" + escape_html(text(config, lang, "table.duration")) +
                      "</th><th scope=\"col\">" + escape_html(text(config, lang, "table.kind")) +
                      "</th></tr></thead>\n<tbody>\n";
    for (const StorageItem& item : storage) {
        out += "<tr><td><code>" + escape_html(item.name) + "</code></td><td>" +
               escape_html(localized(item.purpose, lang)) + "</td><td>" + escape_html(localized(item.duration, lang)) +
               "</td><td>" + escape_html(kind_text(config, lang, item.kind)) + "</td></tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}

// A service's details, label and text each: provider, purpose, terms and any transfer.
std::vector<std::pair<std::string, std::string>> service_lines(const Config& config, const std::string& lang,
                                                               const Service& service) {
    std::vector<std::pair<std::string, std::string>> lines = {
        {text(config, lang, "service.provider"), localized(service.provider, lang)},
        {text(config, lang, "service.purpose"), localized(service.purpose, lang)},
    };
    if (service.transfer && service.transfer->outside_eea) {
        lines.emplace_back(text(config, lang, "service.transfer"), localized(service.transfer->basis, lang));
    }
    return lines;
}

std::string terms_label(const Config& config, const std::string& lang, const Service& service) {
    std::string label = text(config, lang, "service.terms");
    const std::string marker = "{provider}";
    const std::size_t at = label.find(marker);
    if (at != std::string::npos) label.replace(at, marker.size(), localized(service.provider, lang));
    return label;
}

}  // namespace

std::string declaration_markdown(const Config& config, const std::string& lang) {
    std::string out;
    out += "## " + escape_cell(text(config, lang, "dialog.title")) + "\n\n";
    out += escape_cell(text(config, lang, "dialog.controller")) + ": " + escape_cell(config.controller.name);
    if (!config.controller.email.empty()) out += ", " + escape_cell(config.controller.email);
    if (!config.controller.phone.empty()) out += ", " + escape_cell(config.controller.phone);
    out += "\n\n";
    for (const Category& category : config.categories) {
        out += "### " + escape_cell(localized(category.title, lang));
        if (category.required) out += " (" + escape_cell(text(config, lang, "dialog.always_on")) + ")";
        out += "\n\n" + escape_cell(localized(category.description, lang)) + "\n\n";
        if (!category.storage.empty() || category.services.empty()) out += storage_markdown(config, lang, category.storage);
        for (const Service& service : category.services) {
            out += "#### " + escape_cell(localized(service.name, lang)) + "\n\n";
            for (const auto& [label, value] : service_lines(config, lang, service)) {
                out += "- " + escape_cell(label) + (label.back() == ':' ? " " : ": ") + escape_cell(value) + "\n";
            }
            const std::string& terms = localized(service.policy_url, lang);
            if (!terms.empty()) out += "- " + escape_cell(terms_label(config, lang, service)) + ": " + escape_cell(terms) + "\n";
            out += "\n" + storage_markdown(config, lang, service.storage);
        }
    }
    out += escape_cell(text(config, lang, "dialog.withdraw")) + "\n";
    return out;
}

std::string declaration_html(const Config& config, const std::string& lang) {
    std::string out;
    out += "<section class=\"kjeks-declaration\" lang=\"" + escape_html(lang) + "\">\n";
    out += "<h2>" + escape_html(text(config, lang, "dialog.title")) + "</h2>\n";
    out += "<p>" + escape_html(text(config, lang, "dialog.controller")) + ": " +
           escape_html(config.controller.name);
    if (!config.controller.email.empty()) out += ", " + escape_html(config.controller.email);
    if (!config.controller.phone.empty()) out += ", " + escape_html(config.controller.phone);
    out += "</p>\n";
    for (const Category& category : config.categories) {
        out += "<h3>" + escape_html(localized(category.title, lang));
        if (category.required) out += " (" + escape_html(text(config, lang, "dialog.always_on")) + ")";
        out += "</h3>\n<p>" + escape_html(localized(category.description, lang)) + "</p>\n";
        if (!category.storage.empty() || category.services.empty()) out += storage_html(config, lang, category.storage);
        for (const Service& service : category.services) {
            out += "<h4>" + escape_html(localized(service.name, lang)) + "</h4>\n<ul>\n";
            for (const auto& [label, value] : service_lines(config, lang, service)) {
                out += "<li>" + escape_html(label) + (label.back() == ':' ? " " : ": ") + escape_html(value) + "</li>\n";
            }
            const std::string& terms = localized(service.policy_url, lang);
            // The config's URLs are validated (safe link URLs); escaped all the same.
            if (!terms.empty()) {
                out += "<li><a href=\"" + escape_html(terms) + "\">" + escape_html(terms_label(config, lang, service)) +
                       "</a></li>\n";
            }
            out += "</ul>\n" + storage_html(config, lang, service.storage);
        }
    }
    out += "<p>" + escape_html(text(config, lang, "dialog.withdraw")) + "</p>\n</section>\n";
    return out;
}

}  // namespace kjeks::tools
