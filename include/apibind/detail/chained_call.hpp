// apibind::detail::chained_call<Result>: an async operation made of calls one after another (a
// call, then the polls that complete it; a page, then the next) that one cancel_handle ends as a
// whole. The facade's async forms (facade.hpp), the async paginator (paginate.hpp) and completions
// such as Seam's action-attempt wait return a handle to one.
//
// The operation's code starts each call through step() and ends through finish(); cancel() (the
// handle's) cancels the call in flight, whose own cancellation error the operation then hands on
// (it says what the server may have received), or, between calls, ends the operation itself. Either
// way the handler runs exactly once, with error_code::cancelled, and no call starts after it.
#ifndef APIBIND_DETAIL_CHAINED_CALL_HPP
#define APIBIND_DETAIL_CHAINED_CALL_HPP

#include <apibind/client.hpp>
#include <apibind/detail/unique_function.hpp>
#include <apibind/error.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <type_traits>
#include <utility>

namespace apibind::detail {

template <class Result>
class chained_call final : public cancellable_call {
public:
    explicit chained_call(unique_function<void(Result)> handler) : handler_(std::move(handler)) {}

    // Starts the next call unless the operation was cancelled or has ended: `start()` hands it to
    // the transport and returns its cancel_handle (or nothing, for a step that cannot be cancelled).
    template <class Start>
    void step(Start&& start)
    {
        if (stopped()) return;
        std::uint64_t const n = ++steps_;
        cancel_handle h;
        if constexpr (std::is_void_v<std::invoke_result_t<Start&>>) start();
        else h = start();
        {
            // A step whose call completed inline may have started the next one: keep the newest.
            std::lock_guard const lock(mutex_);
            if (steps_.load() == n) current_ = h;
        }
        if (cancelled_.load()) h.cancel();  // cancel() ran while this call was being started
    }

    // Cancelled or ended: the operation's code starts nothing more and hands nothing more on.
    bool stopped() const noexcept { return cancelled_.load() || ended_.load(); }

    // Ends the operation; only the first end runs the handler.
    bool finish(Result r)
    {
        if (ended_.exchange(true)) return false;
        auto handler = std::move(handler_);  // released with the call, not with the last handle
        handler(std::move(r));
        return true;
    }

    bool cancel() override
    {
        if (ended_.load() || cancelled_.exchange(true)) return false;
        cancel_handle h;
        {
            std::lock_guard const lock(mutex_);
            h = current_;
        }
        bool const by_call = h.cancel();
        bool const here = finish(Result(make_error(error_kind::transport, error_code::cancelled,
                                                   "the operation was cancelled between its calls: none was in flight")));
        return by_call || here;
    }

private:
    unique_function<void(Result)> handler_;
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> ended_{false};
    std::atomic<std::uint64_t> steps_{0};
    std::mutex mutex_;
    cancel_handle current_;  // the call of the latest step
};

// Starts a chained_call<Result> around `handler`; returns it (the caller keeps it alive through the
// completions it captures it in, and returns cancel_handle(op)).
template <class Result, class Handler>
std::shared_ptr<chained_call<Result>> make_chained_call(Handler&& handler)
{
    return std::make_shared<chained_call<Result>>(unique_function<void(Result)>(std::forward<Handler>(handler)));
}

}  // namespace apibind::detail

#endif
