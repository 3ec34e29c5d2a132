#include "site_build.hpp"

#include <filesystem>

#include "kjeks/config_form.hpp"
#include "kjeks/config_language.hpp"
#include "kjeks/first_visit_blob.hpp"
#include "kjeks/first_visit_blob_writer.hpp"
#include "kjeks/json_text.hpp"
#include "kjeks/validate.hpp"
#include "file_text.hpp"

namespace kjeks::tools {
namespace {

namespace fs = std::filesystem;

// The literal's prefix, as the config's compiled form follows it in kjeks-core.js.
const std::string site_config_prefix = "KJEKS-SITE-CONFIG\n";

// The end of the string literal whose opening quote is at `open`: the index
// just past its closing quote, or npos.
std::size_t literal_end(const std::string& script, std::size_t open) {
    for (std::size_t i = open + 1; i < script.size(); ++i) {
        if (script[i] == '\\') {
            ++i;
        } else if (script[i] == script[open]) {
            return i + 1;
        }
    }
    return std::string::npos;
}

// A JSON string literal with every non-ASCII character as \uXXXX (UTF-16),
// so that the runtime files read the same in any charset. `text` is UTF-8
// (a parsed config is).
std::string ascii_literal(const std::string& text) {
    static constexpr char hex[] = "0123456789abcdef";
    const std::string json = json_string(text);
    std::string out;
    out.reserve(json.size());
    const auto unit = [&](unsigned value) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(value >> shift) & 0xF];
    };
    for (std::size_t i = 0; i < json.size();) {
        const auto c = static_cast<unsigned char>(json[i]);
        if (c < 0x80) {
            out += json[i++];
            continue;
        }
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        unsigned code = c & (0x7F >> length);
        for (std::size_t k = 1; k < length && i + k < json.size(); ++k) {
            code = (code << 6) | (static_cast<unsigned char>(json[i + k]) & 0x3F);
        }
        i += length;
        if (code >= 0x10000) {
            code -= 0x10000;
            unit(0xD800 + (code >> 10));
            unit(0xDC00 + (code & 0x3FF));
        } else {
            unit(code);
        }
    }
    return out;
}

// kjeks-core.<lang>.js, one language's texts only.
fs::path language_core_path(const fs::path& dir, const std::string& lang) {
    return dir / ("kjeks-core." + lang + ".js");
}

// A file an earlier build wrote for a language this config no longer has.
bool stale_language_core(const fs::path& file, const Config& config) {
    const std::string name = file.filename().string();
    const std::string prefix = "kjeks-core.";
    const std::string suffix = ".js";
    if (name.size() <= prefix.size() + suffix.size() || name.compare(0, prefix.size(), prefix) != 0 ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return false;
    }
    const std::string lang = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    return is_language_tag(lang) && config.texts.count(lang) == 0;
}

bool write_language_cores(const Config& config, const std::string& core, const fs::path& to, std::string& error) {
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(to, ec)) {
        if (stale_language_core(entry.path(), config)) fs::remove(entry.path(), ec);
    }
    for (const auto& [lang, unused] : config.texts) {
        std::string script = core;
        const std::string form = write_config_form(config_for_language(config, lang));
        if (!replace_prefixed_literal(script, site_config_prefix, site_config_prefix + form, error)) return false;
        if (!write_file(language_core_path(to, lang).string(), script)) {
            error = to.string() + ": cannot write " + language_core_path(to, lang).filename().string();
            return false;
        }
    }
    return true;
}

}  // namespace

bool replace_prefixed_literal(std::string& script, const std::string& prefix, const std::string& value,
                              std::string& error) {
    std::string quoted = json_string(prefix);
    quoted.pop_back();  // its closing quote: the literal goes on
    const std::size_t at = script.find(quoted);
    if (at == std::string::npos || script.find(quoted, at + 1) != std::string::npos) {
        error = "the runtime file does not hold exactly one compiled config (is it a Kjeks runtime file?)";
        return false;
    }
    const std::size_t end = literal_end(script, at);
    if (end == std::string::npos) {
        error = "the runtime file's compiled config does not end";
        return false;
    }
    script.replace(at, end - at, ascii_literal(value));
    return true;
}

bool build_site(const Config& config, const std::string& runtime_dir, const std::string& out_dir,
                std::string& error) {
    const BlobWriteResult blob = write_first_visit_blob(config);
    if (!blob.error.empty()) {
        error = blob.error;
        return false;
    }
    const fs::path from(runtime_dir);
    const fs::path to(out_dir);
    std::string first;
    std::string core;
    if (!read_file((from / "kjeks.js").string(), first) || !read_file((from / "kjeks-core.js").string(), core)) {
        error = runtime_dir + ": no kjeks.js and kjeks-core.js to build from";
        return false;
    }
    if (!replace_prefixed_literal(first, std::string(first_visit_blob_magic) + first_visit_blob_separator, blob.blob,
                                  error) ||
        !replace_prefixed_literal(core, site_config_prefix, site_config_prefix + write_config_form(config), error)) {
        return false;
    }
    std::error_code ec;
    fs::create_directories(to, ec);
    if (ec) {
        error = out_dir + ": " + ec.message();
        return false;
    }
    if (!write_file((to / "kjeks.js").string(), first) || !write_file((to / "kjeks-core.js").string(), core)) {
        error = out_dir + ": cannot write the runtime files";
        return false;
    }
    if (!write_language_cores(config, core, to, error)) return false;
    if (fs::equivalent(from, to, ec)) return true;
    for (const char* name : {"kjeks-json.js", "kjeks.css", "beacon.js", "kjeks.d.ts"}) {
        fs::copy_file(from / name, to / name, fs::copy_options::overwrite_existing, ec);
        if (ec) {
            error = (from / name).string() + ": " + ec.message();
            return false;
        }
    }
    return true;
}

}  // namespace kjeks::tools
