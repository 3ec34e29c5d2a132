// Scanning the canonical stored record (record_scan.hpp). The stored text is
// canonical, so the scanner expects each byte in turn: the fixed keys in
// their order, no whitespace, no escapes (ids, tokens and tags have no
// character that needs one), choices sorted by id.
#include "kjeks/record_scan.hpp"

#include "kjeks/ascii.hpp"
#include "kjeks/fnv1a.hpp"
#include "kjeks/validate.hpp"

namespace kjeks {
namespace {

constexpr std::size_t consent_id_length = 32;
constexpr std::size_t sum_length = 16;
constexpr std::size_t max_timestamp_digits = 13;

bool is_lower_hex(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f'); }

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    std::size_t position() const { return pos_; }
    bool at_end() const { return pos_ == text_.size(); }

    // Byte loops rather than string_view's substr and find: no bounds
    // checks to abort on, and much smaller code.
    bool peek(std::string_view expected) const {
        if (expected.size() > text_.size() - pos_) return false;
        for (std::size_t i = 0; i < expected.size(); ++i) {
            if (text_[pos_ + i] != expected[i]) return false;
        }
        return true;
    }

    bool literal(std::string_view expected) {
        if (!peek(expected)) return false;
        pos_ += expected.size();
        return true;
    }

    // The characters up to the next '"', which is consumed.
    bool until_quote(std::string_view& value) {
        for (std::size_t end = pos_; end < text_.size(); ++end) {
            if (text_[end] == '"') {
                value = std::string_view(text_.data() + pos_, end - pos_);
                pos_ = end + 1;
                return true;
            }
        }
        return false;
    }

    // A positive integer as std::to_chars writes it, below the record's limit.
    bool timestamp(std::int64_t& value) {
        std::size_t digits = 0;
        std::int64_t parsed = 0;
        while (pos_ < text_.size() && is_ascii_digit(text_[pos_]) && digits <= max_timestamp_digits) {
            parsed = parsed * 10 + (text_[pos_] - '0');
            ++pos_;
            ++digits;
        }
        if (digits == 0 || digits > max_timestamp_digits || text_[pos_ - digits] == '0') return false;
        if (parsed >= record_timestamp_limit_ms) return false;
        value = parsed;
        return true;
    }

    bool boolean(bool& value) {
        if (literal("true")) {
            value = true;
            return true;
        }
        value = false;
        return literal("false");
    }

    // {"id":bool,...}: 1..capacity token ids in strictly ascending order.
    bool choices(ScannedChoice* out, std::size_t capacity, std::size_t& count) {
        count = 0;
        if (!literal("{")) return false;
        do {
            if (count == capacity) return false;
            ScannedChoice& choice = out[count];
            if (!literal("\"") || !until_quote(choice.id) || !is_valid_token(choice.id)) return false;
            if (count > 0 && !(out[count - 1].id < choice.id)) return false;
            if (!literal(":") || !boolean(choice.on)) return false;
            ++count;
        } while (literal(","));
        return literal("}");
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

bool is_lower_hex_of_length(std::string_view text, std::size_t length) {
    if (text.size() != length) return false;
    for (char c : text) {
        if (!is_lower_hex(c)) return false;
    }
    return true;
}

const ScannedChoice* find(const ScannedChoice* list, std::size_t count, std::string_view id) {
    for (std::size_t i = 0; i < count; ++i) {
        if (list[i].id == id) return &list[i];
    }
    return nullptr;
}

bool sum_matches(std::string_view body_without_brace, std::string_view storage_key, std::string_view sum) {
    std::uint64_t hash = fnv1a64(body_without_brace);
    hash = fnv1a64("}|", hash);
    hash = fnv1a64(storage_key, hash);
    static constexpr char digits[] = "0123456789abcdef";
    for (std::size_t i = sum_length; i-- > 0;) {
        if (sum[i] != digits[hash & 0xF]) return false;
        hash >>= 4;
    }
    return true;
}

}  // namespace

const ScannedChoice* ScannedRecord::choice(std::string_view category) const {
    return find(choices.data(), choice_count, category);
}

const ScannedChoice* ScannedRecord::service(std::string_view id) const {
    return find(services.data(), service_count, id);
}

bool scan_record(std::string_view text, std::string_view storage_key, ScannedRecord& out) {
    // Every other field is scanned before it is used.
    out.choice_count = out.service_count = 0;
    out.has_services = false;
    if (text.empty() || text.size() > max_record_bytes) return false;
    Scanner s(text);
    if (!s.literal("{\"v\":1,\"id\":\"") || !s.until_quote(out.id) ||
        !is_lower_hex_of_length(out.id, consent_id_length)) {
        return false;
    }
    if (!s.literal(",\"given\":") || !s.timestamp(out.given_ms) || !s.literal(",\"updated\":") ||
        !s.timestamp(out.updated_ms) || out.given_ms > out.updated_ms) {
        return false;
    }
    if (!s.literal(",\"rev\":\"") || !s.until_quote(out.revision) || !is_valid_token(out.revision)) return false;
    if (!s.literal(",\"lang\":\"") || !s.until_quote(out.lang) || !is_language_tag(out.lang)) return false;
    if (!s.literal(",\"choices\":") || !s.choices(out.choices.data(), out.choices.size(), out.choice_count)) return false;
    const ScannedChoice* necessary = out.choice("necessary");
    if (necessary == nullptr || !necessary->on) return false;
    if (s.peek(",\"services\":")) {
        out.has_services = true;
        if (!s.literal(",\"services\":") || !s.choices(out.services.data(), out.services.size(), out.service_count)) return false;
    }
    if (!s.literal(",\"method\":\"") || !s.until_quote(out.method) || !method_from_string(out.method)) return false;
    if (!s.literal(",\"gpc\":") || !s.boolean(out.gpc)) return false;
    const std::size_t body_end = s.position();
    std::string_view sum;
    if (!s.literal(",\"sum\":\"") || !s.until_quote(sum) || !is_lower_hex_of_length(sum, sum_length)) return false;
    if (!s.literal("}") || !s.at_end()) return false;
    return sum_matches(text.substr(0, body_end), storage_key, sum);
}

}  // namespace kjeks
