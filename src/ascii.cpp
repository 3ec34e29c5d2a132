#include "kjeks/ascii.hpp"

namespace kjeks {

bool equals_ascii_lowercase(std::string_view text, std::string_view lower) {
    if (text.size() != lower.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (to_ascii_lower(text[i]) != lower[i]) return false;
    }
    return true;
}

}  // namespace kjeks
