// The first-visit path (first_visit.hpp). The banner written here is the
// view.hpp builder's, byte for byte, as the bridge protocol carries it;
// tests/test_first_visit.cpp compares them.
#include "kjeks/first_visit.hpp"

#include "kjeks/first_visit_blob.hpp"
#include "kjeks/language_tag.hpp"
#include "kjeks/record_scan.hpp"
#include "kjeks/record_time.hpp"

namespace kjeks {
namespace {

// Its members are not inlined: the answer is written by many small calls,
// and inlining them made the module twice as big.
class Out {
public:
    Out(char* data, std::size_t capacity) : data_(data), capacity_(capacity) {}

    // A literal's size is known here: no strlen at run time.
    template <std::size_t N>
    void raw(const char (&text)[N]) {
        put(text, N - 1);
    }
    void raw(std::string_view text) { put(text.data(), text.size()); }
    // A JSON string of text that needs no escaping: the blob's texts are
    // escaped already, ids and language tags never need it.
    __attribute__((noinline)) void str(std::string_view text) {
        put("\"", 1);
        put(text.data(), text.size());
        put("\"", 1);
    }
    __attribute__((noinline)) void put(const char* data, std::size_t size) {
        if (size > capacity_ - size_) {
            overflow_ = true;
            return;
        }
        for (std::size_t i = 0; i < size; ++i) data_[size_ + i] = data[i];
        size_ += size;
    }
    void drop_last() {
        if (size_ > 0) --size_;
    }
    std::size_t size() const { return overflow_ ? 0 : size_; }

private:
    char* data_;
    std::size_t capacity_;
    std::size_t size_ = 0;
    bool overflow_ = false;
};

const FirstVisitLanguage& pick_language(const FirstVisitConfig& config, const FirstVisitInput& input) {
    const auto offered = [&](std::string_view tag) -> const FirstVisitLanguage* {
        for (std::size_t i = 0; i < config.language_count; ++i) {
            if (tag_names_language(tag, config.languages[i].lang)) return &config.languages[i];
        }
        return nullptr;
    };
    if (const FirstVisitLanguage* lang = offered(input.page_lang)) return *lang;
    std::string_view rest = input.browser_langs;
    while (!rest.empty()) {
        const std::size_t comma = rest.find(',');
        const std::string_view tag = rest.substr(0, comma);
        if (!tag.empty()) {
            if (const FirstVisitLanguage* lang = offered(tag)) return *lang;
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    for (std::size_t i = 0; i < config.language_count; ++i) {
        if (config.languages[i].lang == config.default_language) return config.languages[i];
    }
    return config.languages[0];
}

bool any_service_on(const FirstVisitConfig& config, const FirstVisitCategory& category, const ScannedRecord& record) {
    for (std::size_t i = 0; i < category.service_count; ++i) {
        const ScannedChoice* choice = record.service(config.services[category.first_service + i]);
        if (choice != nullptr && choice->on) return true;
    }
    return false;
}

// machine.hpp's record_is_current, for a scanned record.
bool is_current(const FirstVisitConfig& config, const ScannedRecord& record, std::int64_t now_ms) {
    if (record.revision != config.revision) return false;
    if (!record_times_current(record.given_ms, record.updated_ms, config.expiry_days, now_ms)) return false;
    if (record.choice_count != config.category_count) return false;
    for (std::size_t i = 0; i < config.category_count; ++i) {
        if (record.choice(config.categories[i].id) == nullptr) return false;
    }
    if (!record.has_services) return true;
    if (record.service_count != config.service_count) return false;
    for (std::size_t i = 0; i < config.service_count; ++i) {
        if (record.service(config.services[i]) == nullptr) return false;
    }
    for (std::size_t i = 0; i < config.category_count; ++i) {
        const FirstVisitCategory& category = config.categories[i];
        if (category.service_count == 0) continue;
        if (record.choice(category.id)->on != any_service_on(config, category, record)) return false;
    }
    return true;
}

void write_button(Out& out, std::string_view modifier, std::string_view action, std::string_view label,
                  bool opens_dialog) {
    out.raw("[\"button\",{\"type\":\"button\",\"class\":\"kjeks-btn ");
    out.raw(modifier);
    out.raw("\",\"data-kjeks-action\":\"");
    out.raw(action);
    out.raw(opens_dialog ? "\",\"aria-haspopup\":\"dialog\"}," : "\"},");
    out.str(label);
    out.raw("]");
}

void write_banner(Out& out, const FirstVisitLanguage& lang) {
    out.raw("{\"op\":\"banner\",\"node\":[\"section\",{\"class\":\"kjeks kjeks-banner\",\"data-kjeks-view\":"
            "\"banner\",\"lang\":");
    out.str(lang.lang);
    out.raw(",\"aria-labelledby\":\"kjeks-banner-title\"},[\"div\",{\"class\":\"kjeks-banner__inner\"},[\"h2\","
            "{\"class\":\"kjeks-banner__title\",\"id\":\"kjeks-banner-title\"},");
    out.str(lang.text(BannerText::Title));
    out.raw("],[\"p\",{\"class\":\"kjeks-banner__body\"},");
    out.str(lang.text(BannerText::Body));
    if (!lang.policy_url.empty()) {
        // The body and a space are one text node: the space goes inside its quotes.
        out.drop_last();
        out.raw(" \",[\"a\",{\"class\":\"kjeks-link\",\"href\":");
        out.str(lang.policy_url);
        out.raw("},");
        out.str(lang.text(BannerText::PolicyLink));
        out.raw("]");
    }
    out.raw("],[\"div\",{\"class\":\"kjeks-banner__actions\"},");
    write_button(out, "kjeks-btn--choice", "accept_all", lang.text(BannerText::Accept), false);
    out.raw(",");
    write_button(out, "kjeks-btn--choice", "decline_all", lang.text(BannerText::Decline), false);
    out.raw(",");
    write_button(out, "kjeks-btn--settings", "open_settings", lang.text(BannerText::Settings), true);
    out.raw("]]]}");
}

}  // namespace

std::size_t first_visit(const FirstVisitInput& input, char* data, std::size_t capacity) {
    static FirstVisitConfig config;
    if (!read_first_visit_blob(input.blob, config)) return 0;
    static ScannedRecord record;
    const bool current = input.has_stored && scan_record(input.stored, config.storage_key, record) &&
                         is_current(config, record, input.now_ms);
    const FirstVisitLanguage& lang = pick_language(config, input);

    Out out(data, capacity);
    out.raw("{\"lang\":");
    out.str(lang.lang);
    out.raw(",\"consent\":{\"necessary\":true");
    bool beacon = false;
    for (std::size_t i = 0; i < config.category_count; ++i) {
        const FirstVisitCategory& category = config.categories[i];
        if (!category.optional || category.id == "necessary") continue;
        const bool on = current && record.choice(category.id)->on;
        out.raw(",");
        out.str(category.id);
        out.raw(on ? ":true" : ":false");
        if (on && category.id == config.beacon_category) beacon = true;
    }
    if (config.service_count > 0) {
        // Every service, as Kjeks.consent() tells it: a record from before
        // services gives each its category's choice.
        out.raw(",\"services\":{");
        for (std::size_t i = 0; i < config.category_count; ++i) {
            const FirstVisitCategory& category = config.categories[i];
            for (std::size_t k = 0; k < category.service_count; ++k) {
                const std::string_view id = config.services[category.first_service + k];
                const ScannedChoice* choice = current && record.has_services ? record.service(id)
                                              : current ? record.choice(category.id) : nullptr;
                if (category.first_service + k > 0) out.raw(",");
                out.str(id);
                out.raw(choice != nullptr && choice->on ? ":true" : ":false");
            }
        }
        out.raw("}");
    }
    out.raw("},\"commands\":[");
    // The beacon first, as update(Start) orders it: it waits for no element.
    if (beacon) {
        out.raw("{\"op\":\"beacon\",\"src\":");
        out.str(config.beacon_src);
        out.raw(",\"endpoint\":");
        out.str(config.beacon_endpoint);
        if (!config.beacon_integrity.empty()) {
            out.raw(",\"integrity\":");
            out.str(config.beacon_integrity);
        }
        out.raw("}");
    }
    // A beacon comes only with a current record, a banner only without one.
    if (!current && !(input.gpc && config.respect_gpc)) write_banner(out, lang);
    out.raw("]}");
    return out.size();
}

}  // namespace kjeks
