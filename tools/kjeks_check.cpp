// kjeks-check: validates a Kjeks site config, or prints its cookie
// declaration (Markdown or HTML) for the site's cookie-policy page, from the
// same C++ core the browser runs.
//
//   kjeks-check config.json
//   kjeks-check --declaration md|html [--lang nb|nn|en|...] config.json
//   kjeks-check build config.json --out site-dist/ [--runtime dist/]
//   kjeks-check --blob config.json   (the compiled first-visit form, raw)
//   kjeks-check --form [--lang nb|nn|en|...] config.json   (the compiled form the full core reads, raw;
//                                                          with --lang, that language's texts only)
#include <iostream>
#include <string>

#include "declaration.hpp"
#include "file_text.hpp"
#include "kjeks/config_form.hpp"
#include "kjeks/config_language.hpp"
#include "kjeks/first_visit_blob_writer.hpp"
#include "site_build.hpp"
#include "kjeks/config.hpp"
#include "kjeks/default_config.hpp"
#include "kjeks/validate.hpp"

namespace {

int usage() {
    std::cerr << "usage: kjeks-check [--declaration md|html] [--lang nb|nn|en|...] config.json\n"
                 "       kjeks-check build config.json --out DIR [--runtime DIR]   (a site's dist/, config compiled in)\n"
                 "       kjeks-check --blob config.json   (prints the compiled first-visit form)\n"
                 "       kjeks-check --form [--lang L] config.json   (prints the compiled form the full core reads;\n"
                 "                                               with --lang, that language's texts only)\n"
                 "       kjeks-check --default   (checks the embedded default config; with --blob, --form or build too)\n";
    return 2;
}

// The config compiled: into a site's runtime files (out_dir), or printed
// (the first-visit blob, or the full core's form).
int compile(const kjeks::Config& config, bool form, const std::string& lang, const std::string& out_dir,
            const std::string& runtime_dir, const std::string& name) {
    if (form) {
        if (lang.empty()) {
            std::cout << kjeks::write_config_form(config);
            return 0;
        }
        if (config.texts.count(lang) == 0) {
            std::cerr << name << ": --lang " << lang << ": the config has no texts in that language\n";
            return 2;
        }
        std::cout << kjeks::write_config_form(kjeks::config_for_language(config, lang));
        return 0;
    }
    if (out_dir.empty()) {
        const kjeks::BlobWriteResult written = kjeks::write_first_visit_blob(config);
        if (!written.error.empty()) {
            std::cerr << name << ": " << written.error << '\n';
            return 1;
        }
        std::cout << written.blob;
        return 0;
    }
    std::string error;
    if (!kjeks::tools::build_site(config, runtime_dir, out_dir, error)) {
        std::cerr << name << ": " << error << '\n';
        return 1;
    }
    std::cout << name << ": compiled into " << out_dir << " (revision " << config.revision << ")\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::string format;
    std::string lang = "";
    std::string path;
    bool use_default = false;
    bool build = false;
    bool blob = false;
    bool form = false;
    std::string out_dir;
    std::string runtime_dir = "dist";
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (i == 1 && arg == "build") {
            build = true;
        } else if (arg == "--blob") {
            blob = true;
        } else if (arg == "--form") {
            form = true;
        } else if (build && arg == "--out" && i + 1 < argc) {
            out_dir = argv[++i];
        } else if (build && arg == "--runtime" && i + 1 < argc) {
            runtime_dir = argv[++i];
        } else if (arg == "--declaration" && i + 1 < argc) {
            format = argv[++i];
        } else if (arg == "--lang" && i + 1 < argc) {
            lang = argv[++i];
        } else if (arg == "--default") {
            use_default = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return usage();
        } else if (path.empty()) {
            path = arg;
        } else {
            return usage();
        }
    }
    if ((build && (out_dir.empty() || blob || form || !format.empty())) || ((blob || form) && !format.empty()) ||
        (blob && form) || ((build || blob) && !lang.empty())) {
        return usage();
    }
    if ((path.empty() && !use_default) || (!format.empty() && format != "md" && format != "html") ||
        (!lang.empty() && !kjeks::is_language_tag(lang))) {
        return usage();
    }

    std::string text;
    if (use_default) {
        text = std::string(kjeks::default_config_json());
    } else if (!kjeks::tools::read_file(path, text)) {
        std::cerr << path << ": cannot read the file\n";
        return 2;
    } else if (text.empty()) {
        std::cerr << path << ": (root): empty file\n";
        return 1;
    }
    const std::string name = use_default ? std::string("(default config)") : path;

    kjeks::ConfigResult result = kjeks::parse_config(text);
    if (!result.ok()) {
        for (const kjeks::ConfigError& error : result.errors) {
            std::cerr << name << ": " << error.to_string() << '\n';
        }
        std::cerr << result.errors.size() << (result.errors.size() == 1 ? " error\n" : " errors\n");
        return 1;
    }
    const kjeks::Config& config = result.config;
    if (build || blob || form) return compile(config, form, lang, build ? out_dir : std::string(), runtime_dir, name);
    if (lang.empty()) lang = config.default_language;
    if (config.texts.count(lang) == 0) {
        std::cerr << name << ": --lang " << lang << ": the config has no texts in that language\n";
        return 2;
    }

    if (format.empty()) {
        std::size_t items = 0;
        for (const kjeks::Category& category : config.categories) {
            items += category.storage.size();
            for (const kjeks::Service& service : category.services) items += service.storage.size();
        }
        std::cout << name << ": ok, revision " << config.revision << ", " << config.categories.size()
                  << " categories, " << config.service_ids().size() << " services, " << items
                  << " storage items, consent expires after " << config.expiry_days << " days\n";
        return 0;
    }
    std::cout << (format == "md" ? kjeks::tools::declaration_markdown(config, lang)
                                 : kjeks::tools::declaration_html(config, lang));
    return 0;
}
