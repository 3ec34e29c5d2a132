// The two steps of reading a config, for callers that run them apart (the
// embedded default, default_config.hpp): its JSON text to a document, then
// the document to a Config.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "kjeks/config.hpp"
#include "kjeks/json_reader.hpp"

namespace kjeks {

// False (with the error in `errors`) when the text is not a JSON object.
bool parse_config_document(std::string_view text, nlohmann::json& root, ReadErrors& errors);

// `base_texts` are the texts a site's texts are merged over; null when
// reading the default itself, which must then have every text key.
void read_config_document(const nlohmann::json& root, const TextMap* base_texts, Config& out, ReadErrors& errors);

}  // namespace kjeks
