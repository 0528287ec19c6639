// apibind::seam error bodies: Seam answers failures with
//   {"error":{"type":"<code>","message":"<text>","data":{...},"validation_errors":{...}},"ok":false}
// and the request id in the `seam-request-id` response header. read_error turns that into an
// apibind::error of kind api; anything else (the fake's plain-text `404`, `Invalid JSON`, an HTML
// page from a proxy) becomes kind http_status, never a decode error: a body that is not Seam's
// error format says nothing about our model.
#ifndef APIBIND_SEAM_ERRORS_HPP
#define APIBIND_SEAM_ERRORS_HPP

#include <apibind/client.hpp>
#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/raw_json.hpp>
#include <apibind/json/record.hpp>
#include <apibind/transport.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apibind::seam {

inline constexpr std::string_view request_id_header = "seam-request-id";

namespace detail {

// The body's `error` member; `type` and `message` are what make it Seam's format (as the SDK checks).
struct api_error_detail {
    std::string type;
    std::string message;
    std::optional<json::raw_json> data;
    std::optional<json::raw_json> validation_errors;
};
BOOST_DESCRIBE_STRUCT(api_error_detail, (), (type, message, data, validation_errors))

struct api_error_body {
    api_error_detail error;
};
BOOST_DESCRIBE_STRUCT(api_error_body, (), (error))

// Deeper trees than this are not walked (a hostile body cannot make us recurse without bound).
inline constexpr int max_validation_depth = 16;

// validation_errors is zod's format: each node is an object with `_errors` (messages for that
// node) and one member per child field. Flattened to dotted fields, nodes without messages left
// out: {"_errors":[],"custom_metadata":{"_errors":[],"a":{"_errors":["x"]}}} -> custom_metadata.a: x.
// Parts of another shape are skipped, never an error: the status and type are what matter.
inline void flatten_validation_errors(std::string_view node, std::string const& field, std::vector<validation_error>& out,
                                      int depth = 0)
{
    if (depth > max_validation_depth) return;
    auto children = json::decode<json::record<json::raw_json>>(node);
    if (!children) return;
    for (auto const& [key, value] : *children) {
        if (key == "_errors") {
            auto messages = json::decode<std::vector<std::string>>(value.text);
            if (messages && !messages->empty()) out.push_back({field, std::move(*messages)});
        } else {
            flatten_validation_errors(value.text, field.empty() ? key : field + "." + key, out, depth + 1);
        }
    }
}

inline bool is_json_content_type(std::string_view ct) noexcept
{
    // absent: try anyway (mock servers often omit it); present: must be JSON, as the SDK checks
    return ct.empty() || ct.find("json") != std::string_view::npos;
}

}  // namespace detail

// Adds what every Seam error carries: the request id from the response header.
inline void annotate(error& e, http_response const& res)
{
    if (e.request_id.empty()) e.request_id = std::string(res.header(request_id_header));
}

// A non-2xx response as an apibind::error.
inline error read_error(http_response const& res)
{
    error e;
    if ((res.status >= 300 && res.status < 400) || !detail::is_json_content_type(res.header("content-type"))) {
        e = http_status_error(res);
    } else if (auto body = json::decode<detail::api_error_body>(res.body); !body) {
        e = http_status_error(res);
    } else {
        auto& d = body->error;
        e.kind = error_kind::api;
        e.http_status = res.status;
        e.api_code = std::move(d.type);
        e.message = std::move(d.message);
        if (d.data) e.data = std::move(d.data->text);
        if (d.validation_errors) detail::flatten_validation_errors(d.validation_errors->text, {}, e.validation_errors);
    }
    annotate(e, res);
    return e;
}

}  // namespace apibind::seam

#endif
