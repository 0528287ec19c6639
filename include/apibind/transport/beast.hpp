// apibind: HTTP/1.1 transports on Boost.Beast, http:// and https://.
//
//   apibind::transport::beast_sync_transport   models apibind::sync_transport
//   apibind::transport::beast_async_transport  models apibind::async_transport and apibind::async_timer
//
// Both keep one connection alive per origin, return every status as a response (redirects
// are not followed) and report failures as error_kind::transport with a finer error_code.
// Error messages name host:port, method and path, never header values, query or body.
//
// https:// needs OpenSSL: the CMake target apibind::beast links it and defines
// APIBIND_BEAST_HAS_SSL=1 when OpenSSL is found (without CMake: define it and link
// -lssl -lcrypto). Without it, an https:// request fails with error_code::tls_failure.
// The server certificate and host name are always verified (SNI is sent for host names),
// against beast_options' ca_file / ca_path / ca_pem, or the system's default CA paths.
#ifndef APIBIND_TRANSPORT_BEAST_HPP
#define APIBIND_TRANSPORT_BEAST_HPP

#include <apibind/detail/unique_function.hpp>
#include <apibind/error.hpp>
#include <apibind/transport.hpp>
#include <apibind/transport/detail/beast_connection.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <utility>

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
};

namespace detail {

inline connection_options connection_options_of(beast_options const& o)
{
    return {o.connect_timeout, o.request_timeout, o.max_body_size, o.ca_file, o.ca_path, o.ca_pem};
}

// The async transport's state. It lives on a strand and is kept alive by pending
// handlers, so destroying the transport while requests are in flight is safe.
class async_state : public std::enable_shared_from_this<async_state> {
public:
    async_state(asio::any_io_executor strand, beast_options options)
        : executor_(strand),
          options_(std::move(options)),
          connection_(std::make_shared<connection>(strand, connection_options_of(options_)))
    {
    }

    // The members below run on the strand only.

    void enqueue(http_request req, response_handler handler)
    {
        queue_.push_back({std::move(req), std::move(handler)});
        start_next();
    }

    void wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn)
    {
        if (stopped_) return;
        auto const it = timers_.emplace(timers_.end(), executor_, delay);
        it->async_wait([self = shared_from_this(), it, fn = std::move(fn)](beast::error_code ec) mutable {
            self->timers_.erase(it);
            if (!ec && !self->stopped_) fn();
        });
    }

    // The transport is gone: fail queued requests, abort the one in flight, drop timers
    // (a timer callback would typically resend through the destroyed transport).
    void shutdown()
    {
        stopped_ = true;
        connection_->cancel();
        for (auto& t : timers_) t.cancel();
        start_next();
    }

private:
    struct pending {
        http_request request;
        response_handler handler;
    };

    void start_next()
    {
        while (!busy_ && !queue_.empty()) {
            pending next = std::move(queue_.front());
            queue_.pop_front();
            if (stopped_) {
                next.handler(make_error(error_kind::transport, error_code::transport_other,
                                        "request cancelled because the transport was destroyed"));
                continue;
            }
            auto prepared = prepare_request(std::move(next.request), options_.user_agent, "beast_async_transport");
            if (!prepared) {
                next.handler(prepared.error());
                continue;
            }
            busy_ = true;
            connection_->async_exchange(
                std::move(*prepared),
                [self = shared_from_this(), handler = std::move(next.handler)](result<http_response> r) mutable {
                    self->busy_ = false;
                    handler(std::move(r));  // before the next one starts: completions stay FIFO
                    self->start_next();
                });
        }
    }

    asio::any_io_executor executor_;
    beast_options options_;
    std::shared_ptr<connection> connection_;
    std::deque<pending> queue_;
    std::list<asio::steady_timer> timers_;
    bool busy_ = false;
    bool stopped_ = false;
};

}  // namespace detail

// Blocking transport. Each send() runs a private io_context until the exchange is done.
// One call at a time per object (like any non-thread-safe object); movable.
class beast_sync_transport {
public:
    using options_type = beast_options;

    explicit beast_sync_transport(beast_options options = {})
        : options_(std::move(options)), impl_(std::make_unique<impl>(detail::connection_options_of(options_)))
    {
    }

    result<http_response> send(http_request const& req)
    {
        auto prepared = detail::prepare_request(req, options_.user_agent, "beast_sync_transport");
        if (!prepared) return prepared.error();

        std::optional<result<http_response>> out;
        impl_->io.restart();  // the previous run() returned because it ran out of work
        impl_->connection->async_exchange(std::move(*prepared),
                                          [&out](result<http_response> r) { out.emplace(std::move(r)); });
        impl_->io.run();
        if (!out)  // unreachable unless a handler threw out of run()
            return make_error(error_kind::transport, error_code::transport_other, "the exchange did not complete");
        return std::move(*out);
    }

private:
    // Together so that moving the transport keeps the socket with its io_context and the
    // connection is destroyed before the io_context.
    struct impl {
        explicit impl(detail::connection_options options)
            : connection(std::make_shared<detail::connection>(io.get_executor(), std::move(options)))
        {
        }
        boost::asio::io_context io{1};
        std::shared_ptr<detail::connection> connection;
    };

    beast_options options_;
    std::unique_ptr<impl> impl_;
};

// Non-blocking transport on a caller-run executor (an io_context the caller runs).
// async_send and async_wait may be called from any thread; requests are sent one at a
// time, in order, on one kept-alive connection per origin. Handlers run on an internal
// strand of `executor`, never inside async_send. The io_context must outlive the
// transport. Destroying the transport completes queued and in-flight requests with a
// transport_other error (once the io_context runs again) and drops pending timers.
class beast_async_transport {
public:
    using options_type = beast_options;

    explicit beast_async_transport(boost::asio::any_io_executor executor, beast_options options = {})
        : strand_(boost::asio::make_strand(executor)),
          state_(std::make_shared<detail::async_state>(strand_, std::move(options)))
    {
    }

    beast_async_transport(beast_async_transport&& other) noexcept = default;
    beast_async_transport& operator=(beast_async_transport&& other) noexcept
    {
        if (this != &other) {
            stop();
            strand_ = std::move(other.strand_);
            state_ = std::move(other.state_);
        }
        return *this;
    }
    beast_async_transport(beast_async_transport const&) = delete;
    beast_async_transport& operator=(beast_async_transport const&) = delete;
    ~beast_async_transport() { stop(); }

    void async_send(http_request req, response_handler handler)
    {
        boost::asio::post(strand_, [s = state_, req = std::move(req), h = std::move(handler)]() mutable {
            s->enqueue(std::move(req), std::move(h));
        });
    }

    void async_wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn)
    {
        boost::asio::post(strand_, [s = state_, delay, f = std::move(fn)]() mutable { s->wait(delay, std::move(f)); });
    }

    boost::asio::any_io_executor get_executor() const { return strand_; }

private:
    void stop()
    {
        if (state_) boost::asio::post(strand_, [s = std::move(state_)] { s->shutdown(); });
    }

    boost::asio::any_io_executor strand_;
    std::shared_ptr<detail::async_state> state_;
};

}  // namespace apibind::transport

#endif
