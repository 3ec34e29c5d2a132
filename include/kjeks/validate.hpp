// Rules for single config and record fields, as predicates on their text.
#pragma once

#include <string_view>

namespace kjeks {

// A-Z a-z 0-9 . _ -
bool is_token_char(char c);
// 1-64 token characters: what a revision or a storage key may be.
bool is_valid_token(std::string_view text);
// A language as configs, records and proofs name it: a primary language
// subtag of 2-3 lowercase ASCII letters ("nb", "nn", "en", "sma").
bool is_language_tag(std::string_view text);
// local@domain, at most 254 characters: token characters (and + in the
// local part), a domain with a dot, without '_', and no dot or '-' at its ends.
bool is_email(std::string_view text);
// 1-32 characters of digits, spaces and + - ( ) ., with at least one digit.
bool is_phone(std::string_view text);
// A cookie or Web Storage name: 1-128 characters of printable ASCII without
// the separators that would break a cookie header (" , ; = \ and space).
bool is_storage_name(std::string_view text);
// One Subresource Integrity hash: sha256-, sha384- or sha512- and the padded
// base64 digest of exactly the algorithm's length. No options, no lists.
bool is_integrity(std::string_view text);

}  // namespace kjeks
