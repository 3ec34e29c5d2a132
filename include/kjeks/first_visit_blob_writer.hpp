// Writing the first-visit blob (first_visit_blob.hpp) from a config, for
// `kjeks-check build` and the tests.
#pragma once

#include <string>

#include "kjeks/config.hpp"

namespace kjeks {

struct BlobWriteResult {
    std::string blob;   // empty on error
    std::string error;  // why the config has no blob, e.g. a field holding U+001F
};

// The config must be one without errors (a config that failed validation
// never loads anything, and has no blob).
BlobWriteResult write_first_visit_blob(const Config& config);

}  // namespace kjeks
