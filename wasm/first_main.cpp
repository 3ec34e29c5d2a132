// The first-visit module's exports (kjeks-first.wasm): first_visit() over
// two static buffers, with no heap and no imports. wasm/first-core.js writes
// the inputs one after another into the input buffer and reads the answer
// from the output buffer.
#include <cstddef>
#include <cstdint>

#include "kjeks/first_visit.hpp"
#include "kjeks/first_visit_blob.hpp"

namespace {

constexpr std::size_t input_capacity = 64 * 1024;
constexpr std::size_t output_capacity = 64 * 1024;
char input_buffer[input_capacity];
char output_buffer[output_capacity];

}  // namespace

extern "C" {

__attribute__((export_name("kjeks_first_input"))) char* kjeks_first_input() { return input_buffer; }

__attribute__((export_name("kjeks_first_output"))) const char* kjeks_first_output() { return output_buffer; }

__attribute__((export_name("kjeks_first_input_capacity"))) std::size_t kjeks_first_input_capacity() {
    return input_capacity;
}

// The input buffer holds the blob, the stored record (stored_size < 0: none),
// the page's language and the browser's languages, in that order. Returns
// the answer's size in the output buffer; 0: nothing to show first.
__attribute__((export_name("kjeks_first_run"))) std::size_t kjeks_first_run(
    std::size_t blob_size, int stored_size, std::size_t page_lang_size, std::size_t browser_langs_size,
    double now_ms, int gpc) {
    const std::size_t stored = stored_size < 0 ? 0 : static_cast<std::size_t>(stored_size);
    if (blob_size + stored + page_lang_size + browser_langs_size > input_capacity) return 0;
    const char* at = input_buffer;
    kjeks::FirstVisitInput input;
    input.blob = {at, blob_size};
    at += blob_size;
    input.has_stored = stored_size >= 0;
    input.stored = {at, stored};
    at += stored;
    input.page_lang = {at, page_lang_size};
    at += page_lang_size;
    input.browser_langs = {at, browser_langs_size};
    input.now_ms = static_cast<std::int64_t>(now_ms);
    input.gpc = gpc != 0;
    return kjeks::first_visit(input, output_buffer, output_capacity);
}

}  // extern "C"
