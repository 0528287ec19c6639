// apibind: watching calls. A client's observer is told when a request is about to be sent, when a
// response (or a transport error) comes back, when a retry is scheduled and why, and when the call
// is finished: enough for a log line or a metric. What it is shown is redacted first: no
// credential, no value of a header that may carry one, no user info and no query string of a URL
// that had user info.
#ifndef APIBIND_OBSERVER_HPP
#define APIBIND_OBSERVER_HPP

#include <apibind/detail/unique_function.hpp>
#include <apibind/error.hpp>
#include <apibind/transport.hpp>

#include <array>
#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace apibind {

enum class call_stage {
    sending,          // a request is about to be handed to the transport (once per attempt)
    received,         // the transport answered: a response with `status`, or `failure`
    retry_scheduled,  // another attempt follows after `retry_delay`; `status` or `failure` says why
    finished,         // the call is over: `attempt` attempts, `failure` null on success
};

constexpr std::string_view to_string(call_stage s) noexcept
{
    switch (s) {
        case call_stage::sending: return "sending";
        case call_stage::received: return "received";
        case call_stage::retry_scheduled: return "retry_scheduled";
        case call_stage::finished: return "finished";
    }
    return "unknown";
}

// What an observer is given. Views into the client's redacted copy: valid during the callback only.
struct call_event {
    call_stage stage = call_stage::sending;
    std::string_view method;                  // "POST", "GET", ...
    std::string_view endpoint;                // the descriptor's path: "/locks/unlock_door"
    std::string_view url;                     // the request's URL, redacted (redact_url)
    std::span<http_header const> headers;     // the request's headers, redacted (redact_headers)
    int attempt = 1;                          // 1, 2, ...; at `finished`, the attempts made
    int status = 0;                           // this attempt's HTTP status (the last one's at `finished`); 0: none arrived
    error const* failure = nullptr;           // the transport's error, or at `finished` the call's error; null otherwise
    std::chrono::milliseconds retry_delay{};  // at `retry_scheduled`: the wait before the next attempt
    std::chrono::microseconds elapsed{};      // since the call started
};

// Called on whatever thread runs the call's step (an async transport's thread or tick): an
// observer shared by calls that run on several threads must be thread-safe itself.
using call_observer = detail::unique_function<void(call_event const&)>;

inline constexpr std::string_view redacted = "<redacted>";

namespace detail {
inline bool icontains(std::string_view haystack, std::string_view needle) noexcept
{
    if (needle.size() > haystack.size()) return false;
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i)
        if (iequals(haystack.substr(i, needle.size()), needle)) return true;
    return false;
}
}  // namespace detail

// Headers whose value may be a credential: the standard ones, and any name that says so (Seam's
// seam-client-session-token, SuperOffice's SO-AppToken, x-api-key, ...). Matching too much only
// hides a value from a log line; matching too little leaks a secret.
inline bool is_sensitive_header(std::string_view name) noexcept
{
    constexpr std::array<std::string_view, 9> parts = {"auth", "cookie", "token", "key", "secret", "password",
                                                      "session", "signature", "credential"};
    for (auto p : parts)
        if (detail::icontains(name, p)) return true;
    return false;
}

// The URL without user info; without its query too when it had user info (a URL that carries a
// password may carry more in its query), and with the value of each query parameter whose name
// says it may be a credential replaced by "<redacted>".
inline std::string redact_url(std::string_view url)
{
    std::string out;
    std::string_view rest = url;
    bool had_user_info = false;
    if (auto scheme = rest.find("://"); scheme != std::string_view::npos) {
        out.append(rest.substr(0, scheme + 3));
        rest.remove_prefix(scheme + 3);
        auto const authority_end = rest.find_first_of("/?#");
        auto const at = rest.substr(0, authority_end).rfind('@');
        if (at != std::string_view::npos) {
            had_user_info = true;
            rest.remove_prefix(at + 1);
        }
    }
    rest = rest.substr(0, rest.find('#'));
    auto const q = rest.find('?');
    out.append(rest.substr(0, q));
    if (q == std::string_view::npos || had_user_info) return out;
    std::string_view query = rest.substr(q + 1);
    char sep = '?';
    while (!query.empty()) {
        auto const amp = query.find('&');
        std::string_view const pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        out.push_back(sep);
        sep = '&';
        auto const eq = pair.find('=');
        if (eq != std::string_view::npos && is_sensitive_header(pair.substr(0, eq))) {
            out.append(pair.substr(0, eq + 1));
            out.append(redacted);
        } else {
            out.append(pair);
        }
    }
    return out;
}

// The headers with the value of each sensitive one (is_sensitive_header) replaced by "<redacted>".
inline std::vector<http_header> redact_headers(std::span<http_header const> headers)
{
    std::vector<http_header> out;
    out.reserve(headers.size());
    for (auto const& h : headers) out.push_back({h.name, is_sensitive_header(h.name) ? std::string(redacted) : h.value});
    return out;
}

namespace detail {

// One call as its observer sees it: the redacted request, made once per call and only when there
// is an observer (a client without one pays a null check per stage).
class observed_call {
public:
    observed_call(call_observer* observer, std::string_view endpoint, http_request const& r)
        : observer_(observer && *observer ? observer : nullptr), endpoint_(endpoint)
    {
        if (!observer_) return;
        method_ = r.method;
        url_ = redact_url(r.url);
        headers_ = redact_headers(r.headers);
    }

    void sending(int attempt) const { emit(call_stage::sending, attempt, 0, nullptr, {}); }

    void received(int attempt, result<http_response> const& outcome) const
    {
        if (observer_) emit_outcome(call_stage::received, attempt, outcome, {});
    }

    void retry_scheduled(int attempt, result<http_response> const& outcome, std::chrono::milliseconds delay) const
    {
        if (observer_) emit_outcome(call_stage::retry_scheduled, attempt, outcome, delay);
    }

    // `last` is the last attempt's outcome, `call` what the caller gets.
    template <class T>
    void finished(int attempts, result<http_response> const& last, result<T> const& call) const
    {
        if (!observer_) return;
        int const status = last ? last->status : 0;
        if (call) {
            emit(call_stage::finished, attempts, status, nullptr, {});
        } else {
            error const e = call.error();  // result::error() returns a copy
            emit(call_stage::finished, attempts, status, &e, {});
        }
    }

private:
    void emit_outcome(call_stage stage, int attempt, result<http_response> const& outcome, std::chrono::milliseconds delay) const
    {
        if (outcome) {
            emit(stage, attempt, outcome->status, nullptr, delay);
        } else {
            error const e = outcome.error();
            emit(stage, attempt, 0, &e, delay);
        }
    }

    void emit(call_stage stage, int attempt, int status, error const* failure, std::chrono::milliseconds delay) const
    {
        if (!observer_) return;
        call_event e;
        e.stage = stage;
        e.method = method_;
        e.endpoint = endpoint_;
        e.url = url_;
        e.headers = headers_;
        e.attempt = attempt;
        e.status = status;
        e.failure = failure;
        e.retry_delay = delay;
        e.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start_);
        (*observer_)(e);
    }

    call_observer* observer_;
    std::string_view endpoint_;
    std::string method_;
    std::string url_;
    std::vector<http_header> headers_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace detail
}  // namespace apibind

#endif
