// The compiled form of a whole config: what the full core reads, so that it
// needs no JSON parser. kjeks-check writes it from a config without errors
// into kjeks-core.js; the JSON config reader (kjeks-json.js) writes it from a
// page's JSON config. Both write a Config that parse_config made, so the form
// holds only checked values.
//
// Format (version 1): the line "KJEKS-CONFIG 1\n", then tokens, each
// "<byte length>:<bytes>" (so any UTF-8 text, control characters included,
// needs no escaping). Integers are decimal tokens, booleans "0" or "1",
// a storage kind its name ("cookie"), a list or map a count token and then
// its items (a map's keys in increasing byte order, each once: every config
// has exactly one form). In order:
//
//   revision expiryDays defaultLanguage storageKey policyUrl(L)
//   controller.name controller.email controller.phone
//   categories: count, then per category: id required title(L) description(L)
//     storage(S) services: count, then per service: id name(L) provider(L)
//     purpose(L) storage(S) policyUrl(L) hasTransfer [outsideEea basis(L)]
//   beacon.src beacon.endpoint beacon.integrity beacon.category hasBeacon
//   consentLogEndpoint respectGpc consentMode.enabled
//   consentMode.types: count, then per category: id, count, types...
//   texts: count, then per language: lang, count, then key text pairs
//   ui.cornerIconFallback loadingDisabled
//
// L (Localized): count, then language text pairs. S (storage items): count,
// then per item: name kind purpose(L) duration(L). The form ends after the
// last token. Anything else (another version, a truncated or malformed form,
// bytes after the end) reads as nothing: the core then does not start, and
// nothing optional loads (fail closed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kjeks/config.hpp"

namespace kjeks {

inline constexpr std::string_view config_form_magic = "KJEKS-CONFIG 1\n";

std::string write_config_form(const Config& config);

std::optional<Config> read_config_form(std::string_view form);
// The same into `config`, which is a default Config when the form does not
// read: nothing of what was there, nothing half read.
bool read_config_form(std::string_view form, Config& config);

}  // namespace kjeks
