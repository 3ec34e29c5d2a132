// Fuzzes the full core's reader of the compiled config (config_form.hpp):
// any input either reads as nothing, or as a Config that writes back to the
// very same form (the reader takes only the one spelling the writer makes),
// and never crashes or allocates without bound.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "kjeks/config_form.hpp"

#include "invariant.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view form(reinterpret_cast<const char*>(data), size);
    const std::optional<kjeks::Config> config = kjeks::read_config_form(form);
    if (config) kjeks::fuzz::check(kjeks::write_config_form(*config) == form, "a form read writes back the same");
    return 0;
}
