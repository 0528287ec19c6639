// apibind: the definitions of the Beast transports' members (apibind/transport/beast.hpp). Included
// by beast.hpp in the header-only mode (the members are then inline), else by beast_src.hpp in
// the one translation unit that compiles them. Not meant to be included on its own.
#ifndef APIBIND_TRANSPORT_IMPL_BEAST_IPP
#define APIBIND_TRANSPORT_IMPL_BEAST_IPP

#include <apibind/transport/beast.hpp>
#include <apibind/transport/detail/beast_connection.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <deque>
#include <list>
#include <optional>
#include <utility>

namespace apibind::transport {

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

namespace detail {

// Together so that the connection is destroyed before the io_context it runs on.
struct sync_state {
    explicit sync_state(connection_options options)
        : connection(std::make_shared<detail::connection>(io.get_executor(), std::move(options)))
    {
    }
    boost::asio::io_context io{1};
    std::shared_ptr<detail::connection> connection;
};

}  // namespace detail

APIBIND_BEAST_DECL beast_sync_transport::beast_sync_transport(beast_options options)
    : options_(std::move(options)), state_(std::make_unique<detail::sync_state>(detail::connection_options_of(options_)))
{
}

APIBIND_BEAST_DECL beast_sync_transport::beast_sync_transport(beast_sync_transport&& other) noexcept = default;
APIBIND_BEAST_DECL beast_sync_transport& beast_sync_transport::operator=(beast_sync_transport&& other) noexcept = default;
APIBIND_BEAST_DECL beast_sync_transport::~beast_sync_transport() = default;

APIBIND_BEAST_DECL result<http_response> beast_sync_transport::send(http_request const& req)
{
    auto prepared = detail::prepare_request(req, options_.user_agent, "beast_sync_transport");
    if (!prepared) return prepared.error();

    std::optional<result<http_response>> out;
    state_->io.restart();  // the previous run() returned because it ran out of work
    state_->connection->async_exchange(std::move(*prepared),
                                       [&out](result<http_response> r) { out.emplace(std::move(r)); });
    state_->io.run();
    if (!out)  // unreachable unless a handler threw out of run()
        return make_error(error_kind::transport, error_code::transport_other, "the exchange did not complete");
    return std::move(*out);
}

APIBIND_BEAST_DECL beast_async_transport::beast_async_transport(boost::asio::any_io_executor executor, beast_options options)
    : strand_(boost::asio::make_strand(executor)),
      state_(std::make_shared<detail::async_state>(strand_, std::move(options)))
{
}

APIBIND_BEAST_DECL beast_async_transport& beast_async_transport::operator=(beast_async_transport&& other) noexcept
{
    if (this != &other) {
        stop();
        strand_ = std::move(other.strand_);
        state_ = std::move(other.state_);
    }
    return *this;
}

APIBIND_BEAST_DECL beast_async_transport::~beast_async_transport() { stop(); }

APIBIND_BEAST_DECL void beast_async_transport::async_send(http_request req, response_handler handler)
{
    boost::asio::post(strand_, [s = state_, req = std::move(req), h = std::move(handler)]() mutable {
        s->enqueue(std::move(req), std::move(h));
    });
}

APIBIND_BEAST_DECL void beast_async_transport::async_wait(std::chrono::milliseconds delay,
                                                          apibind::detail::unique_function<void()> fn)
{
    boost::asio::post(strand_, [s = state_, delay, f = std::move(fn)]() mutable { s->wait(delay, std::move(f)); });
}

APIBIND_BEAST_DECL void beast_async_transport::stop()
{
    if (state_) boost::asio::post(strand_, [s = std::move(state_)] { s->shutdown(); });
}

}  // namespace apibind::transport

#endif
