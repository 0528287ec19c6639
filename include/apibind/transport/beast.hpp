// apibind: HTTP/1.1 transports on Boost.Beast, http:// and https://.
//
//   apibind::transport::beast_sync_transport   models apibind::sync_transport
//   apibind::transport::beast_async_transport  models apibind::async_transport and apibind::async_timer
//
// Both keep connections alive per origin, return every status as a response (redirects are not
// followed) and report failures as error_kind::transport with a finer error_code. The async
// transport pools up to beast_options::max_connections_per_origin connections per origin and
// runs that many exchanges at once; the sync one has one connection and serves one thread at a
// time (for many threads: one sync transport per thread, or one async transport on an
// io_context with apibind/asio.hpp; docs/transports.md, "Connection pools").
// Error messages name host:port, method and path, never header values, query or body.
//
// https:// needs OpenSSL: the CMake target apibind::beast links it and defines
// APIBIND_BEAST_HAS_SSL=1 when OpenSSL is found (without CMake: define it and link
// -lssl -lcrypto). Without it, an https:// request fails with error_code::tls_failure.
// The server certificate and host name are always verified (SNI is sent for host names),
// against beast_options' ca_file / ca_path / ca_pem, or the system's default CA paths.
//
// Compile cost: header-only by default, and then every translation unit that includes this header
// compiles Beast's HTTP parser and serializer, the TLS stream and Asio's composed operations
// (about 35 s of CPU and 0.9 GB at -O2). Define APIBIND_BEAST_SEPARATE_COMPILATION in every
// translation unit of the program (like BOOST_BEAST_SEPARATE_COMPILATION) and this header only
// declares the two classes (it includes <boost/asio/any_io_executor.hpp>, nothing of Beast); their
// definitions are then compiled once, in the one translation unit that includes
// <apibind/transport/beast_src.hpp>, or in the CMake target apibind::beast_compiled (a static
// library that defines the macro for its users). docs/transports.md, "Compile cost".

#ifndef APIBIND_TRANSPORT_BEAST_HPP
#define APIBIND_TRANSPORT_BEAST_HPP

#include <apibind/detail/unique_function.hpp>
#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

// The out-of-line members: inline in the header-only mode, compiled once by beast_src.hpp when
// separately compiled (BOOST_ASIO_DECL's convention).
#if defined(APIBIND_BEAST_SEPARATE_COMPILATION)
#define APIBIND_BEAST_DECL
#else
#define APIBIND_BEAST_DECL inline
#endif

namespace apibind::transport {

struct beast_options {
    std::chrono::milliseconds connect_timeout{10000};  // TCP connect, then the TLS handshake; DNS is not bounded by it
    std::chrono::milliseconds request_timeout{30000};  // whole call: write + read
    std::size_t max_body_size = 8 * 1024 * 1024;
    std::string user_agent = "apibind/0.1";  // sent unless the request has its own User-Agent

    // https trust. All empty (the default): OpenSSL's default verify paths, i.e. the system
    // store. Otherwise only what is given here is trusted (any combination of the three).
    std::string ca_file;  // a PEM file of CA certificates
    std::string ca_path;  // a directory of CA certificates named by subject hash (c_rehash)
    std::string ca_pem;   // CA certificates as PEM text, for programs that embed them

    // Connection pool (docs/transports.md, "Connection pools").
    // At most this many connections to one origin (scheme, host, port) at once, each running one
    // exchange: the async transport has that many calls in flight per origin, and further
    // requests to it wait in FIFO order. 6 is what browsers allow per host over HTTP/1.1 (OkHttp,
    // under Retrofit, allows 5 requests per host): enough to hide a slow call, few enough not to
    // look like a flood to an API's rate limiter. 1: one call at a time per origin, in order.
    // Zero is taken as 1. The sync transport always has one connection.
    std::size_t max_connections_per_origin = 6;
    // A kept-alive connection unused this long is closed. Below the keep-alive time of common
    // servers and load balancers (nginx 75 s, AWS ALB 60 s), so that the client, not the server,
    // usually ends it; a connection the server closed first is noticed before sending and
    // replaced. The async transport checks it with a timer while it has calls in flight (so that
    // an idle transport leaves io_context::run() nothing to wait for), else at its next request
    // and when destroyed; the sync transport at its next send(). Zero: never closed for idleness.
    std::chrono::milliseconds idle_timeout{30000};
};

namespace detail {
struct sync_state;   // the sync transport's io_context and connection (impl/beast.ipp)
class async_state;   // the async transport's pools, queues and timers (impl/beast.ipp)
}  // namespace detail

// Blocking transport. Each send() runs a private io_context until the exchange is done, on the
// one kept-alive connection (replaced when the origin changes, when idle_timeout passed, or
// when the server closed it). Not thread-safe: one send() at a time per object (like any
// non-thread-safe object); movable. Threads that call at once each use their own transport, or
// share one beast_async_transport (docs/transports.md, "Connection pools").
class beast_sync_transport {
public:
    using options_type = beast_options;

    APIBIND_BEAST_DECL explicit beast_sync_transport(beast_options options = {});
    APIBIND_BEAST_DECL beast_sync_transport(beast_sync_transport&& other) noexcept;
    APIBIND_BEAST_DECL beast_sync_transport& operator=(beast_sync_transport&& other) noexcept;
    beast_sync_transport(beast_sync_transport const&) = delete;
    beast_sync_transport& operator=(beast_sync_transport const&) = delete;
    APIBIND_BEAST_DECL ~beast_sync_transport();

    APIBIND_BEAST_DECL result<http_response> send(http_request const& req);

private:
    beast_options options_;
    // Behind a pointer so that moving the transport keeps the socket with its io_context, and
    // so that this header needs no Beast.
    std::unique_ptr<detail::sync_state> state_;
};

// Non-blocking transport on a caller-run executor (an io_context the caller runs, by one thread
// or several). async_send and async_wait may be called from any thread. Each origin has a pool
// of up to max_connections_per_origin kept-alive connections, each running one exchange:
// requests beyond that wait and start in the order they were sent (with 1, they are sent one at
// a time and complete in order). Handlers run on an internal strand of `executor`, never inside
// async_send. The io_context must outlive the transport. Destroying the transport closes its
// connections, completes queued and in-flight requests with a transport_other error (once the
// io_context runs again) and drops pending timers.
class beast_async_transport {
public:
    using options_type = beast_options;

    APIBIND_BEAST_DECL explicit beast_async_transport(boost::asio::any_io_executor executor, beast_options options = {});
    beast_async_transport(beast_async_transport&& other) noexcept = default;
    APIBIND_BEAST_DECL beast_async_transport& operator=(beast_async_transport&& other) noexcept;
    beast_async_transport(beast_async_transport const&) = delete;
    beast_async_transport& operator=(beast_async_transport const&) = delete;
    APIBIND_BEAST_DECL ~beast_async_transport();

    APIBIND_BEAST_DECL void async_send(http_request req, response_handler handler);
    APIBIND_BEAST_DECL void async_wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn);

    boost::asio::any_io_executor get_executor() const { return strand_; }

private:
    APIBIND_BEAST_DECL void stop();

    boost::asio::any_io_executor strand_;
    std::shared_ptr<detail::async_state> state_;
};

}  // namespace apibind::transport

#if !defined(APIBIND_BEAST_SEPARATE_COMPILATION)
#include <apibind/transport/impl/beast.ipp>
#endif

#endif
