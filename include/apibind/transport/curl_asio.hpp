// apibind: the async libcurl transport driven by an Asio executor instead of the host's loop.
//
//   apibind::transport::curl_asio_transport   models apibind::async_transport and apibind::async_timer,
//                                             and has get_executor() (apibind/asio.hpp uses it)
//
// CMake target apibind::curl (and Boost.Asio's headers). It owns a curl_async_transport and
// polls it on an Asio timer, on a strand of the given executor, while it has work: every
// `poll_interval` (default 1 ms) as long as a transfer, a timer or a refusal is pending, not at
// all when idle. So a call's latency grows by up to one interval, and a busy transport costs up
// to 1,000 wake-ups a second; in return the design is small and has the curl transport's exact
// behaviour (options, limits, TLS, error mapping; curl_async.hpp). A socket-level integration
// (CURLMOPT_SOCKETFUNCTION with Asio descriptors) would wake only on I/O; it is not done.
//
// async_send and async_wait may be called from any thread: they are posted to the strand.
// Handlers run on the strand, exactly once, never inside async_send or async_wait.
//
// Destruction: the transport's state lives on until operations already posted to the strand
// have run; then transfers still in flight and timers still pending are dropped, their handlers
// destroyed without being called (as curl_async_transport does, and for the same reason).
// Destroying the io_context first also destroys them uncalled. Movable, not copyable.
#ifndef APIBIND_TRANSPORT_CURL_ASIO_HPP
#define APIBIND_TRANSPORT_CURL_ASIO_HPP

#include <apibind/detail/unique_function.hpp>
#include <apibind/transport.hpp>
#include <apibind/transport/curl_async.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/system/error_code.hpp>

#include <chrono>
#include <memory>
#include <utility>

namespace apibind::transport {

namespace detail {

// Lives on the strand; the timer's handler holds it weakly, so dropping the last owner ends it.
class curl_asio_state : public std::enable_shared_from_this<curl_asio_state> {
public:
    curl_asio_state(boost::asio::any_io_executor const& strand, curl_options options, std::chrono::milliseconds interval)
        : transport(std::move(options)), timer_(strand), interval_(interval)
    {
    }

    // On the strand: polls now, then every interval while something is pending.
    void arm()
    {
        if (armed_) return;
        armed_ = true;
        timer_.expires_after(std::chrono::milliseconds(0));
        wait();
    }

    curl_async_transport transport;

private:
    void wait()
    {
        timer_.async_wait([weak = weak_from_this()](boost::system::error_code const& ec) {
            auto self = weak.lock();
            if (ec || !self) return;  // destroyed
            self->transport.poll();
            if (self->transport.pending() == 0) {
                self->armed_ = false;
                return;
            }
            self->timer_.expires_after(self->interval_);
            self->wait();
        });
    }

    boost::asio::steady_timer timer_;
    std::chrono::milliseconds interval_;
    bool armed_ = false;
};

}  // namespace detail

class curl_asio_transport {
public:
    using options_type = curl_options;

    explicit curl_asio_transport(boost::asio::any_io_executor const& executor, curl_options options = {},
                                 std::chrono::milliseconds poll_interval = std::chrono::milliseconds(1))
        : strand_(boost::asio::make_strand(executor)),
          state_(std::make_shared<detail::curl_asio_state>(strand_, std::move(options), poll_interval))
    {
    }

    void async_send(http_request req, response_handler handler)
    {
        boost::asio::post(strand_, [s = state_, req = std::move(req), h = std::move(handler)]() mutable {
            s->transport.async_send(std::move(req), std::move(h));
            s->arm();
        });
    }

    void async_wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn)
    {
        boost::asio::post(strand_, [s = state_, delay, f = std::move(fn)]() mutable {
            s->transport.async_wait(delay, std::move(f));
            s->arm();
        });
    }

    // The strand handlers run on.
    boost::asio::any_io_executor get_executor() const { return strand_; }

private:
    boost::asio::any_io_executor strand_;
    std::shared_ptr<detail::curl_asio_state> state_;
};

}  // namespace apibind::transport

#endif
