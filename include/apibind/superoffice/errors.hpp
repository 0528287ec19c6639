// apibind::superoffice: the WebAPI's error body as an apibind::error.
//
//   {"Error": true, "ErrorType": "SoNotFoundException", "ErrorMessage": "...", "ErrorSource": "..."}
//     -> error_kind::api, api_code "SoNotFoundException", message "... (source: ...)", http_status
//
// Any other non-2xx answer (an HTML error page from IIS or a proxy, an empty 401) is an
// http_status_error.
#ifndef APIBIND_SUPEROFFICE_ERRORS_HPP
#define APIBIND_SUPEROFFICE_ERRORS_HPP

#include <apibind/client.hpp>
#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/options.hpp>
#include <apibind/transport.hpp>

#include <boost/describe/class.hpp>

#include <optional>
#include <string>
#include <utility>

namespace apibind::superoffice {

// The error body. Every member is optional so that a partial body still decodes; whether it is
// an error body at all is decided by read_error().
struct error_body {
    std::optional<bool> error{};
    std::optional<std::string> error_type{};
    std::optional<std::string> error_message{};
    std::optional<std::string> error_source{};
};
BOOST_DESCRIBE_STRUCT(error_body, (), (error, error_type, error_message, error_source))
APIBIND_JSON_OPTIONS(error_body, options{}.with_naming(naming::pascal_case))

namespace detail {
// The server's texts may span lines (.NET messages often do); an error prints as one line.
inline std::string one_line(std::string s)
{
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return s;
}
}  // namespace detail

// The error for a non-2xx response.
inline apibind::error read_error(http_response const& res)
{
    auto body = json::decode<error_body>(res.body);
    // A JSON object that happens to decode (every member is optional) is not enough: it must name
    // the error's type or message.
    bool const recognised = body && ((body->error_type && !body->error_type->empty()) ||
                                     (body->error_message && !body->error_message->empty()));
    if (!recognised) return http_status_error(res);

    apibind::error e;
    e.kind = error_kind::api;
    e.http_status = res.status;
    e.api_code = detail::one_line(std::move(body->error_type).value_or(std::string()));
    e.message = detail::one_line(std::move(body->error_message).value_or(std::string()));
    if (body->error_source && !body->error_source->empty()) {
        if (!e.message.empty()) e.message += ' ';
        e.message += "(source: " + detail::one_line(*body->error_source) + ')';
    }
    return e;
}

}  // namespace apibind::superoffice

#endif
