// JSON string literals without nlohmann's serializer (see json_text.hpp).
#include "kjeks/json_text.hpp"

namespace kjeks {

void append_json_string(std::string& out, std::string_view text) {
    static const char hex[] = "0123456789abcdef";
    static const char replacement[] = "\xEF\xBF\xBD";
    out += '"';
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
                out += escape;
            } else if (c < 0x20) {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
            } else {
                out += static_cast<char>(c);
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
            out.append(text.data() + i, length);
        } else {
            // The ill-formed prefix becomes one U+FFFD; the byte that broke
            // it (if any) starts the next sequence.
            out += replacement;
        }
        i += k;
    }
    out += '"';
}

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

}  // namespace kjeks
