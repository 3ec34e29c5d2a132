#include "kjeks/json_document.hpp"

#include <algorithm>
#include <utility>

#include <nlohmann/json.hpp>

#include "kjeks/json_path.hpp"

namespace kjeks {
namespace {

using json = nlohmann::json;

// A SAX handler that builds the document like nlohmann's own DOM parser, and
// in addition reports duplicate keys, bounds the nesting depth and remembers
// the byte offset of a syntax error.
class DomBuilder {
public:
    explicit DomBuilder(json& root) : root_(root) {}

    bool null() { return put(json(nullptr)); }
    bool boolean(bool v) { return put(json(v)); }
    bool number_integer(json::number_integer_t v) { return put(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return put(json(v)); }
    bool number_float(json::number_float_t v, const json::string_t& /*text*/) { return put(json(v)); }
    bool string(json::string_t& v) { return put(json(std::move(v))); }
    bool binary(json::binary_t& /*v*/) { return false; }  // never produced by JSON text
    bool start_object(std::size_t /*size*/) { return open(json(json::value_t::object)); }
    bool start_array(std::size_t /*size*/) { return open(json(json::value_t::array)); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(json::string_t& k) {
        const Frame& frame = stack_.back();
        if (frame.value->find(k) != frame.value->end()) duplicates_.push_back(join_key(frame.path, k));
        key_ = std::move(k);
        return true;
    }
    bool parse_error(std::size_t position, const std::string& /*token*/,
                     const nlohmann::detail::exception& /*error*/) {
        error_position_ = position;
        syntax_error_ = true;
        return false;
    }

    bool syntax_error() const { return syntax_error_; }
    bool too_deep() const { return too_deep_; }
    std::size_t error_position() const { return error_position_; }
    std::vector<std::string>& duplicates() { return duplicates_; }

private:
    struct Frame {
        json* value;
        std::string path;
    };

    json* place(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back().value;
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        json& slot = parent[key_];  // a duplicate key: the last value wins, like nlohmann
        slot = std::move(v);
        return &slot;
    }
    bool put(json&& v) {
        place(std::move(v));
        return true;
    }
    bool open(json&& v) {
        if (stack_.size() >= max_json_depth) {
            too_deep_ = true;
            return false;
        }
        std::string path;
        if (!stack_.empty()) {
            const Frame& parent = stack_.back();
            path = parent.value->is_array() ? join_index(parent.path, parent.value->size())
                                            : join_key(parent.path, key_);
        }
        json* placed = place(std::move(v));
        stack_.push_back(Frame{placed, std::move(path)});
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    json& root_;
    std::vector<Frame> stack_;
    std::string key_;
    std::vector<std::string> duplicates_;
    std::size_t error_position_ = 0;
    bool syntax_error_ = false;
    bool too_deep_ = false;
};

}  // namespace

JsonParse parse_json_document(std::string_view text, json& out) {
    DomBuilder builder(out);
    const char* first = text.data();
    auto adapter = nlohmann::detail::input_adapter(first, first + text.size());
    // The parser is used directly (not json::sax_parse) so that the binary
    // formats' readers are not instantiated: it keeps the WebAssembly small.
    nlohmann::detail::parser<json, decltype(adapter)> reader(std::move(adapter), nullptr, false, false);
    const bool parsed = reader.sax_parse(&builder, /*strict=*/true);
    JsonParse result;
    if (builder.too_deep()) {
        result.status = JsonParse::Status::TooDeep;
    } else if (!parsed || builder.syntax_error()) {
        result.status = JsonParse::Status::SyntaxError;
        result.error_byte = std::min(builder.error_position(), text.size());
    }
    result.duplicate_keys = std::move(builder.duplicates());
    return result;
}

bool parse_json(std::string_view text, json& out) { return parse_json_document(text, out).ok(); }

const json* member(const json& object, std::string_view key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

}  // namespace kjeks
