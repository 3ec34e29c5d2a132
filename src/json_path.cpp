#include "kjeks/json_path.hpp"

#include "kjeks/validate.hpp"

namespace kjeks {
namespace {

constexpr std::size_t kMaxQuotedKeyBytes = 64;

}  // namespace

std::string join_key(const std::string& parent, std::string_view key) {
    std::string out = parent;
    if (is_valid_token(key)) {
        if (!out.empty()) out += '.';
        out.append(key.data(), key.size());
        return out;
    }
    static const char hex[] = "0123456789abcdef";
    out += "[\"";
    std::size_t n = key.size();
    bool cut = false;
    if (n > kMaxQuotedKeyBytes) {
        n = kMaxQuotedKeyBytes;
        while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;  // keep UTF-8 whole
        cut = true;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(key[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c < 0x20 || c == 0x7F) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (cut) out += "...";
    out += "\"]";
    return out;
}

std::string join_index(const std::string& parent, std::size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

}  // namespace kjeks
