// Shared helpers for apibind's libFuzzer targets (tests/fuzz/*.cpp).
//
// Every decode target checks, on each input its type accepts, the round-trip property:
//   s1 = encode(decode<T>(x))  ->  decode<T>(s1) succeeds  ->  encode of that == s1
// and, on every input, that the decoder's two paths agree (differential below): the recursive
// descent (detail/descent.hpp) never accepts what the events refuse, nor decodes another value.
// It aborts (a crash libFuzzer reports with a reproducer) when one does not hold.
#ifndef APIBIND_FUZZ_COMMON_HPP
#define APIBIND_FUZZ_COMMON_HPP

#include <apibind/error.hpp>
#include <apibind/json/decode.hpp>
#include <apibind/json/detail/descent.hpp>
#include <apibind/json/encode.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace apibind_fuzz {

[[noreturn]] inline void violation(char const* what, std::string_view a, std::string_view b = {})
{
    std::fprintf(stderr, "\n*** apibind fuzz invariant violated: %s\n", what);
    std::fprintf(stderr, "--- first:\n%.*s\n", static_cast<int>(a.size() > 4000 ? 4000 : a.size()), a.data());
    if (!b.empty()) std::fprintf(stderr, "--- second:\n%.*s\n", static_cast<int>(b.size() > 4000 ? 4000 : b.size()), b.data());
    std::abort();
}

// to_string(error) is one line: no control characters, whatever the input held.
inline void check_one_line(std::string_view line)
{
    for (char c : line)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) violation("to_string(error) holds a control character", line);
}

// Error text must stay bounded and be a printable summary: every error the codec returns names
// a kind and a code, and prints without crashing.
inline void check_error(apibind::error const& e)
{
    if (e.kind != apibind::error_kind::decode) violation("a decode failure is not error_kind::decode", to_string(e));
    if (e.code == apibind::error_code::none) violation("a decode failure has no error_code", to_string(e));
    std::string const line = to_string(e);
    if (line.empty()) violation("empty error text", line);
    check_one_line(line);
}

// The decoder's two paths on `bytes` under `opt`. decode_buffer runs the descent first and the
// events only when it gives up, so what the descent accepts must be what the events accept, to
// the same value; and the public decode must give the events' answer, error text included
// (the events then ran over a target the descent left partly updated). `used`, when given, is
// a T that already holds a value: the descent over it, when it takes the document, must give
// the value a fresh decode gives (decode_into's reuse through the fast path).
template <class T>
void differential(std::string_view bytes, apibind::json::decode_options const& opt, T const* used = nullptr)
{
    namespace detail = apibind::json::detail;
    detail::decode_scratch_lease lease;
    T by_descent{};
    bool const took = detail::decode_by_descent(bytes, &by_descent, detail::ops_for<T>(), opt, nullptr, lease.get(), false);
    T by_events{};
    apibind::error events_error;
    bool const events_ok = detail::decode_by_events(bytes, &by_events, detail::ops_for<T>(), opt, nullptr, lease.get(), events_error);
    if (took && !events_ok) violation("the descent accepted what the events refuse", bytes, to_string(events_error));
    std::string const expected = events_ok ? apibind::json::encode(by_events) : std::string();
    if (took && apibind::json::encode(by_descent) != expected)
        violation("the descent and the events decode different values", apibind::json::encode(by_descent), expected);

    auto const pub = apibind::json::decode<T>(bytes, opt);
    if (pub.has_value() != events_ok) violation("decode and the events disagree on acceptance", bytes, events_ok ? "events accept" : to_string(events_error));
    if (pub) {
        if (apibind::json::encode(*pub) != expected) violation("decode differs from the events' value", apibind::json::encode(*pub), expected);
    } else if (to_string(pub.error()) != to_string(events_error)) {
        violation("decode's error differs from the events' error", to_string(pub.error()), to_string(events_error));
    }

    if (used != nullptr) {
        T again = *used;
        if (detail::decode_by_descent(bytes, &again, detail::ops_for<T>(), opt, nullptr, lease.get(), true)) {
            if (!events_ok) violation("the descent over a used value accepted what the events refuse", bytes, to_string(events_error));
            if (apibind::json::encode(again) != expected)
                violation("the descent over a used value differs from a fresh decode", apibind::json::encode(again), expected);
        }
    }
}

// Decodes `bytes` as T; when accepted, checks the round trip. Returns whether T accepted it.
//
// An input "y\0x" (a raw NUL is never part of a JSON document) also checks decode_into's reuse:
// decode_into a T that first took y (success or partial failure) must give exactly what a fresh
// decode of x gives. Without a NUL, x is the whole input and y is x itself.
template <class T>
bool round_trip(std::string_view input)
{
    std::string_view bytes = input;
    std::string_view previous = input;
    if (auto const nul = input.find('\0'); nul != std::string_view::npos) {
        previous = input.substr(0, nul);
        bytes = input.substr(nul + 1);
    }
    T reused{};
    (void)apibind::json::decode_into(reused, previous);
    differential<T>(bytes, apibind::json::decode_options{}, &reused);
    auto into = apibind::json::decode_into(reused, bytes);

    auto first = apibind::json::decode<T>(bytes);
    if (!first) {
        check_error(first.error());
        if (into) violation("decode_into into a used value accepted what decode refuses", bytes, apibind::json::encode(reused));
        return false;
    }
    std::string const s1 = apibind::json::encode(*first);
    auto second = apibind::json::decode<T>(s1);
    if (!second) violation("decode(encode(decode(x))) failed", s1, to_string(second.error()));
    std::string const s2 = apibind::json::encode(*second);
    if (s1 != s2) violation("encode(decode(encode(decode(x)))) differs from encode(decode(x))", s1, s2);

    // decode_into on a value that already holds data (the steady-loop path) gives the same result.
    if (!into) violation("decode_into into a used value failed where decode succeeded", bytes, to_string(into.error()));
    std::string const s3 = apibind::json::encode(reused);
    if (s3 != s1) violation("decode_into into a used value differs from a fresh decode", s1, s3);
    return true;
}

}  // namespace apibind_fuzz

#endif
