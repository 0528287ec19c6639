// Waiting for a Seam action attempt, as the official SDKs do: poll /action_attempts/get until the
// attempt leaves `pending`, at most `timeout` long, every `poll_interval`. The facade does this for
// every endpoint whose result is an action attempt (seam::policy::complete), unless the call says
// `{.wait = apibind::no_wait}`.
//
//   success   the attempt (its `success` alternative)
//   error     error_kind::action_attempt_failed: api_code = the attempt's error.type, message =
//             its error.message, data = the attempt as JSON
//   timeout   error_kind::action_attempt_timeout: the message says how long it waited; data = the
//             last attempt seen as JSON (action_attempt_of(e) decodes it)
//
// It polls at least once (even an attempt that arrived finished is confirmed), never waits past the
// deadline (the last wait is cut to what is left), and measures time as the larger of the steady
// clock and the waits it asked for, so a replaced sleep function or a game loop's timer bounds it.
// Sync: sleeps through the client's sleep function (client::set_sleep). Async: waits on the
// transport's async_wait (apibind::async_timer), so the host's tick drives it; no thread.
//
// Written over any union with a `status` tag (tag_value("status")) whose alternatives have
// `action_attempt_id`, and whose error alternatives have `error.type` / `error.message`.
#ifndef APIBIND_SEAM_ACTION_ATTEMPTS_WAIT_HPP
#define APIBIND_SEAM_ACTION_ATTEMPTS_WAIT_HPP

#include <apibind/client.hpp>
#include <apibind/detail/chained_call.hpp>
#include <apibind/detail/unwrap.hpp>
#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/encode.hpp>
#include <apibind/json/nullable.hpp>
#include <apibind/seam/action_attempt.hpp>
#include <apibind/seam/action_attempts.hpp>
#include <apibind/transport.hpp>

#include <boost/describe/class.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace apibind::seam {

enum class action_attempt_status { pending, success, error };

namespace detail {

// An attempt's error as the waiter reads it: every generated error alternative has these two.
struct action_attempt_error {
    std::string type{};
    std::string message{};
};
BOOST_DESCRIBE_STRUCT(action_attempt_error, (), (type, message))

// What the waiter reads from an attempt it has no alternative for (json::unrecognised's raw object).
struct action_attempt_fields {
    std::optional<std::string> action_attempt_id{};
    std::optional<std::string> action_type{};
    json::nullable<action_attempt_error> error{};  // null until the attempt fails
};
BOOST_DESCRIBE_STRUCT(action_attempt_fields, (), (action_attempt_id, action_type, error))

template <class Attempt>
action_attempt_fields fields_of(Attempt const& a)
{
    return a.visit([](auto const& alt) {
        action_attempt_fields f;
        if constexpr (requires { alt.raw.text; }) {  // json::unrecognised: read the raw object
            if (auto r = json::decode<action_attempt_fields>(alt.raw.text)) f = std::move(*r);
        } else {
            f.action_attempt_id = alt.action_attempt_id;
            if constexpr (requires { alt.error.type; alt.error.message; }) f.error = action_attempt_error{alt.error.type, alt.error.message};
        }
        return f;
    });
}

template <class Attempt>
action_attempt_status status_of(Attempt const& a)
{
    std::string_view const s = a.tag_value("status");
    if (s == "success") return action_attempt_status::success;
    if (s == "error") return action_attempt_status::error;
    return action_attempt_status::pending;  // pending, or a status the model does not know yet
}

template <class Attempt>
error attempt_error(error_kind kind, Attempt const& a, std::string message)
{
    error e = make_error(kind, kind == error_kind::action_attempt_timeout ? error_code::timed_out : error_code::none, std::move(message));
    e.data = json::encode(a);
    return e;
}

template <class Attempt>
error failed_error(Attempt const& a)
{
    auto f = fields_of(a);
    error e = attempt_error(error_kind::action_attempt_failed, a, f.error ? f.error->message : std::string("the action attempt failed"));
    if (f.error) e.api_code = f.error->type;
    return e;
}

template <class Attempt>
error timeout_error(Attempt const& a, std::chrono::milliseconds waited)
{
    auto f = fields_of(a);
    std::string m = "gave up waiting for action attempt " + f.action_attempt_id.value_or("?");
    if (std::string_view t = a.tag_value("action_type"); !t.empty()) m += " (" + std::string(t) + ")";
    m += " after " + std::to_string(waited.count()) + " ms; last status: " + std::string(a.tag_value("status"));
    return attempt_error(error_kind::action_attempt_timeout, a, std::move(m));
}

// Elapsed time: the larger of the steady clock and the waits asked for.
class wait_clock {
public:
    std::chrono::milliseconds elapsed() const
    {
        auto const real = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start_);
        return std::max(real, waited_);
    }
    // The next wait: the poll interval, cut to what is left; nullopt when the time is up.
    std::optional<std::chrono::milliseconds> next_wait(wait_options const& w)
    {
        auto const left = w.timeout - elapsed();
        if (left <= std::chrono::milliseconds(0)) return std::nullopt;
        auto const d = std::min(std::max(w.poll_interval, std::chrono::milliseconds(0)), left);
        waited_ += d;
        return d;
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::milliseconds waited_{0};
};

// The poll goes out with the call's headers, not its extra query parameters.
inline call_options poll_options(call_options const& opts)
{
    call_options o;
    o.headers = opts.headers;
    return o;
}

template <class Poll, class Attempt>
result<typename Poll::request> poll_request(Attempt const& a)
{
    static_assert(std::is_same_v<apibind::detail::unwrapped_t<Poll>, Attempt>, "the poll endpoint must return the same action attempt type");
    auto f = fields_of(a);
    if (!f.action_attempt_id || f.action_attempt_id->empty())
        return make_error(error_kind::decode, error_code::missing_member, "cannot wait for an action attempt without an action_attempt_id");
    typename Poll::request req{};
    req.action_attempt_id = std::move(*f.action_attempt_id);
    return req;
}

// Polls, and waits between polls, through `op` (chained_call.hpp): the handler runs once, and a
// cancel_handle to `op` stops the poll in flight or the wait (no poll after it).
template <class Core, class Attempt, class Poll>
struct async_attempt_wait : std::enable_shared_from_this<async_attempt_wait<Core, Attempt, Poll>> {
    Core& core;
    typename Poll::request request;
    Attempt last;
    wait_options wait;
    call_options opts;
    std::shared_ptr<apibind::detail::chained_call<result<Attempt>>> op;
    wait_clock clock;

    async_attempt_wait(Core& c, typename Poll::request r, Attempt a, wait_options w, call_options o,
                       std::shared_ptr<apibind::detail::chained_call<result<Attempt>>> h)
        : core(c), request(std::move(r)), last(std::move(a)), wait(w), opts(std::move(o)), op(std::move(h))
    {
    }

    void poll()
    {
        op->step([&] {
            return core.template async_call<Poll>(
                request, [self = this->shared_from_this()](result<typename Poll::response> r) { self->on_poll(std::move(r)); }, opts);
        });
    }

    void on_poll(result<typename Poll::response> r)
    {
        auto polled = apibind::detail::unwrap<Poll>(std::move(r));
        if (!polled) {
            op->finish(result<Attempt>(std::move(polled).error()));
            return;
        }
        last = std::move(*polled);
        switch (status_of(last)) {
        case action_attempt_status::success: op->finish(result<Attempt>(std::move(last))); return;
        case action_attempt_status::error: op->finish(result<Attempt>(failed_error(last))); return;
        case action_attempt_status::pending: break;
        }
        using transport_type = std::remove_reference_t<decltype(core.transport())>;
        if constexpr (async_timer<transport_type>) {
            auto const d = clock.next_wait(wait);
            if (!d) {
                op->finish(result<Attempt>(timeout_error(last, clock.elapsed())));
                return;
            }
            if (op->stopped()) return;  // cancelled: no wait, no poll
            core.transport().async_wait(*d, [self = this->shared_from_this()]() { self->poll(); });
        } else {
            error e = attempt_error(error_kind::action_attempt_timeout, last,
                                    "cannot wait for the action attempt: the transport has no async_wait (apibind::async_timer); "
                                    "pass call_options{.wait = apibind::no_wait} to take it unawaited");
            op->finish(result<Attempt>(std::move(e)));
        }
    }
};

}  // namespace detail

// Polls `Poll` (by default /action_attempts/get) until `attempt` finishes; see the top of this file.
template <class Poll = action_attempts::get, class Core, class Attempt>
result<Attempt> wait_for_action_attempt(Core& core, Attempt attempt, wait_options const& wait, call_options const& opts = {})
{
    if (!wait.enabled) return attempt;
    auto req = detail::poll_request<Poll>(attempt);
    if (!req) return req.error();
    auto const poll_opts = detail::poll_options(opts);
    detail::wait_clock clock;
    for (;;) {
        auto polled = apibind::detail::unwrap<Poll>(core.template call<Poll>(*req, poll_opts));
        if (!polled) return std::move(polled).error();
        attempt = std::move(*polled);
        switch (detail::status_of(attempt)) {
        case action_attempt_status::success: return attempt;
        case action_attempt_status::error: return detail::failed_error(attempt);
        case action_attempt_status::pending: break;
        }
        auto const d = clock.next_wait(wait);
        if (!d) return detail::timeout_error(attempt, clock.elapsed());
        core.sleep_for(*d);
    }
}

// The same over an async transport: handler(result<Attempt>) runs exactly once, where the transport
// completes; waits use the transport's async_wait. The core must outlive the operation. The
// returned handle cancels the waiting (the poll in flight, or the wait before the next): the
// handler then gets error_code::cancelled and no poll is sent after it.
template <class Poll = action_attempts::get, class Core, class Attempt, class Handler>
    requires std::is_invocable_v<std::decay_t<Handler>&, result<Attempt>>
cancel_handle async_wait_for_action_attempt(Core& core, Attempt attempt, wait_options const& wait, Handler&& handler,
                                            call_options const& opts = {})
{
    if (!wait.enabled) {
        handler(result<Attempt>(std::move(attempt)));
        return {};
    }
    auto req = detail::poll_request<Poll>(attempt);
    if (!req) {
        handler(result<Attempt>(req.error()));
        return {};
    }
    auto op = apibind::detail::make_chained_call<result<Attempt>>(std::forward<Handler>(handler));
    std::make_shared<detail::async_attempt_wait<Core, Attempt, Poll>>(core, std::move(*req), std::move(attempt), wait, detail::poll_options(opts), op)
        ->poll();
    return cancel_handle(op);
}

// The last attempt an action_attempt_failed / action_attempt_timeout error carries.
template <class Attempt = action_attempt>
result<Attempt> action_attempt_of(apibind::error const& e)
{
    if (e.data.empty() || (e.kind != error_kind::action_attempt_failed && e.kind != error_kind::action_attempt_timeout))
        return make_error(error_kind::invalid_argument, error_code::invalid_argument, "the error carries no action attempt");
    return json::decode<Attempt>(e.data);
}

}  // namespace apibind::seam

#endif
