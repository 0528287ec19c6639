// apibind: the parts of the Beast transports that both the sync and the async class use:
// request building, response conversion, error mapping and one keep-alive connection
// (plain TCP, or TLS when APIBIND_BEAST_HAS_SSL is set and OpenSSL is linked).
#ifndef APIBIND_TRANSPORT_DETAIL_BEAST_CONNECTION_HPP
#define APIBIND_TRANSPORT_DETAIL_BEAST_CONNECTION_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>
#include <apibind/transport/detail/request_checks.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/ip/address.hpp>
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

#if defined(APIBIND_BEAST_HAS_SSL) && APIBIND_BEAST_HAS_SSL
#define APIBIND_DETAIL_BEAST_SSL 1
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream_base.hpp>
#include <boost/asio/ssl/verify_context.hpp>
#include <boost/asio/ssl/verify_mode.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#else
#define APIBIND_DETAIL_BEAST_SSL 0
#endif

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iterator>
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
    std::chrono::milliseconds timeout{};  // the client's limit for this attempt (http_request::timeout); zero: none
    // When the attempt began (prepare_request): time spent waiting for a free connection of the
    // pool counts against `timeout`.
    std::chrono::steady_clock::time_point started{};
    bool retry_safe = false;              // http_request::retry_safe: may it be sent again after a broken reused connection?
    std::shared_ptr<std::atomic<bool> const> abandoned;  // http_request::abandoned
};

inline constexpr https_support beast_https = APIBIND_DETAIL_BEAST_SSL ? https_support::available : https_support::not_compiled_in;

// Validates `req` and builds the message. Everything that can be refused is refused
// here, before any connection is made. `transport_name` names the class in messages.
inline result<prepared_request> prepare_request(http_request req, std::string_view user_agent,
                                                std::string_view transport_name)
{
    auto checked = check_request(req, user_agent, transport_name, beast_https);
    if (!checked) return checked.error();

    prepared_request out;
    out.description = std::move(checked->description);
    auto& m = out.message;
    m.version(11);
    m.method_string(req.method);
    m.target(checked->target);
    bool has_host = false;
    bool has_user_agent = false;
    for (auto const& h : req.headers) {
        if (is_framing_header(h.name)) continue;  // the transport frames the body itself
        has_host = has_host || apibind::detail::iequals(h.name, "Host");
        has_user_agent = has_user_agent || apibind::detail::iequals(h.name, "User-Agent");
        m.insert(h.name, h.value);
    }
    if (!has_host) m.set(http::field::host, checked->host_header());
    if (!has_user_agent && !user_agent.empty()) m.set(http::field::user_agent, user_agent);
    if (!req.body.empty() || method_expects_body(req.method)) m.content_length(req.body.size());
    m.body() = std::move(req.body);
    out.timeout = req.timeout;
    out.started = std::chrono::steady_clock::now();
    out.retry_safe = req.retry_safe;
    out.abandoned = std::move(req.abandoned);
    out.origin = {std::move(checked->scheme), std::move(checked->host), std::move(checked->port)};
    return out;
}

inline http_response to_response(http::response<http::string_body>&& message)
{
    http_response out;
    out.status = static_cast<int>(message.result_int());
    out.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
    for (auto const& f : message) out.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    out.body = std::move(message.body());
    return out;
}

// A TLS peer that closed the TCP connection without a close_notify alert.
inline bool is_tls_truncation(beast::error_code const& ec) noexcept
{
#if APIBIND_DETAIL_BEAST_SSL
    return ec == asio::ssl::error::stream_truncated;
#else
    (void)ec;
    return false;
#endif
}

// The peer went away: orderly close or reset, seen while writing or before the response ended.
inline bool is_peer_close(beast::error_code const& ec) noexcept
{
    return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::error::connection_aborted || ec == asio::error::broken_pipe ||
           ec == asio::error::not_connected || is_tls_truncation(ec);
}

inline bool is_tls_error(beast::error_code const& ec) noexcept
{
#if APIBIND_DETAIL_BEAST_SSL
    return ec.category() == asio::error::get_ssl_category() || ec.category() == asio::ssl::error::get_stream_category();
#else
    (void)ec;
    return false;
#endif
}

enum class stage { resolve, connect, handshake, write, read };

inline error map_error(beast::error_code const& ec, stage at, std::string_view description)
{
    auto const make = [&](error_code code, std::string what) { return transport_error(code, std::move(what), description); };
    if (ec == beast::error::timeout)
        return make(error_code::timed_out, at == stage::connect     ? "timed out connecting"
                                           : at == stage::handshake ? "timed out in the TLS handshake"
                                           : at == stage::write     ? "timed out sending the request"
                                                                    : "timed out waiting for the response");
    if (ec == asio::error::operation_aborted)
        return make(error_code::transport_other, "request cancelled because the transport was destroyed");
    if (at == stage::resolve) return make(error_code::transport_other, "could not resolve the host: " + ec.message());
    if (at == stage::connect) {
        if (ec == asio::error::connection_refused) return make(error_code::connection_refused, "connection refused");
        return make(error_code::transport_other, "could not connect: " + ec.message());
    }
    if (at == stage::handshake) {
        if (is_peer_close(ec)) return make(error_code::tls_failure, "TLS handshake failed: the server closed the connection");
        return make(error_code::tls_failure, "TLS handshake failed: " + ec.message());
    }
    if (ec == http::error::body_limit) return make(error_code::body_too_large, "response body exceeds max_body_size");
    // An orderly close in the middle of a message means the headers promised more than was sent.
    if (ec == http::error::partial_message)
        return make(error_code::protocol_error, "connection closed before the announced response body was complete");
    if (is_peer_close(ec))
        return make(error_code::connection_reset, "connection closed before the response was complete");
    if (ec.category() == http::make_error_code(http::error::need_more).category())
        return make(error_code::protocol_error, "malformed HTTP response: " + ec.message());
    if (is_tls_error(ec)) return make(error_code::tls_failure, "TLS error: " + ec.message());
    return make(error_code::transport_other, ec.message());
}

// What a connection needs from the transport's options.
struct connection_options {
    std::chrono::milliseconds connect_timeout;  // TCP connect, and the TLS handshake
    std::chrono::milliseconds request_timeout;  // write + read of one attempt
    std::size_t max_body_size;
    std::string ca_file;  // https trust: a PEM bundle, a directory of hashed PEMs, PEM text;
    std::string ca_path;  // all empty: OpenSSL's default paths (the system store)
    std::string ca_pem;
};

#if APIBIND_DETAIL_BEAST_SSL
// The client TLS context for the options: TLS 1.2 or newer, peer verification on, trust
// from the configured CA file/directory/PEM text, or the system's default paths.
inline result<std::shared_ptr<asio::ssl::context>> make_tls_context(connection_options const& o)
{
    auto const fail = [](std::string what, beast::error_code const& ec) {
        return make_error(error_kind::transport, error_code::tls_failure, std::move(what) + ": " + ec.message());
    };
    auto ctx = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
    ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_compression);
    beast::error_code ec;
    ctx->set_verify_mode(asio::ssl::verify_peer, ec);
    if (o.ca_file.empty() && o.ca_path.empty() && o.ca_pem.empty()) {
        ctx->set_default_verify_paths(ec);
        if (ec) return fail("cannot load the system's default CA certificates", ec);
    }
    if (!o.ca_file.empty()) {
        ctx->load_verify_file(o.ca_file, ec);
        if (ec) return fail("cannot load the CA file '" + o.ca_file + "'", ec);
    }
    if (!o.ca_path.empty()) {
        ctx->add_verify_path(o.ca_path, ec);
        if (ec) return fail("cannot use the CA directory '" + o.ca_path + "'", ec);
    }
    if (!o.ca_pem.empty()) {
        ctx->add_certificate_authority(asio::buffer(o.ca_pem), ec);
        if (ec) return fail("cannot load the CA certificates given as PEM text", ec);
    }
    return ctx;
}
#endif

// The TLS context of a transport, made on its first https request and shared by all its
// connections: loading the CA certificates (the system store: hundreds) once, not per connection.
struct tls_context_cache {
#if APIBIND_DETAIL_BEAST_SSL
    std::shared_ptr<asio::ssl::context> context;
#endif
};

// One keep-alive HTTP/1.1 connection running one exchange at a time (the owner queues and pools).
// Always held by shared_ptr: pending handlers keep it alive.
class connection : public std::enable_shared_from_this<connection> {
public:
    connection(asio::any_io_executor executor, connection_options options,
               std::shared_ptr<tls_context_cache> tls_contexts = std::make_shared<tls_context_cache>())
        : options_(std::move(options)),
          executor_(executor),
          resolver_(executor),
          plain_(executor),
          tls_contexts_(std::move(tls_contexts))
    {
    }

    // Sends `req` and calls `done` exactly once, always from a completion handler run by
    // the executor, never from inside this call.
    void async_exchange(prepared_request req, response_handler done)
    {
        req_ = std::move(req);
        done_ = std::move(done);
        retried_ = false;
        written_ = 0;
        attempt_deadline_.reset();
        if (req_.timeout.count() > 0) attempt_deadline_ = req_.started + req_.timeout;
        reused_ = connected_to_ && *connected_to_ == req_.origin && idle_connection_usable();
        if (reused_) {
            write();
        } else {
            close();
            resolve();
        }
    }

    // Aborts whatever is in flight; its handler sees operation_aborted. On an idle connection:
    // closes it.
    void cancel()
    {
        resolver_.cancel();
        close();
    }

    // Whether the last exchange left the connection open for the next one.
    bool kept_alive() const noexcept { return connected_to_.has_value(); }

private:
    static constexpr std::uint32_t header_limit = 64 * 1024;

    // The TCP layer of whichever stream the current connection uses.
    beast::tcp_stream& tcp() noexcept
    {
#if APIBIND_DETAIL_BEAST_SSL
        if (tls_active_) return tls_->next_layer();
#endif
        return plain_;
    }

    // Runs `f` with the stream HTTP is spoken on: the TLS stream or the plain TCP one.
    template <class F>
    void with_stream(F&& f)
    {
#if APIBIND_DETAIL_BEAST_SSL
        if (tls_active_) return f(*tls_);
#endif
        f(plain_);
    }

    // A pooled connection the server closed while idle shows up as readable (EOF). Checking
    // without blocking avoids sending on it at all, which matters for non-idempotent requests.
    bool idle_connection_usable()
    {
        auto& socket = tcp().socket();
        if (!socket.is_open() || buffer_.size() != 0) return false;
#if APIBIND_DETAIL_BEAST_SSL
        if (tls_active_ && SSL_pending(tls_->native_handle()) != 0) return false;  // unsolicited data
#endif
        beast::error_code ec;
        socket.non_blocking(true, ec);
        if (ec) return false;
        char byte;
        socket.receive(asio::buffer(&byte, 1), asio::socket_base::message_peek, ec);
        beast::error_code ignored;
        socket.non_blocking(false, ignored);
        // No EOF, no bytes. (A TLS peer's close_notify or a late session ticket counts as
        // bytes: the connection is replaced, which is always safe.)
        return ec == asio::error::would_block;
    }

    // Closes the socket. The stream objects stay until the next connection replaces them:
    // a completion handler may still be about to run on them.
    void close()
    {
        beast::error_code ignored;
        auto& socket = tcp().socket();
        if (socket.is_open()) socket.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        tcp().close();
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
#if APIBIND_DETAIL_BEAST_SSL
        tls_active_ = false;
        if (req_.origin.scheme == "https") {
            if (!tls_contexts_->context) {
                auto ctx = make_tls_context(options_);
                if (!ctx) {
                    error e = std::move(ctx).error();
                    e.message += " (" + req_.description + ')';
                    return complete(std::move(e));
                }
                tls_contexts_->context = std::move(*ctx);
            }
            // A fresh TLS stream per connection: an SSL object is not reusable after a close.
            tls_.emplace(executor_, *tls_contexts_->context);
            tls_active_ = true;
        }
#endif
        tcp().expires_after(limited(options_.connect_timeout));
        tcp().async_connect(
            results, [self = shared_from_this()](beast::error_code e, asio::ip::tcp::endpoint const&) { self->on_connect(e); });
    }

    void on_connect(beast::error_code ec)
    {
        if (ec) return fail(ec, stage::connect);
        beast::error_code ignored;
        tcp().socket().set_option(asio::ip::tcp::no_delay(true), ignored);
#if APIBIND_DETAIL_BEAST_SSL
        if (tls_active_) return handshake();
#endif
        connected_to_ = req_.origin;
        write();
    }

#if APIBIND_DETAIL_BEAST_SSL
    void handshake()
    {
        std::string const host(req_.origin.host.size() >= 2 && req_.origin.host.front() == '['
                                   ? req_.origin.host.substr(1, req_.origin.host.size() - 2)
                                   : req_.origin.host);
        beast::error_code ec;
        asio::ip::make_address(host, ec);
        bool const is_ip_literal = !ec;
        // SNI carries host names only (RFC 6066 forbids IP literals in it).
        // SSL_ctrl, not the SSL_set_tlsext_host_name macro: the macro's (void*) cast trips users'
        // -Wold-style-cast.
        if (!is_ip_literal && !SSL_ctrl(tls_->native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                                        const_cast<char*>(host.c_str())))
            return fail_tls("TLS handshake failed: cannot set the server name (SNI)");
        host_mismatch_ = false;
        tls_->set_verify_mode(asio::ssl::verify_peer);
        // The callback lives in the stream, which this connection owns: `this` outlives it.
        tls_->set_verify_callback([this, check = asio::ssl::host_name_verification(host)](
                                      bool preverified, asio::ssl::verify_context& ctx) {
            bool const ok = check(preverified, ctx);
            if (preverified && !ok) host_mismatch_ = true;  // the chain was fine, the name was not
            return ok;
        });
        tls_->async_handshake(asio::ssl::stream_base::client,
                              [self = shared_from_this()](beast::error_code e) { self->on_handshake(e); });
    }

    void on_handshake(beast::error_code ec)
    {
        if (ec) {
            if (ec == beast::error::timeout || ec == asio::error::operation_aborted) return fail(ec, stage::handshake);
            std::string host(req_.origin.host);
            if (host_mismatch_)
                return fail_tls("TLS handshake failed: the server's certificate is not valid for the host name '" + host + "'");
            long const verify = SSL_get_verify_result(tls_->native_handle());
            if (verify != X509_V_OK)
                return fail_tls(std::string("TLS handshake failed: certificate verification failed: ") +
                                X509_verify_cert_error_string(verify));
            return fail(ec, stage::handshake);
        }
        connected_to_ = req_.origin;
        write();
    }

    void fail_tls(std::string what)
    {
        close();
        complete(transport_error(error_code::tls_failure, std::move(what), req_.description));
    }
#endif

    void write()
    {
        // One deadline for write + read: tcp_stream applies it to every operation until reset.
        tcp().expires_after(limited(options_.request_timeout));
        with_stream([this](auto& stream) {
            http::async_write(stream, req_.message, [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                self->written_ = n;
                self->on_write(ec);
            });
        });
    }

    void on_write(beast::error_code ec)
    {
        if (ec) return retry_or_fail(ec, stage::write);
        parser_.emplace();
        parser_->body_limit(options_.max_body_size);
        parser_->header_limit(header_limit);
        if (req_.message.method() == http::verb::head) parser_->skip(true);  // Content-Length without a body
        with_stream([this](auto& stream) {
            http::async_read(stream, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code e, std::size_t) { self->on_read(e); });
        });
    }

    void on_read(beast::error_code ec)
    {
        if (ec && is_tls_truncation(ec) && parser_->is_header_done()) {
            // A TLS peer that closes without close_notify: for a body delimited by the end of
            // the connection that is its end (as over plain TCP); otherwise the body is short.
            if (parser_->need_eof()) {
                beast::error_code eof_ec;
                parser_->put_eof(eof_ec);
                if (!eof_ec && parser_->is_done()) {
                    close();
                    return complete(to_response(parser_->release()));
                }
            }
            ec = http::error::partial_message;
        }
        if (ec) return retry_or_fail(ec, stage::read);
        // keep_alive() is false for "Connection: close" and for bodies delimited by EOF.
        if (parser_->keep_alive()) tcp().expires_never();
        else close();
        auto message = parser_->release();
        complete(to_response(std::move(message)));
    }

    // Keep-alive race: the server may close a pooled connection just as we send on it. If
    // not a single response byte arrived, the server did not answer: reconnect and send
    // once more. Once any byte arrived, resending could repeat a processed request. And a
    // request not safe to repeat is sent again only if none of it was written: a server that
    // read it and then closed may have acted on it (the load test with resets caught that).
    void retry_or_fail(beast::error_code ec, stage at)
    {
        bool const nothing_received = !(parser_ && parser_->got_some()) && buffer_.size() == 0;
        bool const may_resend = req_.retry_safe || (at == stage::write && written_ == 0);
        if (reused_ && !retried_ && nothing_received && may_resend && is_peer_close(ec)) {
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

    connection_options options_;
    asio::any_io_executor executor_;
    asio::ip::tcp::resolver resolver_;
    beast::tcp_stream plain_;  // http:// connections
    std::shared_ptr<tls_context_cache> tls_contexts_;  // shared with the transport's other connections
#if APIBIND_DETAIL_BEAST_SSL
    std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;  // https:// connections
    bool tls_active_ = false;                                   // tls_, not plain_, is in use
    bool host_mismatch_ = false;
#endif
    beast::flat_buffer buffer_;  // per connection: bytes past one response belong to the next
    std::optional<origin> connected_to_;
    prepared_request req_;
    response_handler done_;
    std::optional<http::response_parser<http::string_body>> parser_;
    bool reused_ = false;
    bool retried_ = false;
    std::size_t written_ = 0;  // bytes of the request written
    std::optional<std::chrono::steady_clock::time_point> attempt_deadline_;

    // The transport's own limit, or what is left of the client's for this attempt if shorter.
    std::chrono::steady_clock::duration limited(std::chrono::milliseconds own) const
    {
        if (!attempt_deadline_) return own;
        auto const left = *attempt_deadline_ - std::chrono::steady_clock::now();
        if (left <= std::chrono::steady_clock::duration::zero()) return std::chrono::milliseconds(1);
        return left < own ? left : std::chrono::steady_clock::duration(own);
    }
};

}  // namespace apibind::transport::detail

#endif
