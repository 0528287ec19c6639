// apibind::json::date_time: a timestamp sent as an RFC 3339 string (OpenAPI `format: date-time`).
// It keeps the server's exact text, so a decoded document encodes back byte for byte, and reads it
// as a std::chrono time point on request. Text that is not a valid timestamp is not a decode error
// (the server's text is kept); only to_time_point() reports it. Built on json::wire_traits.
#ifndef APIBIND_JSON_DATE_TIME_HPP
#define APIBIND_JSON_DATE_TIME_HPP

#include <apibind/error.hpp>
#include <apibind/json/wire_traits.hpp>

#include <chrono>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace apibind::json {

class date_time {
public:
    using duration = std::chrono::microseconds;
    using time_point = std::chrono::sys_time<duration>;

    date_time() = default;
    // Any text, kept as it is (checked only by to_time_point()).
    explicit date_time(std::string_view text) : text_(text) {}
    // A UTC timestamp: "2024-01-02T03:04:05Z", with ".678" or ".678901" when the time has a fraction.
    explicit date_time(time_point t) : text_(format(t)) {}

    std::string const& text() const noexcept { return text_; }
    bool empty() const noexcept { return text_.empty(); }
    void assign(std::string_view text) { text_.assign(text.data(), text.size()); }

    // The instant the text names. Accepts RFC 3339 (and the ISO 8601 forms around it):
    // YYYY-MM-DD, then 'T' (or 't' or ' '), hh:mm:ss, an optional fraction ('.' or ',', any number of
    // digits: those beyond microseconds are dropped), then 'Z' (or 'z') or an offset +hh:mm, +hhmm
    // or +hh. A leap second (:60) reads as the instant after it.
    result<time_point> to_time_point() const { return parse(text_); }

    friend bool operator==(date_time const&, date_time const&) = default;  // same text

    static result<time_point> parse(std::string_view s)
    {
        using namespace std::chrono;
        std::size_t i = 0;
        auto digits = [&](std::size_t n, int& out) {
            if (s.size() - i < n) return false;
            int v = 0;
            for (std::size_t k = 0; k < n; ++k) {
                char const c = s[i + k];
                if (c < '0' || c > '9') return false;
                v = v * 10 + (c - '0');
            }
            out = v;
            i += n;
            return true;
        };
        auto eat = [&](char c) {
            if (i < s.size() && s[i] == c) {
                ++i;
                return true;
            }
            return false;
        };
        int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
        if (!digits(4, y) || !eat('-') || !digits(2, mo) || !eat('-') || !digits(2, d)) return invalid(s, "a date YYYY-MM-DD");
        if (!(eat('T') || eat('t') || eat(' '))) return invalid(s, "'T' after the date");
        if (!digits(2, h) || !eat(':') || !digits(2, mi) || !eat(':') || !digits(2, sec)) return invalid(s, "a time hh:mm:ss");
        year_month_day const ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
        if (!ymd.ok()) return invalid(s, "a valid calendar date");
        if (h > 23 || mi > 59 || sec > 60) return invalid(s, "a valid time of day");
        std::int64_t micros = 0;
        if (eat('.') || eat(',')) {
            std::size_t const start = i;
            std::int64_t scale = 100000;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                micros += (s[i] - '0') * scale;
                scale /= 10;
                ++i;
            }
            if (i == start) return invalid(s, "digits after the decimal point");
        }
        int offset_minutes = 0;
        if (eat('Z') || eat('z')) {
        } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
            int const sign = s[i] == '-' ? -1 : 1;
            ++i;
            int oh = 0, om = 0;
            if (!digits(2, oh)) return invalid(s, "an offset +hh:mm");
            if (eat(':')) {
                if (!digits(2, om)) return invalid(s, "an offset +hh:mm");
            } else if (i < s.size()) {
                if (!digits(2, om)) return invalid(s, "an offset +hh:mm");
            }
            if (oh > 23 || om > 59) return invalid(s, "a valid offset");
            offset_minutes = sign * (oh * 60 + om);
        } else {
            return invalid(s, "'Z' or an offset such as +02:00");
        }
        if (i != s.size()) return invalid(s, "nothing after the offset");
        return time_point{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros} - minutes{offset_minutes};
    }

    static std::string format(time_point t)
    {
        using namespace std::chrono;
        sys_days const day_point = floor<days>(t);
        year_month_day const ymd{day_point};
        hh_mm_ss<microseconds> const hms{t - day_point};
        std::string out;
        out.reserve(32);
        auto put = [&](long long v, int width) {
            char buf[24];
            auto const r = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v);
            if (v < 0) out.push_back('-');
            for (auto n = r.ptr - buf; n < width; ++n) out.push_back('0');
            out.append(buf, r.ptr);
        };
        put(static_cast<int>(ymd.year()), 4);
        out.push_back('-');
        put(static_cast<unsigned>(ymd.month()), 2);
        out.push_back('-');
        put(static_cast<unsigned>(ymd.day()), 2);
        out.push_back('T');
        put(hms.hours().count(), 2);
        out.push_back(':');
        put(hms.minutes().count(), 2);
        out.push_back(':');
        put(hms.seconds().count(), 2);
        long long const us = hms.subseconds().count();
        if (us != 0) {
            out.push_back('.');
            if (us % 1000 == 0) put(us / 1000, 3);
            else put(us, 6);
        }
        out.push_back('Z');
        return out;
    }

private:
    static error invalid(std::string_view s, char const* expected)
    {
        std::string m = "invalid date-time \"";
        m.append(s.substr(0, 64));
        if (s.size() > 64) m += "...";
        m += "\": expected ";
        m += expected;
        return make_error(error_kind::decode, error_code::syntax, std::move(m));
    }

    std::string text_;
};

// The decoder may treat a date_time member as its text (see is_text_wrapper): its only member is
// the text, and from_wire keeps any text.
static_assert(std::is_standard_layout_v<date_time> && sizeof(date_time) == sizeof(std::string));
template <>
inline constexpr bool detail::is_text_wrapper<date_time> = true;

template <>
struct wire_traits<date_time> {
    using wire_type = std::string;
    static constexpr char const* expected = "a date-time string";
    static std::string const& to_wire(date_time const& t) noexcept { return t.text(); }
    static bool from_wire(std::string const& text, date_time& out)
    {
        out.assign(text);  // reuses the capacity of out's text
        return true;       // any text is kept; to_time_point() tells whether it is a valid date-time
    }
};

}  // namespace apibind::json

#endif
