// apibind: the checks every shipped transport (Beast, libcurl) makes on a request before it
// opens a connection, and the pieces of the request they all need. Shared so that every
// transport refuses exactly the same requests with exactly the same messages.
#ifndef APIBIND_TRANSPORT_DETAIL_REQUEST_CHECKS_HPP
#define APIBIND_TRANSPORT_DETAIL_REQUEST_CHECKS_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace apibind::transport::detail {

// A request that passed every check, split into what goes on the wire.
struct checked_request {
    std::string scheme;  // "http" or "https"
    std::string host;    // as in the URL: IPv6 literals keep their brackets
    std::string port;    // explicit or the scheme's default
    std::string target;  // path and query, starting with '/', without the fragment
    // "POST /connected_accounts/get on connect.getseam.com:443", for error messages.
    // Never holds header values, the body or the query string: they may carry credentials.
    std::string description;

    // The Host header value: the port only when it is not the scheme's default.
    std::string host_header() const
    {
        bool const default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
        return default_port ? host : host + ':' + port;
    }
    // The host without IPv6 brackets, as resolvers and certificate checks want it.
    std::string_view bare_host() const noexcept
    {
        std::string_view h = host;
        if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
        return h;
    }
};

inline error invalid_request(std::string message)
{
    return make_error(error_kind::invalid_argument, error_code::invalid_argument, std::move(message));
}

// Visible ASCII only: anything else in a request line or Host header could split the request.
inline bool is_visible_ascii(std::string_view s) noexcept
{
    for (char c : s)
        if (c <= ' ' || c > '~') return false;
    return !s.empty();
}

inline bool method_expects_body(std::string_view method) noexcept
{
    // Some servers answer 411 Length Required to an empty POST/PUT/PATCH without Content-Length.
    return method == "POST" || method == "PUT" || method == "PATCH";
}

// Headers the transport writes itself: a caller's value could desync the connection.
inline bool is_framing_header(std::string_view name) noexcept
{
    return apibind::detail::iequals(name, "Content-Length") || apibind::detail::iequals(name, "Transfer-Encoding");
}

// Whether this build of the transport can speak https (Beast without OpenSSL cannot).
enum class https_support { available, not_compiled_in };

// Validates `req`: an absolute http(s) URL without user info, a token as method, a request
// line and headers without CR, LF, NUL or (in the URL) spaces. Everything that can be refused
// is refused here, before any connection is made. `transport_name` names the class in
// messages. Messages never echo a header value, the query or the body.
inline result<checked_request> check_request(http_request const& req, std::string_view user_agent,
                                             std::string_view transport_name, https_support https)
{
    url_parts url;
    if (!split_url(req.url, url)) return invalid_request("request URL is not an absolute http:// or https:// URL");
    if (url.scheme == "https" && https == https_support::not_compiled_in)
        return make_error(error_kind::transport, error_code::tls_failure,
                          "https is not available: " + std::string(transport_name) +
                              " was built without OpenSSL (define APIBIND_BEAST_HAS_SSL=1 and link OpenSSL)");
    if (url.scheme != "http" && url.scheme != "https")
        return invalid_request("unsupported URL scheme (only http:// and https:// are supported)");
    if (!is_valid_header_name(req.method)) return invalid_request("request method is not a valid HTTP token");
    // A fragment is for the client only; "http://h?q" has a target of "?q" that needs its "/".
    std::string target(url.target.substr(0, url.target.find('#')));
    if (target.empty() || target.front() != '/') target.insert(0, 1, '/');
    if (!is_visible_ascii(url.host) || !is_visible_ascii(target))
        return invalid_request("request URL contains characters that are not allowed in a request line");
    if (!is_valid_header_value(user_agent)) return invalid_request(std::string(transport_name) + ": user_agent contains CR, LF or NUL");
    for (std::size_t i = 0; i < req.headers.size(); ++i) {
        auto const& h = req.headers[i];
        // An invalid name is not echoed: it may be a whole "Authorization: Bearer ..." line.
        if (!is_valid_header_name(h.name))
            return invalid_request("header #" + std::to_string(i) + " has a name that is not a valid HTTP token");
        if (!is_valid_header_value(h.value))
            return invalid_request("header '" + h.name + "' has a value containing CR, LF or NUL");
    }

    checked_request out;
    out.scheme = std::string(url.scheme);
    out.host = std::string(url.host);
    out.port = std::string(url.port);
    out.description.reserve(req.method.size() + target.size() + url.host.size() + url.port.size() + 6);
    out.description += req.method;
    out.description += ' ';
    out.description += std::string_view(target).substr(0, target.find('?'));
    out.description += " on ";
    out.description += url.host;
    out.description += ':';
    out.description += url.port;
    out.target = std::move(target);
    return out;
}

// Appends " (<description>)" to a transport error message.
inline error transport_error(error_code code, std::string what, std::string_view description)
{
    what += " (";
    what += description;
    what += ')';
    return make_error(error_kind::transport, code, std::move(what));
}

}  // namespace apibind::transport::detail

#endif
