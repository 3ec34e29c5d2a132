// Writing and reading the compiled config form (config_form.hpp): no JSON,
// no exceptions, no iostreams, since the web build's core links this.
#include "kjeks/config_form.hpp"

#include <cstdint>
#include <limits>

namespace kjeks {
namespace {

class FormWriter {
public:
    std::string out{config_form_magic};

    void text(std::string_view value) {
        append_decimal(value.size());
        out += ':';
        out += value;
    }
    void number(std::int64_t value) {
        std::string digits;
        const bool negative = value < 0;
        // Through the unsigned magnitude: -INT64_MIN does not fit an int64.
        std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
        do {
            digits.insert(digits.begin(), static_cast<char>('0' + magnitude % 10));
            magnitude /= 10;
        } while (magnitude != 0);
        if (negative) digits.insert(digits.begin(), '-');
        text(digits);
    }
    void flag(bool value) { text(value ? "1" : "0"); }
    void count(std::size_t value) { number(static_cast<std::int64_t>(value)); }

    void localized(const Localized& value) {
        count(value.size());
        for (const auto& [lang, words] : value) {
            text(lang);
            text(words);
        }
    }
    void storage(const std::vector<StorageItem>& items) {
        count(items.size());
        for (const StorageItem& item : items) {
            text(item.name);
            text(to_string(item.kind));
            localized(item.purpose);
            localized(item.duration);
        }
    }

private:
    void append_decimal(std::size_t value) {
        char digits[24];
        std::size_t n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        while (n > 0) out += digits[--n];
    }
};

// Reads tokens until the first fault; after one, every read gives nothing
// and ok() is false.
class FormReader {
public:
    explicit FormReader(std::string_view form) : rest_(form) {}

    bool ok() const { return ok_; }
    bool at_end() const { return ok_ && rest_.empty(); }

    std::string_view token() {
        if (!ok_) return {};
        std::size_t length = 0;
        std::size_t i = 0;
        // Checked before each digit, so that a long run of digits cannot wrap
        // a size_t (32 bits in WebAssembly) around to a small length.
        while (i < rest_.size() && rest_[i] >= '0' && rest_[i] <= '9') {
            if (length > rest_.size() / 10) return fail();
            length = length * 10 + static_cast<std::size_t>(rest_[i] - '0');
            ++i;
        }
        if (i == 0 || i >= rest_.size() || rest_[i] != ':' || (rest_[0] == '0' && i > 1) ||
            length > rest_.size() - i - 1) {
            return fail();
        }
        const std::string_view value = rest_.substr(i + 1, length);
        rest_.remove_prefix(i + 1 + length);
        return value;
    }
    void text(std::string& out) { out = std::string(token()); }
    std::int64_t number() {
        const std::string_view digits = token();
        if (!ok_) return 0;
        const bool negative = !digits.empty() && digits[0] == '-';
        const std::string_view magnitude = negative ? digits.substr(1) : digits;
        if (magnitude.empty() || magnitude.size() > 19 || (magnitude[0] == '0' && (magnitude.size() > 1 || negative))) {
            fail();
            return 0;
        }
        std::uint64_t value = 0;
        for (char c : magnitude) {
            if (c < '0' || c > '9') {
                fail();
                return 0;
            }
            value = value * 10 + static_cast<std::uint64_t>(c - '0');
        }
        const std::uint64_t limit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
        if (value > limit) {
            fail();
            return 0;
        }
        return negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
    }
    bool flag() {
        const std::string_view value = token();
        if (value == "1") return true;
        if (value != "0") fail();
        return false;
    }
    // A count of items of at least `tokens_each` tokens (two bytes each at
    // least): never more than what is left could hold, so a hostile count
    // cannot make a reader allocate much.
    std::size_t count(std::size_t tokens_each = 1) {
        const std::int64_t value = number();
        if (!ok_) return 0;
        if (value < 0 || static_cast<std::uint64_t>(value) > rest_.size() / (2 * tokens_each)) {
            fail();
            return 0;
        }
        return static_cast<std::size_t>(value);
    }

    // Adds a map's next entry. The writer lists keys in map order, so keys
    // must increase strictly: a form has one spelling, and no key twice.
    template <class Map>
    void put(Map& map, std::string key, typename Map::mapped_type value) {
        if (!ok_ || (!map.empty() && !(map.rbegin()->first < key))) {
            fail();
            return;
        }
        map.emplace_hint(map.end(), std::move(key), std::move(value));
    }

    void localized(Localized& out) {
        out.clear();
        for (std::size_t n = count(2); ok_ && n > 0; --n) {
            std::string lang(token());
            put(out, std::move(lang), std::string(token()));
        }
    }
    void storage(std::vector<StorageItem>& out) {
        out.clear();
        const std::size_t n = count(4);
        out.reserve(n);
        for (std::size_t i = 0; ok_ && i < n; ++i) {
            StorageItem item;
            text(item.name);
            const std::optional<StorageKind> kind = storage_kind_from_string(token());
            if (!kind) fail();
            item.kind = kind.value_or(StorageKind::Cookie);
            localized(item.purpose);
            localized(item.duration);
            out.push_back(std::move(item));
        }
    }

private:
    std::string_view fail() {
        ok_ = false;
        rest_ = {};
        return {};
    }

    std::string_view rest_;
    bool ok_ = true;
};

void write_service(FormWriter& w, const Service& service) {
    w.text(service.id);
    w.localized(service.name);
    w.localized(service.provider);
    w.localized(service.purpose);
    w.storage(service.storage);
    w.localized(service.policy_url);
    w.flag(service.transfer.has_value());
    if (service.transfer) {
        w.flag(service.transfer->outside_eea);
        w.localized(service.transfer->basis);
    }
}

Service read_service(FormReader& r) {
    Service service;
    r.text(service.id);
    r.localized(service.name);
    r.localized(service.provider);
    r.localized(service.purpose);
    r.storage(service.storage);
    r.localized(service.policy_url);
    if (r.flag()) {
        Transfer transfer;
        transfer.outside_eea = r.flag();
        r.localized(transfer.basis);
        service.transfer = std::move(transfer);
    }
    return service;
}

void write_category(FormWriter& w, const Category& category) {
    w.text(category.id);
    w.flag(category.required);
    w.localized(category.title);
    w.localized(category.description);
    w.storage(category.storage);
    w.count(category.services.size());
    for (const Service& service : category.services) write_service(w, service);
}

Category read_category(FormReader& r) {
    Category category;
    r.text(category.id);
    category.required = r.flag();
    r.localized(category.title);
    r.localized(category.description);
    r.storage(category.storage);
    for (std::size_t n = r.count(7); r.ok() && n > 0; --n) category.services.push_back(read_service(r));
    return category;
}

}  // namespace

std::string write_config_form(const Config& config) {
    FormWriter w;
    w.text(config.revision);
    w.number(config.expiry_days);
    w.text(config.default_language);
    w.text(config.storage_key);
    w.localized(config.policy_url);
    w.text(config.controller.name);
    w.text(config.controller.email);
    w.text(config.controller.phone);
    w.count(config.categories.size());
    for (const Category& category : config.categories) write_category(w, category);
    w.text(config.beacon.src);
    w.text(config.beacon.endpoint);
    w.text(config.beacon.integrity);
    w.text(config.beacon.category);
    w.flag(config.has_beacon);
    w.text(config.consent_log_endpoint);
    w.flag(config.respect_gpc);
    w.flag(config.consent_mode.enabled);
    w.count(config.consent_mode.types.size());
    for (const auto& [category, types] : config.consent_mode.types) {
        w.text(category);
        w.count(types.size());
        for (const std::string& type : types) w.text(type);
    }
    w.count(config.texts.size());
    for (const auto& [lang, texts] : config.texts) {
        w.text(lang);
        w.count(texts.size());
        for (const auto& [key, text] : texts) {
            w.text(key);
            w.text(text);
        }
    }
    w.flag(config.ui.corner_icon_fallback);
    w.flag(config.loading_disabled);
    return std::move(w.out);
}

std::optional<Config> read_config_form(std::string_view form) {
    Config config;
    if (!read_config_form(form, config)) return std::nullopt;
    return config;
}

namespace {

bool read_fields(std::string_view form, Config& config) {
    if (form.substr(0, config_form_magic.size()) != config_form_magic) return false;
    FormReader r(form.substr(config_form_magic.size()));
    r.text(config.revision);
    config.expiry_days = r.number();
    r.text(config.default_language);
    r.text(config.storage_key);
    r.localized(config.policy_url);
    r.text(config.controller.name);
    r.text(config.controller.email);
    r.text(config.controller.phone);
    for (std::size_t n = r.count(6); r.ok() && n > 0; --n) config.categories.push_back(read_category(r));
    r.text(config.beacon.src);
    r.text(config.beacon.endpoint);
    r.text(config.beacon.integrity);
    r.text(config.beacon.category);
    config.has_beacon = r.flag();
    r.text(config.consent_log_endpoint);
    config.respect_gpc = r.flag();
    config.consent_mode.enabled = r.flag();
    for (std::size_t n = r.count(2); r.ok() && n > 0; --n) {
        std::string category(r.token());
        std::vector<std::string> types(r.count());
        for (std::string& type : types) r.text(type);
        r.put(config.consent_mode.types, std::move(category), std::move(types));
    }
    for (std::size_t n = r.count(2); r.ok() && n > 0; --n) {
        std::string lang(r.token());
        std::map<std::string, std::string> texts;
        for (std::size_t k = r.count(2); r.ok() && k > 0; --k) {
            std::string key(r.token());
            r.put(texts, std::move(key), std::string(r.token()));
        }
        r.put(config.texts, std::move(lang), std::move(texts));
    }
    config.ui.corner_icon_fallback = r.flag();
    config.loading_disabled = r.flag();
    return r.at_end();
}

}  // namespace

bool read_config_form(std::string_view form, Config& config) {
    config = Config{};
    if (read_fields(form, config)) return true;
    config = Config{};  // nothing half read stays behind
    return false;
}

}  // namespace kjeks
