// Small JSON text helpers shared by the core, written by hand so that the
// WebAssembly build needs neither nlohmann's serializer nor printf.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kjeks {

// Appends `text` as a JSON string literal (quotes included), exactly as
// nlohmann::json's dump(-1, ' ', false, error_handler_t::replace) writes it:
// \" \\ \b \f \n \r \t, other control characters as \u00xx, everything else
// as is, and each ill-formed UTF-8 sequence replaced by U+FFFD.
// write_json_string hands the literal to put(const char*, std::size_t) in
// pieces, so that a writer without a heap (the first-visit module) shares it.
template <class Put>
void write_json_string(Put&& put, std::string_view text);
void append_json_string(std::string& out, std::string_view text);
std::string json_string(std::string_view text);

template <class Put>
void write_json_string(Put&& put, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    static constexpr char replacement[] = "\xEF\xBF\xBD";
    put("\"", 1);
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            const char* escape = nullptr;
            switch (c) {
                case '"': escape = "\\\""; break;
                case '\\': escape = "\\\\"; break;
                case '\b': escape = "\\b"; break;
                case '\f': escape = "\\f"; break;
                case '\n': escape = "\\n"; break;
                case '\r': escape = "\\r"; break;
                case '\t': escape = "\\t"; break;
                default: break;
            }
            if (escape != nullptr) {
                put(escape, 2);
            } else if (c < 0x20) {
                const char unicode[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                put(unicode, 6);
            } else {
                put(text.data() + i - 1, 1);
            }
            continue;
        }
        // A multi-byte sequence: its length and the range of its second byte
        // (Unicode's well-formed UTF-8: no overlongs, surrogates or > U+10FFFF).
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
        }
        std::size_t k = 1;
        for (; k < length && i + k < n; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) break;
        }
        if (length != 0 && k == length) {
            put(text.data() + i, length);
        } else {
            // The ill-formed prefix becomes one U+FFFD; the byte that broke
            // it (if any) starts the next sequence.
            put(replacement, 3);
        }
        i += k;
    }
    put("\"", 1);
}

}  // namespace kjeks
