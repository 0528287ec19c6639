// apibind::json::date_time: a timestamp sent as an RFC 3339 string (OpenAPI `format: date-time`).
// It keeps the server's exact text, so a decoded document encodes back byte for byte, and reads it
// as a std::chrono time point on request. Text that is not a valid timestamp is not a decode error
// (the server's text is kept); only to_time_point() reports it. The codec stores it as its text
// (json::stored_as_text, wire_traits.hpp).
#ifndef APIBIND_JSON_DATE_TIME_HPP
#define APIBIND_JSON_DATE_TIME_HPP

#include <apibind/error.hpp>
#include <apibind/json/wire_traits.hpp>

#include <chrono>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace apibind::json {

class date_time {
public:
    using duration = std::chrono::microseconds;
    using time_point = std::chrono::sys_time<duration>;

    // Texts up to this long are kept inside the object, without an allocation: the longest RFC 3339
    // form of to_time_point() below, nanoseconds and an offset ("2025-06-15T16:54:19.123456789-05:00",
    // 35), fits with room to spare. 39 and a length byte make 40 bytes, the smallest multiple of
    // the pointer's alignment that holds 35. Longer text goes to the heap.
    static constexpr std::size_t inline_capacity = 39;

    date_time() noexcept = default;
    // Any text, kept as it is (checked only by to_time_point()).
    explicit date_time(std::string_view text) { assign(text); }
    // A UTC timestamp: "2024-01-02T03:04:05Z", with ".678" or ".678901" when the time has a fraction.
    explicit date_time(time_point t) { assign(format(t)); }

    date_time(date_time const& o)
    {
        if (o.size_ != on_heap) take_bytes(o);  // the inline text: all its bytes, a fixed-size copy
        else assign(o.text());
    }
    date_time(date_time&& o) noexcept
    {
        take_bytes(o);  // the inline text, or the heap text's pointer
        o.size_ = 0;
    }
    date_time& operator=(date_time const& o)
    {
        if (this != &o) assign(o.text());  // keeps this one's heap storage when the text fits it
        return *this;
    }
    date_time& operator=(date_time&& o) noexcept
    {
        if (this != &o) {
            release();
            take_bytes(o);
            o.size_ = 0;
        }
        return *this;
    }
    ~date_time() { release(); }

    std::string_view text() const noexcept
    {
        if (size_ != on_heap) return {bytes_, size_};
        heap_text const h = heap();
        return {h.data, h.size};
    }
    bool empty() const noexcept { return text().empty(); }
    // Replaces the text (which may be part of this one's). Storage is reused: a decode_into that
    // overwrites a date_time allocates only for a text longer than any it held before.
    void assign(std::string_view text)
    {
        std::size_t const n = text.size();
        if (size_ != on_heap && n <= inline_capacity) {
            copy_inline(text.data(), n);
            size_ = static_cast<unsigned char>(n);
            return;
        }
        assign_long(text);
    }

    // The instant the text names. Accepts RFC 3339 (and the ISO 8601 forms around it):
    // YYYY-MM-DD, then 'T' (or 't' or ' '), hh:mm:ss, an optional fraction ('.' or ',', any number of
    // digits: those beyond microseconds are dropped), then 'Z' (or 'z') or an offset +hh:mm, +hhmm
    // or +hh. A leap second (:60) reads as the instant after it.
    result<time_point> to_time_point() const { return parse(text()); }

    friend bool operator==(date_time const& a, date_time const& b) noexcept { return a.text() == b.text(); }  // same text

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

    // Longer text: on the heap, its pointer, size and capacity in bytes_ (read with memcpy).
    struct heap_text {
        char* data;
        std::size_t size;
        std::size_t capacity;
    };
    static constexpr unsigned char on_heap = 0xff;
    static_assert(sizeof(heap_text) <= inline_capacity && inline_capacity < on_heap);

    heap_text heap() const noexcept
    {
        heap_text h;
        std::memcpy(&h, bytes_, sizeof h);
        return h;
    }
    void set_heap(heap_text const& h) noexcept
    {
        std::memcpy(bytes_, &h, sizeof h);
        size_ = on_heap;
    }
    void take_bytes(date_time const& o) noexcept
    {
        std::memcpy(bytes_, o.bytes_, sizeof bytes_);
        size_ = o.size_;
    }
    void release() noexcept
    {
        if (size_ == on_heap) delete[] heap().data;
    }

    // n <= inline_capacity bytes from `in` (possibly inside bytes_) to bytes_: fixed-size block
    // copies that overlap, every block loaded before any is stored, instead of a call to memmove
    // (the texts are short).
    void copy_inline(char const* in, std::size_t n) noexcept
    {
        static_assert(inline_capacity <= 48);  // three blocks of 16 cover it
        if (n >= 16) {
            // [0, 16), [16, 32) when n > 32, and [n - 16, n).
            char a[16], b[16], c[16];
            std::memcpy(a, in, 16);
            std::memcpy(c, in + n - 16, 16);
            if (n > 32) std::memcpy(b, in + 16, 16);
            std::memcpy(bytes_, a, 16);
            if (n > 32) std::memcpy(bytes_ + 16, b, 16);
            std::memcpy(bytes_ + n - 16, c, 16);
        } else if (n >= 8) {
            char a[8], b[8];
            std::memcpy(a, in, 8);
            std::memcpy(b, in + n - 8, 8);
            std::memcpy(bytes_, a, 8);
            std::memcpy(bytes_ + n - 8, b, 8);
        } else if (n >= 4) {
            char a[4], b[4];
            std::memcpy(a, in, 4);
            std::memcpy(b, in + n - 4, 4);
            std::memcpy(bytes_, a, 4);
            std::memcpy(bytes_ + n - 4, b, 4);
        } else if (n > 0) {
            char const a = in[0], b = in[n / 2], c = in[n - 1];
            bytes_[0] = a;
            bytes_[n / 2] = b;
            bytes_[n - 1] = c;
        }
    }
#if defined(__GNUC__)
    [[gnu::noinline]]
#endif
    void assign_long(std::string_view text)
    {
        std::size_t const n = text.size();
        if (size_ == on_heap) {
            heap_text h = heap();
            if (n <= h.capacity) {  // any length, inline ones too: the storage stays for the next long text
                std::memmove(h.data, text.data(), n);
                h.size = n;
                set_heap(h);
                return;
            }
        }
        heap_text const h{new char[n], n, n};
        std::memcpy(h.data, text.data(), n);  // before the old storage goes: text may be in it
        release();
        set_heap(h);
    }

    alignas(heap_text) char bytes_[inline_capacity] = {};
    unsigned char size_ = 0;  // the inline text's length, or on_heap
};

static_assert(sizeof(date_time) == date_time::inline_capacity + 1);

template <>
inline constexpr bool stored_as_text<date_time> = true;

}  // namespace apibind::json

#endif
