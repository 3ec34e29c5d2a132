// JSON string literals without nlohmann's serializer (see json_text.hpp).
#include "kjeks/json_text.hpp"

namespace kjeks {

void append_json_string(std::string& out, std::string_view text) {
    write_json_string([&out](const char* data, std::size_t size) { out.append(data, size); }, text);
}

std::string json_string(std::string_view text) {
    std::string out;
    append_json_string(out, text);
    return out;
}

}  // namespace kjeks
