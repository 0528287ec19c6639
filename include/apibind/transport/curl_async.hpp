// apibind: a non-blocking HTTP/1.1 transport on libcurl's multi interface, driven by the host.
//
//   apibind::transport::curl_async_transport   models apibind::async_transport and apibind::async_timer
//
// CMake target apibind::curl (links CURL::libcurl). Nothing happens in the background: there is
// no thread of its own. The host drives it from its loop, like a game engine's tick:
//
//   poll()        sends and receives what it can without blocking, then runs the handlers whose
//                 transfer ended, whose timer is due, or whose request was refused; returns how
//                 many ran
//   wait(t)       blocks until a socket is ready, a timer is due or libcurl needs attention, at
//                 most `t` (curl_multi_poll); runs nothing
//   run_for(d)    wait() and poll() until `d` has passed or nothing is pending
//   run()         until nothing is pending
//   wake()        makes a wait() on another thread return early (the only call safe from any thread)
//
// Handlers run inside poll() (and run_for/run), exactly once, never inside async_send or
// async_wait: a request refused before sending (the same checks and messages as curl_transport)
// completes on the next poll. Many transfers run at once; libcurl's multi handle keeps the
// connections, TLS sessions and DNS cache for all of them.
//
// The same behaviour as curl_transport, from the same code (detail/curl_easy.hpp): options,
// request checks, per-request time limit (the shorter of request_timeout and the request's
// http_request::timeout), TLS verification, body size limit, no redirects followed, no proxies
// from the environment, error mapping, and error messages without header values, query or body.
//
// Thread safety: one thread drives the transport: async_send, async_wait, poll, wait, run_for,
// run and the destructor are called from that thread (a client over it is used from it too).
// wake() may be called from any thread; so may a cancel_handle's cancel(), which does not touch
// the transport (a cancelled call's transfer goes on until its own limits end it; its answer is
// dropped by the client).
//
// Destruction with transfers in flight, timers pending or refusals not yet delivered: they are
// dropped. Their handlers are destroyed without being called, because calling them from a
// destructor could reach a client that is itself half destroyed (a client owns its transport and
// destroys it last). Run until pending() is 0 first if every handler must run. Do not destroy
// the transport, or call poll/wait/run on it, from inside one of its handlers.
//
// Movable (a moved-from transport may only be destroyed or assigned to), not copyable.
#ifndef APIBIND_TRANSPORT_CURL_ASYNC_HPP
#define APIBIND_TRANSPORT_CURL_ASYNC_HPP

#include <apibind/detail/unique_function.hpp>
#include <apibind/error.hpp>
#include <apibind/transport.hpp>
#include <apibind/transport/detail/curl_easy.hpp>
#include <apibind/transport/detail/request_checks.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace apibind::transport {

namespace detail {

struct curl_multi_deleter {
    void operator()(CURLM* m) const noexcept { curl_multi_cleanup(m); }
};

// One request on its way: everything libcurl points into lives here, on the heap, until the
// transfer ends.
struct curl_async_transfer {
    std::unique_ptr<CURL, curl_easy_deleter> easy;
    http_request request;
    checked_request checked;
    curl_transfer state;
    response_handler handler;
};

// The transport's state, behind one pointer so that the transport can move while libcurl holds
// pointers into it (the options' CA PEM, each transfer's buffers).
class curl_async_state {
public:
    explicit curl_async_state(curl_options options) : options_(std::move(options))
    {
        if (curl_global_ready()) multi_.reset(curl_multi_init());
    }

    curl_async_state(curl_async_state const&) = delete;
    curl_async_state& operator=(curl_async_state const&) = delete;

    ~curl_async_state()
    {
        // Dropped, not completed (see curl_async.hpp). Easy handles leave the multi handle
        // before either is cleaned up, as libcurl requires.
        for (auto& [easy, t] : transfers_) curl_multi_remove_handle(multi_.get(), easy);
        transfers_.clear();
        idle_.clear();
        ready_.clear();
        timers_.clear();
        multi_.reset();
    }

    void async_send(http_request req, response_handler handler)
    {
        auto checked = check_request(req, options_.user_agent, "curl_async_transport", https_support::available);
        if (!checked) return refuse(std::move(handler), checked.error());
        auto t = std::make_unique<curl_async_transfer>();
        t->request = std::move(req);
        t->checked = std::move(*checked);
        t->handler = std::move(handler);
        if (!idle_.empty()) {
            t->easy = std::move(idle_.back());
            idle_.pop_back();
        } else if (multi_) {
            t->easy.reset(curl_easy_init());
        }
        if (!multi_ || !t->easy)
            return refuse(std::move(t->handler),
                          transport_error(error_code::transport_other, "libcurl could not be initialised", t->checked.description));
        CURL* const easy = t->easy.get();
        if (auto prepared = prepare_transfer(easy, t->request, t->checked, options_, t->state); !prepared)
            return refuse(std::move(t->handler), prepared.error());
        if (curl_multi_add_handle(multi_.get(), easy) != CURLM_OK)
            return refuse(std::move(t->handler), transport_error(error_code::transport_other, "libcurl refused the transfer",
                                                                 t->checked.description));
        transfers_.emplace(easy, std::move(t));
    }

    void async_wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn)
    {
        timers_.emplace(std::chrono::steady_clock::now() + std::max(delay, std::chrono::milliseconds(0)), std::move(fn));
    }

    std::size_t poll()
    {
        std::size_t ran = 0;
        // Refusals queued before this poll (not those its handlers queue: they wait for the next).
        auto refused = std::move(ready_);
        ready_.clear();
        for (auto& f : refused) {
            f();
            ++ran;
        }
        if (!transfers_.empty()) {
            int running = 0;
            curl_multi_perform(multi_.get(), &running);
            ran += complete_finished();
        }
        // Timers due now; those their handlers start run on a later poll.
        auto const now = std::chrono::steady_clock::now();
        std::vector<apibind::detail::unique_function<void()>> due;
        while (!timers_.empty() && timers_.begin()->first <= now) {
            due.push_back(std::move(timers_.begin()->second));
            timers_.erase(timers_.begin());
        }
        for (auto& f : due) {
            f();
            ++ran;
        }
        return ran;
    }

    void wait(std::chrono::milliseconds timeout)
    {
        if (!ready_.empty()) return;
        auto limit = std::max(timeout, std::chrono::milliseconds(0));
        if (!timers_.empty()) {
            auto const until_timer =
                std::chrono::ceil<std::chrono::milliseconds>(timers_.begin()->first - std::chrono::steady_clock::now());
            limit = std::clamp(until_timer, std::chrono::milliseconds(0), limit);
        }
        if (!multi_) {  // libcurl could not start: no transfers, only timers to wait for
            std::this_thread::sleep_for(limit);
            return;
        }
        int const ms = static_cast<int>(std::min<std::chrono::milliseconds::rep>(limit.count(), INT_MAX));
        // Also returns when libcurl's own timeout for a transfer (connect, request) comes up.
        curl_multi_poll(multi_.get(), nullptr, 0, ms, nullptr);
    }

    void wake() noexcept
    {
        if (multi_) curl_multi_wakeup(multi_.get());
    }

    std::size_t pending() const noexcept { return transfers_.size() + ready_.size() + timers_.size(); }
    std::size_t in_flight() const noexcept { return transfers_.size(); }

private:
    void refuse(response_handler handler, error e)
    {
        ready_.push_back([h = std::move(handler), e = std::move(e)]() mutable { h(result<http_response>(std::move(e))); });
    }

    // Hands every ended transfer's outcome to its handler.
    std::size_t complete_finished()
    {
        std::size_t ran = 0;
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
            if (msg->msg != CURLMSG_DONE) continue;
            CURL* const easy = msg->easy_handle;  // copied out: msg dies with remove_handle
            CURLcode const code = msg->data.result;
            auto const it = transfers_.find(easy);
            if (it == transfers_.end()) continue;
            std::unique_ptr<curl_async_transfer> t = std::move(it->second);
            transfers_.erase(it);
            curl_multi_remove_handle(multi_.get(), easy);
            auto outcome = finish_transfer(easy, code, t->request, t->checked, t->state);
            curl_easy_reset(easy);  // drops its pointers into `t` before `t` goes
            if (idle_.size() < max_idle_handles) idle_.push_back(std::move(t->easy));
            auto handler = std::move(t->handler);
            t.reset();
            // The handler may start new transfers (a retry): adding them between info reads is allowed.
            handler(std::move(outcome));
            ++ran;
        }
        return ran;
    }

    static constexpr std::size_t max_idle_handles = 64;  // reused easy handles kept for the next transfers

    curl_options options_;
    std::unique_ptr<CURLM, curl_multi_deleter> multi_;
    std::unordered_map<CURL*, std::unique_ptr<curl_async_transfer>> transfers_;
    std::vector<std::unique_ptr<CURL, curl_easy_deleter>> idle_;
    std::deque<apibind::detail::unique_function<void()>> ready_;
    // Ordered by due time; equal times keep their order (multimap inserts after equal keys).
    std::multimap<std::chrono::steady_clock::time_point, apibind::detail::unique_function<void()>> timers_;
};

}  // namespace detail

class curl_async_transport {
public:
    using options_type = curl_options;

    explicit curl_async_transport(curl_options options = {})
        : state_(std::make_unique<detail::curl_async_state>(std::move(options)))
    {
    }

    // Starts the request; `handler` runs exactly once, inside a later poll().
    void async_send(http_request req, response_handler handler) { state_->async_send(std::move(req), std::move(handler)); }

    // Runs `fn` in the first poll() at least `delay` from now.
    void async_wait(std::chrono::milliseconds delay, apibind::detail::unique_function<void()> fn)
    {
        state_->async_wait(delay, std::move(fn));
    }

    // Does what is ready without blocking; returns how many handlers ran.
    std::size_t poll() { return state_->poll(); }

    // Blocks until there may be something for poll() to do, at most `timeout`.
    void wait(std::chrono::milliseconds timeout) { state_->wait(timeout); }

    // Waits and polls until `duration` has passed or nothing is pending; returns how many handlers ran.
    std::size_t run_for(std::chrono::milliseconds duration)
    {
        auto const end = std::chrono::steady_clock::now() + duration;
        std::size_t ran = poll();
        for (auto now = std::chrono::steady_clock::now(); pending() > 0 && now < end; now = std::chrono::steady_clock::now()) {
            wait(std::chrono::ceil<std::chrono::milliseconds>(end - now));
            ran += poll();
        }
        return ran;
    }

    // Waits and polls until nothing is pending; returns how many handlers ran.
    std::size_t run()
    {
        std::size_t ran = poll();
        while (pending() > 0) {
            wait(std::chrono::milliseconds(1000));
            ran += poll();
        }
        return ran;
    }

    // Makes a wait() in progress (or the next one) return at once. Safe from any thread.
    void wake() noexcept { state_->wake(); }

    // Transfers in flight, timers not yet run and refusals not yet delivered.
    std::size_t pending() const noexcept { return state_->pending(); }
    // Transfers in flight only.
    std::size_t in_flight() const noexcept { return state_->in_flight(); }

private:
    std::unique_ptr<detail::curl_async_state> state_;
};

}  // namespace apibind::transport

#endif
