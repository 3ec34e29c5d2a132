#include "declaration.hpp"

#include <string_view>

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
        if (category.storage.empty()) {
            out += escape_cell(text(config, lang, "dialog.no_storage")) + "\n\n";
            continue;
        }
        out += "| " + escape_cell(text(config, lang, "table.name")) + " | " +
               escape_cell(text(config, lang, "table.purpose")) + " | " +
               escape_cell(text(config, lang, "table.duration")) + " | " +
               escape_cell(text(config, lang, "table.kind")) + " |\n|---|---|---|---|\n";
        for (const StorageItem& item : category.storage) {
            out += "| `" + escape_cell(item.name) + "` | " + escape_cell(localized(item.purpose, lang)) + " | " +
                   escape_cell(localized(item.duration, lang)) + " | " +
                   escape_cell(kind_text(config, lang, item.kind)) + " |\n";
        }
        out += "\n";
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
        if (category.storage.empty()) {
            out += "<p>" + escape_html(text(config, lang, "dialog.no_storage")) + "</p>\n";
            continue;
        }
        out += "<table>\n<thead><tr><th scope=\"col\">" + escape_html(text(config, lang, "table.name")) +
               "</th><th scope=\"col\">" + escape_html(text(config, lang, "table.purpose")) +
               "</th><th scope=\"col\">" + escape_html(text(config, lang, "table.duration")) +
               "</th><th scope=\"col\">" + escape_html(text(config, lang, "table.kind")) + "</th></tr></thead>\n<tbody>\n";
        for (const StorageItem& item : category.storage) {
            out += "<tr><td><code>" + escape_html(item.name) + "</code></td><td>" +
                   escape_html(localized(item.purpose, lang)) + "</td><td>" +
                   escape_html(localized(item.duration, lang)) + "</td><td>" +
                   escape_html(kind_text(config, lang, item.kind)) + "</td></tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    out += "<p>" + escape_html(text(config, lang, "dialog.withdraw")) + "</p>\n</section>\n";
    return out;
}

}  // namespace kjeks::tools
