// apibind: a call's time limits. A deadline for the whole call (every attempt and the waits between
// them) and a limit per attempt, set on the client and overridable per call. The attempt's limit
// travels to the transport in http_request::timeout; the client itself stops retrying when the
// next wait would pass the deadline.
#ifndef APIBIND_TIMEOUTS_HPP
#define APIBIND_TIMEOUTS_HPP

#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <chrono>
#include <string>

namespace apibind {

// Zero: no limit of the client's own (the transport's own limits still apply).
struct call_timeouts {
    std::chrono::milliseconds call{};     // the whole call: all attempts and the waits between them
    std::chrono::milliseconds attempt{};  // each attempt, connecting included (as the transport counts it)
};

namespace detail {

inline std::string milliseconds_text(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

// One call's clock against its limits. Shared by the sync and async paths.
class call_deadline {
    using clock = std::chrono::steady_clock;

public:
    explicit call_deadline(call_timeouts limits) : limits_(limits), start_(clock::now()) {}

    clock::time_point start() const noexcept { return start_; }
    std::chrono::milliseconds call_limit() const noexcept { return limits_.call; }

    // The limit for the next attempt (zero: none): the shorter of the attempt limit and what is
    // left of the call's deadline. False when nothing is left.
    bool next_attempt(std::chrono::milliseconds& limit)
    {
        attempt_start_ = clock::now();
        limit = limits_.attempt;
        bound_by_call_ = false;
        if (limits_.call.count() <= 0) return true;
        auto const left = std::chrono::duration_cast<std::chrono::milliseconds>(start_ + limits_.call - attempt_start_);
        if (left.count() <= 0) return false;
        if (limit.count() <= 0 || left < limit) {
            limit = left;
            bound_by_call_ = true;
        }
        return true;
    }

    // Whether waiting `delay` before another attempt still leaves time for it.
    bool wait_fits(std::chrono::milliseconds delay) const noexcept
    {
        return limits_.call.count() <= 0 || clock::now() + delay < start_ + limits_.call;
    }

    // A transport timeout of an attempt the client limited says which limit it was. (One that came
    // well before the limit was the transport's own, shorter one: left as it is.)
    void explain(error& e, int attempt, std::chrono::milliseconds limit) const
    {
        if (e.kind != error_kind::transport || e.code != error_code::timed_out || limit.count() <= 0) return;
        if (clock::now() - attempt_start_ + std::chrono::milliseconds(5) < limit) return;
        if (bound_by_call_) {
            e.code = error_code::deadline_exceeded;
            e.message = "the call's deadline of " + milliseconds_text(limits_.call) + " passed during attempt " +
                        std::to_string(attempt) + " (" + e.message + ")";
        } else {
            e.message = "attempt " + std::to_string(attempt) + " passed its limit of " + milliseconds_text(limit) + " (" +
                        e.message + ")";
        }
    }

    // The call ends at its deadline, with no time for the attempt after `attempts`; `last` is what
    // the last attempt gave.
    error expired(int attempts, result<http_response> const& last) const
    {
        std::string why = last ? "HTTP " + std::to_string(last->status) : to_string(last.error());
        return make_error(error_kind::transport, error_code::deadline_exceeded,
                          "the call's deadline of " + milliseconds_text(limits_.call) + " leaves no time for attempt " +
                              std::to_string(attempts + 1) + " (last: " + why + ")");
    }

    // The deadline passed before attempt `attempt` could start (a wait overran it).
    error passed_before(int attempt) const
    {
        return make_error(error_kind::transport, error_code::deadline_exceeded,
                          "the call's deadline of " + milliseconds_text(limits_.call) + " passed before attempt " +
                              std::to_string(attempt));
    }

private:
    call_timeouts limits_;
    clock::time_point start_;
    clock::time_point attempt_start_ = start_;
    bool bound_by_call_ = false;
};

}  // namespace detail
}  // namespace apibind

#endif
