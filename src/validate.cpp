#include "kjeks/validate.hpp"

#include <algorithm>
#include <cstddef>

#include "kjeks/ascii.hpp"

namespace kjeks {
namespace {

constexpr std::size_t kMaxTokenChars = 64;

}  // namespace

bool is_token_char(char c) { return is_ascii_alnum(c) || c == '.' || c == '_' || c == '-'; }

bool is_valid_token(std::string_view text) {
    return !text.empty() && text.size() <= kMaxTokenChars && std::all_of(text.begin(), text.end(), is_token_char);
}

}  // namespace kjeks
