// apibind: when a failed call is tried again, and how long to wait first.
#ifndef APIBIND_RETRY_HPP
#define APIBIND_RETRY_HPP

#include <apibind/transport.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string_view>

namespace apibind {

struct retry_policy {
    int max_attempts = 3;  // the first attempt included; 1 disables retries
    std::chrono::milliseconds initial_backoff{100};
    std::chrono::milliseconds max_backoff{5000};
    std::chrono::milliseconds max_retry_after{60000};  // a longer Retry-After is not waited for: the error is returned
    double jitter = 0.2;                               // up to +20% on each backoff, so clients do not retry in step
};

namespace detail {

inline bool parse_uint(std::string_view s, std::int64_t& out) noexcept
{
    if (s.empty() || s.size() > 12) return false;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT", as seconds since the epoch.
inline std::optional<std::int64_t> parse_http_date(std::string_view s) noexcept
{
    static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (s.size() != 29 || s.substr(25) != " GMT") return std::nullopt;
    std::int64_t day, year, hh, mm, ss;
    if (!parse_uint(s.substr(5, 2), day) || !parse_uint(s.substr(12, 4), year) || !parse_uint(s.substr(17, 2), hh) ||
        !parse_uint(s.substr(20, 2), mm) || !parse_uint(s.substr(23, 2), ss))
        return std::nullopt;
    int month = -1;
    for (int i = 0; i < 12; ++i)
        if (s.substr(8, 3) == months[i]) month = i + 1;
    if (month < 0) return std::nullopt;
    // days from civil (Howard Hinnant's algorithm)
    std::int64_t const y = year - (month <= 2);
    std::int64_t const era = (y >= 0 ? y : y - 399) / 400;
    std::int64_t const yoe = y - era * 400;
    std::int64_t const doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    std::int64_t const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    std::int64_t const days = era * 146097 + doe - 719468;
    return days * 86400 + hh * 3600 + mm * 60 + ss;
}

}  // namespace detail

// The wait a `Retry-After` header asks for (delta-seconds or an HTTP date), if any.
inline std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                                  std::chrono::system_clock::time_point now = std::chrono::system_clock::now())
{
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    std::int64_t seconds = 0;
    if (detail::parse_uint(value, seconds)) return std::chrono::milliseconds(seconds * 1000);
    if (auto at = detail::parse_http_date(value)) {
        auto const now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
        return std::chrono::milliseconds(std::max<std::int64_t>(0, *at - now_s) * 1000);
    }
    return std::nullopt;
}

// Whether an attempt's outcome may be retried. A 429 or a refused connection means the server did
// not act, so any endpoint may retry; a timeout, reset or 5xx may have acted, so only retry-safe ones.
inline bool is_retryable(result<http_response> const& outcome, bool retry_safe) noexcept
{
    if (!outcome) {
        error const& e = outcome.error();
        if (e.kind != error_kind::transport) return false;
        if (e.code == error_code::connection_refused) return true;
        return retry_safe && (e.code == error_code::timed_out || e.code == error_code::connection_reset);
    }
    int const s = outcome->status;
    if (s == 429) return true;
    return retry_safe && (s == 500 || s == 502 || s == 503 || s == 504);
}

// The wait before retry number `retry` (1 for the first retry), or nullopt to give up.
// `unit_random` is in [0, 1) and scales the jitter.
inline std::optional<std::chrono::milliseconds> retry_delay(retry_policy const& p, int retry, result<http_response> const& outcome,
                                                            double unit_random)
{
    using std::chrono::milliseconds;
    auto base = p.initial_backoff;
    for (int i = 1; i < retry && base < p.max_backoff; ++i) base *= 2;
    base = std::min(base, p.max_backoff);
    auto delay = base + milliseconds(static_cast<std::int64_t>(static_cast<double>(base.count()) * p.jitter * unit_random));
    if (outcome) {
        if (auto ra = parse_retry_after(outcome->header("retry-after"))) {
            if (*ra > p.max_retry_after) return std::nullopt;
            delay = std::max(delay, *ra);
        }
    }
    return delay;
}

}  // namespace apibind

#endif
