#include "kjeks/validate.hpp"

#include <algorithm>
#include <cstddef>

#include "kjeks/ascii.hpp"

namespace kjeks {
namespace {

constexpr std::size_t kMaxTokenChars = 64;
constexpr std::size_t kMaxEmailChars = 254;
constexpr std::size_t kMaxPhoneChars = 32;
constexpr std::size_t kMaxStorageNameChars = 128;

bool is_base64_char(char c) { return is_ascii_alnum(c) || c == '+' || c == '/'; }

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

}  // namespace

bool is_token_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '_' || c == '-'; }

bool is_valid_token(std::string_view text) {
    return !text.empty() && text.size() <= kMaxTokenChars && std::all_of(text.begin(), text.end(), is_token_char);
}

bool is_language_tag(std::string_view text) {
    return text.size() >= 2 && text.size() <= 3 && std::all_of(text.begin(), text.end(), is_ascii_lower);
}

bool is_email(std::string_view s) {
    if (s.size() > kMaxEmailChars) return false;
    const auto at = s.find('@');
    if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
    const std::string_view local = s.substr(0, at);
    const std::string_view domain = s.substr(at + 1);
    const bool local_ok = std::all_of(local.begin(), local.end(), [](char c) { return is_token_char(c) || c == '+'; });
    const bool domain_ok = std::all_of(domain.begin(), domain.end(), [](char c) { return is_token_char(c) && c != '_'; });
    return local_ok && domain_ok && domain.find('.') != std::string_view::npos && domain.front() != '.' &&
           domain.back() != '.' && domain.front() != '-' && domain.back() != '-' &&
           domain.find("..") == std::string_view::npos;
}

bool is_phone(std::string_view s) {
    if (s.empty() || s.size() > kMaxPhoneChars) return false;
    bool digit = false;
    for (const char c : s) {
        if (is_ascii_digit(c)) {
            digit = true;
        } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') {
            return false;
        }
    }
    return digit;
}

bool is_storage_name(std::string_view s) {
    if (s.empty() || s.size() > kMaxStorageNameChars) return false;
    return std::all_of(s.begin(), s.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c > 0x20 && c < 0x7F && c != '"' && c != ',' && c != ';' && c != '=' && c != '\\';
    });
}

bool is_integrity(std::string_view s) {
    std::size_t bytes = 0;
    if (starts_with(s, "sha256-")) bytes = 32;
    else if (starts_with(s, "sha384-")) bytes = 48;
    else if (starts_with(s, "sha512-")) bytes = 64;
    else return false;
    const std::string_view digest = s.substr(7);
    const std::size_t padding = (3 - bytes % 3) % 3;
    if (digest.size() != (bytes + 2) / 3 * 4) return false;
    for (std::size_t i = 0; i < digest.size(); ++i) {
        const bool pad_position = i >= digest.size() - padding;
        if (pad_position ? digest[i] != '=' : !is_base64_char(digest[i])) return false;
    }
    return true;
}

}  // namespace kjeks
