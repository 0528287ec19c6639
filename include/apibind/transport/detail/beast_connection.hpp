// apibind: the parts of the Beast transports that both the sync and the async class use:
// request building, response conversion, error mapping and one keep-alive connection.
#ifndef APIBIND_TRANSPORT_DETAIL_BEAST_CONNECTION_HPP
#define APIBIND_TRANSPORT_DETAIL_BEAST_CONNECTION_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace apibind::transport::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;

// Where a connection goes; a kept-alive connection is reused only for the same origin.
struct origin {
    std::string scheme;
    std::string host;  // as in the URL, IPv6 literals keep their brackets
    std::string port;

    bool operator==(origin const&) const = default;
};

// A request validated and turned into a Beast message, ready to be written.
struct prepared_request {
    apibind::transport::detail::origin origin;
    // "POST /connected_accounts/get on connect.getseam.com:443", for error messages.
    // Never holds header values, the body or the query string: they may carry credentials.
    std::string description;
    http::request<http::string_body> message;
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

// Validates `req` and builds the message. Everything that can be refused is refused
// here, before any connection is made. `transport_name` names the class in messages.
inline result<prepared_request> prepare_request(http_request req, std::string_view user_agent,
                                                std::string_view transport_name)
{
    url_parts url;
    if (!split_url(req.url, url)) return invalid_request("request URL is not an absolute http:// URL");
    if (url.scheme == "https")
        return make_error(error_kind::transport, error_code::tls_failure,
                          "https is not supported by " + std::string(transport_name) + " yet");
    if (url.scheme != "http") return invalid_request("unsupported URL scheme (only http:// is supported)");
    if (!is_valid_header_name(req.method)) return invalid_request("request method is not a valid HTTP token");
    // A fragment is for the client only; "http://h?q" has a target of "?q" that needs its "/".
    std::string target(url.target.substr(0, url.target.find('#')));
    if (target.empty() || target.front() != '/') target.insert(0, 1, '/');
    if (!is_visible_ascii(url.host) || !is_visible_ascii(target))
        return invalid_request("request URL contains characters that are not allowed in a request line");
    if (!is_valid_header_value(user_agent)) return invalid_request("beast_options::user_agent contains CR, LF or NUL");
    for (std::size_t i = 0; i < req.headers.size(); ++i) {
        auto const& h = req.headers[i];
        // An invalid name is not echoed: it may be a whole "Authorization: Bearer ..." line.
        if (!is_valid_header_name(h.name))
            return invalid_request("header #" + std::to_string(i) + " has a name that is not a valid HTTP token");
        if (!is_valid_header_value(h.value))
            return invalid_request("header '" + h.name + "' has a value containing CR, LF or NUL");
    }

    prepared_request out;
    out.origin = {std::string(url.scheme), std::string(url.host), std::string(url.port)};
    out.description = req.method;
    out.description += ' ';
    out.description += target.substr(0, target.find('?'));
    out.description += " on ";
    out.description += url.host;
    out.description += ':';
    out.description += url.port;

    auto& m = out.message;
    m.version(11);
    m.method_string(req.method);
    m.target(target);
    bool has_host = false;
    bool has_user_agent = false;
    for (auto const& h : req.headers) {
        // The transport frames the body itself; a caller's value could desync the connection.
        if (apibind::detail::iequals(h.name, "Content-Length") || apibind::detail::iequals(h.name, "Transfer-Encoding"))
            continue;
        has_host = has_host || apibind::detail::iequals(h.name, "Host");
        has_user_agent = has_user_agent || apibind::detail::iequals(h.name, "User-Agent");
        m.insert(h.name, h.value);
    }
    if (!has_host)
        m.set(http::field::host, url.port == "80" ? std::string(url.host) : std::string(url.host) + ':' + std::string(url.port));
    if (!has_user_agent && !user_agent.empty()) m.set(http::field::user_agent, user_agent);
    if (!req.body.empty() || method_expects_body(req.method)) m.content_length(req.body.size());
    m.body() = std::move(req.body);
    return out;
}

inline http_response to_response(http::response<http::string_body>&& message)
{
    http_response out;
    out.status = static_cast<int>(message.result_int());
    for (auto const& f : message) out.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    out.body = std::move(message.body());
    return out;
}

// The peer went away: orderly close or reset, seen while writing or before the response ended.
inline bool is_peer_close(beast::error_code const& ec) noexcept
{
    return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::error::connection_aborted || ec == asio::error::broken_pipe ||
           ec == asio::error::not_connected;
}

enum class stage { resolve, connect, write, read };

inline error map_error(beast::error_code const& ec, stage at, std::string_view description)
{
    auto const make = [&](error_code code, std::string what) {
        what += " (";
        what += description;
        what += ')';
        return make_error(error_kind::transport, code, std::move(what));
    };
    if (ec == beast::error::timeout)
        return make(error_code::timed_out, at == stage::connect ? "timed out connecting"
                                           : at == stage::write ? "timed out sending the request"
                                                                : "timed out waiting for the response");
    if (ec == asio::error::operation_aborted)
        return make(error_code::transport_other, "request cancelled because the transport was destroyed");
    if (at == stage::resolve) return make(error_code::transport_other, "could not resolve the host: " + ec.message());
    if (at == stage::connect) {
        if (ec == asio::error::connection_refused) return make(error_code::connection_refused, "connection refused");
        return make(error_code::transport_other, "could not connect: " + ec.message());
    }
    if (ec == http::error::body_limit) return make(error_code::body_too_large, "response body exceeds max_body_size");
    // An orderly close in the middle of a message means the headers promised more than was sent.
    if (ec == http::error::partial_message)
        return make(error_code::protocol_error, "connection closed before the announced response body was complete");
    if (is_peer_close(ec))
        return make(error_code::connection_reset, "connection closed before the response was complete");
    if (ec.category() == http::make_error_code(http::error::need_more).category())
        return make(error_code::protocol_error, "malformed HTTP response: " + ec.message());
    return make(error_code::transport_other, ec.message());
}

struct connection_limits {
    std::chrono::milliseconds connect_timeout;
    std::chrono::milliseconds request_timeout;  // write + read of one attempt
    std::size_t max_body_size;
};

// One keep-alive HTTP/1.1 connection running one exchange at a time (the owner queues).
// Always held by shared_ptr: pending handlers keep it alive.
class connection : public std::enable_shared_from_this<connection> {
public:
    connection(asio::any_io_executor executor, connection_limits limits)
        : limits_(limits), resolver_(executor), stream_(executor)
    {
    }

    // Sends `req` and calls `done` exactly once, always from a completion handler run by
    // the executor, never from inside this call.
    void async_exchange(prepared_request req, response_handler done)
    {
        req_ = std::move(req);
        done_ = std::move(done);
        retried_ = false;
        reused_ = connected_to_ && *connected_to_ == req_.origin && idle_connection_usable();
        if (reused_) {
            write();
        } else {
            close();
            resolve();
        }
    }

    // Aborts whatever is in flight; its handler sees operation_aborted.
    void cancel()
    {
        resolver_.cancel();
        close();
    }

private:
    static constexpr std::uint32_t header_limit = 64 * 1024;

    // A pooled connection the server closed while idle shows up as readable (EOF). Checking
    // without blocking avoids sending on it at all, which matters for non-idempotent requests.
    bool idle_connection_usable()
    {
        auto& socket = stream_.socket();
        if (!socket.is_open() || buffer_.size() != 0) return false;
        beast::error_code ec;
        socket.non_blocking(true, ec);
        if (ec) return false;
        char byte;
        socket.receive(asio::buffer(&byte, 1), asio::socket_base::message_peek, ec);
        beast::error_code ignored;
        socket.non_blocking(false, ignored);
        return ec == asio::error::would_block;  // no EOF, no unsolicited bytes
    }

    void close()
    {
        beast::error_code ignored;
        stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        stream_.close();
        buffer_.clear();
        connected_to_.reset();
    }

    void resolve()
    {
        std::string_view host = req_.origin.host;
        if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);  // "[::1]" -> "::1"
        resolver_.async_resolve(host, req_.origin.port,
                                [self = shared_from_this()](beast::error_code ec, asio::ip::tcp::resolver::results_type r) {
                                    self->on_resolve(ec, std::move(r));
                                });
    }

    void on_resolve(beast::error_code ec, asio::ip::tcp::resolver::results_type results)
    {
        if (ec) return fail(ec, stage::resolve);
        stream_.expires_after(limits_.connect_timeout);
        stream_.async_connect(results, [self = shared_from_this()](beast::error_code e, asio::ip::tcp::endpoint const&) {
            self->on_connect(e);
        });
    }

    void on_connect(beast::error_code ec)
    {
        if (ec) return fail(ec, stage::connect);
        beast::error_code ignored;
        stream_.socket().set_option(asio::ip::tcp::no_delay(true), ignored);
        connected_to_ = req_.origin;
        write();
    }

    void write()
    {
        // One deadline for write + read: tcp_stream applies it to every operation until reset.
        stream_.expires_after(limits_.request_timeout);
        http::async_write(stream_, req_.message,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
    }

    void on_write(beast::error_code ec)
    {
        if (ec) return retry_or_fail(ec, stage::write);
        parser_.emplace();
        parser_->body_limit(limits_.max_body_size);
        parser_->header_limit(header_limit);
        if (req_.message.method() == http::verb::head) parser_->skip(true);  // Content-Length without a body
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_read(e); });
    }

    void on_read(beast::error_code ec)
    {
        if (ec) return retry_or_fail(ec, stage::read);
        // keep_alive() is false for "Connection: close" and for bodies delimited by EOF.
        if (parser_->keep_alive()) stream_.expires_never();
        else close();
        auto message = parser_->release();
        complete(to_response(std::move(message)));
    }

    // Keep-alive race: the server may close a pooled connection just as we send on it. If
    // not a single response byte arrived, the server did not answer: reconnect and send
    // once more. Once any byte arrived, resending could repeat a processed request.
    void retry_or_fail(beast::error_code ec, stage at)
    {
        bool const nothing_received = !(parser_ && parser_->got_some()) && buffer_.size() == 0;
        if (reused_ && !retried_ && nothing_received && is_peer_close(ec)) {
            retried_ = true;
            reused_ = false;
            parser_.reset();
            close();
            return resolve();
        }
        fail(ec, at);
    }

    void fail(beast::error_code ec, stage at)
    {
        close();
        complete(map_error(ec, at, req_.description));
    }

    void complete(result<http_response> r)
    {
        parser_.reset();
        // Moved out first: `done` may start the next exchange on this connection.
        auto done = std::move(done_);
        done(std::move(r));
    }

    connection_limits limits_;
    asio::ip::tcp::resolver resolver_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;  // per connection: bytes past one response belong to the next
    std::optional<origin> connected_to_;
    prepared_request req_;
    response_handler done_;
    std::optional<http::response_parser<http::string_body>> parser_;
    bool reused_ = false;
    bool retried_ = false;
};

}  // namespace apibind::transport::detail

#endif
