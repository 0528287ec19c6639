// apibind::json::raw_json: any JSON value kept as compact text, for parts of a payload
// the model does not type (unknown tagged-union variants, free-form data).
#ifndef APIBIND_JSON_RAW_JSON_HPP
#define APIBIND_JSON_RAW_JSON_HPP

#include <string>
#include <string_view>

namespace apibind::json {

struct raw_json {
    std::string text;  // compact JSON; empty means "no value" and encodes as null

    raw_json() = default;
    explicit raw_json(std::string json_text) : text(std::move(json_text)) {}

    std::string_view view() const noexcept { return text; }
    friend bool operator==(raw_json const&, raw_json const&) = default;
};

}  // namespace apibind::json

#endif
