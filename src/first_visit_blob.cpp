// Reading the first-visit blob (first_visit_blob.hpp): no heap, no copies.
#include "kjeks/first_visit_blob.hpp"

#include "kjeks/ascii.hpp"
#include "kjeks/validate.hpp"

namespace kjeks {
namespace {

bool is_hex(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// The contents of a JSON string as the blob writer escapes them: no raw
// quote or control character, only the escapes it writes, well-formed UTF-8.
// first_visit() copies texts into its answer as they are, so a blob that is
// not what the writer wrote must not get past here.
bool is_escaped_text(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == '"') return false;
        if (c == '\\') {
            if (++i >= text.size()) return false;
            const char e = text[i];
            if (e == 'u') {
                // The writer escapes only control characters this way: \u0000-\u001f.
                if (i + 4 >= text.size() || text[i + 1] != '0' || text[i + 2] != '0' ||
                    (text[i + 3] != '0' && text[i + 3] != '1') || !is_hex(text[i + 4])) {
                    return false;
                }
                i += 4;
            } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
                       e != 't') {
                return false;
            }
            continue;
        }
        if (c < 0x80) continue;
        // A multi-byte sequence: its length and the range of its second byte.
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            length = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            length = 3;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            length = 4;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return false;
        }
        i += length - 1;
    }
    return true;
}

class Fields {
public:
    explicit Fields(std::string_view blob) : rest_(blob) {}

    bool next(std::string_view& field) {
        for (std::size_t end = 0; end < rest_.size(); ++end) {
            if (rest_[end] == first_visit_blob_separator) {
                field = std::string_view(rest_.data(), end);
                rest_ = std::string_view(rest_.data() + end + 1, rest_.size() - end - 1);
                return true;
            }
        }
        return false;
    }

    bool flag(bool& value) {
        std::string_view field;
        if (!next(field) || (field != "0" && field != "1")) return false;
        value = field == "1";
        return true;
    }

    // A decimal count or number without sign or leading zeros, up to `max`.
    bool number(std::int64_t& value, std::int64_t max) {
        std::string_view field;
        if (!next(field) || field.empty() || field.size() > 18 || (field.size() > 1 && field[0] == '0')) return false;
        std::int64_t parsed = 0;
        for (char c : field) {
            if (!is_ascii_digit(c)) return false;
            parsed = parsed * 10 + (c - '0');
        }
        if (parsed > max) return false;
        value = parsed;
        return true;
    }

    bool count(std::size_t& value, std::size_t max) {
        std::int64_t parsed = 0;
        if (!number(parsed, static_cast<std::int64_t>(max))) return false;
        value = static_cast<std::size_t>(parsed);
        return true;
    }

    bool nonempty(std::string_view& field) { return next(field) && !field.empty(); }

    // An id or a revision: a token (validate.hpp), which needs no escaping.
    bool token(std::string_view& field) { return next(field) && is_valid_token(field); }

    bool language(std::string_view& field) { return next(field) && is_language_tag(field); }

    bool text(std::string_view& field) { return next(field) && is_escaped_text(field); }

    bool done() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

bool read_category(Fields& fields, FirstVisitConfig& out, FirstVisitCategory& category) {
    std::size_t services = 0;
    if (!fields.token(category.id) || !fields.flag(category.optional) ||
        !fields.count(services, first_visit_max_services - out.service_count)) {
        return false;
    }
    category.first_service = out.service_count;
    category.service_count = services;
    for (std::size_t i = 0; i < services; ++i) {
        if (!fields.token(out.services[out.service_count++])) return false;
    }
    return true;
}

bool read_language(Fields& fields, FirstVisitLanguage& language) {
    if (!fields.language(language.lang)) return false;
    for (std::string_view& text : language.texts) {
        if (!fields.text(text)) return false;
    }
    return fields.text(language.policy_url);
}

}  // namespace

bool read_first_visit_blob(std::string_view blob, FirstVisitConfig& out) {
    // Every field is read before it is used; only the counts start again.
    out.category_count = out.service_count = out.language_count = 0;
    Fields fields(blob);
    std::string_view magic;
    std::string_view version;
    if (!fields.next(magic) || magic != first_visit_blob_magic) return false;
    if (!fields.next(version) || version != first_visit_blob_version) return false;
    if (!fields.token(out.revision) || !fields.number(out.expiry_days, 100000) ||
        !fields.token(out.storage_key) || !fields.flag(out.respect_gpc) ||
        !fields.next(out.beacon_category) || !fields.text(out.beacon_src) || !fields.text(out.beacon_endpoint) ||
        !fields.text(out.beacon_integrity) || !fields.language(out.default_language) ||
        !fields.count(out.category_count, first_visit_max_categories)) {
        return false;
    }
    for (std::size_t i = 0; i < out.category_count; ++i) {
        if (!read_category(fields, out, out.categories[i])) return false;
    }
    if (!fields.count(out.language_count, first_visit_max_languages) || out.language_count == 0) return false;
    for (std::size_t i = 0; i < out.language_count; ++i) {
        if (!read_language(fields, out.languages[i])) return false;
    }
    if (!out.beacon_category.empty() && !is_valid_token(out.beacon_category)) return false;
    std::string_view end;
    return fields.next(end) && end == "END" && fields.done();
}

}  // namespace kjeks
