// apibind: the transport concepts. The core includes no network library: users plug in
// any HTTP stack that models sync_transport or async_transport.
#ifndef APIBIND_TRANSPORT_HPP
#define APIBIND_TRANSPORT_HPP

#include <apibind/detail/unique_function.hpp>
#include <apibind/error.hpp>

#include <atomic>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace apibind {

struct http_header {
    std::string name;
    std::string value;
};

namespace detail {
inline bool iequals(std::string_view a, std::string_view b) noexcept
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

inline std::string_view find_header(std::vector<http_header> const& headers, std::string_view name) noexcept
{
    for (auto const& h : headers)
        if (iequals(h.name, name)) return h.value;
    return {};
}
}  // namespace detail

// The pieces of an absolute URL a transport needs to open a connection.
struct url_parts {
    std::string_view scheme;  // "http" or "https"
    std::string_view host;    // "127.0.0.1", "connect.getseam.com", "[::1]" (brackets kept)
    std::string_view port;    // explicit port, or the scheme's default ("80" / "443")
    std::string_view target;  // path and query, always starting with '/'
};

// Splits "scheme://host[:port][/path][?query]". Returns false when it is not such a URL.
inline bool split_url(std::string_view url, url_parts& out) noexcept
{
    auto const sep = url.find("://");
    if (sep == std::string_view::npos || sep == 0) return false;
    out.scheme = url.substr(0, sep);
    std::string_view rest = url.substr(sep + 3);
    auto const slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    out.target = slash == std::string_view::npos ? std::string_view("/") : rest.substr(slash);
    if (!out.target.empty() && out.target.front() == '?') return false;  // "http://h?q": no path; callers write "http://h/?q"
    if (authority.empty() || authority.find('@') != std::string_view::npos) return false;
    std::size_t colon = std::string_view::npos;
    if (authority.front() == '[') {
        auto const close = authority.find(']');
        if (close == std::string_view::npos) return false;
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') return false;
            colon = close + 1;
        }
    } else {
        colon = authority.rfind(':');
    }
    if (colon != std::string_view::npos) {
        out.host = authority.substr(0, colon);
        out.port = authority.substr(colon + 1);
        if (out.port.empty()) return false;
        for (char c : out.port)
            if (c < '0' || c > '9') return false;
    } else {
        out.host = authority;
        if (out.scheme == "https") out.port = "443";
        else if (out.scheme == "http") out.port = "80";
        else return false;
    }
    return !out.host.empty();
}

// One HTTP request as the client hands it to a transport.
struct http_request {
    std::string method = "POST";  // "GET", "POST", "PATCH", "DELETE", ...
    std::string url;              // absolute: "https://connect.getseam.com/connected_accounts/get"
    std::vector<http_header> headers;
    std::string body;
    // This attempt's time limit, set by the client from its call_timeouts; zero: none. A transport
    // applies the shorter of it and its own (effective_timeout below).
    std::chrono::milliseconds timeout{};
    // Whether the request may reach the server twice (the descriptor's retry_safe, set by the
    // client). When not, a transport never sends it again by itself: not even on a fresh
    // connection after a kept-alive one failed before any byte of the answer, since the server
    // may have received it and acted.
    bool retry_safe = false;
    // Set by the client of an async call: true once the call has ended (cancelled, or past its
    // deadline) and nobody waits for the answer. A transport that queues requests checks it when
    // one leaves the queue and completes that one unsent with error_code::cancelled (the Beast pool
    // does); one that can stop a transfer stops it (the libcurl transports). Null: the request
    // cannot be abandoned.
    std::shared_ptr<std::atomic<bool> const> abandoned;

    std::string_view header(std::string_view name) const noexcept { return detail::find_header(headers, name); }

    // Path and query of `url` (what goes on the request line).
    std::string_view target() const noexcept
    {
        url_parts p;
        return split_url(url, p) ? p.target : std::string_view(url);
    }
};

// The time a transport gives one request: its own limit, or the request's when that is shorter.
constexpr std::chrono::milliseconds effective_timeout(http_request const& r, std::chrono::milliseconds own) noexcept
{
    return r.timeout.count() > 0 && (own.count() <= 0 || r.timeout < own) ? r.timeout : own;
}

// One HTTP response as a transport hands it back.
struct http_response {
    int status = 0;
    std::vector<http_header> headers;
    std::string body;

    std::string_view header(std::string_view name) const noexcept { return detail::find_header(headers, name); }
};

// Called exactly once with the outcome of an async send, on whatever thread or tick the transport chooses.
using response_handler = detail::unique_function<void(result<http_response>)>;

// A blocking transport.
template <class T>
concept sync_transport = requires(T& t, http_request const& req) {
    { t.send(req) } -> std::same_as<result<http_response>>;
};

// A non-blocking transport: it must call the handler exactly once.
template <class T>
concept async_transport = requires(T& t, http_request req, response_handler h) {
    t.async_send(std::move(req), std::move(h));
};

// Optional for async transports: a timer, so retries can wait without blocking
// (for a game loop, a deadline checked in the host's poll()).
template <class T>
concept async_timer = requires(T& t, std::chrono::milliseconds d, detail::unique_function<void()> f) {
    t.async_wait(d, std::move(f));
};

// Header values with CR or LF would split the request: refuse them before sending.
inline bool is_valid_header_value(std::string_view v) noexcept
{
    for (char c : v)
        if (c == '\r' || c == '\n' || c == '\0') return false;
    return true;
}

inline bool is_valid_header_name(std::string_view n) noexcept
{
    if (n.empty()) return false;
    for (char c : n) {
        auto const u = static_cast<unsigned char>(c);
        bool const ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
                        std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

}  // namespace apibind

#endif
