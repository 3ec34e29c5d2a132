// Rules for single config and record fields, as predicates on their text.
#pragma once

#include <string_view>

namespace kjeks {

// A-Z a-z 0-9 . _ -
bool is_token_char(char c);
// 1-64 token characters: what a revision or a storage key may be.
bool is_valid_token(std::string_view text);

}  // namespace kjeks
