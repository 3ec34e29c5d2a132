// Reading the first-visit blob (first_visit_blob.hpp): no heap, no copies.
#include "kjeks/first_visit_blob.hpp"

#include "kjeks/ascii.hpp"

namespace kjeks {
namespace {

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

    bool done() const { return rest_.empty(); }

private:
    std::string_view rest_;
};

bool read_category(Fields& fields, FirstVisitConfig& out, FirstVisitCategory& category) {
    std::size_t services = 0;
    if (!fields.nonempty(category.id) || !fields.flag(category.optional) ||
        !fields.count(services, first_visit_max_services - out.service_count)) {
        return false;
    }
    category.first_service = out.service_count;
    category.service_count = services;
    for (std::size_t i = 0; i < services; ++i) {
        if (!fields.nonempty(out.services[out.service_count++])) return false;
    }
    return true;
}

bool read_language(Fields& fields, FirstVisitLanguage& language) {
    if (!fields.nonempty(language.lang)) return false;
    for (std::string_view& text : language.texts) {
        if (!fields.next(text)) return false;
    }
    return fields.next(language.policy_url);
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
    if (!fields.nonempty(out.revision) || !fields.number(out.expiry_days, 100000) ||
        !fields.nonempty(out.storage_key) || !fields.flag(out.respect_gpc) || !fields.flag(out.corner_icon) ||
        !fields.next(out.beacon_category) || !fields.next(out.beacon_src) || !fields.next(out.beacon_endpoint) ||
        !fields.next(out.beacon_integrity) || !fields.nonempty(out.default_language) ||
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
    std::string_view end;
    return fields.next(end) && end == "END" && fields.done();
}

}  // namespace kjeks
